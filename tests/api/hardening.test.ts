import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { configFromEnv } from '../../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import {
	connect,
	join,
	liveSpecialistkollegium,
	send,
	type MeetingSocket
} from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** A request with headers fetch will not let us forge (Host), read as text. */
function rawRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string }
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers });
		req.on('response', (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end(options.body);
	});
}

/** How a websocket to the shared document ends: its close code, or 'open' on a first message. */
function documentSocket(
	url: string,
	headers: Record<string, string>
): Promise<number | 'open' | 'timeout'> {
	return new Promise((resolve) => {
		const socket = new WebSocket(url, { headers });
		const timer = setTimeout(() => finish('timeout'), 3000);
		const finish = (result: number | 'open' | 'timeout') => {
			clearTimeout(timer);
			socket.removeAllListeners();
			socket.on('error', () => undefined);
			socket.terminate();
			resolve(result);
		};
		socket.on('message', () => finish('open'));
		socket.on('close', (code) => finish(code));
		socket.on('error', () => undefined);
	});
}

describe('links and origins', () => {
	let server: TestServer;
	let eva: ApiClient;
	let kollegiumId: string;
	let participantId: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const created = await eva.post('/kollegier', {
			kind: 'specialistkollegium',
			title: 'Specialistkollegium HT',
			templateId: 'specialistkollegium-allman',
			startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
			answerDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
			minRespondents: 3
		});
		kollegiumId = created.json.id;
		const added = await eva.post(`/kollegier/${kollegiumId}/participants`, {
			name: 'Karin Holmlund',
			roles: ['assessor']
		});
		participantId = added.json.participants[0].id;
	});
	afterAll(() => server?.close());

	it('builds invitation links on its own address, whatever Host and X-Forwarded-Host say', async () => {
		const issued = await rawRequest(
			`${server.url}/api/kollegier/${kollegiumId}/participants/${participantId}/invitation`,
			{
				method: 'POST',
				headers: {
					Host: 'evil.example',
					'X-Forwarded-Host': 'evil.example',
					'X-Forwarded-Proto': 'https',
					Origin: server.url,
					Cookie: eva.cookieHeader,
					'Content-Type': 'application/json'
				},
				body: '{}'
			}
		);
		expect(issued.status).toBe(201);
		const { url } = JSON.parse(issued.body) as { url: string };
		expect(url.startsWith(`${server.url}/svar/`)).toBe(true);
		expect(url).not.toContain('evil');
		expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
	});

	it('refuses a change made with the session cookie from another origin, or with none', async () => {
		const input = { name: 'Peter Sjövik', roles: ['assessor'] };
		const path = `/kollegier/${kollegiumId}/participants`;
		for (const origin of ['https://evil.example', 'null', `http://localhost:1`]) {
			const foreign = await eva.request('POST', path, input, { Origin: origin });
			expect(foreign.status, origin).toBe(403);
			expect(foreign.json).toEqual({
				error: 'crossOrigin',
				message: expect.any(String),
				issues: []
			});
		}
		const none = await rawRequest(`${server.url}/api${path}`, {
			method: 'POST',
			headers: { Cookie: eva.cookieHeader, 'Content-Type': 'application/json' },
			body: JSON.stringify(input)
		});
		expect(none.status).toBe(403);
		// Nothing was written by the refused requests.
		const detail = await eva.get(`/kollegier/${kollegiumId}`);
		expect(detail.json.participants.map((p: { name: string }) => p.name)).toEqual([
			'Karin Holmlund'
		]);
		// Reading is not a change; our own page, by either loopback name, may change things.
		expect(
			(
				await eva.request('GET', path.replace('/participants', ''), undefined, {
					Origin: 'https://evil.example'
				})
			).status
		).toBe(200);
		const loopback = server.url.replace('localhost', '127.0.0.1');
		expect((await eva.request('POST', path, input, { Origin: loopback })).status).toBe(201);
	});

	it('does not let another site open the document or the meeting with the studierektor’s cookie', async () => {
		const url = `${server.url.replace('http', 'ws')}/yjs/${kollegiumId}`;
		expect(
			await documentSocket(url, { cookie: eva.cookieHeader, origin: 'https://evil.example' })
		).toBe(4403);
		expect(await documentSocket(url, { cookie: eva.cookieHeader, origin: server.url })).toBe(
			'open'
		);

		const refusal = await new Promise<string>((resolve) => {
			const socket = io(server.url, {
				path: '/socket.io/',
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				extraHeaders: { cookie: eva.cookieHeader, origin: 'https://evil.example' }
			});
			socket.on('connect', () => {
				socket.close();
				resolve('connected');
			});
			socket.on('connect_error', (error) => {
				socket.close();
				resolve(error.message);
			});
		});
		expect(refusal).toBe('unauthenticated');
	});

	it('compresses JSON answers over 1 kB, and leaves small ones as they are', async () => {
		const big = await rawRequest(`${server.url}/api/openapi.json`, {
			headers: { 'Accept-Encoding': 'gzip, deflate, br' }
		});
		expect(big.headers['content-encoding']).toBe('br');
		const gzip = await rawRequest(`${server.url}/api/openapi.json`, {
			headers: { 'Accept-Encoding': 'gzip' }
		});
		expect(gzip.headers['content-encoding']).toBe('gzip');
		const decoded = await fetch(`${server.url}/api/openapi.json`);
		expect(((await decoded.json()) as { openapi: string }).openapi).toMatch(/^3\./);
		const small = await rawRequest(`${server.url}/healthz`, {
			headers: { 'Accept-Encoding': 'gzip, br' }
		});
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(small.body)).toMatchObject({ status: 'ok' });
	});

	it('refuses a NUL character in any text as invalid, naming the field, on every engine', async () => {
		const response = await eva.post(`/kollegier/${kollegiumId}/participants`, {
			name: 'Karin\u0000Holmlund',
			roles: ['assessor']
		});
		expect(response.status).toBe(400);
		expect(response.json.issues).toEqual([
			{ path: 'name', code: 'invalid', message: 'Ogiltigt värde.' }
		]);
	});

	it('answers a JSON route sent another content type with 415, and writes nothing', async () => {
		const response = await eva.request('POST', `/kollegier/${kollegiumId}/participants`, 'name=x', {
			'Content-Type': 'application/x-www-form-urlencoded'
		});
		expect(response.status).toBe(415);
		expect(response.json.error).toBe('unsupportedMediaType');
	});

	it('sends no Strict-Transport-Security over plain http', async () => {
		const health = await fetch(`${server.url}/healthz`);
		expect(health.headers.get('strict-transport-security')).toBeNull();
	});
});

