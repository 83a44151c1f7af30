import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const tags = ['Templates and delmål'];

/** The form templates and goal catalogues a facilitator chooses from. */
export function catalogRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/templates',
			describeRoute({
				tags,
				summary: 'All form templates',
				responses: responsesFor('GET /catalog/templates')
			}),
			(c) => c.json([...deps.library.templates.values()])
		)
		.get(
			'/templates/:id',
			describeRoute({
				tags,
				summary: 'One form template',
				responses: responsesFor('GET /catalog/templates/:id')
			}),
			validate('param', z.object({ id: z.string().max(100) })),
			(c) =>
				c.json(deps.library.templates.get(c.req.valid('param').id) ?? fail(404, 'templateNotFound'))
		)
		.get(
			'/goals',
			describeRoute({
				tags,
				summary: 'The delmål catalogues, per regulation',
				responses: responsesFor('GET /catalog/goals')
			}),
			(c) => c.json(deps.library.catalogues)
		);
}
