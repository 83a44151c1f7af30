import { spawn, spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const temporary: string[] = [];

function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	temporary.push(dir);
	return dir;
}

const running = new Set<number>();

afterAll(() => {
	// A failed assertion leaves its server running: stop it rather than leave it behind.
	for (const group of running) {
		try {
			process.kill(-group, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/**
 * `npm start` as the README says, in its own process group: a terminal's Ctrl-C and systemd
 * signal the whole group, and so does `stop()`. (SIGTERM to npm alone stops npm and its shell
 * but not the server: the shell running `a && b` does not pass the signal on.)
 */
function npmStart(dataDir: string) {
	const startedAt = performance.now();
	const child = spawn('npm', ['start'], {
		cwd: root,
		detached: true,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const group = child.pid;
	if (group === undefined) throw new Error('npm start did not start');
	running.add(group);
	let output = '';
	const listeners = new Set<() => void>();
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	// 'close' comes when every process holding the output is gone, the server included.
	const closed = new Promise<void>((resolve) =>
		child.on('close', () => {
			running.delete(group);
			resolve();
		})
	);

	/** The first match of `pattern` in the output, as soon as it is printed. */
	function waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const match = output.match(pattern);
				if (match) {
					listeners.delete(check);
					resolve(match);
				}
			};
			listeners.add(check);
			check();
			void closed.then(() => reject(new Error(`npm start ended without ${pattern}:\n${output}`)));
		});
	}

	return {
		startedAt,
		closed,
		waitFor,
		output: () => output,
		stop: () => process.kill(-group, 'SIGTERM')
	};
}

/** Starts, waits until `GET /` is a page, and returns the milliseconds that took. */
async function startAndLoad(server: ReturnType<typeof npmStart>): Promise<number> {
	const [, url] = await server.waitFor(/Kollegium is running at (http:\/\/\S+)/);
	const response = await fetch(`${url}/`);
	const html = await response.text();
	const elapsed = performance.now() - server.startedAt;
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^text\/html/);
	expect(html).toContain('_app/immutable/');
	return elapsed;
}

async function stopCleanly(server: ReturnType<typeof npmStart>, dataDir: string): Promise<void> {
	server.stop();
	await server.closed;
	expect(server.output()).toContain('SIGTERM: closing connections and the database');
	expect(server.output()).not.toMatch(/Shutdown failed|npm error/);
	// SQLite removes its write-ahead log only when the last connection closes properly.
	expect(existsSync(join(dataDir, 'kollegium.sqlite-wal'))).toBe(false);
}

describe('npm start on a built tree', () => {
	it('serves pages within two seconds of a restart, and stops cleanly on SIGTERM', async () => {
		const dataDir = tempDir('kollegium-restart-');
		// The first start builds if a source changed since the last build; the restart must not.
		const first = npmStart(dataDir);
		await startAndLoad(first);
		await stopCleanly(first, dataDir);

		const second = npmStart(dataDir);
		const elapsed = await startAndLoad(second);
		await stopCleanly(second, dataDir);
		expect(second.output()).toContain('The web app build is current');
		expect(second.output()).not.toContain('> vite build');
		expect(elapsed, `GET / answered ${Math.round(elapsed)} ms after npm start`).toBeLessThanOrEqual(
			2000
		);
	}, 300_000);
});

/**
 * A tree shaped like this repository with a build script that only writes the handler, and the
 * real build-if-stale.js copied in: it finds the tree from where it lies.
 */
function fakeTree(): { dir: string; run: (env?: Record<string, string>) => Run } {
	const dir = tempDir('kollegium-fake-tree-');
	const files: Record<string, string> = {
		'package.json': JSON.stringify({
			name: 'fake',
			private: true,
			type: 'module',
			workspaces: ['apps/web']
		}),
		'package-lock.json': '{}',
		'svelte.config.js': '',
		'apps/web/package.json': JSON.stringify({
			name: 'fake-web',
			private: true,
			type: 'module',
			scripts: { build: 'node fake-build.js' }
		}),
		'apps/web/fake-build.js': [
			"import { mkdirSync, writeFileSync } from 'node:fs';",
			'if (process.env.FAKE_BUILD_FAILS) process.exit(3);',
			"mkdirSync('build', { recursive: true });",
			"writeFileSync('build/handler.js', '');"
		].join('\n'),
		'apps/web/svelte.config.js': '',
		'apps/web/vite.config.ts': '',
		'apps/web/src/routes/+page.svelte': '',
		'apps/web/src/lib/gone.ts': '',
		'apps/web/static/favicon.svg': '',
		'packages/model/src/index.ts': '',
		'packages/model/src/aggregate.test.ts': '',
		'templates/forms/specialistkollegium.json': '{}'
	};
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	mkdirSync(join(dir, 'apps/web/scripts'));
	copyFileSync(
		join(root, 'apps/web/scripts/build-if-stale.js'),
		join(dir, 'apps/web/scripts/build-if-stale.js')
	);
	const run = (env: Record<string, string> = {}): Run => {
		const result = spawnSync(process.execPath, [join(dir, 'apps/web/scripts/build-if-stale.js')], {
			env: { ...process.env, ...env },
			encoding: 'utf8'
		});
		return { status: result.status, output: result.stdout + result.stderr };
	};
	return { dir, run };
}

interface Run {
	status: number | null;
	output: string;
}

/** Sets every time under `dir` to `seconds` since the epoch. */
function touchAll(dir: string, seconds: number): void {
	for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
		utimesSync(join(dir, entry), seconds, seconds);
	utimesSync(dir, seconds, seconds);
}

describe('build-if-stale', () => {
	const tree = fakeTree();
	const handler = join(tree.dir, 'apps/web/build/handler.js');
	const sourcesAt = Math.floor(Date.now() / 1000) - 3600;
	const builtAt = sourcesAt + 60;

	beforeAll(() => {
		const first = tree.run();
		expect(first.output).toContain('apps/web/build/handler.js is missing');
		expect(first.status).toBe(0);
	});

	/** Sources an hour old, the build a minute younger, then `change` applied. */
	function runAfter(change: (at: number) => void): Run {
		touchAll(tree.dir, sourcesAt);
		utimesSync(handler, builtAt, builtAt);
		change(builtAt + 60);
		return tree.run();
	}

	it('builds when the build is missing, and says the build is current afterwards', () => {
		expect(existsSync(handler)).toBe(true);
		const run = runAfter(() => {});
		expect(run.status).toBe(0);
		expect(run.output.trim()).toBe(
			'The web app build is current (apps/web/build); starting without building.'
		);
	});

	const sources = [
		'apps/web/src/routes/+page.svelte',
		'apps/web/static/favicon.svg',
		'apps/web/svelte.config.js',
		'apps/web/vite.config.ts',
		'apps/web/package.json',
		'svelte.config.js',
		'packages/model/src/index.ts',
		'package-lock.json'
	];
	for (const source of sources) {
		it(`rebuilds when ${source} is newer than the build`, () => {
			const run = runAfter((at) => utimesSync(join(tree.dir, source), at, at));
			expect(run.output).toContain(`Building the web app: ${source} changed after the last build`);
			expect(run.status).toBe(0);
			expect(statSync(handler).mtimeMs).toBeGreaterThan((builtAt + 60) * 1000);
		});
	}

	it('rebuilds when a source file is removed', () => {
		const run = runAfter(() => rmSync(join(tree.dir, 'apps/web/src/lib/gone.ts')));
		expect(run.output).toContain('Building the web app: apps/web/src/lib changed');
		expect(run.status).toBe(0);
	});

	for (const other of [
		'templates/forms/specialistkollegium.json',
		'packages/model/src/aggregate.test.ts'
	]) {
		it(`does not rebuild when only ${other} changed (the build does not read it)`, () => {
			const run = runAfter((at) => utimesSync(join(tree.dir, other), at, at));
			expect(run.output).toContain('The web app build is current');
			expect(run.status).toBe(0);
		});
	}

	it('exits non-zero when the build fails', () => {
		touchAll(tree.dir, sourcesAt);
		rmSync(handler);
		const run = tree.run({ FAKE_BUILD_FAILS: '1' });
		expect(run.output).toContain('The web app build failed (exit code 3); not starting.');
		expect(run.status).toBe(3);
	});
});
