import type { FeedbackReport } from '@kollegium/model';
import type { Context } from 'hono';
import { feedbackFileName } from '../domain/report.ts';
import { RendererBusy } from '../pdf/renderer.ts';
import type { Deps } from './env.ts';
import { download } from './download.ts';
import { fail } from './errors.ts';

/** Renders a report and answers with the PDF; a full queue is a 503 to try again shortly. */
export async function feedbackPdf(
	c: Context,
	deps: Deps,
	report: FeedbackReport
): Promise<Response> {
	try {
		return download(c, await deps.pdf.render(report), {
			type: 'application/pdf',
			fileName: feedbackFileName(report)
		});
	} catch (error) {
		if (error instanceof RendererBusy) fail(503, 'pdfBusy', [], { 'Retry-After': '5' });
		throw error;
	}
}
