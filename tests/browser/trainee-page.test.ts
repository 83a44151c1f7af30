import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague, type Colleague } from '../support/accounts.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { ownClinicOf, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
	cannotAssess,
	holdKollegium,
	ratedAll,
	type Assessor
} from '../support/trainee-history.ts';

// A studierektor (and a läsare) follows a trainee over time: the clinic's list shows the overdue
// follow-up first, and the trainee's page their kollegier, plans, handovers and trends.

const day = 86_400_000;
const RATINGS: Record<Assessor, number> = {
	'Karin Holmlund': 2,
	'Peter Sjövik': 3,
	'Amira Nordqvist': 4
};

async function signIn(page: Page, server: TestServer, email: string, password = PASSWORD) {
	await page.goto(`${server.url}/logga-in`);
	await page.getByLabel('E-postadress').fill(email);
	await page.getByLabel('Lösenord').fill(password);
	await page.getByRole('button', { name: 'Logga in' }).click();
	await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
}

/** Presses Tab until the focused element's text is `name`; fails if it never is. */
async function tabTo(page: Page, name: string | RegExp, limit = 40) {
	for (let step = 0; step < limit; step += 1) {
		await page.keyboard.press('Tab');
		const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		if (typeof name === 'string' ? text === name : name.test(text)) return;
	}
	throw new Error(`Tab never reached ${String(name)}`);
}

