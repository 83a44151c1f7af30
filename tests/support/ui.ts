import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { localDateTime } from './browser.ts';

export const FACILITATOR = {
	name: 'Eva Studierektorsson',
	email: 'eva@example.org',
	password: 'ett riktigt långt lösenord',
	clinic: 'Medicinkliniken'
};

/** The studierektor follows the printed one-time link and creates their account. */
export async function setUpThroughLink(
	page: Page,
	setupLink: string,
	options: { example?: boolean } = {}
) {
	await page.goto(setupLink);
	await page.getByLabel('Ditt namn').fill(FACILITATOR.name);
	await page.getByLabel('E-postadress').fill(FACILITATOR.email);
	await page.getByLabel('Lösenord').fill(FACILITATOR.password);
	await page.getByLabel('Klinikens namn').fill(FACILITATOR.clinic);
	if (!options.example) await page.getByLabel(/exempelkollegium/).uncheck();
	await page.getByRole('button', { name: 'Skapa konto' }).click();
	await page.getByText('Kontot är skapat.').waitFor();
}

/** Fills the new-kollegium form and creates it; lands on the kollegium's page. */
export async function createKollegium(
	page: Page,
	options: { kind: 'specialistkollegium' | 'st-lakarkollegium'; title: string }
) {
	await page.goto(new URL('/kollegier/ny', page.url()).href);
	if (options.kind === 'st-lakarkollegium') await page.getByLabel(/ST-läkarkollegium/).check();
	await page.getByLabel('Rubrik').fill(options.title);
	await page.getByLabel('Mötets datum och tid').fill(localDateTime(14));
	await page.getByLabel('Sista svarsdag').fill(localDateTime(10, 17));
	await page.getByLabel('Plats').fill('Konferensrum Ugglan');
	await page.getByRole('button', { name: 'Skapa kollegium' }).click();
	await page.getByRole('heading', { level: 1, name: options.title }).waitFor({ timeout: 5000 });
}

export async function addParticipant(page: Page, name: string, role?: RegExp) {
	await page.locator('#participant-name').fill(name);
	if (role) {
		for (const box of await page.locator('fieldset.checks input[type=checkbox]').all())
			await box.uncheck();
		await page.getByRole('checkbox', { name: role }).check();
	}
	await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
	await page.locator(`tr[data-participant="${name}"]`).waitFor();
}

/** Opens the kollegium for answers and creates everyone's links; returns them by name. */
export async function openAndCreateLinks(page: Page): Promise<Record<string, string>> {
	await page.getByRole('button', { name: 'Öppna för svar' }).click();
	await page.getByText('Öppet för svar').first().waitFor();
	await page.getByRole('button', { name: 'Skapa länkar för alla som saknar' }).click();
	await page.locator('input[data-invitation-link]').first().waitFor();
	const links: Record<string, string> = {};
	for (const row of await page.locator('tr[data-participant]').all()) {
		const name = (await row.getAttribute('data-participant')) ?? '';
		links[name] = await row.locator('input[data-invitation-link]').inputValue();
	}
	expect(Object.values(links).every((link) => /\/svar\/[A-Za-z0-9_-]{43}$/.test(link))).toBe(true);
	return links;
}
