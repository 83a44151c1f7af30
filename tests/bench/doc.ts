// npm run bench:doc — edit-propagation latency in one shared document with 30 editing clients:
// from one client's local edit to every other client's receipt of it, through the real
// server's /yjs endpoint (each client a participant let in with a ticket for its invitation
// link, every update appended to the SQLite log before it is broadcast), beside a minimal
// y-protocols websocket relay built here (one Y.Doc in memory, no authentication, no
// persistence) as the baseline. Both sets of 30 y-websocket providers stay connected; the rounds
// alternate between them, with the same sender in both, and each round waits for all 29
// receipts and a pause, so it measures propagation, not queueing. Goals: p95 < 10 ms and within
// 1.5× of the relay's. Ends with one line of JSON (tests/bench/report.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket, { WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tokenOf } from '../support/client.ts';
import { documentProvider } from '../support/documents.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { printResult } from './report.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 30);
const EDITS = Number(process.env.EDITS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 20);
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 10);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 5000);

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(latencies: number[]) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

/** Thirty editors of one document over y-websocket, as the browser connects them. */
class Editors {
	readonly providers: WebsocketProvider[];
	readonly texts: Y.Text[];
	/** The edit under way: its text, when it was made, who has still to receive it. */
	#round: {
		marker: string;
		sentAt: number;
		waiting: Set<number>;
		latencies: number[];
		done: () => void;
	} | null = null;

	constructor(providers: WebsocketProvider[]) {
		this.providers = providers;
		this.texts = this.providers.map((provider) => provider.doc.getText('bench'));
		this.texts.forEach((text, index) =>
			text.observe((event) => {
				const at = performance.now();
				const round = this.#round;
				if (!round?.waiting.has(index)) return;
				if (!event.delta.some((op) => op.insert === round.marker)) return;
				round.latencies.push(at - round.sentAt);
				round.waiting.delete(index);
				if (round.waiting.size === 0) round.done();
			})
		);
	}

	/** Resolves when every provider has had its first sync with the server. */
	async synced(what: string): Promise<void> {
		const end = Date.now() + TIMEOUT_MS;
		while (!this.providers.every((provider) => provider.synced)) {
			if (Date.now() > end) {
				const missing = this.providers.filter((provider) => !provider.synced).length;
				throw new Error(`${what}: ${missing} of ${this.providers.length} clients never synced`);
			}
			await sleep(20);
		}
	}

	/** One edit by `sender`; resolves with each other client's latency to receive it. */
	edit(sender: number, marker: string, what: string): Promise<number[]> {
		return new Promise((resolve, reject) => {
			const waiting = new Set(this.providers.keys());
			waiting.delete(sender);
			const latencies: number[] = [];
			const timer = setTimeout(() => {
				this.#round = null;
				reject(new Error(`${what}: ${waiting.size} clients never received edit ${marker}`));
			}, TIMEOUT_MS);
			this.#round = {
				marker,
				sentAt: 0,
				waiting,
				latencies,
				done: () => {
					clearTimeout(timer);
					this.#round = null;
					resolve(latencies);
				}
			};
			this.#round.sentAt = performance.now();
			this.texts[sender]!.insert(0, marker);
		});
	}

	destroy(): void {
		for (const provider of this.providers) {
			provider.destroy();
			provider.doc.destroy();
		}
	}
}

