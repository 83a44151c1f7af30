import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerEveryQuestion,
	expectAccessible,
	launchBrowser,
	newPerson
} from '../support/browser.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const PHONE = { width: 390, height: 844 };
/** The limit of the template's free-text questions, and a text 20 characters over it. */
const LIMIT = 2000;
const TOO_LONG = 'Trygg i akuta lägen. '.repeat(97).slice(0, LIMIT + 20);
const RELATIVE_HELP = /^Bedöm i relation till förväntad nivå/;

// A specialist fills in her form about one trainee on her phone, at 390×844, from the list of
// her forms to the confirmation, with a free text that grows too long on the way.
describe('a form filled in and submitted on a phone', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let link: string;
	const errors: string[] = [];

	const bar = () => page.locator('.submit-bar');
	const progress = () => page.locator('[data-progress]');

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		const { client } = await setUpFacilitator(server);
		const opened = await openSpecialistkollegium(server, client);
		const karin = opened.detail.participants.find(
			(p: { name: string }) => p.name === 'Karin Holmlund'
		);
		link = opened.links.find((l) => l.participantId === karin.id)?.url ?? '';
		browser = await launchBrowser();
		const person = await newPerson(browser, { mobile: true });
		({ context, page } = person);
		page.on('pageerror', (error) => errors.push(error.message));
		expect(page.viewportSize()).toEqual(PHONE);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('lists the forms to fill in and opens one', async () => {
		await page.goto(link);
		await page.getByRole('heading', { name: 'Formulär att fylla i' }).waitFor();
		expect(await page.getByRole('link', { name: /^Fyll i\W+Om Sara Lindholm$/ }).count()).toBe(1);
		expect(await page.getByText(/^Svara senast/).count()).toBe(1);
		await page.getByRole('link', { name: /^Fyll i\W+Om Sara Lindholm$/ }).click();
		await page.getByRole('heading', { level: 2, name: 'Om Sara Lindholm' }).waitFor();
		expect(await page.title()).toBe('Om Sara Lindholm – Specialistkollegium HT – Kollegium');
	});

	it('lists what is missing by the questions’ own words, and lets one fix it in peace', async () => {
		await page.getByRole('button', { name: 'Skicka in' }).click();
		const summary = page.locator('.error-summary');
		await summary.waitFor();
		expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
		const entries = (await summary.locator('li').allTextContents()).map((text) => text.trim());
		expect(entries.length).toBeGreaterThan(10);
		expect(entries[0]).toBe(
			'Hur mycket har du arbetat med ST-läkaren det senaste halvåret? Frågan behöver ett svar.'
		);
		expect(entries.filter((text) => text.includes('?:'))).toEqual([]);
		// Answering one question takes its entry away; the focus stays where one answers.
		const first = page.locator('input[name="mk-anamnes"]').first();
		await first.check();
		await expect.poll(() => summary.locator('li').count()).toBe(entries.length - 1);
		expect(await first.evaluate((element) => element === document.activeElement)).toBe(true);
		await expectAccessible(page, 'phone form with what is missing');
	});

	it('says a help text the questions of a section share once, under the section’s heading', async () => {
		const medical = page.locator('section.card', {
			has: page.getByRole('heading', { name: 'Medicinsk kompetens' })
		});
		expect(await medical.locator('fieldset').count()).toBeGreaterThan(2);
		const helps = await medical.locator('.help').allTextContents();
		expect(helps.filter((text) => RELATIVE_HELP.test(text.trim()))).toHaveLength(1);
		for (const section of await page.locator('section.card').all()) {
			const texts = (await section.locator('.help:not([data-count])').allTextContents()).map((t) =>
				t.trim()
			);
			expect(new Set(texts).size, texts.join(' | ')).toBe(texts.length);
		}
	});

	it('shows how many questions are answered, as one answers', async () => {
		expect(await progress().textContent()).toMatch(/^\s*1 av 23 besvarade\s*$/);
		await page.locator('input[name="samarbete"][value="mycket"]').check();
		await expect.poll(() => progress().textContent()).toMatch(/^\s*2 av 23 besvarade\s*$/);
		expect(await progress().isVisible()).toBe(true);
	});

	it('counts a free text against its limit while typing, and marks it when too long', async () => {
		const field = page.locator('#q-styrkor');
		await field.fill('Trygg i akuta lägen.');
		const count = page.locator('#q-styrkor-count');
		expect(await count.textContent()).toBe(`20 / 2\u00a0000 tecken`);
		await field.fill(TOO_LONG);
		await expect.poll(() => count.textContent()).toBe(`2\u00a0020 / 2\u00a0000 tecken`);
		expect(await field.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#q-styrkor-error').textContent()).toBe(
			'Texten är 20 tecken för lång. Korta den för att kunna skicka in.'
		);
		expect(await field.getAttribute('aria-describedby')).toContain('q-styrkor-count');
		// Said to a screen reader once typing pauses, not at every keystroke.
		const spoken = page.locator('#q-styrkor ~ [aria-live="polite"]');
		expect(await spoken.textContent()).toBe('');
		await expect.poll(() => spoken.textContent(), { timeout: 4000 }).toContain('2\u00a0020');
		await expectAccessible(page, 'phone form with a text too long');
	});

	it('keeps saving the other answers while one text is too long', async () => {
		await answerEveryQuestion(page);
		await page.locator('#q-utvecklingsomraden').fill('Handledning av underläkare.');
		const saved = page.waitForResponse(
			(r) => r.request().method() === 'PUT' && r.url().includes('/api/respond/responses/')
		);
		await page.locator('#q-ovrigt').fill('Bra att ha henne på jouren.');
		expect((await saved).status()).toBe(200);
		await page.locator('[data-save-state="saved"]').waitFor();
		expect(await bar().textContent()).toContain(
			'Ett svar som är för långt sparas när det har kortats.'
		);
		expect(await progress().textContent()).toMatch(/^\s*23 av 23 besvarade\s*$/);

		// This browser keeps the whole text: a reload shows it, still too long.
		await page.reload();
		await page.locator('#q-styrkor').waitFor();
		expect(await page.locator('#q-styrkor').inputValue()).toBe(TOO_LONG);

		// The server has every other answer: with this browser's copy gone, they come back.
		const form = page.url();
		await page.goto(new URL('/logga-in', form).href);
		await page.evaluate(() => localStorage.clear());
		await page.goto(form);
		await page.locator('#q-ovrigt').waitFor();
		expect(await page.locator('#q-ovrigt').inputValue()).toBe('Bra att ha henne på jouren.');
		expect(await page.locator('input[type=radio]:checked').count()).toBe(20);
		expect(await page.locator('#q-styrkor').inputValue()).toBe('');
	});

	it('confirms a submit at the top of the screen, with what was sent and until when it can change', async () => {
		await page.locator('#q-styrkor').fill('Trygg i akuta lägen.');
		await page.getByRole('button', { name: 'Skicka in' }).click();
		const notice = page.locator('[data-submitted-notice]');
		await page.getByRole('heading', { name: 'Tack! Dina svar är inskickade.' }).waitFor();
		const box = await notice.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
		expect(await notice.evaluate((element) => element.contains(document.activeElement))).toBe(true);
		const text = (await notice.textContent()) ?? '';
		expect(text).toContain('Om Sara Lindholm');
		expect(text).toMatch(/Du kan ändra svaren fram till \d+ \w+ \d{4}/);
		expect(text).toContain('Kvar att skicka in: Om Jonas Bergstedt.');

		const state = page.locator('[data-save-state]');
		expect(await state.getAttribute('data-save-state')).toBe('saved');
		expect(await state.textContent()).toMatch(/^\s*Inskickat \d{2}:\d{2}\s*$/);
		await page.waitForTimeout(1500);
		expect(await bar().textContent()).not.toContain('Sparar utkast');
		expect(await page.getByRole('button', { name: 'Skicka in ändringarna' }).count()).toBe(1);
		await expectAccessible(page, 'phone form just submitted');
	});

	it('offers to change the submitted form, and to fill in the one left', async () => {
		await page.getByRole('link', { name: 'Till alla formulär' }).click();
		await page.getByRole('heading', { name: 'Formulär att fylla i' }).waitFor();
		await page.getByRole('link', { name: /^Ändra\W+Om Sara Lindholm$/ }).waitFor();
		expect(await page.getByRole('link', { name: /^Fyll i\W+Om Jonas Bergstedt$/ }).count()).toBe(1);
		expect(await page.getByText('Inskickat', { exact: true }).count()).toBe(1);
		await expectAccessible(page, 'phone list of forms after a submit');
		expect(errors).toEqual([]);
		await context.close();
	});
});
