import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { ASSESSOR_TEXT, liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { Browser, Page } from 'playwright-core';

// The studierektor before the meeting: closes answering, curates the comments, checks what
// the room will see, and starts.
describe('preparing a meeting', () => {
	let server: TestServer;
	let browser: Browser;
	let page: Page;
	let kollegiumId: string;
	let karinLink: string;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		const { client } = await setUpFacilitator(server);
		const prepared = await liveSpecialistkollegium(server, client, { start: false });
		kollegiumId = prepared.id;
		const karin = prepared.detail.participants.find(
			(p: { name: string }) => p.name === 'Karin Holmlund'
		);
		karinLink = prepared.links.find((l) => l.participantId === karin.id)!.url;
		browser = await launchBrowser();
		page = (await newPerson(browser)).page;
		await page.goto(`${server.url}/logga-in`);
		await page.getByLabel('E-postadress').fill('eva@example.org');
		await page.getByLabel('Lösenord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Logga in' }).click();
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('closes answering early, after asking, and shows the submitted comments for curation', async () => {
		await page.goto(`${server.url}/kollegier/${kollegiumId}`);
		await page.getByRole('link', { name: 'Förbered mötet' }).click();
		// #13: told, before closing, that the answers are detached for good.
		await page.getByText(/kopplas varje svar bort från den som skrev det/).waitFor();
		const asked = new Promise<string>((resolve) =>
			page.once('dialog', (d) => resolve(d.message()))
		);
		await page.getByRole('button', { name: 'Stäng svarstiden nu' }).click();
		expect(await asked).toMatch(/kan lämna, ändra eller dra tillbaka svar efter det/);
		await page.locator('[data-comment]').first().waitFor();
		const texts = await page
			.locator('[data-comment] textarea')
			.evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value));
		expect(texts).toContain(ASSESSOR_TEXT('Karin Holmlund', 'Sara Lindholm'));
		await expectAccessible(page, 'preparation');
	});

	it('shows an assessor, on their link, that their answers are detached and gone from view', async () => {
		const karin = (await newPerson(browser)).page;
		await karin.goto(karinLink);
		await karin.getByText(/Svaren har kopplats bort från dem som skrev dem/).waitFor();
		expect(await karin.getByText('Avidentifierat').count()).toBe(2);
		expect(await karin.getByRole('link', { name: /Visa/ }).count()).toBe(0);
		await expectAccessible(karin, 'respondent after unlinking');
		await karin.close();
	});

	it('hides one comment and rephrases another, keeping the original wording in sight', async () => {
		const comments = page.locator('[data-comment]');
		const values = () =>
			comments
				.locator('textarea')
				.evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
		const hiddenText = await comments.first().locator('textarea').inputValue();
		const written = (await values()).filter((text) => text === hiddenText).length;
		await comments.first().getByRole('button', { name: 'Dölj' }).click();
		await comments.first().getByText('Dold').waitFor();
		const second = comments.nth(1);
		const original = await second.locator('textarea').inputValue();
		await second.locator('textarea').fill('Tydlig och trygg i mötet med patienter.');
		await second.locator('textarea').blur();
		await page
			.getByText(`Ursprunglig lydelse (sparas tills mötet avslutas): ${original}`)
			.waitFor();

		await page.getByText('Förhandsvisning av vad rummet ser').first().click();
		const preview = page.locator('details').first();
		await preview.getByText('Tydlig och trygg i mötet med patienter.').waitFor();
		await page.screenshot({ path: '/tmp/kollegium-preparation.png' });
		const shown = (await preview.locator('ul.comments li').allTextContents()).map((text) =>
			text.trim()
		);
		const stillShown = written - 1 - (original === hiddenText ? 1 : 0);
		expect(shown.filter((text) => text === hiddenText).length).toBe(stillShown);
	});

	it('starts the meeting and opens the control view', async () => {
		await page.getByRole('button', { name: 'Starta mötet' }).first().click();
		await page.getByRole('heading', { name: 'Dagordning' }).waitFor();
		expect(page.url()).toMatch(/\/mote$/);
	});
});
