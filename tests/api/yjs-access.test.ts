import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiClient, tokenOf } from '../support/client.ts';
import {
	attemptDocument,
	documentProvider,
	documentUrl,
	REFUSED,
	type DocumentAuth
} from '../support/documents.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Who may open the shared discussion document, when, and what the others then see of them:
// each rule attacked with the y-websocket provider a browser uses, or with a raw socket.

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const EVA = 'Eva Studierektorsson';

interface Editor {
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: Y.Text;
}

interface UserState {
	name?: unknown;
	color?: unknown;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds or `ms` pass; the caller asserts afterwards. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!check() && Date.now() < end) await wait(20);
}

/** Every provider opened by a test, destroyed in the afterAll of its block. */
const providers: WebsocketProvider[] = [];

function destroyProviders(): void {
	for (const provider of providers.splice(0)) provider.destroy();
}

/**
 * Opens the document as the browser does. `name` is announced as the presence's user name
 * before the connection opens; `offline` is typed into the document before it connects.
 */
async function join(
	server: TestServer,
	kollegiumId: string,
	auth: DocumentAuth,
	options: { name?: string; offline?: string } = {}
): Promise<Editor> {
	const doc = new Y.Doc();
	const text = doc.getText('notes');
	if (options.offline) text.insert(0, options.offline);
	const provider = documentProvider({ server, kollegiumId, auth, doc });
	providers.push(provider);
	if (options.name !== undefined) {
		provider.awareness.setLocalStateField('user', { name: options.name, color: '#000' });
	}
	await until(() => provider.synced);
	if (!provider.synced) throw new Error('The shared document did not sync');
	return { doc, provider, text };
}

/**
 * Resolves once the server has handled everything this provider sent so far: a sync step 1
 * sent now is answered (step 2) only after the connection's earlier messages, and after every
 * update applied before them has been stored and broadcast.
 */
async function processed(editor: Editor): Promise<void> {
	const end = Date.now() + 5000;
	while (Date.now() < end) {
		await until(() => editor.provider.synced && editor.provider.ws?.readyState === WebSocket.OPEN);
		const ws = editor.provider.ws;
		if (!ws || ws.readyState !== WebSocket.OPEN) continue;
		const answered = await new Promise<boolean>((resolve) => {
			const done = (result: boolean) => {
				clearTimeout(timer);
				ws.removeEventListener('message', onMessage);
				ws.removeEventListener('close', onClose);
				resolve(result);
			};
			const onMessage = (event: MessageEvent) => {
				const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
				if (
					decoding.readVarUint(decoder) === MESSAGE_SYNC &&
					decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
				)
					done(true);
			};
			const onClose = () => done(false);
			const timer = setTimeout(() => done(false), Math.max(0, end - Date.now()));
			ws.addEventListener('message', onMessage);
			ws.addEventListener('close', onClose);
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeSyncStep1(encoder, editor.doc);
			ws.send(encoding.toUint8Array(encoder));
		});
		if (answered) return;
	}
	throw new Error('The server did not answer a sync step 1');
}

/** The presence `watcher` has of the client `clientId`, as the other clients receive it. */
const presenceOf = (watcher: Editor, clientId: number) =>
	watcher.provider.awareness.getStates().get(clientId) as
		{ user?: UserState; typing?: unknown } | undefined;

const nameOf = (watcher: Editor, who: Editor) => presenceOf(watcher, who.doc.clientID)?.user?.name;

/** The text as the server has stored it, nothing pending left out. */
const stored = (server: TestServer, kollegiumId: string) =>
	server.deps.documents.read(kollegiumId, (doc) => doc.getText('notes').toString());

/** Connects with a raw socket, authenticated as the browser is, and reports how it went. */
const attempt = async (server: TestServer, kollegiumId: string, auth: DocumentAuth) =>
	attemptDocument(await documentUrl(server, kollegiumId, auth), auth);

/** Sends, over `from`'s connection, a presence for someone else's client id. */
function claimPresence(from: Editor, clientId: number, clock: number, state: object): void {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
	from.provider.ws?.send(encoding.toUint8Array(message));
}

