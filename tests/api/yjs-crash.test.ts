import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiClient } from '../support/client.ts';
import { PASSWORD } from '../support/fixtures.ts';

const main = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kollegium-crash-'));
const started: ReturnType<typeof spawn>[] = [];

/** `npm start`'s server process on a fixed free port, as a real deployment runs it. */
async function startProcess(port: number) {
	const child = spawn(process.execPath, [main], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	started.push(child);
	for (let i = 0; i < 600 && !output.includes('running at'); i += 1) {
		await new Promise((r) => setTimeout(r, 50));
	}
	if (!output.includes('running at')) throw new Error(`The server did not start:\n${output}`);
	return { child, output: () => output };
}

function editor(url: string, kollegiumId: string, cookie: string) {
	class WithCookie extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, kollegiumId, doc, {
		WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, provider, text: doc.getText('notes') };
}

/** A port nothing listens on now: the OS picks it, we release it for the server process. */
function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

async function until(check: () => boolean, what: string): Promise<void> {
	// Generous (up to 40 s, within the test's minute): this runs beside the rest of the suite on
	// two cores, and a fresh server's first document once took longer than 20 s there.
	for (let i = 0; i < 2000 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
	if (!check()) throw new Error(`Timed out waiting for ${what}`);
}

describe('the shared document after kill -9', () => {
	afterAll(() => {
		for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('loses no edit the server has passed on to others', { timeout: 60_000 }, async () => {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const first = await startProcess(port);
		const token = /setup\/([A-Za-z0-9_-]{43})/.exec(first.output())?.[1];
		const eva = new ApiClient(url);
		await eva.post('/auth/setup', {
			token,
			name: 'Eva Studierektorsson',
			email: 'eva@example.org',
			password: PASSWORD,
			clinicName: 'Medicinkliniken'
		});
		const now = Date.now();
		const created = await eva.post('/kollegier', {
			kind: 'specialistkollegium',
			title: 'Kollegium som kraschar',
			templateId: 'specialistkollegium-allman',
			startsAt: new Date(now + 14 * 86_400_000).toISOString(),
			answerDeadline: new Date(now + 7 * 86_400_000).toISOString()
		});
		const kollegiumId: string = created.json.id;

		const writer = editor(url, kollegiumId, eva.cookieHeader);
		const witness = editor(url, kollegiumId, eva.cookieHeader);
		await until(() => writer.provider.synced && witness.provider.synced, 'sync');
		for (let i = 0; i < 50; i += 1) writer.text.insert(writer.text.length, `rad ${i}\n`);
		await until(() => witness.text.length === writer.text.length, 'the witness to see every edit');
		const acknowledged = witness.text.toString();

		first.child.kill('SIGKILL');
		await new Promise((resolve) => first.child.on('exit', resolve));
		writer.provider.destroy();
		witness.provider.destroy();

		const second = await startProcess(port);
		try {
			const reader = editor(url, kollegiumId, eva.cookieHeader);
			await until(
				() => reader.provider.synced && reader.text.length >= acknowledged.length,
				'the stored text'
			);
			expect(reader.text.toString()).toBe(acknowledged);
			reader.provider.destroy();
		} finally {
			second.child.kill('SIGTERM');
			await new Promise((resolve) => second.child.on('exit', resolve));
		}
	});
});
