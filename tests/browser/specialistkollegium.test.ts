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

// One story, step by step, as a studierektor, two specialists and a trainee live it.
describe('a specialistkollegium from setup link to progress', () => {
	let server: TestServer;
	let browser: Browser;
	let facilitator: Page;
	let links: Record<string, string> = {};
	const pageErrors: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		const person = await newPerson(browser);
		facilitator = person.page;
		pageErrors.push(...person.errors);
		person.page.on('pageerror', (error) => pageErrors.push(error.message));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('lets the studierektor create the first account through the one-time setup link', async () => {
		await setUpThroughLink(facilitator, server.setupLink);
		await expectAccessible(facilitator, 'setup done');
		await facilitator.getByRole('link', { name: 'Gå till startsidan' }).click();
		await facilitator.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		expect(await facilitator.getByText('Du har inga kollegier än.').isVisible()).toBe(true);
	});

	it('shows a Swedish message beside the field when the deadline is after the meeting', async () => {
		await facilitator.getByRole('link', { name: 'Nytt kollegium' }).click();
		await facilitator.getByLabel('Rubrik').fill('Specialistkollegium VT');
		await facilitator.getByLabel('Mötets datum och tid').fill('2030-03-10T13:00');
		await facilitator.getByLabel('Sista svarsdag').fill('2030-03-12T13:00');
		await facilitator.getByRole('button', { name: 'Skapa kollegium' }).click();
		const error = facilitator.locator('#k-answerDeadline-error');
		await error.waitFor();
		expect(await error.textContent()).toBe('Sista svarsdag måste vara före mötet.');
		expect(await facilitator.getByLabel('Sista svarsdag').getAttribute('aria-invalid')).toBe(
			'true'
		);
		await expectAccessible(facilitator, 'new kollegium form with an error');
	});

	it('creates a specialistkollegium with two trainees and two specialists, and opens it', async () => {
		await createKollegium(facilitator, {
			kind: 'specialistkollegium',
			title: 'Specialistkollegium HT'
		});
		for (const [name, start] of [
			['Sara Lindholm', '2025-09-01'],
			['Jonas Bergstedt', '2023-02-01']
		] as const) {
			await facilitator.locator('#subject-name').fill(name);
			await facilitator.locator('#subject-specialty').fill('Internmedicin');
			await facilitator.locator('#subject-stStart').fill(start);
			await facilitator.getByRole('button', { name: 'Lägg till ST-läkare' }).click();
			await facilitator
				.getByRole('cell', { name: new RegExp(name) })
				.first()
				.waitFor();
		}
		await addParticipant(facilitator, 'Karin Holmlund');
		await addParticipant(facilitator, 'Peter Sjövik');
		// Karin turns out to be Sara's main supervisor too: edit, don't delete and re-add.
		await facilitator.getByRole('button', { name: /^Redigera\W+Karin Holmlund$/ }).click();
		await facilitator.getByRole('checkbox', { name: 'Handledare' }).check();
		await facilitator.getByRole('button', { name: 'Spara' }).click();
		await facilitator
			.locator('tr[data-participant="Karin Holmlund"]', { hasText: 'Handledare' })
			.waitFor();
		await facilitator.getByRole('button', { name: /^Redigera\W+Sara Lindholm$/ }).click();
		await facilitator.locator('#subject-supervisorId').selectOption({ label: 'Karin Holmlund' });
		await facilitator.getByRole('button', { name: 'Spara' }).click();
		await facilitator.getByRole('row', { name: /Sara Lindholm.*Karin Holmlund/ }).waitFor();

		links = await openAndCreateLinks(facilitator);
		expect(Object.keys(links).sort()).toEqual([
			'Jonas Bergstedt',
			'Karin Holmlund',
			'Peter Sjövik',
			'Sara Lindholm'
		]);
		await expectAccessible(facilitator, 'kollegium page');
	});

	it('points out a required question left unanswered, and keeps a draft across a reload', async () => {
		const { page } = await newPerson(browser, { mobile: true });
		await page.goto(links['Karin Holmlund'] ?? '');
		await page.getByRole('heading', { name: 'Formulär att fylla i' }).waitFor();
		await expectAccessible(page, 'respondent overview');
		await page.getByLabel('Språk').selectOption('en');
		await page.getByRole('heading', { name: 'Forms to fill in' }).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByLabel('Language').selectOption('sv');
		await page.getByRole('heading', { name: 'Formulär att fylla i' }).waitFor();
		await page.getByRole('link', { name: /Om Sara Lindholm/ }).click();
		expect(await page.getByText('Utbildningsmånad').first().textContent()).toMatch(
			/Utbildningsmånad \d+/
		);

		await page.getByRole('button', { name: 'Skicka in' }).click();
		const error = page.locator('#q-samarbete-error');
		await error.waitFor();
		expect(await error.textContent()).toBe('Frågan behöver ett svar.');
		await expectAccessible(page, 'respondent form with errors');

		await page.locator('input[name="samarbete"][value="mycket"]').check();
		await page.locator('#q-styrkor').fill('Trygg i akuta lägen.');
		await page.locator('[data-save-state="saved"]').waitFor();
		await page.reload();
		await page.locator('#q-styrkor').waitFor();
		expect(await page.locator('#q-styrkor').inputValue()).toBe('Trygg i akuta lägen.');
		expect(await page.locator('input[name="samarbete"][value="mycket"]').isChecked()).toBe(true);
		await page.context().close();
	});

	it('takes the answers of two specialists and the trainee through their links', async () => {
		for (const name of ['Karin Holmlund', 'Peter Sjövik']) {
			const { page, errors } = await newPerson(browser);
			await page.goto(links[name] ?? '');
			for (const trainee of ['Sara Lindholm', 'Jonas Bergstedt']) {
				await page.getByRole('link', { name: new RegExp(`Om ${trainee}`) }).click();
				if (name === 'Karin Holmlund' && trainee === 'Sara Lindholm') {
					// Karin began on her phone; this laptop may not read those answers, only start over.
					await page.getByText(/Du har redan påbörjat eller skickat in svar/).waitFor();
					expect(await page.locator('input[name="samarbete"]').first().isDisabled()).toBe(true);
					await page.getByRole('button', { name: 'Börja om här' }).click();
				}
				await answerEveryQuestion(page);
				await page.getByRole('button', { name: /Skicka in/ }).click();
				await page.getByText(/Tack! Dina svar är inskickade/).waitFor();
				await page.getByRole('link', { name: 'Till alla formulär' }).click();
			}
			await expect.poll(() => page.getByText('Inskickat', { exact: true }).count()).toBe(2);
			expect(errors).toEqual([]);
			await page.context().close();
		}
		const { page } = await newPerson(browser);
		await page.goto(links['Sara Lindholm'] ?? '');
		await page.getByRole('heading', { name: /Självskattning: Sara Lindholm/ }).waitFor();
		expect(await page.locator('input[name="samarbete"]').count()).toBe(0);
		await answerEveryQuestion(page, 3);
		await page.getByRole('button', { name: 'Skicka in' }).click();
		await page.getByText(/Tack! Dina svar är inskickade/).waitFor();
		await page.context().close();
	});

	it('shows the studierektor who has answered, live, and never what', async () => {
		const sara = facilitator.locator('[data-progress-subject="Sara Lindholm"]');
		await expect.poll(() => sara.textContent()).toContain('2 av 2 har svarat');
		expect(await sara.textContent()).toContain('inskickad');
		const pending = await facilitator.locator('[data-progress-pending]').textContent();
		expect(pending).toContain('Jonas Bergstedt');
		expect(pending).not.toContain('Karin Holmlund');
		expect(await facilitator.content()).not.toContain('Trygg i akuta lägen.');
		expect(pageErrors).toEqual([]);
	});

	it('signs the studierektor out and back in, slowing nobody down for one typo', async () => {
		await facilitator.getByRole('button', { name: 'Logga ut' }).click();
		await facilitator.getByRole('heading', { name: 'Logga in' }).waitFor();
		await expectAccessible(facilitator, 'sign-in page');
		await facilitator.getByLabel('E-postadress').fill('eva@example.org');
		await facilitator.getByLabel('Lösenord').fill('fel lösenord');
		await facilitator.getByRole('button', { name: 'Logga in' }).click();
		await facilitator.getByText('Fel e-postadress eller lösenord.').waitFor();
		await facilitator.getByLabel('Lösenord').fill('ett riktigt långt lösenord');
		await facilitator.getByRole('button', { name: 'Logga in' }).click();
		await facilitator.getByRole('link', { name: 'Specialistkollegium HT' }).waitFor();
		await expectAccessible(facilitator, 'home page');
	});

	it('explains an expired link instead of showing the form', async () => {
		server.clock.advance(40 * 86_400_000);
		const { page } = await newPerson(browser);
		await page.goto(links['Peter Sjövik'] ?? '');
		await page.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
		expect(await page.getByText(/be studierektorn om en ny/).isVisible()).toBe(true);
		await expectAccessible(page, 'expired link');
		await page.context().close();
	});
});
