import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// An administrator imports a specialty's c-delmål, and the plan of a trainee of that specialty
// offers them beside the regulation's a and b goals. The titles are made up for the test.

const BAD_FILE = 'kod;titel\nSTc1;Akut internmedicin\nc2;Hjärtsvikt på vårdavdelning\n';
const GOOD_FILE = 'kod;titel\nSTc1;Akut internmedicin\nSTc2;Hjärtsvikt på vårdavdelning\n';
const LIST_NAME = 'c-delmål för Internmedicin (HSLF-FS 2021:8)';
const EDITED_TITLE = 'Hjärtsvikt och förmaksflimmer på vårdavdelning';

describe('c-delmål from import to the plan', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let page: Page;
	let errors: string[];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		browser = await launchBrowser();
		({ page, errors } = await newPerson(browser));
		await page.goto(`${server.url}/logga-in`);
		await page.getByLabel('E-postadress').fill('eva@example.org');
		await page.getByLabel('Lösenord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('names the bad row of a file, and saves the list once it is fixed', async () => {
		await page.goto(`${server.url}/admin`);
		await page.getByRole('link', { name: 'c-delmål per specialitet' }).click();
		await page.getByRole('heading', { level: 1, name: 'c-delmål per specialitet' }).waitFor();
		// The shipped example says it is one.
		const example = page.locator('tr[data-cgoals-list="Internmedicin"]');
		expect(await example.innerText()).toContain('Exempel: c-delmål för Internmedicin');

		await page.getByLabel('Specialitet').fill('Internmedicin');
		await page.getByLabel('Eller klistra in texten').fill(BAD_FILE);
		await page.getByRole('button', { name: 'Förhandsgranska' }).click();
		const bad = page.locator('tr[data-line="3"]');
		await bad.waitFor();
		expect(await bad.innerText()).toContain(
			'kod: Ange en kod som STc1, STc2 … (c-delmål enligt HSLF-FS 2021:8).'
		);
		await page.getByText('1 av raderna behöver rättas innan listan kan sparas.').waitFor();
		expect(await page.getByRole('button', { name: 'Spara listan' }).isDisabled()).toBe(true);
		await expectAccessible(page, 'the c-delmål page with a bad row named');

		await page.getByLabel('Eller klistra in texten').fill(GOOD_FILE);
		await page.getByRole('button', { name: 'Förhandsgranska' }).click();
		await page.getByText('Alla 2 rader är giltiga.').waitFor();
		await page.getByRole('button', { name: 'Spara listan' }).click();
		await page.getByText(`Listan ${LIST_NAME} är sparad.`).waitFor();
		const rows = page.locator('tr[data-cgoals-list="Internmedicin"]');
		expect(await rows.count()).toBe(1);
		expect(await rows.locator('th').innerText()).toBe(LIST_NAME);
		expect(await rows.innerText()).toContain('STc1, STc2');
		await expectAccessible(page, 'the c-delmål page after saving');
		expect(errors).toEqual([]);
	});

	it('edits a title, refusing a code of the other regulation beside its field', async () => {
		await page
			.locator('tr[data-cgoals-list="Internmedicin"]')
			.getByRole('button', { name: /^Ändra/ })
			.click();
		await page.getByRole('heading', { name: `Ändra ${LIST_NAME}` }).waitFor();
		const code = page.locator('#cgoals-edit-1-code');
		await code.fill('c2');
		await page.getByRole('button', { name: 'Spara', exact: true }).click();
		await page.locator('#cgoals-edit-1-code-error').waitFor();
		expect(await page.locator('#cgoals-edit-1-code-error').innerText()).toBe(
			'Ange en kod som STc1, STc2 … (c-delmål enligt HSLF-FS 2021:8).'
		);
		expect(await code.getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page, 'the c-delmål editor with a field at fault');
		await code.fill('STc2');
		await page.locator('#cgoals-edit-1-sv').fill(EDITED_TITLE);
		await page.getByRole('button', { name: 'Spara', exact: true }).click();
		await page.getByText(`Listan ${LIST_NAME} är sparad.`).waitFor();
		const saved = (await eva.get('/catalog/specialty-goals')).json as {
			specialty: string;
			goals: { code: string; title: { sv: string } }[];
		}[];
		expect(saved.find((list) => list.specialty === 'Internmedicin')?.goals[1]).toEqual({
			code: 'STc2',
			title: { sv: EDITED_TITLE }
		});
		expect(errors).toEqual([]);
	});

	it("offers the trainee's specialty's c-delmål in the plan's delmål picker", async () => {
		const live = await liveSpecialistkollegium(server, eva);
		await page.goto(`${server.url}/kollegier/${live.id}/dokument`);
		await page.getByRole('heading', { level: 1, name: 'Dokument och utvecklingsplaner' }).waitFor();
		await page.getByRole('button', { name: '+ Lägg till mål' }).click();
		await page.getByText('Välj delmål').click();
		const own = page.getByRole('group', { name: LIST_NAME });
		await own.waitFor();
		const box = own.getByRole('checkbox', { name: `STc2 ${EDITED_TITLE}` });
		await box.check();
		await page.getByText(`STc2: ${EDITED_TITLE}`).waitFor();
		// The regulation's own goals are still there, before the specialty's.
		expect(await page.getByRole('checkbox', { name: /^STa5 Ledarskap/ }).count()).toBe(1);
		await expectAccessible(page, 'the plan with the c-delmål picker open');
		expect(errors).toEqual([]);
	});

	it("offers the clinic's specialties' c-delmål as a specialistkollegium's focus delmål", async () => {
		const clinics = (await eva.get('/clinics')).json as { id: string; name: string }[];
		const clinic = clinics.find((c) => c.name === 'Medicinkliniken');
		const changed = await eva.put(`/clinics/${clinic?.id}`, {
			name: 'Medicinkliniken',
			specialties: ['Internmedicin']
		});
		expect(changed.status, changed.text).toBe(200);
		await page.goto(`${server.url}/kollegier/ny`);
		await page.getByText('Fokusdelmål').click();
		const own = page.getByRole('group', { name: LIST_NAME });
		await own.getByRole('checkbox', { name: 'STc1 Akut internmedicin' }).check();
		await expectAccessible(page, 'the new kollegium form with c-delmål as focus delmål');
		// An ST-läkarkollegium assesses no trainee: no specialty's goals to focus on.
		await page.getByLabel(/ST-läkarkollegium/).check();
		expect(await page.getByRole('group', { name: LIST_NAME }).count()).toBe(0);
		expect(errors).toEqual([]);
	});
});
