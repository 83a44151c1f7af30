import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { feedbackDocument, type FeedbackReport } from '@kollegium/model';

/** What the renderer asks of this worker, one message per PDF. */
export interface RenderRequest {
	id: number;
	report: FeedbackReport;
}

/** The answer: the PDF's bytes (transferred), or why it could not be made. */
export type RenderResponse = { id: number; pdf: Uint8Array } | { id: number; error: string };

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

async function render(report: FeedbackReport): Promise<Uint8Array> {
	const definition = feedbackDocument(report);
	const generatedAt = new Date(report.generatedAt);
	const info = { ...definition.info, creationDate: generatedAt, modDate: generatedAt };
	const buffer = await pdfmake.createPdf({ ...definition, info }).getBuffer();
	// A Node Buffer may share a pooled ArrayBuffer; copy into one that can be transferred.
	return new Uint8Array(buffer);
}

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

port.on('message', ({ id, report }: RenderRequest) => {
	render(report).then(
		(pdf) => port.postMessage({ id, pdf } satisfies RenderResponse, [pdf.buffer as ArrayBuffer]),
		(error: unknown) =>
			port.postMessage({
				id,
				error: error instanceof Error ? error.message : String(error)
			} satisfies RenderResponse)
	);
});
