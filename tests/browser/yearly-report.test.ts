import { swedishDay } from '@kollegium/model';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { kollegiumInput, ownClinicOf, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The yearly report page of a clinic with one specialistkollegium held this year (one trainee
// of two assessed) and one held last year (both assessed).

const thisYear = Number(swedishDay(new Date()).slice(0, 4));
const lastYear = thisYear - 1;

describe('the yearly report page', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let clinicId: string;

	/** A specialistkollegium with register trainees, held (live) at `startsAt`. */
	async function held(startsAt: Date, personIds: string[]) {
		await setClock(new Date(startsAt.getTime() - 3 * 86_400_000));
		const input = kollegiumInput(server, {
			startsAt: startsAt.toISOString(),
			answerDeadline: new Date(startsAt.getTime() - 86_400_000).toISOString()
		});
		const created = await eva.post(`/kollegier?clinicId=${clinicId}`, input);
		expect(created.status, created.text).toBe(201);
		const id = created.json.id as string;
		const picked = await eva.post(`/kollegier/${id}/people`, {
			people: personIds.map((personId) => ({ personId, roles: [] }))
		});
		expect(picked.status, picked.text).toBe(201);
		await eva.post(`/kollegier/${id}/participants`, {
			name: 'Karin Holmlund',
			roles: ['assessor']
		});
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		await setClock(new Date(startsAt.getTime() + 60_000));
		const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
		expect(live.status, live.text).toBe(200);
	}

	/** Moves the server's clock, and signs Eva in again: her session may have expired meanwhile. */
	async function setClock(date: Date) {
		server.clock.set(date);
		const login = await eva.post('/auth/login', { email: 'eva@example.org', password: PASSWORD });
		expect(login.status, login.text).toBe(200);
	}

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		eva = (await setUpFacilitator(server)).client;
		clinicId = await ownClinicOf(eva);
		const trainee = async (name: string, regulation: string) =>
			(
				await eva.post(`/clinics/${clinicId}/people`, {
					kind: 'trainee',
					name,
					specialty: 'Internmedicin',
					stStart: `${lastYear - 2}-09-01`,
					regulation
				})
			).json.id as string;
		const sara = await trainee('Sara Lindholm', 'HSLF-FS 2021:8');
		const jonas = await trainee('Jonas Bergstedt', 'SOSFS 2015:8');
		await held(new Date(`${lastYear}-06-01T10:00:00Z`), [sara, jonas]);
		await held(new Date(Date.now() - 120_000), [sara]);
		await setClock(new Date());
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('shows the figures of this year, and last year chosen by keyboard', async () => {
		const { page, errors } = await newPerson(browser);
		await page.goto(`${server.url}/logga-in`);
		await page.getByLabel('E-postadress').fill('eva@example.org');
		await page.getByLabel('Lösenord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();

		await page.getByRole('link', { name: 'Årsrapport' }).click();
		await page.getByRole('heading', { level: 1, name: `Årsrapport ${thisYear}` }).waitFor();
		// Swedish puts a no-break space before the per cent sign.
		const textOf = async (selector: string) =>
			(await page.locator(selector).innerText()).replace(/\s+/g, ' ');
		expect(await textOf('[data-share="assessed"]')).toContain('50 % (1 av 2)');
		expect(await page.locator('tr[data-figure="specialistkollegier.held"] td').innerText()).toBe(
			'1'
		);
		expect(await page.locator('[data-count="trainees"]').innerText()).toContain(
			'varav 1 enligt SOSFS 2015:8'
		);
		await page.getByText('Så räknas siffrorna').waitFor();
		expect(
			await page.getByRole('link', { name: 'Ladda ner som CSV (Excel)' }).getAttribute('href')
		).toBe(`/api/clinics/${clinicId}/report/${thisYear}/report.csv`);
		await expectAccessible(page, `the yearly report of ${thisYear}`);

		// Last year, with the keyboard only: the year list is newest first.
		await page.getByLabel('År', { exact: true }).focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { level: 1, name: `Årsrapport ${lastYear}` }).waitFor();
		expect(new URL(page.url()).searchParams.get('ar')).toBe(String(lastYear));
		expect(await textOf('[data-share="assessed"]')).toContain('100 % (2 av 2)');
		expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe(String(lastYear));
		await expectAccessible(page, `the yearly report of ${lastYear}`);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
