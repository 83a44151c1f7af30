import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const templates = fileURLToPath(new URL('../../templates', import.meta.url));
const temporary: string[] = [];

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'kollegium-start-'));
	temporary.push(dir);
	return dir;
}

/** `node apps/server/src/main.ts` as `npm start` runs it, with its output collected. */
function start(env: Record<string, string>) {
	const child = spawn(process.execPath, [main], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, exited, output: () => output };
}

async function waitFor(
	read: () => string,
	pattern: RegExp,
	child: ChildProcess
): Promise<RegExpMatchArray> {
	for (let tries = 0; tries < 200; tries += 1) {
		const match = read().match(pattern);
		if (match) return match;
		if (child.exitCode !== null) break;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`No ${pattern} in:\n${read()}`);
}

describe('starting and stopping the server process', () => {
	afterAll(() => {
		for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
	});

	it('prints its URL and a one-time setup link, creates the database, and stops cleanly on SIGTERM', async () => {
		const dataDir = tempDir();
		const server = start({ DATA_DIR: dataDir });
		const [, url] = await waitFor(server.output, /running at (http:\/\/\S+)/, server.child);
		const [setupLink] = await waitFor(
			server.output,
			/http:\/\/\S+\/setup\/[A-Za-z0-9_-]{43}/,
			server.child
		);
		expect(setupLink.startsWith(url ?? '-')).toBe(true);
		const health = await fetch(`${url}/healthz`);
		expect(health.status).toBe(200);
		expect(readFileSync(join(dataDir, 'kollegium.sqlite')).length).toBeGreaterThan(0);

		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(server.output()).toContain('closing connections and the database');
	});

	it('prints no setup link once an account exists, and never a default password', async () => {
		const dataDir = tempDir();
		const first = start({ DATA_DIR: dataDir });
		const [setupLink] = await waitFor(
			first.output,
			/http:\/\/\S+\/setup\/([A-Za-z0-9_-]{43})/,
			first.child
		);
		const token = setupLink.split('/').pop();
		const url = new URL(setupLink).origin;
		const created = await fetch(`${url}/api/auth/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Origin: url },
			body: JSON.stringify({
				token,
				name: 'Eva Studierektorsson',
				email: 'eva@example.org',
				password: 'ett riktigt långt lösenord',
				clinicName: 'Medicinkliniken'
			})
		});
		expect(created.status).toBe(201);
		first.child.kill('SIGTERM');
		await first.exited;

		const second = start({ DATA_DIR: dataDir });
		await waitFor(second.output, /running at/, second.child);
		second.child.kill('SIGTERM');
		await second.exited;
		expect(second.output()).not.toMatch(/setup\/|password/i);
	});

	it('refuses to start with a broken template, naming the file and the path inside it', async () => {
		const broken = tempDir();
		cpSync(templates, broken, { recursive: true });
		const file = join(broken, 'forms', 'st-lakarkollegium.json');
		const template = JSON.parse(readFileSync(file, 'utf8'));
		template.sections[1].items[0].scale = 'no-such-scale';
		writeFileSync(file, JSON.stringify(template));

		const server = start({ DATA_DIR: tempDir(), TEMPLATES_DIR: broken });
		expect(await server.exited).toBe(1);
		expect(server.output()).toContain('st-lakarkollegium.json');
		expect(server.output()).toContain('sections[1].items[0].scale');
	});
});
