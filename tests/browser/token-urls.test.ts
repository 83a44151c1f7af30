import { stepSubjectId } from '@kollegium/model';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { launchBrowser, newPerson } from '../support/browser.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { openDocument, pause, writeText } from '../support/documents.ts';
import { connect, join, liveSpecialistkollegium, send } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The invitation token is the participant's key, and proxies log URLs. The page's own address
// is the link itself; nothing the page opens from it may carry the token: the API gets it in
// the Authorization header, the shared document a single-use ticket.
describe('a participant’s meeting page, during the discussion', () => {
	let server: TestServer;
	let browser: Browser;
	let page: Page;
	let eva: ApiClient;
	let kollegiumId: string;
	let subjectId: string;
	let token: string;
	const sockets: string[] = [];
	const requests: string[] = [];
	const referers: string[] = [];
	const errors: string[] = [];

	const summary = () =>
		page.getByRole('textbox', { name: 'Sammanfattning av diskussionen', exact: true }).first();
	const documentSockets = () =>
		sockets.filter((url) => new URL(url).pathname === `/yjs/${kollegiumId}`);
	/** Every URL the page opened that carries the token, except the page's own address. */
	const leaks = () => [
		...[...sockets, ...requests].filter(
			(url) => url.includes(token) && !new URL(url).pathname.startsWith(`/svar/${token}`)
		),
		...referers.filter((referer) => referer.includes(token)).map((r) => `Referer: ${r}`)
	];

	/** What the studierektor writes into the summary shows on the participant's page. */
	async function expectSynced(field: Locator, line: string): Promise<void> {
		const { doc, provider } = await openDocument(server, kollegiumId, { cookie: eva.cookieHeader });
		try {
			writeText(doc, subjectId, 'summary', [line]);
			await expect.poll(() => field.textContent(), { timeout: 15_000 }).toContain(line);
		} finally {
			provider.destroy();
		}
	}

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, eva);
		kollegiumId = live.id;
		token = live.people['Karin Holmlund']!.invitation!;
		browser = await launchBrowser();
		const karin = await newPerson(browser, { mobile: true });
		page = karin.page;
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('websocket', (socket) => sockets.push(socket.url()));
		page.on('request', (request) => {
			requests.push(request.url());
			// Proxies log the Referer too: the page's address must not travel in it.
			const referer = request.headers()['referer'];
			if (referer) referers.push(referer);
		});
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('syncs the shared document with no token in any websocket or API URL', async () => {
		await page.goto(`${server.url}/svar/${token}/mote`);
		await page
			.getByText('Väntar på att studierektorn visar nästa steg…')
			.or(page.getByText('3 har svarat'))
			.first()
			.waitFor();
		// The studierektor moves the room to the first discussion, where the document opens.
		const control = connect(server, { cookie: eva.cookieHeader });
		try {
			const frame = await join(control, kollegiumId, 'control');
			const position = frame.agenda.findIndex((entry) => entry.kind === 'discussion');
			subjectId = stepSubjectId(frame.agenda[position]!.id)!;
			expect(await send(control, 'meeting:command', { type: 'goto', position })).toBeNull();
		} finally {
			control.disconnect();
		}
		await summary().waitFor();
		await page.getByText('Sparas automatiskt').first().waitFor();
		await expectSynced(summary(), 'Skrivet av studierektorn.');

		expect(documentSockets().length, 'the page opened the document').toBeGreaterThan(0);
		for (const url of documentSockets()) expect(new URL(url).searchParams.has('ticket')).toBe(true);
		expect(requests.some((url) => url.endsWith('/api/respond/document-ticket'))).toBe(true);
		expect(requests.some((url) => new URL(url).pathname === `/svar/${token}/mote`)).toBe(true);
		expect(leaks()).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('comes back after a restart with a new ticket, still with no token in a URL', async () => {
		const before = documentSockets().length;
		const { dataDir, port } = server;
		await server.close({ keepData: true });
		await page.getByText('Sparas automatiskt').first().waitFor({ state: 'detached' });
		server = await startTestServer({ pages: true, dataDir, port });
		for (let i = 0; i < 300 && documentSockets().length === before; i += 1) await pause(100);
		await page.getByText('Sparas automatiskt').first().waitFor({ timeout: 30_000 });
		await expectSynced(summary(), 'Skrivet efter omstarten.');

		const tickets = documentSockets().map((url) => new URL(url).searchParams.get('ticket'));
		expect(tickets.length).toBeGreaterThan(before);
		expect(new Set(tickets).size, 'a fresh ticket for every connection').toBe(tickets.length);
		expect(leaks()).toEqual([]);
		expect(errors).toEqual([]);
	});
});
