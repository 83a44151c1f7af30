import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { ApiError } from '@kollegium/model';
import { openAPIRouteHandler } from 'hono-openapi';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { SESSION_COOKIE } from '../http/auth.ts';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../http/env.ts';
import { fail } from '../http/errors.ts';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
	'swagger-ui.css': 'text/css',
	'swagger-ui-bundle.js': 'text/javascript'
};

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kollegium API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><main id="api"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body>
</html>`;

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } }
});

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api' });`;

/**
 * The OpenAPI document, generated from the routes' zod schemas, and a browsable page for it.
 * Swagger UI is served from the package, not a CDN, so it works offline and under our CSP.
 */
export function docsRoutes(api: Hono<AppEnv>, version: string) {
	const docsHeaders = secureHeaders({
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			styleSrc: ["'self'", "'unsafe-inline'"],
			imgSrc: ["'self'", 'data:'],
			frameAncestors: ["'none'"]
		}
	});
	return new Hono<AppEnv>()
		.get(
			'/openapi.json',
			openAPIRouteHandler(api, {
				documentation: {
					info: {
						title: 'Kollegium API',
						version,
						description: 'Specialistkollegium and ST-läkarkollegium.'
					},
					servers: [{ url: '/api' }],
					components: {
						schemas: { ApiError: z.toJSONSchema(ApiError) as OpenAPIV3_1.SchemaObject },
						securitySchemes: {
							session: {
								type: 'apiKey',
								in: 'cookie',
								name: SESSION_COOKIE,
								description: 'A signed-in studierektor'
							},
							invitation: {
								type: 'http',
								scheme: 'bearer',
								description: 'The token of a personal invitation link'
							}
						},
						responses: {
							Error: errorResponse('Any 4xx: a stable error code and the fields at fault')
						}
					}
				},
				// A path ending in `.pdf` is a route here, not a static file to leave out.
				excludeStaticFile: false,
				defaultValidationErrorResponse: errorResponse(
					"Invalid input: the fields at fault, in the reader's language"
				),
				defaultOptions: {
					ALL: {
						responses: {
							401: errorResponse('Not signed in, or no valid invitation'),
							404: errorResponse('Not found')
						}
					}
				}
			})
		)
		.get('/docs', docsHeaders, (c) => c.html(page))
		.get('/docs/init.js', docsHeaders, (c) =>
			c.body(init, 200, { 'Content-Type': 'text/javascript' })
		)
		.get('/docs/:asset', docsHeaders, async (c) => {
			const name = c.req.param('asset');
			const type = assets[name] ?? fail(404, 'notFound');
			return c.body(await readFile(join(swaggerDir, name)), 200, { 'Content-Type': type });
		});
}
