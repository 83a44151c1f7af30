import { Worker } from 'node:worker_threads';
import type { FeedbackReport } from '@kollegium/model';
import type { RenderRequest, RenderResponse } from './render-worker.ts';

/** Renders waiting at most; more are refused, so one link cannot queue up the worker for all. */
const MAX_QUEUED = 20;

export class RendererBusy extends Error {
	constructor() {
		super('Too many PDFs are being rendered');
	}
}

interface Job {
	id: number;
	report: FeedbackReport;
	resolve: (pdf: Uint8Array) => void;
	reject: (error: Error) => void;
}

/**
 * Renders feedback PDFs on one long-lived worker thread. pdfmake lays a document out
 * synchronously, which would stall every meeting on the server's event loop; the worker takes
 * one render at a time from a queue, is started on first use, replaced if it dies, and does not
 * keep the process alive while idle.
 */
export class PdfRenderer {
	#worker: Worker | null = null;
	#queue: Job[] = [];
	#current: Job | null = null;
	#timer: NodeJS.Timeout | null = null;
	#nextId = 1;
	#closed = false;
	#warmed = false;
	readonly #timeoutMs: number;

	constructor(options: { timeoutMs?: number } = {}) {
		this.#timeoutMs = options.timeoutMs ?? 60_000;
	}

	/** The worker's thread id while one runs: the same across renders when it is reused. */
	get threadId(): number | null {
		return this.#worker?.threadId ?? null;
	}

	/** The PDF for a report. Rejects if it cannot be made, or the worker dies or hangs on it. */
	render(report: FeedbackReport): Promise<Uint8Array> {
		if (this.#closed) return Promise.reject(new Error('The PDF renderer is closed'));
		if (this.#queue.length >= MAX_QUEUED) return Promise.reject(new RendererBusy());
		return new Promise((resolve, reject) => {
			this.#queue.push({ id: this.#nextId++, report, resolve, reject });
			this.#next();
		});
	}

	/**
	 * Starts the worker and lays out a small document in the background, so the first real PDF
	 * does not pay for loading pdfmake, the fonts and cold layout code (about half a second).
	 * Called when a plan is marked final: a download usually follows.
	 */
	warm(): void {
		if (this.#warmed || this.#closed) return;
		this.#warmed = true;
		this.render(warmUpReport()).catch(() => (this.#warmed = false));
	}

	/** Stops the worker; renders not yet finished are rejected. */
	async close(): Promise<void> {
		this.#closed = true;
		const error = new Error('The PDF renderer is closed');
		for (const job of [this.#current, ...this.#queue.splice(0)]) job?.reject(error);
		this.#current = null;
		this.#clearTimer();
		const worker = this.#worker;
		this.#worker = null;
		if (worker) await worker.terminate();
	}

	#next(): void {
		if (this.#current || this.#closed) return;
		const job = this.#queue.shift();
		if (!job) {
			this.#worker?.unref();
			return;
		}
		const worker = this.#ensureWorker();
		this.#current = job;
		worker.ref();
		worker.postMessage({ id: job.id, report: job.report } satisfies RenderRequest);
		this.#timer = setTimeout(
			() => this.#fail(worker, new Error('Rendering the PDF took too long')),
			this.#timeoutMs
		);
		this.#timer.unref();
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./render-worker.ts', import.meta.url));
		worker.on('message', (message: RenderResponse) => this.#settle(message));
		worker.on('error', (error) => this.#fail(worker, error));
		worker.on('exit', (code) => this.#fail(worker, new Error(`The PDF worker exited (${code})`)));
		this.#worker = worker;
		return worker;
	}

	#settle(message: RenderResponse): void {
		const job = this.#current;
		if (!job || job.id !== message.id) return;
		this.#current = null;
		this.#clearTimer();
		if ('pdf' in message) job.resolve(message.pdf);
		else job.reject(new Error(`The PDF could not be rendered: ${message.error}`));
		this.#next();
	}

	/** The worker died or hung: its render fails, and the queue goes on with a new worker. */
	#fail(worker: Worker, error: Error): void {
		if (this.#worker !== worker) return;
		this.#worker = null;
		this.#clearTimer();
		const job = this.#current;
		this.#current = null;
		job?.reject(error);
		void worker.terminate();
		this.#next();
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

/** A small report with a chart, a comment and a plan: enough to exercise every part of layout. */
function warmUpReport(): FeedbackReport {
	const at = new Date().toISOString();
	return {
		locale: 'sv',
		kollegium: { kind: 'specialistkollegium', title: 'Uppvärmning', startsAt: at, k: 3 },
		subject: {
			kind: 'trainee',
			name: 'Åsa Öberg',
			specialty: 'Internmedicin',
			monthOfTraining: 12
		},
		respondents: 3,
		supervisorName: null,
		steps: [],
		plan: {
			kind: 'development',
			version: 1,
			finalizedAt: at,
			plan: {
				summary: 'Sammanfattning.',
				strengths: ['Styrka'],
				developmentAreas: ['Område'],
				goals: [
					{
						description: 'Mål',
						goals: ['STa1'],
						activities: [{ kind: 'course', description: 'Kurs', instrument: null }],
						responsible: 'Handledare',
						dueDate: '2027-01-01',
						followUp: 'Samtal'
					}
				],
				nextFollowUp: '2027-02-01',
				atRisk: false,
				actionPlan: null
			}
		},
		goalTitles: {},
		generatedAt: at
	};
}
