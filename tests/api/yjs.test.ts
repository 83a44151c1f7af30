import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ApiClient } from '../support/client.ts';
import { documentProvider, documentUrl, type DocumentAuth } from '../support/documents.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
		await wait(20);
	}
}

// The shared discussion document: our own y-protocols endpoint on the same port, used by the
// y-websocket provider exactly as the browser uses it.
describe('the shared document endpoint', () => {
	let server: TestServer;
	let facilitator: ApiClient;
	let kollegiumId: string;
	let people: Record<string, ApiClient>;
	const providers: WebsocketProvider[] = [];

	function join(auth: DocumentAuth, doc = new Y.Doc()) {
		const provider = documentProvider({ server, kollegiumId, auth, doc });
		providers.push(provider);
		return { doc, provider, text: doc.getText('notes') };
	}

	const synced = (provider: WebsocketProvider) => until(() => provider.synced, 'the first sync');

	beforeAll(async () => {
		server = await startTestServer();
		facilitator = (await setUpFacilitator(server)).client;
		({ id: kollegiumId, people } = await liveSpecialistkollegium(server, facilitator));
	});
	afterAll(async () => {
		for (const provider of providers) provider.destroy();
		await server?.close();
	});

	it('lets three editors type at once and brings them to the same text', async () => {
		const a = join({ cookie: facilitator.cookieHeader });
		const b = join({ invitation: people['Karin Holmlund']!.invitation });
		const c = join({ invitation: people['Peter Sjövik']!.invitation });
		await Promise.all([a, b, c].map((e) => synced(e.provider)));
		for (let i = 0; i < 20; i += 1) {
			a.text.insert(0, 'a');
			b.text.insert(b.text.length, 'b');
			c.text.insert(Math.floor(c.text.length / 2), 'c');
		}
		await until(
			() => a.text.length === 60 && b.text.length === 60 && c.text.length === 60,
			'convergence'
		);
		expect(b.text.toString()).toBe(a.text.toString());
		expect(c.text.toString()).toBe(a.text.toString());
	});

	it('refuses (4403) a connection without a valid session or invitation, and the assessed trainee', async () => {
		for (const auth of [
			{},
			{ invitation: 'no-such-token-no-such-token-no-such-token-1' },
			{ invitation: people['Sara Lindholm']!.invitation }
		]) {
			const url = await documentUrl(server, kollegiumId, auth);
			const refused = await new Promise<boolean>((resolve) => {
				const socket = new WebSocket(url);
				// Refused with a close a client will not retry, and before anything of the document.
				socket.on('message', () => resolve(false));
				socket.on('close', (code) => resolve(code === 4403));
				socket.on('error', () => undefined);
			});
			expect(refused).toBe(true);
		}
	});

	it('drops the edits of a read-only observer', async () => {
		const added = await facilitator.post(`/kollegier/${kollegiumId}/participants`, {
			name: 'Chef Eriksson',
			roles: ['observer']
		});
		const observerId = added.json.participants.find(
			(p: { name: string }) => p.name === 'Chef Eriksson'
		).id;
		const link = await facilitator.post(
			`/kollegier/${kollegiumId}/participants/${observerId}/invitation`
		);
		const observer = join({ invitation: link.json.url.split('/').pop() });
		const editor = join({ invitation: people['Amira Nordqvist']!.invitation });
		await Promise.all([synced(observer.provider), synced(editor.provider)]);
		const before = editor.text.toString();
		observer.text.insert(0, 'OBSERVATÖREN SKRIVER');
		editor.text.insert(0, '!');
		await until(() => editor.text.toString().startsWith('!'), 'the editor\u2019s own edit');
		await wait(200);
		expect(editor.text.toString()).toBe(`!${before}`);
	});

	it('closes only the connection that sends a malformed update', async () => {
		const good = join({ invitation: people['Karin Holmlund']!.invitation });
		await synced(good.provider);
		const bad = new WebSocket(
			await documentUrl(server, kollegiumId, { invitation: people['Peter Sjövik']!.invitation })
		);
		const closed = new Promise<number>((resolve) => bad.on('close', (code) => resolve(code)));
		await new Promise((resolve) => bad.on('open', resolve));
		bad.send(Buffer.from([0, 2, 200, 1, 2, 3, 4, 5, 6, 7])); // sync update with garbage inside
		expect(await closed).toBe(4400);
		good.text.insert(0, 'fortfarande här ');
		const other = join({ invitation: people['Amira Nordqvist']!.invitation });
		await synced(other.provider);
		await until(
			() => other.text.toString().includes('fortfarande här'),
			'the good connection\u2019s edit'
		);
		expect(other.text.toString()).toContain('fortfarande här');
	});

	it('keeps every stored edit across a restart, and an empty newcomer never overwrites it', async () => {
		const writer = join({ cookie: facilitator.cookieHeader });
		await synced(writer.provider);
		writer.text.insert(0, 'BESLUT: ');
		const watcher = join({ invitation: people['Karin Holmlund']!.invitation });
		await until(() => watcher.text.toString().startsWith('BESLUT: '), 'the broadcast');
		const expected = writer.text.toString();
		for (const provider of providers.splice(0)) provider.destroy();
		const { dataDir } = server;
		await server.close({ keepData: true });
		server = await startTestServer({ dataDir });
		const fresh = join({ invitation: people['Peter Sjövik']!.invitation });
		await synced(fresh.provider);
		await until(() => fresh.text.length > 0, 'the stored text');
		expect(fresh.text.toString()).toBe(expected);
	});

	it('compacts the update log into one snapshot without losing anything', async () => {
		const writer = join({ cookie: facilitator.cookieHeader });
		await synced(writer.provider);
		for (let i = 0; i < 250; i += 1) writer.text.insert(writer.text.length, '.');
		const expected = writer.text.toString();
		const reader = join({ invitation: people['Amira Nordqvist']!.invitation });
		await until(() => reader.text.toString() === expected, 'all 250 edits');
		// Compaction waits for a pause in the typing, off the store-then-broadcast path.
		const logged = () => server.deps.db.selectFrom('yjsUpdates').select('id').execute();
		let log = await logged();
		for (let i = 0; i < 100 && log.length >= 200; i += 1) {
			await wait(50);
			log = await logged();
		}
		const doc = await server.deps.db.selectFrom('yjsSnapshots').selectAll().execute();
		expect(doc).toHaveLength(1);
		expect(log.length).toBeLessThan(200);
	});
});
