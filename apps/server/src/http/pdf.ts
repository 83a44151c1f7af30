import type { FeedbackReport } from '@kollegium/model';
import type { Context } from 'hono';
import { feedbackFileName } from '../domain/report.ts';
import { RendererBusy } from '../pdf/renderer.ts';
import type { Deps } from './env.ts';
import { fail } from './errors.ts';

/** Renders a report and answers with the PDF; a full queue is a 503 to try again shortly. */
export async function feedbackPdf(
	c: Context,
	deps: Deps,
	report: FeedbackReport
): Promise<Response> {
	try {
		return pdfResponse(c, await deps.pdf.render(report), feedbackFileName(report));
	} catch (error) {
		if (error instanceof RendererBusy) fail(503, 'pdfBusy', [], { 'Retry-After': '5' });
		throw error;
	}
}

/** A PDF download, named for the person's downloads folder (RFC 6266, UTF-8 for åäö). */
function pdfResponse(c: Context, pdf: Uint8Array, fileName: string): Response {
	const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
	return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
		'Content-Type': 'application/pdf',
		'Content-Disposition': `attachment; filename="${ascii.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
		'Cache-Control': 'no-store'
	});
}
