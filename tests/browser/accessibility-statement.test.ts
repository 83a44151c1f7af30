import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('the accessibility statement', () => {
	let server: TestServer;
	let browser: Browser;
	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('is linked from every page, readable signed out, in Swedish and English, and axe-clean', async () => {
		const { page, errors } = await newPerson(browser);
		await page.goto(`${server.url}/logga-in`);
		await page.getByRole('link', { name: 'Tillgänglighet' }).click();
		await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
		expect(page.url()).toMatch(/\/tillganglighet$/);
		for (const heading of ['Kända brister', 'Rapportera en brist', 'Tillsyn']) {
			await page.getByRole('heading', { level: 2, name: heading }).waitFor();
		}
		expect(await page.locator('main').innerText()).toContain('WCAG 2.1');
		expect(await page.getByRole('link', { name: /DIGG/ }).getAttribute('href')).toBe(
			'https://www.digg.se/tdosanmalan'
		);
		await expectAccessible(page, 'the accessibility statement');
		await page.getByLabel('Språk').selectOption('en');
		await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
		await expectAccessible(page, 'the accessibility statement in English');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
