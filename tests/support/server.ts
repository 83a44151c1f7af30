import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresAdapter } from 'kysely';
import { configFromEnv, type Config } from '../../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { issueSetupLink } from '../../apps/server/src/setup-link.ts';
import { createDatabase } from './postgres.ts';

/** A clock the test moves by hand: deadlines and link expiry without waiting. */
export class TestClock {
	#now: number;
	constructor(start = Date.now()) {
		this.#now = start;
	}
	now = (): Date => new Date(this.#now);
	advance(ms: number): void {
		this.#now += ms;
	}
	set(date: Date): void {
		this.#now = date.getTime();
	}
}

export interface TestServer extends Omit<RunningServer, 'close'> {
	/** Stops the server; the temporary data goes too unless `keepData` (to restart on it). */
	close(options?: { keepData?: boolean }): Promise<void>;
	clock: TestClock;
	/** The one-time setup link the server would print on first start. */
	setupLink: string;
	dataDir: string;
}

/**
 * The real server on a random port with a temporary database (and, unless `pages: false`,
 * the built web app). Call `close()` in afterAll/afterEach. The database is a fresh SQLite file
 * under `dataDir`, or, in the api-postgres project (and for a bench run with DATABASE_URL), a
 * fresh PostgreSQL database. Starting again on the same `dataDir` finds the same data.
 */
export async function startTestServer(
	options: { pages?: boolean; dataDir?: string; port?: number; config?: Partial<Config> } = {}
): Promise<TestServer> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kollegium-test-'));
	const database = await databaseFor(dataDir);
	const clock = new TestClock();
	const config = {
		...configFromEnv({}),
		port: options.port ?? 0,
		host: '127.0.0.1',
		dataDir,
		databaseUrl: database?.url ?? null,
		...options.config
	};
	const server = await startServer({ config, now: clock.now, pages: options.pages ?? false });
	if (database && !(server.deps.db.getExecutor().adapter instanceof PostgresAdapter)) {
		await server.close();
		postgresDatabases.delete(dataDir);
		await database.drop();
		throw new Error('startTestServer: asked for PostgreSQL, but the server opened SQLite');
	}
	const setupLink = (await issueSetupLink(server.deps, server.url)) ?? '';
	return {
		...server,
		clock,
		setupLink,
		dataDir,
		async close(closing = {}) {
			await server.close();
			if (closing.keepData) return;
			rmSync(dataDir, { recursive: true, force: true });
			postgresDatabases.delete(dataDir);
			await database?.drop();
		}
	};
}

type TestDatabase = Awaited<ReturnType<typeof createDatabase>>;
/** The PostgreSQL database each dataDir stands for, so a restart on it finds its data. */
const postgresDatabases = new Map<string, TestDatabase>();

async function databaseFor(dataDir: string): Promise<TestDatabase | null> {
	const server = await postgresServer();
	if (!server) return null;
	const database = postgresDatabases.get(dataDir) ?? (await createDatabase(server));
	postgresDatabases.set(dataDir, database);
	return database;
}

/**
 * The PostgreSQL server to make databases on, if any: under vitest the project's own cluster
 * (tests/config/postgres.global.ts); run by hand (the benches), the server DATABASE_URL names.
 */
async function postgresServer(): Promise<string | undefined> {
	if (process.env.VITEST) {
		// VITEST is also set in a process a test starts (a bench), where there is nothing to inject.
		const { inject } = await import('vitest');
		try {
			return inject('postgres');
		} catch {
			// not inside a test: as run by hand
		}
	}
	return process.env.DATABASE_URL || undefined;
}
