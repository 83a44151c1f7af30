// Runs in the api-postgres project only (it needs the throwaway cluster): pg_dump while the
// server runs, pg_restore into another database, and the server resumes the meeting from it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { configFromEnv } from '../../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { connect, join as joinMeeting, liveSpecialistkollegium, send } from '../support/meeting.ts';
import { createDatabase } from '../support/postgres.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

function npmRun(script: 'backup' | 'restore', databaseUrl: string, args: string[]) {
	const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: databaseUrl },
		encoding: 'utf8'
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run backup and restore with PostgreSQL', () => {
	it('dumps during a meeting; restored into another database, the meeting resumes', async () => {
		const server: TestServer = await startTestServer();
		cleanups.push(() => server.close());
		const source = server.deps.config.databaseUrl ?? '';
		expect(source).toMatch(/^postgres/);
		const { client: eva } = await setUpFacilitator(server);
		const live = await liveSpecialistkollegium(server, eva);
		const control = connect(server, { cookie: eva.cookieHeader });
		const first = await joinMeeting(control, live.id, 'control');
		for (let i = 0; i < 2; i += 1)
			expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
		control.disconnect();

		const dir = mkdtempSync(join(tmpdir(), 'kollegium-pgdump-'));
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const file = join(dir, 'kollegium.pgdump');
		const made = npmRun('backup', source, [file]);
		expect(made.output).toContain(`Backup written to ${file}`);
		expect(made.status).toBe(0);

		const target = await createDatabase(inject('postgres'));
		const restored = npmRun('restore', target.url, [file]);
		expect(restored.output).toContain('Restored');
		expect(restored.status).toBe(0);

		const config = { ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir: dir };
		const again: RunningServer = await startServer({
			config: { ...config, databaseUrl: target.url },
			pages: false
		});
		cleanups.push(async () => {
			await again.close();
			await target.drop();
		});
		const detail = await new ApiClient(again.url).request(
			'GET',
			`/kollegier/${live.id}`,
			undefined,
			{ Cookie: eva.cookieHeader }
		);
		expect(detail.json).toMatchObject({ id: live.id, status: 'live' });
		const resumed = await joinMeeting(
			connect({ ...server, url: again.url }, { cookie: eva.cookieHeader }),
			live.id,
			'control'
		);
		expect(resumed.state.version).toBe(first.state.version + 2);
	});
});
