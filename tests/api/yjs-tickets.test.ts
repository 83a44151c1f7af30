import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient } from '../support/client.ts';
import {
	attemptDocument,
	documentProvider,
	documentUrl,
	openDocument,
	pause,
	REFUSED
} from '../support/documents.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A participant opens the shared document with a single-use ticket fetched with the invitation
// (POST /api/respond/document-ticket), so the token itself never sits in a websocket URL that
// proxies log. Each property of the ticket, attacked with a raw socket.

const day = 86_400_000;

type Live = Awaited<ReturnType<typeof liveSpecialistkollegium>>;

/** A new ticket for this participant, as the browser fetches one before connecting. */
async function ticketOf(person: ApiClient): Promise<string> {
	const response = await person.post('/respond/document-ticket');
	expect(response.status, response.text).toBe(201);
	expect(response.json).toEqual({ ticket: expect.any(String) });
	return response.json.ticket as string;
}

const yjsUrl = (server: TestServer, kollegiumId: string, query: string) =>
	`${server.url.replace('http', 'ws')}/yjs/${kollegiumId}?${query}`;

const participantId = (live: Live, name: string): string =>
	live.detail.participants.find((p: { name: string }) => p.name === name).id;

describe('the tickets that open the shared document', () => {
	let server: TestServer;
	let eva: ApiClient;
	let first: Live;
	let second: Live;

	const withTicket = (kollegiumId: string, ticket: string) =>
		yjsUrl(server, kollegiumId, `ticket=${encodeURIComponent(ticket)}`);

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		first = await liveSpecialistkollegium(server, eva);
		second = await liveSpecialistkollegium(server, eva);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('opens the document once, and refuses the same ticket a second time with 4403', async () => {
		const ticket = await ticketOf(first.people['Karin Holmlund']!);
		expect((await attemptDocument(withTicket(first.id, ticket))).code).toBe('open');
		expect(await attemptDocument(withTicket(first.id, ticket))).toEqual(REFUSED);
	});

	it('refuses a ticket 31 seconds old, while one 29 seconds old still opens', async () => {
		const early = await ticketOf(first.people['Karin Holmlund']!);
		const late = await ticketOf(first.people['Peter Sjövik']!);
		server.clock.advance(29_000);
		expect((await attemptDocument(withTicket(first.id, early))).code).toBe('open');
		server.clock.advance(2_000);
		expect(await attemptDocument(withTicket(first.id, late))).toEqual(REFUSED);
	});

	it('refuses a ticket issued before its link was revoked', async () => {
		const amira = first.people['Amira Nordqvist']!;
		const ticket = await ticketOf(amira);
		const revoked = await eva.delete(
			`/kollegier/${first.id}/participants/${participantId(first, 'Amira Nordqvist')}/invitation`
		);
		expect(revoked.status).toBe(200);
		expect(await attemptDocument(withTicket(first.id, ticket))).toEqual(REFUSED);
		// Nor does the revoked link get a new one.
		const again = await amira.post('/respond/document-ticket');
		expect(again.status).toBeGreaterThanOrEqual(400);
		expect(again.status).toBeLessThan(500);
	});

	it('does not open another kollegium’s document', async () => {
		const ticket = await ticketOf(first.people['Karin Holmlund']!);
		expect(await attemptDocument(withTicket(second.id, ticket))).toEqual(REFUSED);
		// The second kollegium's own participant does get in.
		const own = await ticketOf(second.people['Karin Holmlund']!);
		expect((await attemptDocument(withTicket(second.id, own))).code).toBe('open');
	});

	it('no longer opens anything with the invitation token itself in the URL', async () => {
		const karin = first.people['Karin Holmlund']!;
		const token = encodeURIComponent(karin.invitation!);
		expect(await attemptDocument(yjsUrl(server, first.id, `invitation=${token}`))).toEqual(REFUSED);
		expect(
			await attemptDocument(yjsUrl(server, first.id, `ticket=${token}`)),
			'nor as a ticket'
		).toEqual(REFUSED);
		// The same person with a ticket is let in: the link is valid, only the way is wrong.
		const ready = await documentUrl(server, first.id, { invitation: karin.invitation });
		expect((await attemptDocument(ready)).code).toBe('open');
	});

	it('answers an unknown, a revoked and an expired link alike, for a ticket and for the forms', async () => {
		const answer = async (invitation: string) => {
			const person = new ApiClient(server.url, { invitation });
			const [ticket, forms] = [
				await person.post('/respond/document-ticket'),
				await person.get('/respond')
			];
			return {
				ticket: { status: ticket.status, body: ticket.json as unknown },
				forms: { status: forms.status, body: forms.json as unknown }
			};
		};
		const unknown = await answer(randomBytes(32).toString('base64url'));
		const revokedLink = second.people['Amira Nordqvist']!.invitation!;
		const revoke = await eva.delete(
			`/kollegier/${second.id}/participants/${participantId(second, 'Amira Nordqvist')}/invitation`
		);
		expect(revoke.status).toBe(200);
		const revoked = await answer(revokedLink);
		// Links hold until 14 days after the meeting.
		const before = server.clock.now();
		server.clock.set(new Date(Date.parse(first.detail.startsAt) + 14 * day + 60_000));
		let expired: Awaited<ReturnType<typeof answer>>;
		try {
			expired = await answer(first.people['Peter Sjövik']!.invitation!);
		} finally {
			server.clock.set(before);
		}
		for (const { ticket, forms } of [unknown, revoked, expired]) {
			for (const status of [ticket.status, forms.status]) {
				expect(status).toBeGreaterThanOrEqual(400);
				expect(status).toBeLessThan(500);
			}
		}
		expect(revoked, 'a revoked link as an unknown one').toEqual(unknown);
		expect(expired, 'an expired link as an unknown one').toEqual(unknown);
	});
});

describe('a participant’s document across a server restart', () => {
	let server: TestServer;
	const providers: { destroy(): void }[] = [];

	afterAll(async () => {
		for (const provider of providers) provider.destroy();
		await server?.close();
	});

	it('comes back with a new ticket, the old ones gone with the process', async () => {
		server = await startTestServer();
		const eva = (await setUpFacilitator(server)).client;
		const { id, people } = await liveSpecialistkollegium(server, eva);
		const doc = new Y.Doc();
		const karin = documentProvider({
			server,
			kollegiumId: id,
			auth: { invitation: people['Karin Holmlund']!.invitation },
			doc
		});
		providers.push(karin);
		for (let i = 0; i < 250 && !karin.synced; i += 1) await pause(20);
		expect(karin.synced).toBe(true);

		const { dataDir, port } = server;
		await server.close({ keepData: true });
		for (let i = 0; i < 250 && karin.synced; i += 1) await pause(20);
		expect(karin.synced, 'the connection is gone').toBe(false);
		server = await startTestServer({ dataDir, port });

		const writer = await openDocument(server, id, { cookie: eva.cookieHeader });
		providers.push(writer.provider);
		writer.doc.getText('notes').insert(0, 'EFTER OMSTART');
		const text = doc.getText('notes');
		for (let i = 0; i < 250 && !text.toString().includes('EFTER OMSTART'); i += 1) {
			await pause(20);
		}
		expect(karin.synced).toBe(true);
		expect(text.toString()).toContain('EFTER OMSTART');
	});
});
