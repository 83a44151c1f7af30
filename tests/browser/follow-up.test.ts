import { planListName, type MeetingFrame } from '@kollegium/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { openDocument, pause } from '../support/documents.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { secondKollegium } from '../support/follow-up.ts';
import { connect, join, nextFrame, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const VIEWPORTS = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

/** Whatever of the shared screen's step lies outside the viewport, and whether it scrolls. */
function offScreen(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const { innerWidth: width, innerHeight: height } = window;
		if (document.documentElement.scrollHeight > height) problems.push('the page scrolls');
		if (document.querySelector('.presenter [data-scaled]')) problems.push('shrunk to fit');
		for (const element of document.querySelectorAll('.presenter .body *')) {
			if (element.closest('[aria-hidden="true"], .visually-hidden')) continue;
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			if (box.bottom > height + 0.5 || box.right > width + 0.5)
				problems.push(`${element.tagName} "${element.textContent?.trim().slice(0, 40)}"`);
		}
		return problems;
	});
}

// The room follows up Sara's first plan in her second kollegium: the studierektor marks the
// goals on the control, the shared screen shows the marks, and a goal not reached is carried
// into the new plan with one click.
describe('following up the last plan in the browser', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let control: Page;
	let screen: Page;
	let socket: MeetingSocket;
	let kollegiumId: string;
	let karinLink: string;
	let sara: string;
	let latest: MeetingFrame;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		const setup = await secondKollegium(server, eva);
		kollegiumId = setup.second.id;
		sara = setup.second.subjects['Sara Lindholm']!;
		karinLink = setup.second.people['Karin Holmlund']!.invitation!;
		browser = await launchBrowser();
		const signedIn = async () => {
			const person = await newPerson(browser);
			await person.context.addCookies(
				eva.cookieHeader.split('; ').map((pair) => {
					const at = pair.indexOf('=');
					return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.url };
				})
			);
			return person.page;
		};
		control = await signedIn();
		screen = await signedIn();
		socket = connect(server, { cookie: eva.cookieHeader });
		latest = await join(socket, kollegiumId, 'control');
		socket.on('meeting:frame', (frame) => {
			if (frame.state.version >= latest.state.version) latest = frame;
		});
	});
	afterAll(async () => {
		socket?.disconnect();
		await browser?.close();
		await server?.close();
	});

	it('lets the studierektor mark each goal reached, partly or not reached, with a note', async () => {
		await control.goto(`${server.url}/kollegier/${kollegiumId}/mote`);
		const moved = nextFrame(socket, (f) => f.current?.kind === 'followUp');
		await control
			.getByRole('navigation', { name: 'Dagordning' })
			.getByRole('button', { name: 'Uppföljning av förra planen' })
			.click();
		await moved;
		const first = control.getByRole('group', { name: /^Mål 1: Leda ronden/ });
		const second = control.getByRole('group', { name: /^Mål 2: Skriva tydliga remisser/ });
		await first.getByRole('radio', { name: 'Delvis uppnått' }).check();
		// Arrow keys move within the radio group, as a keyboard user would change the mark.
		await first.getByRole('radio', { name: 'Delvis uppnått' }).press('ArrowLeft');
		await expect.poll(() => latest.state.followUp?.[sara]?.[0]?.outcome).toBe('reached');
		await second.getByRole('radio', { name: 'Inte uppnått' }).check();
		await second.getByLabel('Anteckning om mål 2').fill('Kursen blev inställd.');
		await second.getByRole('button', { name: 'Spara anteckningen' }).click();
		await expect
			.poll(() => latest.state.followUp?.[sara]?.[1])
			.toEqual({ outcome: 'notReached', note: 'Kursen blev inställd.' });
		// The control's own view of the step shows the marks too.
		await control.locator('.step [data-outcome="notReached"]').waitFor();
		await expectAccessible(control, 'the control on the follow-up step');
	});

	it('shows the goals with their marks on the shared screen, whole on both screens', async () => {
		await screen.goto(`${server.url}/kollegier/${kollegiumId}/visning`);
		for (const size of VIEWPORTS) {
			await screen.setViewportSize(size);
			await screen
				.getByRole('heading', { level: 2, name: 'Uppföljning av förra planen' })
				.waitFor();
			await screen.locator('.presenter .page [data-outcome="notReached"]').waitFor();
			await pause(300);
			const text = await screen.locator('.presenter .body').innerText();
			expect(text).toContain('Leda ronden självständigt');
			expect(text).toContain('Uppnått');
			expect(text).toContain('Inte uppnått');
			expect(text).toContain('Kursen blev inställd.');
			expect(text).toContain('STb1, STa2');
			expect(await offScreen(screen)).toEqual([]);
		}
		await expectAccessible(screen, 'the shared screen on the follow-up step');
	});

	it("shows the same goals and marks on a specialist's phone", async () => {
		const { context, page: phone } = await newPerson(browser, { mobile: true });
		try {
			await phone.goto(`${server.url}/svar/${karinLink}/mote`);
			await phone.getByRole('heading', { name: 'Uppföljning av förra planen' }).waitFor();
			const text = await phone.locator('.step').innerText();
			expect(text).toContain('Mål 2: Skriva tydliga remisser');
			expect(text).toContain('Inte uppnått');
			expect(text).toContain('Kursen blev inställd.');
			expect(text).toContain('Observerad rond (Mini-CEX)');
			await expectAccessible(phone, 'a phone on the follow-up step');
		} finally {
			await context.close();
		}
	});

	it('shows the trends of earlier kollegier in the introduction when the studierektor asks', async () => {
		const moved = nextFrame(socket, (f) => f.current?.kind === 'intro');
		await control
			.getByRole('navigation', { name: 'Dagordning' })
			.getByRole('button', { name: 'Sara Lindholm' })
			.click();
		await moved;
		await control.getByLabel(/Visa utvecklingen från tidigare kollegier/).check();
		await expect
			.poll(() => (latest.current?.kind === 'intro' ? latest.current.trends?.length : 0))
			.toBeGreaterThan(0);
		for (const size of VIEWPORTS) {
			await screen.setViewportSize(size);
			await screen.getByText('Utveckling från tidigare kollegier').waitFor();
			await screen.locator('.presenter table').first().waitFor();
			await pause(300);
			expect(await offScreen(screen)).toEqual([]);
		}
		await expectAccessible(screen, 'the shared screen on an introduction with trends');
		await control.getByLabel(/Visa utvecklingen från tidigare kollegier/).uncheck();
		await expect.poll(() => latest.state.showTrends).toBe(false);
	});

	it('carries a goal not reached into the new plan with one click', async () => {
		await control.goto(`${server.url}/kollegier/${kollegiumId}/dokument`);
		const panel = control.getByRole('region', { name: 'Uppföljning av förra planen' }).first();
		await panel.waitFor();
		await expect.poll(() => panel.getByText('Kursen blev inställd.').count()).toBe(1);
		const carry = panel.getByRole('button', { name: /För över till nya planen: Skriva tydliga/ });
		await carry.click();
		await panel.getByText('Finns i nya planen').waitFor();
		const { doc, provider } = await openDocument(server, kollegiumId, { cookie: eva.cookieHeader });
		try {
			const goals = () =>
				doc.getArray(planListName(sara, 'goals')).toJSON() as {
					description: string;
					goals: string[];
					activities: { kind: string; description: string }[];
				}[];
			await expect.poll(() => goals().length).toBe(1);
			expect(goals()[0]).toMatchObject({
				description: 'Skriva tydliga remisser',
				goals: ['STb1', 'STa2'],
				activities: [
					{ kind: 'course', description: 'Remisskurs' },
					{ kind: 'supervision', description: 'Genomgång med handledaren' }
				]
			});
		} finally {
			provider.destroy();
		}
		// The goal reached in full is not offered; the one carried says it is in the new plan.
		expect(await panel.getByRole('button', { name: /För över till nya planen/ }).count()).toBe(0);
		expect(await panel.getByText('Finns i nya planen').count()).toBe(1);
		await expectAccessible(control, 'the document with the follow-up');
	});
});
