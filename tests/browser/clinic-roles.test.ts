import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague, createClinic, type Colleague } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { ownClinicOf, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

async function signIn(page: Page, server: TestServer, email: string) {
	await page.goto(`${server.url}/logga-in`);
	await page.getByLabel('E-postadress').fill(email);
	await page.getByLabel('Lösenord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Logga in' }).click();
	await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
}

// One clinic's kollegium as its colleagues meet it: a second studierektor runs the meeting the
// first prepared, the verksamhetschef reads the result but never the control, and a
// studierektor of another clinic finds nothing at all.
describe('colleagues of a clinic, and of another', () => {
	let server: TestServer;
	let browser: Browser;
	let kollegiumId = '';
	let eva: ApiClient;
	let olle: Colleague;
	let vera: Colleague;
	let bo: Colleague;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		({ client: eva } = await setUpFacilitator(server));
		const clinicId = await ownClinicOf(eva);
		olle = await addColleague(server, eva, {
			name: 'Olle Biträdande',
			email: 'olle@example.org',
			role: 'studierektor',
			clinicId
		});
		vera = await addColleague(server, eva, {
			name: 'Vera Verksamhetschef',
			email: 'vera@example.org',
			role: 'reader',
			clinicId
		});
		const other = await createClinic(eva, 'Kirurgkliniken');
		bo = await addColleague(server, eva, {
			name: 'Bo Annanklinik',
			email: 'bo@example.org',
			role: 'studierektor',
			clinicId: other
		});
		const live = await liveSpecialistkollegium(server, eva, { start: false });
		kollegiumId = live.id;
		await eva.post(`/kollegier/${kollegiumId}/close-answering`);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('lets a second studierektor of the clinic start and run the meeting the first prepared', async () => {
		const { page, errors } = await newPerson(browser);
		await signIn(page, server, olle.email);
		await page.getByRole('link', { name: 'Specialistkollegium HT' }).first().waitFor();
		await page.goto(`${server.url}/kollegier/${kollegiumId}/forberedelse`);
		await page.getByRole('button', { name: 'Starta mötet' }).first().click();
		await page.getByRole('heading', { name: 'Dagordning' }).waitFor();
		await page.getByRole('button', { name: 'Nästa' }).click();
		await page.getByRole('button', { name: 'Visa för rummet' }).click();
		await expect
			.poll(async () => await page.getByRole('button', { name: 'Visa för rummet' }).isDisabled())
			.toBe(true);
		await page.goto(`${server.url}/kollegier/${kollegiumId}`);
		await page.getByText('Olle Biträdande').first().waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('lets a läsare read the kollegium and the plans, but not drive the meeting or see progress', async () => {
		const { page } = await newPerson(browser);
		await signIn(page, server, vera.email);
		expect(await page.getByRole('link', { name: 'Nytt kollegium' }).count()).toBe(0);
		await page.goto(`${server.url}/kollegier/${kollegiumId}`);
		await page.getByRole('heading', { level: 1, name: 'Specialistkollegium HT' }).waitFor();
		expect(await page.getByRole('button', { name: 'Öppna för svar' }).count()).toBe(0);
		await expectAccessible(page, 'the kollegium as a läsare');
		await page.goto(`${server.url}/kollegier/${kollegiumId}/mote`);
		await page.getByText('Mötet styrs av klinikens studierektorer.', { exact: false }).waitFor();
		expect(await page.getByRole('button', { name: 'Visa för rummet' }).count()).toBe(0);

		// Once the meeting is over the läsare reads the plans, and cannot mark one final.
		expect((await eva.post(`/kollegier/${kollegiumId}/status`, { status: 'closed' })).status).toBe(
			200
		);
		await page.goto(`${server.url}/kollegier/${kollegiumId}/dokument`);
		await page.getByRole('heading', { name: 'Utvecklingsplan' }).first().waitFor();
		expect(await page.getByRole('button', { name: /Markera/ }).count()).toBe(0);
		await expectAccessible(page, 'the plans as a läsare');
		await page.context().close();
	});

	it('shows a studierektor of another clinic nothing of it, as if it did not exist', async () => {
		const { page } = await newPerson(browser);
		await signIn(page, server, bo.email);
		expect(await page.getByText('Specialistkollegium HT').count()).toBe(0);
		for (const path of ['', '/forberedelse', '/mote', '/dokument', '/visning']) {
			await page.goto(`${server.url}/kollegier/${kollegiumId}${path}`);
			// The page is not found, or the live views are refused as if there were no kollegium.
			await page
				.getByText(
					/Sidan finns inte\.|Kollegiet finns inte, eller så hör det till en klinik du inte är med i\./
				)
				.first()
				.waitFor({ timeout: 5000 });
			expect(await page.getByText('Sara Lindholm').count()).toBe(0);
		}
		await page.context().close();
	});
});
