// The PDF child process: forked by render-process.ts, it lays out one PDF at a time (a feedback
// report or a clinic's yearly report) with pdfmake and sends the bytes back over the IPC channel.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToMessages } from 'node:timers/promises';
import {
	feedbackDocument,
	yearlyReportDocument,
	type DocDefinition,
	type FeedbackReport,
	type Locale,
	type YearlyReport
} from '@kollegium/model';
import { shareParsedFonts } from './shared-fonts.ts';
import { warmUpReport } from './warm-up.ts';

/** A document to lay out: a feedback report, or a clinic's yearly report in a language. */
export type PdfJob =
	| { kind: 'feedback'; report: FeedbackReport }
	| { kind: 'yearly'; report: YearlyReport; locale: Locale };

/** What the parent asks of this process: a PDF, or to warm up with `warmUp` small ones. */
export type RenderRequest = { id: number; job: PdfJob } | { warmUp: number };

/** What this process tells the parent: it is ready, or a PDF's bytes, or why it failed. */
export type RenderResponse =
	{ ready: true } | { id: number; pdf: Uint8Array } | { id: number; error: string };

interface OutputDocument {
	getBuffer(): Promise<Uint8Array>;
}

interface PdfMake {
	setFonts(
		fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>
	): void;
	setLocalAccessPolicy(allow: (path: string) => boolean): void;
	setUrlAccessPolicy(allow: (url: string) => boolean): void;
	createPdf(definition: object): OutputDocument;
}

const send = process.send?.bind(process);
if (!send) throw new Error('render-worker.ts runs as a child process with an IPC channel');

/**
 * Lowers every thread of this process, not just the one its parent lowered: on Linux a priority
 * belongs to a thread, and V8's threads may have started before the parent's call.
 */
function lowerEveryThread(): void {
	let threads: string[];
	try {
		threads = readdirSync('/proc/self/task');
	} catch {
		return; // Not Linux, where a priority belongs to the process.
	}
	for (const thread of threads) {
		try {
			setPriority(Number(thread), constants.priority.PRIORITY_LOW);
		} catch {
			// A thread that has just ended.
		}
	}
}
lowerEveryThread();

// Before pdfmake (and with it pdfkit) loads: each font parsed once, each word shaped once.
shareParsedFonts(import.meta.url);
const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as PdfMake;
const fontDirectory = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const fonts = {
	normal: join(fontDirectory, 'Roboto-Regular.ttf'),
	bold: join(fontDirectory, 'Roboto-Medium.ttf'),
	italics: join(fontDirectory, 'Roboto-Italic.ttf'),
	bolditalics: join(fontDirectory, 'Roboto-MediumItalic.ttf')
};
const allowedFiles = new Set(Object.values(fonts));

pdfmake.setFonts({ Roboto: fonts });
// The document is built from our own data, but nothing in it may reach the disk or network.
pdfmake.setLocalAccessPolicy((path) => allowedFiles.has(path));
pdfmake.setUrlAccessPolicy(() => false);

function definitionOf(job: PdfJob): DocDefinition {
	switch (job.kind) {
		case 'feedback':
			return feedbackDocument(job.report);
		case 'yearly':
			return yearlyReportDocument(job.report, job.locale);
	}
}

async function render(job: PdfJob): Promise<Uint8Array> {
	const definition = definitionOf(job);
	const generatedAt = new Date(job.report.generatedAt);
	const info = { ...definition.info, creationDate: generatedAt, modDate: generatedAt };
	// The channel's structured clone copies just the view's bytes, so no copy is made here.
	return pdfmake.createPdf({ ...definition, info }).getBuffer();
}

const reply = (message: RenderResponse) => send(message);

/** Lays out the warm-up report `count` times; a request that comes meanwhile goes in between. */
async function warmUp(count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await render({ kind: 'feedback', report: warmUpReport() });
		await yieldToMessages();
	}
}

process.on('message', (request: RenderRequest) => {
	if ('warmUp' in request) {
		warmUp(request.warmUp).catch((error: unknown) => console.warn('PDF warm-up failed:', error));
		return;
	}
	const { id, job } = request;
	render(job).then(
		(pdf) => reply({ id, pdf }),
		(error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) })
	);
});
// The server is gone (closed, or crashed): nothing is left to render for.
process.on('disconnect', () => process.exit(0));
reply({ ready: true });