describe('the shared document of a specialistkollegium, before, during and after its meeting', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	const tokens: Record<string, string> = {};
	const participantIds: Record<string, string> = {};
	/** Text typed by someone who may only read: it must never be stored. */
	const dropped: string[] = [];
	/** Text typed by someone who writes: it must be stored. */
	const kept: string[] = [];

	const open = (auth: DocumentAuth, options?: { name?: string; offline?: string }) =>
		join(server, id, auth, options);
	const as = (name: string) => ({ invitation: tokens[name]! });

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const opened = await liveSpecialistkollegium(server, eva, { start: false });
		id = opened.id;
		for (const [name, person] of Object.entries(opened.people)) tokens[name] = person.invitation!;
		const added = await eva.post(`/kollegier/${id}/participants`, {
			name: 'Chef Eriksson',
			roles: ['observer']
		});
		expect(added.status).toBeLessThan(300);
		for (const p of added.json.participants as { id: string; name: string }[]) {
			participantIds[p.name] = p.id;
		}
		const link = await eva.post(
			`/kollegier/${id}/participants/${participantIds['Chef Eriksson']}/invitation`
		);
		expect(link.status).toBe(201);
		tokens['Chef Eriksson'] = tokenOf(link.json.url);
	});
	afterAll(async () => {
		destroyProviders();
		await server?.close();
	});

	describe('before the meeting (open)', () => {
		afterAll(destroyProviders);

		it('refuses every participant with 4403 and nothing of the document', async () => {
			for (const name of ['Karin Holmlund', 'Chef Eriksson', 'Sara Lindholm']) {
				expect(await attempt(server, id, as(name)), name).toEqual(REFUSED);
			}
			// Answering closed early is still before the meeting.
			expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
			expect((await eva.get(`/kollegier/${id}`)).json.status).toBe('open');
			for (const name of ['Karin Holmlund', 'Peter Sjövik', 'Chef Eriksson', 'Sara Lindholm']) {
				expect(await attempt(server, id, as(name)), name).toEqual(REFUSED);
			}
		});

		it('lets the studierektor in to write', async () => {
			expect((await attempt(server, id, { cookie: eva.cookieHeader })).code).toBe('open');
			const studierektor = await open({ cookie: eva.cookieHeader });
			studierektor.text.insert(0, 'FÖRBEREDELSE ');
			kept.push('FÖRBEREDELSE ');
			await processed(studierektor);
			expect(await stored(server, id)).toContain('FÖRBEREDELSE ');
		});
	});

	describe('during the meeting (live)', () => {
		beforeAll(async () => {
			const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
			expect(live.status).toBe(200);
		});
		afterAll(destroyProviders);

		it('lets a specialist write and drops every edit of an observer', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader });
			const karin = await open(as('Karin Holmlund'));
			// Typed before connecting: it reaches the server in the sync, not as an update.
			const chef = await open(as('Chef Eriksson'), { offline: 'OBSERVATÖR OFFLINE ' });
			dropped.push('OBSERVATÖR');

			karin.text.insert(0, 'KARIN UNDER MÖTET ');
			kept.push('KARIN UNDER MÖTET ');
			await until(() => studierektor.text.toString().includes('KARIN UNDER MÖTET'));
			expect(studierektor.text.toString()).toContain('KARIN UNDER MÖTET');
			await until(() => chef.text.toString().includes('KARIN UNDER MÖTET'));
			expect(chef.text.toString(), 'an observer reads').toContain('KARIN UNDER MÖTET');

			chef.text.insert(0, 'OBSERVATÖR SKRIVER ');
			await processed(chef);
			// Broadcast after anything of the observer's could have been: the same socket's order.
			karin.text.insert(karin.text.length, ' KARIN SIST');
			kept.push(' KARIN SIST');
			await until(() => studierektor.text.toString().includes('KARIN SIST'));
			expect(studierektor.text.toString()).toContain('KARIN SIST');
			expect(studierektor.text.toString()).not.toContain('OBSERVATÖR');
			expect(karin.text.toString()).not.toContain('OBSERVATÖR');
			expect(await stored(server, id)).not.toContain('OBSERVATÖR');
		});

		it('never shows an observer’s presence, while a specialist’s shows', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader }, { name: EVA });
			const chef = await open(as('Chef Eriksson'), { name: 'Chef Eriksson' });
			const karin = await open(as('Karin Holmlund'), { name: 'Karin Holmlund' });
			chef.provider.awareness.setLocalStateField('typing', 'notes');
			await processed(chef);
			karin.provider.awareness.setLocalStateField('typing', 'notes');
			await until(() => presenceOf(studierektor, karin.doc.clientID)?.typing === 'notes');
			expect(presenceOf(studierektor, karin.doc.clientID)?.typing).toBe('notes');
			expect(nameOf(studierektor, karin)).toBe('Karin Holmlund');
			expect(presenceOf(studierektor, chef.doc.clientID)).toBeUndefined();
			expect(presenceOf(karin, chef.doc.clientID)).toBeUndefined();
			// Nor does anyone joining later learn of it.
			const late = await open(as('Peter Sjövik'));
			await until(() => presenceOf(late, karin.doc.clientID) !== undefined);
			expect(nameOf(late, karin)).toBe('Karin Holmlund');
			expect(presenceOf(late, chef.doc.clientID)).toBeUndefined();
		});

		it('shows the server’s name for each connection, whatever name it announces', async () => {
			const watcher = await open(as('Amira Nordqvist'), { name: 'Amira Nordqvist' });
			const karin = await open(as('Karin Holmlund'), { name: EVA });
			const studierektor = await open({ cookie: eva.cookieHeader }, { name: 'Karin Holmlund' });
			const screen = await open(as('Peter Sjövik'), { name: '' });
			const all = [karin, studierektor, screen];
			await until(() => all.every((who) => nameOf(watcher, who) !== undefined));
			expect(nameOf(watcher, karin)).toBe('Karin Holmlund');
			expect(nameOf(watcher, studierektor)).toBe(EVA);
			expect(nameOf(watcher, screen), 'an empty name stays empty').toBe('');

			// Renamed later, after the first presence went out.
			karin.provider.awareness.setLocalStateField('user', { name: 'Peter Sjövik', color: '#111' });
			studierektor.provider.awareness.setLocalStateField('user', { name: '', color: '#111' });
			await until(() =>
				[karin, studierektor].every(
					(who) => presenceOf(watcher, who.doc.clientID)?.user?.color === '#111'
				)
			);
			expect(presenceOf(watcher, karin.doc.clientID)?.user).toEqual({
				name: 'Karin Holmlund',
				color: '#111'
			});
			// The studierektor may be silent too (the shared screen is theirs).
			expect(nameOf(watcher, studierektor)).toBe('');

			// Someone joining later gets the same names from the server's own presence.
			const late = await open({ cookie: eva.cookieHeader });
			await until(() => [karin, screen].every((who) => nameOf(late, who) !== undefined));
			expect(nameOf(late, karin)).toBe('Karin Holmlund');
			expect(nameOf(late, screen)).toBe('');
		});

		it('does not let one connection speak for another connection’s presence', async () => {
			const watcher = await open(as('Amira Nordqvist'), { name: 'Amira Nordqvist' });
			const studierektor = await open({ cookie: eva.cookieHeader }, { name: EVA });
			const karin = await open(as('Karin Holmlund'), { name: 'Karin Holmlund' });
			await until(() => nameOf(watcher, studierektor) === EVA);
			expect(nameOf(watcher, studierektor)).toBe(EVA);
			// Karin announces a newer presence under the studierektor's client id: silent, or hers.
			const clock = watcher.provider.awareness.meta.get(studierektor.doc.clientID)!.clock;
			claimPresence(karin, studierektor.doc.clientID, clock + 1, {
				user: { name: '', color: '#000' }
			});
			await processed(karin);
			karin.provider.awareness.setLocalStateField('typing', 'notes');
			await until(() => presenceOf(watcher, karin.doc.clientID)?.typing === 'notes');
			expect(presenceOf(watcher, karin.doc.clientID)?.typing).toBe('notes');
			expect(nameOf(watcher, studierektor)).toBe(EVA);
		});

		it('refuses the assessed trainee, a revoked link and a replaced link', async () => {
			expect(await attempt(server, id, as('Sara Lindholm'))).toEqual(REFUSED);

			// A revoked link's open connection is cut off with 4403, and it cannot come back.
			const amira = new WebSocket(await documentUrl(server, id, as('Amira Nordqvist')));
			amira.on('error', () => undefined);
			const firstMessage = new Promise<boolean>((resolve) => {
				amira.once('message', () => resolve(true));
				setTimeout(() => resolve(false), 3000);
			});
			const closed = new Promise<number | 'timeout'>((resolve) => {
				amira.on('close', (code) => resolve(code));
				setTimeout(() => resolve('timeout'), 6000);
			});
			expect(await firstMessage, 'a specialist’s link opens the document').toBe(true);
			const revoked = await eva.delete(
				`/kollegier/${id}/participants/${participantIds['Amira Nordqvist']}/invitation`
			);
			expect(revoked.status).toBe(200);
			const code = await closed;
			amira.terminate();
			expect(code).toBe(4403);
			expect(await attempt(server, id, as('Amira Nordqvist'))).toEqual(REFUSED);

			// A link replaced by a new one is revoked; the new one works.
			const replaced = await eva.post(
				`/kollegier/${id}/participants/${participantIds['Chef Eriksson']}/invitation`
			);
			expect(replaced.status).toBe(201);
			const old = tokens['Chef Eriksson']!;
			tokens['Chef Eriksson'] = tokenOf(replaced.json.url);
			expect(await attempt(server, id, { invitation: old })).toEqual(REFUSED);
			expect((await attempt(server, id, as('Chef Eriksson'))).code).toBe('open');
		});
	});

	describe('after the meeting (closed)', () => {
		beforeAll(async () => {
			const closed = await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
			expect(closed.status).toBe(200);
			expect(['closed', 'delivered']).toContain(closed.json.status);
		});

		it('lets participants only read, while the studierektor still writes', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader });
			const karin = await open(as('Karin Holmlund'), { offline: 'KARIN OFFLINE EFTER ' });
			const peter = await open(as('Peter Sjövik'));
			const chef = await open(as('Chef Eriksson'));
			dropped.push('KARIN OFFLINE EFTER', 'KARIN EFTER', 'PETER EFTER', 'CHEF EFTER');

			studierektor.text.insert(0, 'PROTOKOLL ');
			kept.push('PROTOKOLL ');
			for (const reader of [karin, peter, chef]) {
				await until(() => reader.text.toString().includes('PROTOKOLL'));
				expect(reader.text.toString(), 'participants still read').toContain('PROTOKOLL');
			}

			karin.text.insert(0, 'KARIN EFTER ');
			peter.text.insert(0, 'PETER EFTER ');
			chef.text.insert(0, 'CHEF EFTER ');
			await Promise.all([karin, peter, chef].map(processed));
			studierektor.text.insert(studierektor.text.length, ' SLUT');
			kept.push(' SLUT');
			await until(() => [karin, peter].every((r) => r.text.toString().includes(' SLUT')));
			expect(peter.text.toString()).toContain(' SLUT');
			for (const marker of ['KARIN OFFLINE EFTER', 'KARIN EFTER', 'PETER EFTER', 'CHEF EFTER']) {
				expect(studierektor.text.toString()).not.toContain(marker);
			}
			expect(peter.text.toString()).not.toContain('KARIN EFTER');
			expect(peter.text.toString()).not.toContain('KARIN OFFLINE EFTER');
			expect(karin.text.toString()).not.toContain('PETER EFTER');
			const text = await stored(server, id);
			for (const marker of dropped) expect(text).not.toContain(marker);
		});

		it('still refuses the assessed trainee', async () => {
			expect(await attempt(server, id, as('Sara Lindholm'))).toEqual(REFUSED);
		});

		it('has stored every writer’s edit and no reader’s, across a restart', async () => {
			destroyProviders();
			const { dataDir } = server;
			await server.close({ keepData: true });
			server = await startTestServer({ dataDir });
			const text = await stored(server, id);
			for (const marker of kept) expect(text).toContain(marker);
			for (const marker of dropped) expect(text).not.toContain(marker);
			const fresh = await open({ cookie: eva.cookieHeader });
			expect(fresh.text.toString()).toBe(text);
		});
	});
});