describe("the trainee's page", () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let reader: Colleague;
	let clinicId: string;
	let saga: string;
	const kollegier: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		clinicId = await ownClinicOf(eva);
		reader = await addColleague(server, eva, {
			name: 'Ville Verksamhetschef',
			email: 'ville@example.org',
			role: 'reader',
			clinicId
		});
		const trainee = {
			kind: 'trainee',
			email: '',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		};
		const created = await eva.post(`/clinics/${clinicId}/people`, { ...trainee, name: 'Saga Ek' });
		expect(created.status, created.text).toBe(201);
		saga = created.json.id as string;
		await eva.post(`/clinics/${clinicId}/people`, { ...trainee, name: 'Adam Alm' });
		for (const [index, title] of ['Specialistkollegium VT', 'Specialistkollegium HT'].entries()) {
			const followUp = new Date(server.clock.now().getTime() + 30 * day);
			const held = await holdKollegium(server, {
				facilitator: eva,
				clinicId,
				personId: saga,
				title,
				// Amira cannot assess pedagogik: below k there, in both kollegier.
				answers: (form, name) => {
					const answers = ratedAll(form, RATINGS[name] + index, name);
					return name === 'Amira Nordqvist' ? cannotAssess(form, 'pedagogik', answers) : answers;
				},
				plans:
					index === 0
						? [completePlan(), completePlan({ summary: 'Andra versionen av planen.' })]
						: [
								completePlan({
									nextFollowUp: followUp.toISOString().slice(0, 10),
									atRisk: true,
									actionPlan: {
										problemAreas: ['Journalföringen släpar efter'],
										supportMeasures: ['Schemalagd tid för journalföring'],
										timePlan: 'Tre månader med avstämning varje månad',
										followUpDate: '2028-01-15',
										studierektorInformed: true
									}
								})
							]
			});
			eva = held.facilitator;
			kollegier.push(held.id);
		}
		// The second plan's follow-up date passes with no kollegium since.
		server.clock.advance(40 * day);
		browser = await launchBrowser();
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('lists the trainees from the header, the overdue follow-up first, by keyboard', async () => {
		const { page, errors } = await newPerson(browser);
		await signIn(page, server, 'eva@example.org');
		await tabTo(page, 'ST-läkare');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { level: 1, name: 'ST-läkare' }).waitFor();
		const rows = page.locator('tbody tr');
		await expect.poll(() => rows.count()).toBe(2);
		await expect.poll(() => rows.nth(0).getAttribute('data-trainee')).toBe('Saga Ek');
		expect(await rows.nth(0).innerText()).toMatch(/Försenad/);
		expect(await rows.nth(0).innerText()).toMatch(/2 av minst 3/);
		expect(await rows.nth(1).innerText()).toMatch(/Ingen planerad/);
		expect(await page.locator('[data-attention]').innerText()).toMatch(
			/Försenade uppföljningar: 1/
		);
		await expectAccessible(page, 'the list of trainees');

		await tabTo(page, 'Saga Ek');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { level: 1, name: 'Saga Ek' }).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it("shows the trainee's kollegier, plans, åtgärdsplan, overdue follow-up and trends", async () => {
		const { page, errors } = await newPerson(browser);
		await signIn(page, server, 'eva@example.org');
		await page.goto(`${server.url}/st-lakare/${saga}`);
		await page.getByRole('heading', { level: 1, name: 'Saga Ek' }).waitFor();
		expect(await page.locator('[data-progress]').innerText()).toBe(
			'Specialistkollegier: 2 av minst 3 under utbildningen'
		);
		expect(await page.getByRole('meter').getAttribute('aria-valuenow')).toBe('2');
		// Overdue in words, not colour alone.
		expect(await page.locator('[data-follow-up]').innerText()).toMatch(/Försenad/);
		const actionPlan = page.locator('[data-action-plan]');
		expect(await actionPlan.innerText()).toMatch(/Journalföringen släpar efter/);

		// Newest first, each linking to its document page, with versions and handover.
		const first = page.locator('[data-kollegium="Specialistkollegium VT"]');
		expect(await first.innerText()).toMatch(/Version 1.*\n?.*Version 2/s);
		expect(await first.innerText()).toMatch(/Återkoppling given/);
		const link = first.getByRole('link', { name: 'Specialistkollegium VT' });
		expect(await link.getAttribute('href')).toBe(`/kollegier/${kollegier[0]}/dokument`);

		const kompetens = page.locator('[data-area="medicinsk-kompetens"]');
		expect(await kompetens.getByRole('heading').innerText()).toBe('Medicinsk kompetens');
		expect(await kompetens.locator('.point').count()).toBe(2);
		expect(await page.locator('[data-area="pedagogik"]').count()).toBe(0);
		// The table alternative opens from the keyboard and carries the median.
		await kompetens.locator('summary').focus();
		await page.keyboard.press('Enter');
		const table = kompetens.getByRole('table');
		await table.waitFor();
		expect(await table.locator('tbody tr').count()).toBe(2);
		// The first kollegium: 2, 3 and 4 on four items each, median 3, three respondents.
		const cells = await table.locator('tbody tr').nth(0).locator('td').allInnerTexts();
		expect(cells).toEqual(['0', '4', '4', '4', '0', '3', '3']);
		await expectAccessible(page, "the trainee's page");
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it("opens a trainee's page from the register, and a läsare reads it too", async () => {
		const { page, errors } = await newPerson(browser);
		await signIn(page, server, 'eva@example.org');
		await page.goto(`${server.url}/personer`);
		const name = page
			.locator('[data-kind="trainee"]')
			.getByRole('link', { name: 'Saga Ek', exact: true });
		expect(await name.getAttribute('href')).toBe(`/st-lakare/${saga}`);
		// And from a kollegium she was assessed in.
		await page.goto(`${server.url}/kollegier/${kollegier[0]}`);
		await page.getByRole('link', { name: 'Saga Ek' }).click();
		await page.getByRole('heading', { level: 1, name: 'Saga Ek' }).waitFor();
		await page.context().close();

		const ville = await newPerson(browser);
		await signIn(ville.page, server, reader.email, reader.password);
		await ville.page.goto(`${server.url}/st-lakare/${saga}`);
		await ville.page.getByRole('heading', { level: 1, name: 'Saga Ek' }).waitFor();
		expect(await ville.page.locator('[data-progress]').innerText()).toMatch(/2 av minst 3/);
		await expectAccessible(ville.page, "the trainee's page for a läsare");
		expect([...errors, ...ville.errors]).toEqual([]);
		await ville.page.context().close();
	});
});
