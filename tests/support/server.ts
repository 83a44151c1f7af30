import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '../../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { issueSetupLink } from '../../apps/server/src/setup-link.ts';

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
 * the built web app). Call `close()` in afterAll/afterEach.
 */
export async function startTestServer(
	options: { pages?: boolean; dataDir?: string; port?: number } = {}
): Promise<TestServer> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kollegium-test-'));
	const clock = new TestClock();
	const config = { ...configFromEnv({}), port: options.port ?? 0, host: '127.0.0.1', dataDir };
	const server = await startServer({ config, now: clock.now, pages: options.pages ?? false });
	const setupLink = (await issueSetupLink(server.deps, server.url)) ?? '';
	return {
		...server,
		clock,
		setupLink,
		dataDir,
		async close(closing = {}) {
			await server.close();
			if (!closing.keepData) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
