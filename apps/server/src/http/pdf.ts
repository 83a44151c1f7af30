import type { Context } from 'hono';

/** A PDF download, named for the person's downloads folder (RFC 6266, UTF-8 for åäö). */
export function pdfResponse(c: Context, pdf: Uint8Array, fileName: string): Response {
	const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
	return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
		'Content-Type': 'application/pdf',
		'Content-Disposition': `attachment; filename="${ascii.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
		'Cache-Control': 'no-store'
	});
}
