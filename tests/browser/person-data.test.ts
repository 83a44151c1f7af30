import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { holdKollegium, ratedAll } from '../support/trainee-history.ts';

// #13: a studierektor exports one person's data from the register and, after the training,
// removes them behind a dialog that says what goes; the administrator sees what retention
// removes next.

describe("one person's data and retention, through the pages", () => {
	let server: TestServer;
	let browser: Browser;
	let page: Page;
	let eva: ApiClient;
	let clinicId: string;
	let errors: string[];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		clinicId = (await eva.get('/auth/me')).json.clinics[0].clinicId;
		const saga = await eva.post(`/clinics/${clinicId}/people`, {
			kind: 'trainee',
			name: 'Saga Ek',
			email: 'saga.ek@example.org',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		});
		expect(saga.status, saga.text).toBe(201);
		const held = await holdKollegium(server, {
			facilitator: eva,
			clinicId,
			personId: saga.json.id,
			title: 'Specialistkollegium VT',
			answers: (form, name) => ratedAll(form, 3, name),
			plans: [completePlan()]
		});
		eva = held.facilitator;
		browser = await launchBrowser();
		const person = await newPerson(browser);
		page = person.page;
		errors = person.errors;
		await page.goto(`${server.url}/logga-in`);
		await page.getByLabel('E-postadress').fill('eva@example.org');
		await page.getByLabel('Lösenord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('shows the administrator each kind of data, its period and what goes next', async () => {
		await page.goto(`${server.url}/admin`);
		const panel = page.locator('[data-panel="retention"]');
		await panel.getByRole('heading', { name: 'Gallring' }).waitFor();
		const results = panel.locator('tr[data-kind="results"]');
		await results.getByText('730 dagar efter mötesdagen').waitFor();
		await expect.poll(() => results.textContent()).toContain('Specialistkollegium VT');
		await expect
			.poll(() => panel.locator('tr[data-kind="plans"]').textContent())
			.toContain('3650 dagar efter att planen blev slutlig');
		await expectAccessible(page, 'the administration page with retention');
	});

	it('exports everything about Saga as a JSON file from her row', async () => {
		await page.goto(`${server.url}/personer`);
		await page.getByRole('heading', { name: /ST-läkare/ }).waitFor();
		await expectAccessible(page, 'the register with the person data actions');
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: /^Exportera uppgifter\W+Saga Ek$/ }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^Uppgifter om Saga Ek \d{4}-\d{2}-\d{2}\.json$/);
		const data = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
		expect(data.person.name).toBe('Saga Ek');
		expect(data.kollegier.map((k: { title: string }) => k.title)).toEqual([
			'Specialistkollegium VT'
		]);
	});

	it('asks before removing her, saying what goes and what stays; Escape keeps her', async () => {
		const erase = page.getByRole('button', {
			name: /^Radera allt om personen\W+Saga Ek$/
		});
		await erase.focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Ta bort Saga Ek och deras uppgifter?' });
		await dialog.waitFor();
		await expect.poll(() => dialog.getByText(/självskattningen, planerna/).isVisible()).toBe(true);
		await expect.poll(() => dialog.getByText(/Det går inte att ångra/).isVisible()).toBe(true);
		// The safe choice has the focus.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
			.toBe('Avbryt');
		await expectAccessible(page, 'the erase dialog');
		await page.keyboard.press('Escape');
		await expect.poll(() => dialog.isVisible()).toBe(false);
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
			.toBe('Radera allt om personen: Saga Ek');
		const people = (await eva.get(`/clinics/${clinicId}/people`)).json as { name: string }[];
		expect(people.map((p) => p.name)).toContain('Saga Ek');
	});

	it('removes her for good once confirmed, and her row goes', async () => {
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Ta bort Saga Ek och deras uppgifter?' });
		await dialog.getByRole('button', { name: 'Ta bort för gott' }).click();
		await dialog
			.getByRole('status')
			.getByText('Saga Ek och deras uppgifter är borttagna.')
			.waitFor();
		await dialog.getByRole('button', { name: 'Stäng' }).click();
		await expect.poll(() => page.locator('tr[data-person="Saga Ek"]').count()).toBe(0);
		const people = (await eva.get(`/clinics/${clinicId}/people`)).json as { name: string }[];
		expect(people.map((p) => p.name)).not.toContain('Saga Ek');
		const log = (await eva.get('/audit')).json as { action: string; actor: { name: string } }[];
		expect(log.find((entry) => entry.action === 'personErased')?.actor.name).toBe(
			'Eva Studierektorsson'
		);
		expect(errors).toEqual([]);
	});
});