describe('a specialist’s connection kept open from the meeting into its closing', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		({ id, people } = await liveSpecialistkollegium(server, eva));
	});
	afterAll(async () => {
		destroyProviders();
		await server?.close();
	});

	it('has its edits dropped once the meeting is closed', async () => {
		const studierektor = await join(server, id, { cookie: eva.cookieHeader });
		const karin = await join(server, id, { invitation: people['Karin Holmlund']!.invitation! });
		const peter = await join(server, id, { invitation: people['Peter Sjövik']!.invitation! });
		karin.text.insert(0, 'UNDER MÖTET ');
		await until(() => peter.text.toString().includes('UNDER MÖTET'));
		expect(peter.text.toString(), 'the specialist writes while live').toContain('UNDER MÖTET');

		const closed = await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
		expect(closed.status).toBe(200);
		karin.text.insert(0, 'EFTER STÄNGNING ');
		await processed(karin);
		studierektor.text.insert(studierektor.text.length, ' SLUT');
		await until(() => peter.text.toString().includes(' SLUT'));
		expect(peter.text.toString()).toContain(' SLUT');
		expect(peter.text.toString()).not.toContain('EFTER STÄNGNING');
		expect(studierektor.text.toString()).not.toContain('EFTER STÄNGNING');
		expect(await stored(server, id)).not.toContain('EFTER STÄNGNING');
	});
});

