import { readFileSync } from 'node:fs';
import { catalogues } from '@kollegium/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { colleagueClient } from '../support/accounts.ts';
import { PASSWORD, kollegiumInput, setUpFacilitator, ownClinicOf } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createKollegium } from '../support/ui.ts';

const SPECIALISTS = [
	'Karin Holmlund',
	'Peter Sjövik',
	'Amira Nordqvist',
	'Lars Ekström',
	'Maja Berglund',
	'Omar Haddad',
	'Ingrid Falk',
	'Tomas Wikner',
	'Helena Dahl',
	'Jens Alm',
	'Sofia Rydén',
	'Erik Lundgren'
];
const TRAINEES = [
	'Sara Lindholm',
	'Jonas Bergstedt',
	'Lina Åkesson',
	'David Mäkinen',
	'Nora Lindqvist',
	'Ali Rahimi'
];
const OBSERVERS = ['Birgitta Strand', 'Anders Moberg'];
const emailOf = (name: string) =>
	`${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(' ', '.')}@example.org`;

/** A register of 20: twelve specialists, six trainees (each with a handledare), two observers. */
function peopleCsv(brokenEmail: string): string {
	const rows = [
		'typ;namn;e-post;titel;specialitet;st-start;föreskrift;ledighet_månader;handledare',
		...SPECIALISTS.map((name) => `specialist;${name};${emailOf(name)};Överläkare;;;;;`),
		...TRAINEES.map(
			(name, i) =>
				`st-läkare;${name};${i === 2 ? brokenEmail : emailOf(name)};;Internmedicin;2024-0${i + 1}-01;HSLF-FS 2021:8;0;${emailOf(SPECIALISTS[i] ?? '')}`
		),
		...OBSERVERS.map((name) => `observatör;${name};${emailOf(name)};Klinikchef;;;;;`)
	];
	return `${rows.join('\n')}\n`;
}
// Lina Åkesson: header line 1, twelve specialists on lines 2–13, the trainees from line 14.
const BROKEN_LINE = 16;

async function signIn(page: Page, server: TestServer, email: string) {
	await page.goto(`${server.url}/logga-in`);
	await page.getByLabel('E-postadress').fill(email);
	await page.getByLabel('Lösenord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Logga in' }).click();
	await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
}