describe('behind https (PUBLIC_URL=https://…)', () => {
	let server: RunningServer;
	const dataDir = mkdtempSync(joinPath(tmpdir(), 'kollegium-https-'));

	beforeAll(async () => {
		const config = {
			...configFromEnv({ PUBLIC_URL: 'https://kollegium.example.se' }),
			port: 0,
			host: '127.0.0.1',
			dataDir
		};
		server = await startServer({ config, pages: true });
	});
	afterAll(async () => {
		await server?.close();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('sends HSTS on every response: the API, the pages and the errors', async () => {
		const base = `http://127.0.0.1:${server.port}`;
		for (const path of ['/healthz', '/api/auth/me', '/', '/logga-in', '/no-such-page']) {
			const response = await fetch(`${base}${path}`, { redirect: 'manual' });
			expect(response.headers.get('strict-transport-security'), path).toBe(
				'max-age=31536000; includeSubDomains'
			);
		}
		expect(server.url).toBe('https://kollegium.example.se');
	});
});

describe('socket listeners when the database fails', () => {
	let server: TestServer;
	let eva: ApiClient;
	let kollegiumId: string;
	let invitation: string;
	const sockets: MeetingSocket[] = [];

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, eva);
		kollegiumId = live.id;
		invitation = live.people['Karin Holmlund']!.invitation!;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.close();
		await server?.close();
	});

	/** Makes every query fail as a busy or broken database would, until the returned undo. */
	function breakDatabase(): () => void {
		const db = server.deps.db as unknown as Record<string, unknown>;
		const methods = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'transaction'];
		const saved = methods.map((name) => [name, db[name]] as const);
		for (const name of methods) {
			db[name] = () => {
				throw new Error('database is locked');
			};
		}
		return () => {
			for (const [name, method] of saved) db[name] = method;
		};
	}

	const ack = (socket: MeetingSocket, event: string, payload: unknown) =>
		new Promise<{ ok: boolean; error?: string }>((resolve) =>
			(
				socket.emit as (
					e: string,
					p: unknown,
					a: (r: { ok: boolean; error?: string }) => void
				) => void
			)(event, payload, resolve)
		);

	it('answers every listener’s failure with {ok: false, error: "internal"} and keeps serving', async () => {
		const control = connect(server, { cookie: eva.cookieHeader });
		const karin = connect(server, { invitation });
		sockets.push(control, karin);
		await join(control, kollegiumId, 'control');
		await join(karin, kollegiumId, 'participant');
		const fresh = connect(server, { cookie: eva.cookieHeader });
		sockets.push(fresh);
		await new Promise<void>((resolve) => fresh.once('connect', () => resolve()));

		const repair = breakDatabase();
		try {
			expect(await ack(fresh, 'kollegium:watch', kollegiumId)).toEqual({
				ok: false,
				error: 'internal'
			});
			expect(await ack(fresh, 'meeting:join', { kollegiumId, view: 'control' })).toEqual({
				ok: false,
				error: 'internal'
			});
			expect(await send(control, 'meeting:command', { type: 'next' })).toBe('internal');
			expect(await send(karin, 'meeting:hand', { type: 'raiseHand' })).toBe('internal');
			// A new connection is refused rather than left hanging.
			const refused = await new Promise<string>((resolve) => {
				const late = connect(server, { cookie: eva.cookieHeader });
				sockets.push(late);
				late.on('connect', () => resolve('connected'));
				late.on('connect_error', (error) => resolve(error.message));
			});
			expect(refused).toBe('internal');
			// A leaving participant's failure is logged, not thrown.
			karin.close();
			await new Promise((resolve) => setTimeout(resolve, 100));
		} finally {
			repair();
		}

		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
		expect(await ack(fresh, 'kollegium:watch', kollegiumId)).toEqual({ ok: true });
	});
});
