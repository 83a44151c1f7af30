import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = join(root, 'apps/server/src/main.ts');

/** One line the server process printed, with the stream it came on. */
export interface LogLine {
	stream: 'stdout' | 'stderr';
	text: string;
}

/**
 * `npm start`'s server process (`node apps/server/src/main.ts`), as a deployment runs it: its
 * own process, port 0, a temporary DATA_DIR. Everything it prints is kept, so a failure can be
 * shown beside the log lines it caused.
 */
export class ServerProcess {
	readonly dataDir: string;
	readonly log: LogLine[] = [];
	/** Where every hostile input goes: the loopback address and the port it printed. */
	url = '';
	/** The address exactly as printed. */
	printedUrl = '';
	port = 0;
	/** The one-time setup link printed on the first start. */
	setupLink = '';
	/** How often the process died under us and was started again. */
	restarts = 0;
	#child: ChildProcess | null = null;
	#exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({
		code: null,
		signal: null
	});

	readonly #env: Record<string, string>;

	private constructor(dataDir: string, env: Record<string, string>) {
		this.dataDir = dataDir;
		this.#env = env;
	}

	/** Starts it; `env` adds settings (from the README's table) to PORT, HOST and DATA_DIR. */
	static async start(options: { env?: Record<string, string> } = {}): Promise<ServerProcess> {
		const dataDir = mkdtempSync(join(tmpdir(), 'kollegium-hostile-'));
		const server = new ServerProcess(dataDir, options.env ?? {});
		await server.#spawn(0);
		return server;
	}

	get databasePath(): string {
		return join(this.dataDir, 'kollegium.sqlite');
	}

	get pid(): number | undefined {
		return this.#child?.pid;
	}

	/** Still running: not exited, not killed by a signal. */
	alive(): boolean {
		return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
	}

	/** A position in the log, to ask later what was printed since. */
	mark(): number {
		return this.log.length;
	}

	/** The stderr lines printed since `mark`. */
	errorsSince(mark: number): string[] {
		return this.log
			.slice(mark)
			.filter((line) => line.stream === 'stderr')
			.map((line) => line.text);
	}

	/** The process's exit, for a report: code, signal and the last stderr lines. */
	async exitReport(): Promise<string> {
		const { code, signal } = await this.#exit;
		const tail = this.log
			.filter((line) => line.stream === 'stderr')
			.slice(-30)
			.map((line) => line.text);
		return `exit code ${code}, signal ${signal}\n${tail.join('\n')}`;
	}

	/** Starts it again on the same port and data, after it died. */
	async restart(): Promise<void> {
		if (this.alive()) return;
		this.restarts += 1;
		await this.#spawn(this.port);
	}

	/** SIGTERM, as a service manager stops it; resolves with how it exited. */
	async stop(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
		const child = this.#child;
		if (!child || !this.alive()) return this.#exit;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const exit = await this.#exit;
		clearTimeout(timer);
		return exit;
	}

	/** Removes the temporary data directory (after stop). */
	dispose(): void {
		if (this.alive()) this.#child?.kill('SIGKILL');
		rmSync(this.dataDir, { recursive: true, force: true });
	}

	async #spawn(port: number): Promise<void> {
		const env: NodeJS.ProcessEnv = { ...process.env };
		// The database must be the SQLite file under DATA_DIR: that is what the batches compare.
		for (const name of [
			'PUBLIC_URL',
			'SECURE_COOKIES',
			'NODE_OPTIONS',
			'TEMPLATES_DIR',
			'DATABASE_URL'
		])
			delete env[name];
		Object.assign(env, this.#env, {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: this.dataDir
		});
		const child = spawn(process.execPath, [main], { cwd: root, env, stdio: 'pipe' });
		child.stdin.end();
		// A test run that ends without stopping it must not leave a server behind.
		const orphaned = () => child.kill('SIGKILL');
		process.once('exit', orphaned);
		child.once('exit', () => process.off('exit', orphaned));
		this.#child = child;
		this.#exit = new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal }))
		);
		for (const stream of ['stdout', 'stderr'] as const) {
			let rest = '';
			child[stream].on('data', (chunk: Buffer) => {
				const lines = (rest + chunk.toString('utf8')).split('\n');
				rest = lines.pop() ?? '';
				for (const text of lines) this.log.push({ stream, text });
			});
		}
		await this.#started(this.log.length);
	}

	async #started(from: number): Promise<void> {
		const printed = () =>
			this.log
				.slice(from)
				.map((line) => line.text)
				.join('\n');
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline && this.alive()) {
			const text = printed();
			const running = /Kollegium is running at (http:\/\/(localhost|127\.0\.0\.1):(\d+))/.exec(
				text
			);
			if (running) {
				// The setup link follows the URL in the same write; give it a moment on a busy machine.
				await new Promise((resolve) => setTimeout(resolve, 50));
				const all = printed();
				// The printed address may say localhost; every request here goes to the loopback
				// address itself, which the server also trusts as an Origin.
				this.printedUrl = running[1]!;
				this.port = Number(running[3]);
				this.url = `http://127.0.0.1:${this.port}`;
				this.setupLink ||= /(http:\/\/\S+\/setup\/[A-Za-z0-9_-]{43})/.exec(all)?.[1] ?? '';
				if (!this.setupLink) throw new Error(`No setup link was printed:\n${all}`);
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		throw new Error(`The server process did not start:\n${await this.#describe()}`);
	}

	async #describe(): Promise<string> {
		if (this.alive()) return this.log.map((line) => line.text).join('\n');
		return this.exitReport();
	}
}
