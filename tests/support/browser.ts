import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu']
	});
}

/** A separate person: own cookies and storage. Page errors fail the test. */
export async function newPerson(
	browser: Browser,
	options: { mobile?: boolean } = {}
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({
		viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
		locale: 'sv-SE',
		timezoneId: 'Europe/Stockholm'
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('dialog', (dialog) => void dialog.accept());
	return { context, page, errors };
}

/** axe-core against WCAG 2.1 A and AA; a violation fails with its id and the elements. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	// Not a WCAG tag in axe, but what a screen-reader user navigates by first (#13's statement).
	const headings = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze();
	const summary = [...results.violations, ...headings.violations].map(
		(violation) =>
			`${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe on ${where}`).toEqual([]);
}

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, some days from now. */
export function localDateTime(daysFromNow: number, hour = 13): string {
	const date = new Date(Date.now() + daysFromNow * 86_400_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}

/** Picks one option in every radio group of a respondent form (the n-th, or the last if fewer). */
export async function answerEveryQuestion(page: Page, pick = 2): Promise<void> {
	const groups = page.locator('fieldset.choices');
	await groups.first().waitFor();
	const count = await groups.count();
	for (let index = 0; index < count; index += 1) {
		const radios = groups.nth(index).locator('input[type=radio]');
		const options = await radios.count();
		await radios.nth(Math.min(pick, options - 1)).check();
	}
}