describe('the shared document of an ST-läkarkollegium', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	const tokens: Record<string, string> = {};

	const open = (auth: DocumentAuth, options?: { name?: string; offline?: string }) =>
		join(server, id, auth, options);
	const as = (name: string) => ({ invitation: tokens[name]! });

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		id = (await eva.post('/kollegier', kollegiumInput(server, { kind: 'st-lakarkollegium' }))).json
			.id;
		for (const name of ['Dr Ahlström', 'Dr Berglund'])
			await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', name });
		for (const name of ['Tove Tidig', 'Ulf Ung'])
			await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		const links: { participantId: string; url: string }[] = (
			await eva.post(`/kollegier/${id}/invitations`)
		).json;
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		for (const link of links) {
			const { name } = detail.participants.find((p: { id: string }) => p.id === link.participantId);
			tokens[name] = tokenOf(link.url);
		}
	});
	afterAll(async () => {
		destroyProviders();
		await server?.close();
	});

	it('refuses the trainees before the meeting, not the studierektor', async () => {
		expect(await attempt(server, id, as('Tove Tidig'))).toEqual(REFUSED);
		expect((await attempt(server, id, { cookie: eva.cookieHeader })).code).toBe('open');
	});

	describe('during the meeting (live)', () => {
		beforeAll(async () => {
			expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
			expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
		});
		afterAll(destroyProviders);

		it('drops every edit of a trainee, while the studierektor writes', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader });
			const tove = await open(as('Tove Tidig'), { offline: 'TOVE OFFLINE ' });
			const ulf = await open(as('Ulf Ung'));
			studierektor.text.insert(0, 'Dr Ahlström: ');
			for (const trainee of [tove, ulf]) {
				await until(() => trainee.text.toString().includes('Dr Ahlström'));
				expect(trainee.text.toString(), 'a trainee reads').toContain('Dr Ahlström');
			}
			tove.text.insert(tove.text.length, 'TOVE OM HANDLEDAREN');
			ulf.text.insert(ulf.text.length, 'ULF OM HANDLEDAREN');
			await Promise.all([tove, ulf].map(processed));
			studierektor.text.insert(studierektor.text.length, ' SLUT');
			await until(() => [tove, ulf].every((t) => t.text.toString().includes(' SLUT')));
			expect(ulf.text.toString()).toContain(' SLUT');
			expect(ulf.text.toString()).not.toContain('TOVE');
			expect(tove.text.toString()).not.toContain('ULF');
			expect(studierektor.text.toString()).toBe('Dr Ahlström:  SLUT');
			expect(await stored(server, id)).toBe('Dr Ahlström:  SLUT');
		});

		it('never shows a trainee’s presence', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader }, { name: EVA });
			const tove = await open(as('Tove Tidig'), { name: 'Tove Tidig' });
			const ulf = await open(as('Ulf Ung'), { name: 'Ulf Ung' });
			tove.provider.awareness.setLocalStateField('typing', 'notes');
			await processed(tove);
			studierektor.provider.awareness.setLocalStateField('typing', 'notes');
			await until(() => presenceOf(ulf, studierektor.doc.clientID)?.typing === 'notes');
			expect(presenceOf(ulf, studierektor.doc.clientID)?.typing).toBe('notes');
			expect(nameOf(ulf, studierektor)).toBe(EVA);
			expect(presenceOf(ulf, tove.doc.clientID)).toBeUndefined();
			expect(presenceOf(studierektor, tove.doc.clientID)).toBeUndefined();
			expect(presenceOf(studierektor, ulf.doc.clientID)).toBeUndefined();
			expect(presenceOf(tove, ulf.doc.clientID)).toBeUndefined();
		});
	});

	describe('after the meeting (closed)', () => {
		beforeAll(async () => {
			expect((await eva.post(`/kollegier/${id}/status`, { status: 'closed' })).status).toBe(200);
		});

		it('still lets only the studierektor write', async () => {
			const studierektor = await open({ cookie: eva.cookieHeader });
			const tove = await open(as('Tove Tidig'));
			tove.text.insert(0, 'TOVE EFTER ');
			await processed(tove);
			studierektor.text.insert(studierektor.text.length, ' BESLUT');
			await until(() => tove.text.toString().includes('BESLUT'));
			expect(tove.text.toString()).toContain('BESLUT');
			expect(studierektor.text.toString()).not.toContain('TOVE');
			expect(await stored(server, id)).not.toContain('TOVE');
		});
	});
});
