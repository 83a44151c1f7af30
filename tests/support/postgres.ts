import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
	appendFileSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server of our own, for one test run; `url` names its `postgres` database. */
export interface Cluster {
	url: string;
	stop(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster: initdb into a temporary directory, then a server on a
 * free port of 127.0.0.1, its socket in that directory, with durability off (a test run is
 * thrown away, not recovered). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user the Debian package creates (else `nobody`). `stop()` ends it and removes all.
 */
export async function startCluster(): Promise<Cluster> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'kollegium-pg-'));
	const data = join(dir, 'data');
	const owner = clusterOwner();
	const password = randomBytes(18).toString('hex');
	writeFileSync(join(dir, 'password'), password);
	mkdirSync(data, { mode: 0o700 });
	if (owner)
		for (const path of [dir, data, join(dir, 'password')]) chownSync(path, owner.uid, owner.gid);
	const run = (command: string, args: string[]) =>
		runIn(dir, owner?.name, join(bin, command), args);
	const stop = () => {
		if (existsSync(join(data, 'postmaster.pid')))
			run('pg_ctl', ['--pgdata', data, '--mode', 'immediate', '--wait', 'stop']);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		run('initdb', [
			...['--pgdata', data, '--username', 'kollegium', '--pwfile', join(dir, 'password')],
			...['--auth', 'scram-sha-256', '--encoding', 'UTF8', '--no-locale', '--no-sync']
		]);
		rmSync(join(dir, 'password'));
		appendFileSync(join(data, 'postgresql.conf'), settings(dir));
		const port = await startOnFreePort((port) =>
			run('pg_ctl', [
				...['--pgdata', data, '--log', join(dir, 'server.log')],
				...['--options', `-p ${port}`, '--wait', '--timeout', '30', 'start']
			])
		);
		return { url: `postgres://kollegium:${password}@127.0.0.1:${port}/postgres`, stop };
	} catch (error) {
		const log = join(dir, 'server.log');
		const detail = existsSync(log) ? `\n${readFileSync(log, 'utf8')}` : '';
		stop();
		throw new Error(`PostgreSQL did not start${detail}`, { cause: error });
	}
}

/** TCP on loopback only, the socket beside the data, and nothing written to disk twice. */
function settings(dir: string): string {
	return [
		"listen_addresses = '127.0.0.1'",
		`unix_socket_directories = '${dir}'`,
		'fsync = off',
		'synchronous_commit = off',
		'full_page_writes = off',
		// Every test server has a pool of up to ten, and a run has a few servers at once.
		'max_connections = 300',
		''
	].join('\n');
}

/** An empty database of its own on the server `serverUrl` names, and how to drop it again. */
export async function createDatabase(
	serverUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `kollegium_test_${randomUUID().replaceAll('-', '')}`;
	await administer(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	// Not `with (force)`: PostgreSQL waits a few seconds for connections to go, then refuses, so
	// a server that leaves one open fails its test instead of having it cut.
	return { url: url.href, drop: () => administer(serverUrl, `drop database ${name}`) };
}

async function administer(serverUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Debian keeps each major version in /usr/lib/postgresql/<version>/bin: the newest, else PATH. */
function postgresBin(): string {
	const debian = '/usr/lib/postgresql';
	const versions = existsSync(debian)
		? readdirSync(debian)
				.filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions[0]) return join(debian, versions[0], 'bin');
	const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	const initdb = found.stdout.trim();
	if (found.status === 0 && initdb) return join(initdb, '..');
	throw new Error(
		'The PostgreSQL tests need PostgreSQL (initdb, pg_ctl), which is missing.\n' +
			'  Install it with: bash .ci/setup --tests   (on Debian: apt-get install -y postgresql)'
	);
}

/** Who runs the cluster when we are root (initdb refuses root); nobody else when we are not. */
function clusterOwner(): { name: string; uid: number; gid: number } | null {
	if (process.getuid?.() !== 0) return null;
	for (const name of ['postgres', 'nobody']) {
		const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
		const uid = id('-u');
		const gid = id('-g');
		if (uid.status === 0 && gid.status === 0)
			return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
	}
	throw new Error(
		'Running as root, but there is neither a postgres nor a nobody user to run PostgreSQL as'
	);
}

function runIn(dir: string, user: string | undefined, command: string, args: string[]): void {
	const [file, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
	const result = spawnSync(file, argv, { cwd: dir, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n` +
				`${result.stdout}${result.stderr}`
		);
}

/** Asks the OS for a free port and starts on it; another process may take it first, so retry. */
async function startOnFreePort(start: (port: number) => void): Promise<number> {
	for (let attempt = 1; ; attempt += 1) {
		const port = await freePort();
		try {
			start(port);
			return port;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}