/** A kollegium with CLIENTS assessors, its meeting live, and each one's invitation token. */
async function kollegiumWithEditors(server: TestServer) {
	const { client } = await setUpFacilitator(server);
	const id: string = (await client.post('/kollegier', kollegiumInput(server))).json.id;
	for (let i = 0; i < CLIENTS; i += 1) {
		const added = await client.post(`/kollegier/${id}/participants`, {
			name: `Specialist ${i + 1}`,
			roles: ['assessor']
		});
		if (added.status >= 300) throw new Error(`adding a participant failed: ${added.text}`);
	}
	await client.post(`/kollegier/${id}/subjects`, {
		kind: 'trainee',
		name: 'ST-läkare 1',
		specialty: 'Internmedicin',
		stStart: '2025-09-01',
		regulation: 'HSLF-FS 2021:8'
	});
	const opened = await client.post(`/kollegier/${id}/status`, { status: 'open' });
	if (opened.status !== 200) throw new Error(`opening failed: ${opened.text}`);
	const links = (await client.post(`/kollegier/${id}/invitations`)).json as {
		url: string;
		participantId: string;
	}[];
	const detail = (await client.get(`/kollegier/${id}`)).json as {
		participants: { id: string; roles: string[] }[];
	};
	const invitations = links
		.filter((link) =>
			detail.participants.find((p) => p.id === link.participantId)?.roles.includes('assessor')
		)
		.map((link) => tokenOf(link.url));
	if (invitations.length !== CLIENTS) throw new Error(`${invitations.length} assessor links`);
	// Participants write in the document during the meeting only.
	await client.post(`/kollegier/${id}/close-answering`);
	const live = await client.post(`/kollegier/${id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`starting the meeting failed: ${live.text}`);
	return { id, invitations };
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

/**
 * The baseline: the least a y-protocols websocket server does. One document in memory; sync
 * step 1 and 2 answered, updates applied and sent to every other connection, awareness relayed.
 */
async function startRelay(): Promise<{ url: string; close(): Promise<void> }> {
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(null);
	const connections = new Map<WebSocket, Set<number>>();
	const message = (type: number, write: (encoder: encoding.Encoder) => void) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, type);
		write(encoder);
		return encoding.toUint8Array(encoder);
	};
	const send = (socket: WebSocket, data: Uint8Array) => {
		if (socket.readyState === WebSocket.OPEN) socket.send(data);
	};
	const awarenessOf = (clients: number[]) =>
		message(MESSAGE_AWARENESS, (encoder) =>
			encoding.writeVarUint8Array(
				encoder,
				awarenessProtocol.encodeAwarenessUpdate(awareness, clients)
			)
		);
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		const data = message(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
		for (const socket of connections.keys()) if (socket !== origin) send(socket, data);
	});
	awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
		const clients = connections.get(origin as WebSocket);
		for (const id of added) clients?.add(id);
		for (const id of removed) clients?.delete(id);
		const data = awarenessOf([...added, ...updated, ...removed]);
		for (const socket of connections.keys()) send(socket, data);
	});

	const http = createServer();
	const wss = new WebSocketServer({ server: http });
	wss.on('connection', (socket) => {
		connections.set(socket, new Set());
		socket.on('message', (raw: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(raw));
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) {
				const reply = encoding.createEncoder();
				encoding.writeVarUint(reply, MESSAGE_SYNC);
				syncProtocol.readSyncMessage(decoder, reply, doc, socket);
				if (encoding.length(reply) > 1) send(socket, encoding.toUint8Array(reply));
			} else if (type === MESSAGE_AWARENESS) {
				awarenessProtocol.applyAwarenessUpdate(
					awareness,
					decoding.readVarUint8Array(decoder),
					socket
				);
			}
		});
		socket.on('close', () => {
			const clients = connections.get(socket) ?? new Set();
			connections.delete(socket);
			awarenessProtocol.removeAwarenessStates(awareness, [...clients], null);
		});
		send(
			socket,
			message(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc))
		);
		const states = [...awareness.getStates().keys()];
		if (states.length > 0) send(socket, awarenessOf(states));
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return {
		url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
		async close() {
			for (const socket of wss.clients) socket.terminate();
			await new Promise((resolve) => wss.close(resolve));
			await new Promise((resolve) => http.close(resolve));
			awareness.destroy();
			doc.destroy();
		}
	};
}

// y-websocket adds a process 'exit' listener per provider in Node: sixty here, all expected.
process.setMaxListeners(2 * CLIENTS + 10);

const server = await startTestServer();
const relay = await startRelay();
const opened: Editors[] = [];
const measured = { kollegium: [] as number[], relay: [] as number[] };
try {
	const { id, invitations } = await kollegiumWithEditors(server);
	// Each participant as the browser connects: a fresh single-use ticket for every connection.
	const kollegium = new Editors(
		invitations.map((invitation) =>
			documentProvider({ server, kollegiumId: id, auth: { invitation } })
		)
	);
	opened.push(kollegium);
	const bare = new Editors(
		invitations.map(
			() =>
				new WebsocketProvider(relay.url, 'bench', new Y.Doc(), {
					WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
					disableBc: true,
					maxBackoffTime: 300
				})
		)
	);
	opened.push(bare);
	await kollegium.synced('kollegium');
	await bare.synced('relay');

	for (let round = 0; round < WARMUP + EDITS; round += 1) {
		const sender = Math.floor(Math.random() * CLIENTS);
		const marker = `x${round} `;
		// Alternate which goes first, so neither always runs in the wake of the other's work.
		const order =
			round % 2 === 0
				? ([
						['kollegium', kollegium],
						['relay', bare]
					] as const)
				: ([
						['relay', bare],
						['kollegium', kollegium]
					] as const);
		for (const [name, editors] of order) {
			const latencies = await editors.edit(sender, marker, name);
			if (round >= WARMUP) measured[name].push(...latencies);
			await sleep(PAUSE_MS);
		}
	}
	for (const [name, editors] of [
		['kollegium', kollegium],
		['relay', bare]
	] as const) {
		const final = editors.texts[0]!.toString();
		if (!editors.texts.every((text) => text.toString() === final))
			throw new Error(`${name}: the editors did not converge`);
	}
} finally {
	for (const editors of opened) editors.destroy();
	await relay.close();
	await server.close();
}

const k = summary(measured.kollegium);
const b = summary(measured.relay);
const fmt = (n: number) => n.toFixed(2).padStart(8);
const ratio50 = k.p50 / b.p50;
const ratio95 = k.p95 / b.p95;
console.log(
	`\nEdit propagation, ${CLIENTS} editing clients on one document, ${EDITS} edits × ${CLIENTS - 1} receivers (ms; clients in the same process)`
);
console.log(`                          p50      p95      max`);
console.log(`kollegium /yjs      ${fmt(k.p50)} ${fmt(k.p95)} ${fmt(k.max)}`);
console.log(`bare y-protocols    ${fmt(b.p50)} ${fmt(b.p95)} ${fmt(b.max)}`);
console.log(`ratio               ${fmt(ratio50)}×${fmt(ratio95)}×`);
const fast = k.p95 < 10;
const close = ratio95 <= 1.5;
console.log(
	`goal p95 < 10 ms: ${fast ? 'PASS' : 'FAIL'}   goal within 1.5× of the relay (p95): ${close ? 'PASS' : 'FAIL'}`
);
printResult({
	bench: 'doc',
	figures: {
		clients: CLIENTS,
		edits: EDITS,
		kollegium: k,
		relay: b,
		p50Ratio: ratio50,
		p95Ratio: ratio95
	},
	goals: {
		fast: { target: 'edit propagation p95 < 10 ms', value: k.p95, pass: fast },
		nearRelay: { target: 'p95 ≤ 1.5 × the bare relay p95', value: ratio95, pass: close }
	}
});
