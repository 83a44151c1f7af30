import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { connect, join as joinMeeting, liveSpecialistkollegium, send } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const temporary: string[] = [];
const servers: TestServer[] = [];

afterAll(async () => {
	for (const server of servers) await server.close();
	for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'kollegium-backup-'));
	temporary.push(dir);
	return dir;
}

/** `npm run backup` / `npm run restore` as the README says, with DATA_DIR set. */
function npmRun(script: 'backup' | 'restore', dataDir: string, args: string[]) {
	const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
		cwd: root,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		encoding: 'utf8'
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run backup and npm run restore', () => {
	it('backs up during a meeting; restored into an empty DATA_DIR, the meeting resumes where it was', async () => {
		const server = await startTestServer();
		servers.push(server);
		const { client: eva } = await setUpFacilitator(server);
		const live = await liveSpecialistkollegium(server, eva);
		const control = connect(server, { cookie: eva.cookieHeader });
		const first = await joinMeeting(control, live.id, 'control');
		for (let i = 0; i < 3; i += 1)
			expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
		const before = (await eva.get(`/kollegier/${live.id}`)).json;

		// The server keeps running and the room keeps clicking while the copy is made.
		const file = join(tempDir(), 'kollegium.sqlite');
		const clicking = send(control, 'meeting:command', { type: 'next' });
		const made = npmRun('backup', server.dataDir, [file]);
		await clicking;
		expect(made.output).toContain(`Backup written to ${file}`);
		expect(made.status).toBe(0);
		control.disconnect();
		const position = first.state.position;

		const restoredDir = tempDir();
		const restored = npmRun('restore', restoredDir, [file]);
		expect(restored.output).toContain('Restored');
		expect(restored.status).toBe(0);

		const again = await startTestServer({ dataDir: restoredDir });
		servers.push(again);
		// The same session still signs Eva in: sessions are in the backup too.
		const detail = (
			await new ApiClient(again.url).request('GET', `/kollegier/${live.id}`, undefined, {
				Cookie: eva.cookieHeader
			})
		).json;
		expect(detail.title).toBe(before.title);
		expect(detail.status).toBe('live');
		const resumed = await joinMeeting(
			connect(again, { cookie: eva.cookieHeader }),
			live.id,
			'control'
		);
		// At least the three clicks before the backup, at most the fourth made during it.
		expect(resumed.state.version).toBeGreaterThanOrEqual(first.state.version + 3);
		expect(resumed.state.version).toBeLessThanOrEqual(first.state.version + 4);
		expect(resumed.state.position).toBeGreaterThanOrEqual(position);
	});

	it('refuses to restore over a database unless asked to replace it, and refuses a file that is not one', async () => {
		const server = await startTestServer();
		servers.push(server);
		await setUpFacilitator(server);
		const file = join(tempDir(), 'copy.sqlite');
		expect(npmRun('backup', server.dataDir, [file]).status).toBe(0);
		expect(npmRun('backup', server.dataDir, [file]).output).toContain('exists already');

		const occupied = tempDir();
		expect(npmRun('restore', occupied, [file]).status).toBe(0);
		const twice = npmRun('restore', occupied, [file]);
		expect(twice.status).toBe(1);
		expect(twice.output).toContain('--replace');
		expect(npmRun('restore', occupied, [file, '--replace']).status).toBe(0);

		const junk = join(tempDir(), 'junk.sqlite');
		writeFileSync(junk, 'not a database');
		const refused = npmRun('restore', tempDir(), [junk]);
		expect(refused.status).toBe(1);
		expect(refused.output).toContain('not a readable SQLite database');
		expect(npmRun('restore', tempDir(), [join(tempDir(), 'missing.sqlite')]).output).toContain(
			'There is no backup'
		);
	});

	it('writes to DATA_DIR/backups when no file is named', async () => {
		const server = await startTestServer();
		servers.push(server);
		const made = npmRun('backup', server.dataDir, []);
		expect(made.status).toBe(0);
		const file = /Backup written to (\S+)/.exec(made.output)?.[1] ?? '';
		expect(file).toContain(join(server.dataDir, 'backups', 'kollegium-'));
		expect(existsSync(file)).toBe(true);
	});
});
