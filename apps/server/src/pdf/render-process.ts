import { fork, type ChildProcess } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PdfJob, RenderRequest, RenderResponse } from './render-worker.ts';

const workerModule = fileURLToPath(new URL('./render-worker.ts', import.meta.url));

interface Render {
	id: number;
	job: PdfJob;
	resolve: (pdf: Uint8Array) => void;
	reject: (error: Error) => void;
	timer: NodeJS.Timeout;
	sent: boolean;
}

/**
 * One child process that renders PDFs one at a time, at the lowest scheduling priority, so the
 * OS gives the server's event loop the CPU whenever it wants it. A worker thread cannot do this:
 * threads of one process share its priority. The child holds the process open only while it has
 * work, and is killed when it hangs. Its owner learns through `onFree` that it can take the next
 * render, and through `onGone` that it is no more.
 */
export class RenderProcess {
	readonly #child: ChildProcess;
	readonly #onFree: () => void;
	readonly #onGone: () => void;
	#ready = false;
	#gone = false;
	/** Warm-up documents to ask for once the child is ready; -1 once asked. */
	#warmUp = 0;
	#current: Render | null = null;
	#nextId = 1;

	constructor(options: { onFree: () => void; onGone: () => void }) {
		this.#onFree = options.onFree;
		this.#onGone = options.onGone;
		this.#child = fork(workerModule, [], {
			// None of the server's Node flags: --eval, --test or --watch would run the server's own
			// script again in the child, and --inspect would want the port the server holds. Node 24
			// runs the TypeScript without flags, whether the server runs under vitest or not.
			execArgv: [],
			// Structured clone over the channel: the PDF arrives as bytes, not as JSON numbers.
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			// Not detached: in a session of its own the child would be in a scheduling group of its
			// own (Linux autogroups), where its priority would no longer rank it below the server.
			detached: false
		});
		lowerPriority(this.#child);
		this.#child.on('message', (message: RenderResponse) => this.#receive(message));
		this.#child.on('error', (error) => this.#end(error));
		this.#child.on('exit', (code, signal) =>
			this.#end(new Error(`The PDF process exited (${signal ?? code})`))
		);
		this.#idle();
	}

	get pid(): number | null {
		return this.#gone ? null : (this.#child.pid ?? null);
	}

	/** Whether it can take a render now. */
	get free(): boolean {
		return !this.#gone && !this.#current;
	}

	/** Renders one document; rejects if the child fails it, dies, or takes over `timeoutMs`. */
	render(job: PdfJob, timeoutMs: number): Promise<Uint8Array> {
		if (!this.free) return Promise.reject(new Error('The PDF process is not free'));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => this.#hung(), timeoutMs);
			timer.unref();
			this.#current = { id: this.#nextId++, job, resolve, reject, timer, sent: false };
			this.#child.ref();
			this.#child.channel?.ref();
			this.#send();
		});
	}

	/** Has the child lay out `count` small documents in the background, once in its life. */
	warmUp(count: number): void {
		if (this.#gone || this.#warmUp !== 0) return;
		this.#warmUp = count;
		this.#send();
	}

	/** Ends the child; a render under way is rejected. Resolves once the child has exited. */
	async kill(): Promise<void> {
		const child = this.#child;
		const exited = new Promise<void>((resolve) => {
			// A process that never started (pid undefined) may never report an exit either.
			if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
				resolve();
			else child.once('exit', () => resolve());
		});
		this.#end(new Error('The PDF renderer is closed'));
		// Held until it has exited, so that whoever awaits close() is not cut short.
		child.ref();
		await exited;
	}

	/** Sends what waits for the child to be ready: the render first, then the warm-up. */
	#send(): void {
		if (!this.#ready) return;
		const render = this.#current;
		if (render && !render.sent) {
			render.sent = true;
			this.#post({ id: render.id, job: render.job });
		}
		if (this.#warmUp > 0) {
			this.#post({ warmUp: this.#warmUp });
			this.#warmUp = -1;
		}
	}

	#post(request: RenderRequest): void {
		this.#child.send(request, (error) => {
			if (error) this.#end(error);
		});
	}

	#receive(message: RenderResponse): void {
		if ('ready' in message) {
			this.#ready = true;
			this.#send();
			return;
		}
		const render = this.#current;
		if (!render || render.id !== message.id) return;
		this.#current = null;
		clearTimeout(render.timer);
		this.#idle();
		if ('pdf' in message) render.resolve(message.pdf);
		else render.reject(new Error(`The PDF could not be rendered: ${message.error}`));
		this.#onFree();
	}

	#hung(): void {
		this.#end(new Error('Rendering the PDF took too long'));
	}

	/** The child is no use any more: its render fails, it is killed, the owner is told once. */
	#end(error: Error): void {
		if (this.#gone) return;
		this.#gone = true;
		const render = this.#current;
		this.#current = null;
		if (render) clearTimeout(render.timer);
		this.#idle();
		this.#child.kill('SIGKILL');
		render?.reject(error);
		this.#onGone();
	}

	/** Nothing to do: the child and its channel must not keep the server's process alive. */
	#idle(): void {
		this.#child.unref();
		this.#child.channel?.unref();
	}
}

/** The lowest priority (nice 19). If the OS refuses, the PDFs still render, at normal priority. */
function lowerPriority(child: ChildProcess): void {
	if (child.pid === undefined) return;
	try {
		setPriority(child.pid, constants.priority.PRIORITY_LOW);
	} catch (error) {
		console.warn('The PDF process runs at normal priority:', error);
	}
}
