import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { retentionOverview } from '../retention/overview.ts';

/** #13 retention (gallring): each kind's period and what goes next, for administrators. */
export function retentionRoutes(deps: Deps) {
	return new Hono<AppEnv>().get(
		'/retention',
		describeRoute({
			tags: ['Retention'],
			summary: 'Each kind of data, its retention period and the items due next (counts only)',
			responses: responsesFor('GET /retention')
		}),
		async (c) => c.json(await retentionOverview(deps))
	);
}
