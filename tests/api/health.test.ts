import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('the server front door', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('answers /healthz with 200 and JSON', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok' });
	});

	it('serves the OpenAPI document generated from the model schemas', async () => {
		const spec = await (await fetch(`${server.url}/api/openapi.json`)).json();
		expect(spec.openapi).toMatch(/^3\./);
		expect(Object.keys(spec.paths)).toEqual(
			expect.arrayContaining(['/kollegier', '/respond/responses/{subjectId}'])
		);
		const create = spec.paths['/kollegier'].post.requestBody.content['application/json'].schema;
		expect(JSON.stringify(create)).toContain('minRespondents');
	});

	it('serves a browsable API docs page without any third-party host', async () => {
		const response = await fetch(`${server.url}/api/docs`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('/api/docs/swagger-ui-bundle.js');
		expect(html).not.toMatch(/https?:\/\//);
		expect((await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
	});
});
