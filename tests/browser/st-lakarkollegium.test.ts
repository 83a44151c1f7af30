import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerEveryQuestion,
	expectAccessible,
	launchBrowser,
	newPerson
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
	addParticipant,
	createKollegium,
	openAndCreateLinks,
	setUpThroughLink
} from '../support/ui.ts';

// Trainees give feedback on their supervisors and the clinic; the studierektor sees only who.
describe('an ST-läkarkollegium from setup link to progress', () => {
	let server: TestServer;
	let browser: Browser;
	let facilitator: Page;
	let links: Record<string, string> = {};

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		facilitator = (await newPerson(browser)).page;
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('sets up an ST-läkarkollegium with two supervisors and three trainees, and opens it', async () => {
		await setUpThroughLink(facilitator, server.setupLink);
		await createKollegium(facilitator, {
			kind: 'st-lakarkollegium',
			title: 'ST-läkarkollegium HT'
		});
		expect(
			await facilitator.getByText('ST-läkarna svarar också om kliniken som helhet.').isVisible()
		).toBe(true);
		for (const name of ['Karin Holmlund', 'Peter Sjövik']) {
			await facilitator.locator('#subject-name').fill(name);
			await facilitator.getByRole('button', { name: 'Lägg till handledare' }).click();
			await facilitator.getByRole('cell', { name, exact: true }).waitFor();
		}
		for (const name of ['Sara Lindholm', 'Jonas Bergstedt', 'Maja Ekström']) {
			await addParticipant(facilitator, name, /^ST-läkare$/);
		}
		links = await openAndCreateLinks(facilitator);
		expect(Object.keys(links).sort()).toEqual(['Jonas Bergstedt', 'Maja Ekström', 'Sara Lindholm']);
		await expectAccessible(facilitator, 'ST-läkarkollegium page');
	});

	it('asks a trainee about the clinic and each supervisor, points out a missing answer and keeps a draft', async () => {
		const { page } = await newPerson(browser, { mobile: true });
		await page.goto(links['Sara Lindholm'] ?? '');
		for (const heading of [
			'Medicinkliniken',
			'Handledare: Karin Holmlund',
			'Handledare: Peter Sjövik'
		]) {
			await page.getByText(heading, { exact: true }).waitFor();
		}
		await page.getByRole('link', { name: /Medicinkliniken/ }).click();
		await page.getByRole('button', { name: 'Skicka in' }).click();
		const error = page.locator('#q-intro-start-error');
		await error.waitFor();
		expect(await error.textContent()).toBe('Frågan behöver ett svar.');
		await expectAccessible(page, 'clinic form with errors');

		await page
			.locator('#q-klinik-fungerar-bra')
			.fill('Bra introduktion och schemalagd handledning.');
		await page.locator('[data-save-state="saved"]').waitFor();
		await page.reload();
		await page.locator('#q-klinik-fungerar-bra').waitFor();
		expect(await page.locator('#q-klinik-fungerar-bra').inputValue()).toBe(
			'Bra introduktion och schemalagd handledning.'
		);
		await page.context().close();
	});

	it('takes two trainees\u2019 answers, including "I have not had this supervisor"', async () => {
		for (const name of ['Sara Lindholm', 'Jonas Bergstedt']) {
			const { page, errors } = await newPerson(browser);
			await page.goto(links[name] ?? '');
			for (const form of [
				'Medicinkliniken',
				'Handledare: Karin Holmlund',
				'Handledare: Peter Sjövik'
			]) {
				await page.getByRole('link', { name: new RegExp(form) }).click();
				if (name === 'Sara Lindholm' && form === 'Medicinkliniken') {
					// Sara's draft was written on her phone: here she can only start over.
					await page.getByRole('button', { name: 'Börja om här' }).click();
				}
				if (name === 'Jonas Bergstedt' && form.includes('Peter')) {
					await page
						.getByLabel(/Jag har inte haft handledning eller instruktion av Peter Sjövik/)
						.check();
				} else {
					await answerEveryQuestion(page, 3);
				}
				await page.getByRole('button', { name: /Skicka in/ }).click();
				await page.getByText(/Tack! Dina svar är inskickade/).waitFor();
				await page.getByRole('link', { name: 'Till alla formulär' }).click();
			}
			await expect.poll(() => page.getByText('Inskickat', { exact: true }).count()).toBe(3);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	});

	it('shows the studierektor counts and who is not finished, never names per supervisor', async () => {
		await facilitator.reload();
		const clinic = facilitator.locator('[data-progress-subject="Medicinkliniken"]');
		await expect.poll(() => clinic.textContent()).toContain('2 av 3 har svarat');
		const pending = await facilitator.locator('[data-progress-pending]').textContent();
		expect(pending?.trim()).toBe('Maja Ekström');
		const peter = await facilitator.locator('[data-progress-subject="Peter Sjövik"]').textContent();
		expect(peter).toContain('2 av 3 har svarat');
		expect(peter).not.toMatch(/Sara|Jonas/);
		expect(await facilitator.content()).not.toContain('Bra introduktion');
	});

	it('explains an expired link', async () => {
		server.clock.advance(40 * 86_400_000);
		const { page } = await newPerson(browser);
		await page.goto(links['Maja Ekström'] ?? '');
		await page.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
		await expectAccessible(page, 'expired link');
		expect(await page.locator('form').count()).toBe(0);
		await page.context().close();
	});
});