// A studierektor enters the clinic's people once, from a file, and picks them into a kollegium.
describe('the people register', () => {
	let server: TestServer;
	let browser: Browser;
	let page: Page;
	let client: ApiClient;
	let clinicId: string;
	const pageErrors: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		client = (await setUpFacilitator(server)).client;
		clinicId = await ownClinicOf(client);
		browser = await launchBrowser();
		const person = await newPerson(browser);
		page = person.page;
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await signIn(page, server, 'eva@example.org');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('groups the start page by what needs doing and links a studierektor to the register', async () => {
		for (const heading of [
			'Att förbereda (0)',
			'Svar pågår (0)',
			'Redo att köras (0)',
			'Att följa upp (0)',
			'Klart (0)'
		]) {
			await page.getByRole('heading', { name: heading }).waitFor();
		}
		expect(await page.getByText('Medicinkliniken').first().isVisible()).toBe(true);
		expect(await page.getByRole('link', { name: 'Nytt kollegium' }).isVisible()).toBe(true);
		await expectAccessible(page, 'start page');
		await page.getByRole('link', { name: 'Personregister' }).click();
		await page.getByRole('heading', { level: 1, name: 'Personregister' }).waitFor();
	});

	it('previews an import, names the broken row and field, and writes nothing until it is fixed', async () => {
		await page.locator('#import-file').setInputFiles({
			name: 'personer.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(peopleCsv('lina.akesson(at)example.org'))
		});
		const broken = page.locator(`tr[data-line="${BROKEN_LINE}"]`);
		await broken.waitFor();
		expect(await broken.textContent()).toMatch(/Fel.*e-post: /);
		expect(await page.locator('tr[data-line]').count()).toBe(20);
		expect(await page.locator('[data-import-summary]').textContent()).toContain(
			'Rader med fel: 1.'
		);
		const importButton = page.getByRole('button', { name: 'Importera', exact: true });
		expect(await importButton.isDisabled()).toBe(true);
		await expectAccessible(page, 'import preview with an error');

		expect((await client.get(`/clinics/${clinicId}/people`)).json).toEqual([]);
		await page.getByText('Inga specialister i registret än.').waitFor();

		const text = page.getByLabel('Eller klistra in innehållet');
		const csv = await text.inputValue();
		await text.fill(csv.replace('lina.akesson(at)example.org', 'lina.akesson@example.org'));
		await page.getByRole('button', { name: 'Förhandsgranska' }).click();
		await page.getByText('Inga fel: klart att importera.').waitFor();
		await importButton.click();
		await page.getByText('Importen är klar: 20 nya och 0 uppdaterade.').waitFor();

		expect((await client.get(`/clinics/${clinicId}/people`)).json).toHaveLength(20);
		await page.getByRole('heading', { name: 'Specialister (12)' }).waitFor();
		await page.getByRole('heading', { name: 'ST-läkare (6)' }).waitFor();
		await page.getByRole('heading', { name: 'Observatörer (2)' }).waitFor();
		expect(await page.getByRole('row', { name: /Lina Åkesson.*Peter Sjövik/ }).count()).toBe(0);
		expect(await page.getByRole('row', { name: /Lina Åkesson.*Amira Nordqvist/ }).count()).toBe(1);
	});

	it('finds people by search and exports the register as a file', async () => {
		await page.getByLabel('Sök på namn, e-post, titel eller specialitet').fill('lind');
		await page.getByRole('heading', { name: 'ST-läkare (2 av 6)' }).waitFor();
		expect(await page.locator('tr[data-person]').count()).toBe(2);
		await page.getByRole('heading', { name: 'Specialister (0 av 12)' }).waitFor();
		await expectAccessible(page, 'register with a search');
		await page.getByLabel('Sök på namn, e-post, titel eller specialitet').fill('');

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Exportera som CSV' }).click()
		]);
		const file = readFileSync(await download.path(), 'utf8');
		const lines = file.trim().split(/\r\n/);
		expect(lines[0]).toContain('namn');
		expect(lines).toHaveLength(21);
		expect(file).toContain('Lina Åkesson');
	});

	it('adds and removes a person by hand, with a field message beside the field', async () => {
		await page.getByRole('button', { name: 'Lägg till person' }).click();
		await page.getByLabel('Namn', { exact: true }).fill('Ulla Ny');
		await page.getByLabel(/^E-post/).fill('inte en adress');
		await page.getByRole('button', { name: 'Lägg till person' }).last().click();
		const error = page.locator('#person-email-error');
		await error.waitFor();
		expect(await page.getByLabel(/^E-post/).getAttribute('aria-invalid')).toBe('true');
		await page.getByLabel(/^E-post/).fill('ulla.ny@example.org');
		await page.getByRole('button', { name: 'Lägg till person' }).last().click();
		await page.getByText('Ulla Ny lades till i registret.').waitFor();
		await page.getByRole('heading', { name: 'Specialister (13)' }).waitFor();
		await page.getByRole('button', { name: /^Ta bort\W+Ulla Ny$/ }).click();
		await page.getByText('Ulla Ny togs bort ur registret.').waitFor();
		await page.getByRole('heading', { name: 'Specialister (12)' }).waitFor();
	});

	it('creates a kollegium in the clinic and picks trainees and participants from the register', async () => {
		await createKollegium(page, { kind: 'specialistkollegium', title: 'Specialistkollegium HT' });
		await page.getByText('Medicinkliniken').first().waitFor();
		await page.getByText('Eva Studierektorsson').first().waitFor();

		await page.getByRole('button', { name: 'Välj ST-läkare från registret' }).click();
		const trainees = page.locator('#pick-subjects-panel');
		await trainees.getByLabel('Sök i registret').fill('lind');
		await trainees.getByRole('checkbox', { name: /Sara Lindholm/ }).check();
		await trainees.getByRole('checkbox', { name: /Nora Lindqvist/ }).check();
		await trainees.getByRole('button', { name: 'Lägg till valda (2)' }).click();
		await page.getByText('Tillagda från registret: 2.').waitFor();
		for (const name of ['Sara Lindholm', 'Nora Lindqvist']) {
			await page.locator(`tr[data-participant="${name}"]`).waitFor();
			expect(await trainees.getByRole('checkbox', { name: new RegExp(name) }).isDisabled()).toBe(
				true
			);
		}
		expect(await trainees.getByText('Redan tillagd').count()).toBe(2);

		await page.getByRole('button', { name: 'Välj deltagare från registret' }).click();
		const participants = page.locator('#pick-participants-panel');
		for (const name of ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist', 'Birgitta Strand']) {
			await participants.getByLabel('Sök i registret').fill(name.split(' ')[0] ?? '');
			await participants.getByRole('checkbox', { name: new RegExp(name) }).check();
		}
		await participants.getByLabel('Sök i registret').fill('');
		await participants.getByLabel('Roll för Karin Holmlund').selectOption('supervisor');
		expect(await participants.getByLabel('Roll för Birgitta Strand').inputValue()).toBe('observer');
		await participants.getByRole('button', { name: 'Lägg till valda (4)' }).click();
		await page
			.locator('tr[data-participant="Karin Holmlund"]', { hasText: 'Handledare' })
			.waitFor();
		expect(await page.locator('tr[data-participant="Peter Sjövik"]').textContent()).toContain(
			'Specialist (bedömer)'
		);
		expect(await page.locator('tr[data-participant="Birgitta Strand"]').textContent()).toContain(
			'Observatör'
		);
		expect(await participants.getByText('Redan tillagd').count()).toBe(4);
	});

	it('starts each new participant from the default role, after a handledare and an observer', async () => {
		const box = (name: RegExp) => page.locator('fieldset.checks').getByRole('checkbox', { name });
		const expectDefault = async () => {
			expect(await box(/^Specialist \(bedömer\)$/).isChecked()).toBe(true);
			expect(await box(/^Handledare$/).isChecked()).toBe(false);
			expect(await box(/^Observatör/).isChecked()).toBe(false);
		};
		await expectDefault();
		await page.locator('#participant-name').fill('Nils Handledarsson');
		await box(/^Specialist \(bedömer\)$/).uncheck();
		await box(/^Handledare$/).check();
		await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
		await page.locator('tr[data-participant="Nils Handledarsson"]').waitFor();
		await expectDefault();

		await page.locator('#participant-name').fill('Greta Chefsdotter');
		await box(/^Specialist \(bedömer\)$/).uncheck();
		await box(/^Observatör/).check();
		await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
		await page.locator('tr[data-participant="Greta Chefsdotter"]').waitFor();
		await expectDefault();

		await page.locator('#participant-name').fill('Olle Nyström');
		await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
		const olle = page.locator('tr[data-participant="Olle Nyström"]');
		await olle.waitFor();
		expect((await olle.locator('td').nth(1).textContent())?.trim()).toBe('Specialist (bedömer)');
		await expectAccessible(page, 'kollegium page with people from the register');
	});

	it('lists the new kollegium under Att förbereda', async () => {
		await page.goto(`${server.url}/`);
		await page.getByRole('heading', { name: 'Att förbereda (1)' }).waitFor();
		const item = page.locator('[data-stage="prepare"] [data-kollegium="Specialistkollegium HT"]');
		expect(await item.getByRole('link', { name: /Fortsätt förbereda/ }).isVisible()).toBe(true);
		await expectAccessible(page, 'start page with a kollegium');
	});

	it('leaves no Swedish on the register page in English', async () => {
		await page.goto(`${server.url}/personer`);
		await page.getByLabel('Språk').selectOption('en');
		await page.getByRole('heading', { level: 1, name: 'People register' }).waitFor();
		await page.locator('#import-file').setInputFiles({
			name: 'people.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('kind,name,email\nspecialist,Karin Holmlund,karin\n')
		});
		await page.locator('tr[data-line="2"]').waitFor();
		await page.getByRole('button', { name: 'Add person' }).click();
		const shown = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
		expect(swedishIn(shown)).toEqual([]);
		expect(shown).toContain('email: ');
		await expectAccessible(page, 'register in English');
		await page.getByLabel('Language').selectOption('sv');
	});

	it('shows a läsare the kollegier without preparing them, and no register', async () => {
		await colleagueClient(server, client, {
			email: 'verksamhetschef@example.org',
			name: 'Vera Verksamhetschef',
			role: 'reader',
			clinicId
		});
		await client.post('/kollegier', kollegiumInput(server, { title: 'Specialistkollegium VT' }));
		const { page: readerPage } = await newPerson(browser);
		await signIn(readerPage, server, 'verksamhetschef@example.org');
		await readerPage.getByRole('heading', { name: 'Att förbereda (2)' }).waitFor();
		expect(await readerPage.getByRole('link', { name: 'Nytt kollegium' }).count()).toBe(0);
		expect(await readerPage.getByRole('link', { name: 'Personregister' }).count()).toBe(0);
		expect(await readerPage.getByRole('link', { name: /Fortsätt förbereda/ }).count()).toBe(0);
		await readerPage.getByRole('link', { name: 'Specialistkollegium HT' }).click();
		await readerPage.getByRole('heading', { level: 1, name: 'Specialistkollegium HT' }).waitFor();
		expect(await readerPage.getByRole('button', { name: 'Öppna för svar' }).count()).toBe(0);
		expect(await readerPage.getByRole('button', { name: 'Lägg till deltagare' }).count()).toBe(0);
		await readerPage.goto(`${server.url}/kollegier/ny`);
		await readerPage.getByText(/Du är läsare i Medicinkliniken/).waitFor();
		expect(await readerPage.getByRole('button', { name: 'Skapa kollegium' }).count()).toBe(0);
		expect(pageErrors).toEqual([]);
	});
});

/** The Swedish texts of the catalogue (those not the same in English) found in a page's text. */
function swedishIn(text: string): string[] {
	const { sv, en } = catalogues;
	const fragments = new Set<string>();
	for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
		if (sv[key] === en[key]) continue;
		for (const part of sv[key].split(/\{\w+\}/)) {
			const fragment = part.trim().replace(/\s+/g, ' ');
			if (fragment.length >= 3 && !en[key].includes(fragment)) fragments.add(fragment);
		}
	}
	const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return [...fragments].filter((fragment) =>
		new RegExp(`(?<!\\p{L})${escape(fragment)}(?!\\p{L})`, 'u').test(text)
	);
}
