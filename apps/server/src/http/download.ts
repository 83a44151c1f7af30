import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * A file download, named for the person's downloads folder (RFC 6266: an ASCII name for old
 * clients, the UTF-8 one with åäö for the rest), never cached.
 */
export function download(
	c: Context<AppEnv>,
	body: Uint8Array | string,
	options: { type: string; fileName: string }
): Response {
	const ascii = options.fileName
		.normalize('NFD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/"/g, '');
	return c.body(body as Uint8Array<ArrayBuffer> | string, 200, {
		'Content-Type': options.type,
		'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
		'Cache-Control': 'no-store'
	});
}
