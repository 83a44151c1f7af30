import { availableParallelism } from 'node:os';
import type { FeedbackReport, Locale, YearlyReport } from '@kollegium/model';
import { RenderProcess } from './render-process.ts';
import type { PdfJob } from './render-worker.ts';

/** Renders waiting at most; more are refused, so one link cannot queue up the renderer for all. */
const MAX_QUEUED = 20;
/**
 * Small documents each child lays out when warmed: V8 compiles layout code over many runs, and
 * after some twenty a PDF takes about half the CPU the first ones do. That costs a child about
 * two seconds of CPU, at the lowest priority, once in its life.
 */
const WARM_UP_DOCUMENTS = 20;

export class RendererBusy extends Error {
	constructor() {
		super('Too many PDFs are being rendered');
	}
}

interface Job {
	job: PdfJob;
	resolve: (pdf: Uint8Array) => void;
	reject: (error: Error) => void;
}

/**
 * Renders PDFs (feedback reports and yearly reports) in a small pool of long-lived child processes at the lowest OS priority
 * (render-process.ts). pdfmake lays a document out synchronously, which would stall every meeting
 * on the server's event loop; and a worker thread, though off the loop, competes for the CPU with
 * it as an equal. A child process is started on first use, replaced once it dies or hangs, and
 * does not keep the server's process alive while idle.
 *
 * A hand-written pool rather than piscina: piscina lowers its workers' priority (niceIncrement)
 * only through the native nice-napi addon, which cannot be built where npm runs no install
 * scripts, and its workers would be threads of this process anyway.
 */
export class PdfRenderer {
	/** One place per child; null until it is needed, and again once it has died. */
	readonly #pool: (RenderProcess | null)[];
	#queue: Job[] = [];
	#closed = false;
	readonly #timeoutMs: number;
	readonly #maxQueued: number;

	/**
	 * `processes`: children rendering at once (default: two, or one on a one-core machine);
	 * `timeoutMs`: the longest a render may take before its child is killed; `maxQueued`: renders
	 * that may wait for a child before more are refused with RendererBusy.
	 */
	constructor(options: { timeoutMs?: number; processes?: number; maxQueued?: number } = {}) {
		this.#timeoutMs = options.timeoutMs ?? 60_000;
		this.#maxQueued = options.maxQueued ?? MAX_QUEUED;
		const processes = options.processes ?? Math.min(2, availableParallelism());
		this.#pool = Array.from({ length: Math.max(1, processes) }, () => null);
	}

	/** The process ids of the children running now: the same across renders when reused. */
	get pids(): number[] {
		return this.#pool.flatMap((child) => (child?.pid ? [child.pid] : []));
	}

	/** The PDF for a report. Rejects if it cannot be made, or its child dies or hangs on it. */
	render(report: FeedbackReport): Promise<Uint8Array> {
		return this.#enqueue({ kind: 'feedback', report });
	}

	/** The PDF of a clinic's yearly report, in the same queue as the feedback PDFs. */
	renderYearlyReport(report: YearlyReport, locale: Locale): Promise<Uint8Array> {
		return this.#enqueue({ kind: 'yearly', report, locale });
	}

	#enqueue(job: PdfJob): Promise<Uint8Array> {
		if (this.#closed) return Promise.reject(new Error('The PDF renderer is closed'));
		if (this.#queue.length >= this.#maxQueued) return Promise.reject(new RendererBusy());
		return new Promise((resolve, reject) => {
			this.#queue.push({ job, resolve, reject });
			this.#next();
		});
	}

	/**
	 * Starts every child and has each warm up in the background, so the first real PDFs do not
	 * pay for loading pdfmake and the fonts and for cold layout code; a render that comes
	 * meanwhile goes in between. Called when a plan is marked final: downloads usually follow.
	 */
	warm(): void {
		if (this.#closed) return;
		for (const index of this.#pool.keys()) {
			try {
				(this.#pool[index] ??= this.#spawn(index)).warmUp(WARM_UP_DOCUMENTS);
			} catch {
				return; // The OS would not start a process: the renders will say so.
			}
		}
	}

	/** Stops the children; renders not yet finished are rejected. */
	async close(): Promise<void> {
		this.#closed = true;
		const error = new Error('The PDF renderer is closed');
		for (const job of this.#queue.splice(0)) job.reject(error);
		const children = this.#pool.filter((child) => child !== null);
		this.#pool.fill(null);
		await Promise.all(children.map((child) => child.kill()));
	}

	/** Hands waiting jobs to free children, reusing a running one before starting another. */
	#next(): void {
		while (!this.#closed && this.#queue.length > 0) {
			const index = this.#freeIndex();
			if (index === -1) return;
			const job = this.#queue.shift()!;
			try {
				const child = (this.#pool[index] ??= this.#spawn(index));
				child.render(job.job, this.#timeoutMs).then(job.resolve, job.reject);
			} catch (error) {
				// The OS would not start a process (out of memory, out of process slots).
				job.reject(error instanceof Error ? error : new Error(String(error)));
			}
		}
	}

	#freeIndex(): number {
		const running = this.#pool.findIndex((child) => child?.free);
		return running === -1 ? this.#pool.indexOf(null) : running;
	}

	#spawn(index: number): RenderProcess {
		const child: RenderProcess = new RenderProcess({
			onGone: () => {
				if (this.#pool[index] === child) this.#pool[index] = null;
				this.#next();
			},
			onFree: () => this.#next()
		});
		return child;
	}
}
