import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('the audit log page', () => {
	let server: TestServer;
	let browser: Browser;
	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		await setUpFacilitator(server);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('shows an administrator who signed in and who failed to, and offers the CSV', async () => {
		const { page, errors } = await newPerson(browser);
		await page.goto(`${server.url}/logga-in`);
		await page.getByLabel('E-postadress').fill('eva@example.org');
		await page.getByLabel('Lösenord').fill('inte det rätta lösenordet');
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByText('Fel e-postadress eller lösenord.').first().waitFor();
		await page.getByLabel('Lösenord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();

		await page.goto(`${server.url}/admin`);
		await page.getByRole('link', { name: 'Granskningslogg' }).click();
		await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
		await page.locator('tr[data-audit="signInFailed"]').first().waitFor();
		expect(await page.locator('tr[data-audit="signInFailed"]').first().innerText()).toContain(
			'eva@example.org'
		);
		expect(await page.locator('tr[data-audit="signedIn"]').first().innerText()).toContain(
			'Eva Studierektorsson'
		);
		expect(
			await page.getByRole('link', { name: 'Ladda ner hela loggen som CSV' }).getAttribute('href')
		).toBe('/api/audit.csv');
		await expectAccessible(page, 'the audit log');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
