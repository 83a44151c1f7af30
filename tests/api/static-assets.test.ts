import { get } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const client = fileURLToPath(new URL('../../apps/web/build/client', import.meta.url));

/** The raw answer, body undecoded: fetch would decompress it and hide what was sent. */
function getRaw(url: string, headers: Record<string, string> = {}) {
	return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
		(resolve, reject) => {
			get(url, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
			}).on('error', reject);
		}
	);
}

/** The largest built file under _app/immutable/ ending in `extension`, as a URL path. */
function largestAsset(extension: string): string {
	const immutable = join(client, '_app/immutable');
	const files = readdirSync(immutable, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(extension))
		.map((file) => ({ file, size: readFileSync(join(immutable, file)).length }))
		.sort((a, b) => b.size - a.size);
	return `/_app/immutable/${files[0]?.file ?? `none${extension}`}`;
}

const directives = (value: unknown) =>
	String(value)
		.split(',')
		.map((directive) => directive.trim())
		.sort();

describe('the built scripts and styles', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ pages: true });
	});
	afterAll(async () => {
		await server?.close();
	});

	const assets = [
		{ kind: 'script', path: largestAsset('.js') },
		{ kind: 'stylesheet', path: largestAsset('.css') }
	];
	for (const { kind, path } of assets) {
		it(`sends a ${kind} brotli-compressed from the build, cached for a year as immutable`, async () => {
			const original = readFileSync(join(client, path));
			const answer = await getRaw(`${server.url}${path}`, { 'Accept-Encoding': 'gzip, br' });
			expect(answer.status).toBe(200);
			expect(answer.headers['content-encoding']).toBe('br');
			expect(answer.headers['vary']).toMatch(/accept-encoding/i);
			expect(directives(answer.headers['cache-control'])).toEqual(
				directives('public, max-age=31536000, immutable')
			);
			expect(answer.body.length).toBeLessThan(original.length);
			expect(brotliDecompressSync(answer.body).equals(original)).toBe(true);
		});
	}

	it('sends gzip to a client without brotli, and the file itself to one that asks for neither', async () => {
		const path = largestAsset('.js');
		const original = readFileSync(join(client, path));
		const gzip = await getRaw(`${server.url}${path}`, { 'Accept-Encoding': 'gzip' });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzip.body).equals(original)).toBe(true);
		const plain = await getRaw(`${server.url}${path}`);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.equals(original)).toBe(true);
		expect(directives(plain.headers['cache-control'])).toContain('immutable');
	});

	it('links the page to the immutable scripts it is tested with', async () => {
		const html = (await getRaw(`${server.url}/`)).body.toString();
		expect(html).toMatch(/\/_app\/immutable\/entry\/start\.[\w-]+\.js/);
	});
});
