import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { createMiddleware } from 'hono/factory';

/** Smaller answers are sent as they are: compressing them costs more than it saves. */
const THRESHOLD = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Compresses JSON answers of 1 kB or more (brotli, else gzip). Hono's own middleware cannot
 * tell a body's size before it streams it, so it would compress every answer; JSON is built
 * whole anyway, so it is read whole here. Brotli at a middle quality: fast enough per request.
 */
export const compressJson = createMiddleware(async (c, next) => {
	await next();
	const res = c.res;
	const type = res.headers.get('content-type') ?? '';
	if (!type.startsWith('application/json') || res.headers.has('content-encoding')) return;
	const encoding = chooseEncoding(c.req.header('accept-encoding') ?? '');
	const body = Buffer.from(await res.arrayBuffer());
	const headers = new Headers(res.headers);
	headers.append('Vary', 'Accept-Encoding');
	let sent: Buffer = body;
	if (encoding && body.byteLength >= THRESHOLD) {
		sent =
			encoding === 'br'
				? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
				: await gzipped(body);
		headers.set('Content-Encoding', encoding);
	}
	headers.set('Content-Length', String(sent.byteLength));
	// Cleared first so Hono does not merge the old answer's headers back over these.
	c.res = undefined;
	c.res = new Response(new Uint8Array(sent), { status: res.status, headers });
});

function chooseEncoding(accepted: string): 'br' | 'gzip' | null {
	const offered = accepted
		.toLowerCase()
		.split(',')
		.map((part) => part.trim().split(';'))
		.filter(([, q]) => q?.trim() !== 'q=0')
		.map(([name]) => name?.trim());
	if (offered.includes('br')) return 'br';
	if (offered.includes('gzip')) return 'gzip';
	return null;
}
