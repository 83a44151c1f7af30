import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The meeting as the room lives it: the studierektor's laptop (control), the projector
// (presenter, same browser), and two specialists' phones.
describe('a live meeting with presenter, control and two participants', () => {
	let server: TestServer;
	let browser: Browser;
	let control: Page;
	let presenter: Page;
	let karin: Page;
	let peter: Page;
	let kollegiumId: string;
	let people: Record<string, ApiClient>;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		const { client } = await setUpFacilitator(server);
		const live = await liveSpecialistkollegium(server, client);
		kollegiumId = live.id;
		people = live.people;
		browser = await launchBrowser();
		const studierektor = await newPerson(browser);
		control = studierektor.page;
		await control.goto(`${server.url}/logga-in`);
		await control.getByLabel('E-postadress').fill('eva@example.org');
		await control.getByLabel('Lösenord').fill(PASSWORD);
		await control.getByRole('button', { name: 'Logga in' }).click();
		await control.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		presenter = await studierektor.context.newPage();
		await presenter.setViewportSize({ width: 1920, height: 1080 });
		karin = (await newPerson(browser, { mobile: true })).page;
		peter = (await newPerson(browser, { mobile: true })).page;
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('opens the three views on the first trainee\u2019s introduction', async () => {
		await control.goto(`${server.url}/kollegier/${kollegiumId}/mote`);
		await presenter.goto(`${server.url}/kollegier/${kollegiumId}/visning`);
		await karin.goto(`${server.url}/svar/${people['Karin Holmlund']!.invitation}/mote`);
		await peter.goto(`${server.url}/svar/${people['Peter Sjövik']!.invitation}/mote`);
		for (const page of [control, presenter, karin, peter])
			await page.getByText('3 har svarat').first().waitFor();
		await control.getByText('Karin Holmlund').first().waitFor();
		await expectAccessible(control, 'control');
		await expectAccessible(karin, 'participant');
	});

	it('shows nothing of a ratings step until it is revealed, then the chart everywhere at once', async () => {
		await control.getByRole('button', { name: 'Nästa →' }).click();
		await presenter.getByRole('heading', { level: 1 }).waitFor();
		expect(await presenter.locator('figure.chart').count()).toBe(0);
		await karin.getByText('Väntar på att studierektorn visar nästa steg…').waitFor();
		await control.getByRole('button', { name: 'Visa för rummet' }).click();
		for (const page of [presenter, karin, peter])
			await page.locator('figure.chart li').first().waitFor();
		expect(await presenter.getByText('n = 3').count()).toBeGreaterThan(0);
		for (const size of [
			{ width: 1920, height: 1080 },
			{ width: 1280, height: 720 }
		]) {
			await presenter.setViewportSize(size);
			await presenter.screenshot({ path: `/tmp/kollegium-presenter-${size.width}.png` });
			await expectAccessible(presenter, `presenter ${size.width}×${size.height}`);
		}
	});

	it('lets a participant raise a hand, and the studierektor draw a speaking order', async () => {
		await peter.getByRole('button', { name: 'Räck upp handen' }).click();
		// The phone knows its own hand by the handle the meeting gave it, not by an id.
		await peter.getByRole('button', { name: 'Ta ner handen' }).waitFor();
		await control.getByRole('button', { name: /Ta ner\W+Peter Sjövik/ }).click();
		await peter.getByRole('button', { name: 'Räck upp handen' }).waitFor();
		await peter.getByRole('button', { name: 'Räck upp handen' }).click();
		await control.getByRole('button', { name: /Ta ner\W+Peter Sjövik/ }).waitFor();
		await control.getByRole('button', { name: 'Lotta talarordning' }).click();
		await presenter.getByRole('heading', { name: 'Talarordning' }).waitFor();
		const place = karin.getByText(/Din plats i talarordningen: [123]/);
		await place.waitFor();
		const order = (await presenter.locator('aside li').allTextContents()).map((n) => n.trim());
		// Karin's phone finds her own place in the order the shared screen shows.
		expect(await place.textContent()).toContain(`${order.indexOf('Karin Holmlund') + 1}`);
		// A phone shows no one else in the room by name.
		expect(await karin.getByText('Peter Sjövik').count()).toBe(0);
		// Amira is in the room without a phone: the draw takes every specialist, not only devices.
		expect(order.sort()).toEqual(['Amira Nordqvist', 'Karin Holmlund', 'Peter Sjövik']);
	});

	it('moves on with the keyboard from the presenter screen, and everyone follows', async () => {
		await presenter.keyboard.press('ArrowRight');
		await karin.getByText('Väntar på att studierektorn visar nästa steg…').waitFor();
		await presenter.keyboard.press(' ');
		await karin.locator('figure.chart, ul.comments, .step').first().waitFor();
		expect(await karin.getByText('Väntar på att studierektorn visar nästa steg…').count()).toBe(0);
	});

	it('carries on after a server restart: every view reconnects and resyncs by itself', async () => {
		const before = await karin.locator('.step h2').first().textContent();
		const { port, dataDir } = server;
		await server.close({ keepData: true });
		await karin.getByText('Anslutningen bröts. Försöker igen…').waitFor();
		server = await startTestServer({ pages: true, dataDir, port });
		await control
			.getByText('Anslutningen bröts. Försöker igen…')
			.waitFor({ state: 'detached', timeout: 20_000 });
		await control.getByRole('button', { name: 'Nästa →' }).click();
		await karin.getByText('Väntar på att studierektorn visar nästa steg…').waitFor();
		await control.getByRole('button', { name: 'Visa för rummet' }).click();
		await karin.locator('.step').first().waitFor();
		expect(await karin.locator('.step h2').first().textContent()).not.toBe(before);
	});

	it('walks through the rest of the first trainee, comments included, to the discussion', async () => {
		const seen: string[] = [];
		for (let step = 0; step < 20; step += 1) {
			const heading = (await control.getByRole('heading', { level: 1 }).textContent()) ?? '';
			seen.push(heading);
			if (heading.includes('Diskussion')) break;
			await control.getByRole('button', { name: 'Nästa →' }).click();
			await control
				.getByRole('heading', { level: 1, name: heading })
				.waitFor({ state: 'detached' });
			const reveal = control.getByRole('button', { name: 'Visa för rummet' });
			if (await reveal.isEnabled()) await reveal.click();
			await karin.locator('.step').first().waitFor();
		}
		expect(seen.at(-1)).toContain('Sara Lindholm – Diskussion');
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.some((heading) => heading.includes('Kommentarer'))).toBe(true);
		await presenter.getByRole('heading', { name: 'Diskussion' }).waitFor();
		await control.getByRole('button', { name: 'Föregående' }).click();
		await control.getByRole('heading', { level: 1, name: /Kommentarer/ }).waitFor();
		await presenter.locator('ul.comments li').first().waitFor();
		const comments = await presenter.locator('ul.comments li').allTextContents();
		expect(comments.some((text) => text.includes('Kommentar från'))).toBe(true);
		expect(comments.every((text) => text.includes('om Sara Lindholm'))).toBe(true);
	});

	it('keeps the place after a reload', async () => {
		const heading = await control.getByRole('heading', { level: 1 }).textContent();
		await karin.reload();
		await control.reload();
		await control.getByRole('heading', { level: 1, name: heading ?? '' }).waitFor();
		await karin.locator('.step').first().waitFor();
		expect(await control.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
	});
});

describe('the API documentation page', () => {
	it('renders the operations in a real browser under its content security policy', async () => {
		const server = await startTestServer();
		const browser = await launchBrowser();
		try {
			const { page, errors } = await newPerson(browser);
			const blocked: string[] = [];
			page.on(
				'console',
				(message) =>
					message.text().includes('Content Security Policy') && blocked.push(message.text())
			);
			await page.goto(`${server.url}/api/docs`);
			await page.locator('.opblock').first().waitFor();
			expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
			expect(blocked).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await browser.close();
			await server.close();
		}
	});
});
