import { Hono } from 'hono';
import { requireOwnKollegium, requireUser } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { kollegierRoutes } from './kollegier.routes.ts';
import { participantsRoutes } from './participants.routes.ts';
import { plansRoutes } from './plans.routes.ts';
import { preparationRoutes } from './preparation.routes.ts';
import { subjectsRoutes } from './subjects.routes.ts';

/**
 * Everything under /kollegier: signed in once, and under /kollegier/:id the studierektor's
 * own kollegium looked up once and handed to every handler in the context.
 */
export function kollegierApi(deps: Deps) {
	return new Hono<AppEnv>()
		.use(requireUser(deps))
		.use('/:id/*', requireOwnKollegium(deps))
		.route('/', kollegierRoutes(deps))
		.route('/', participantsRoutes(deps))
		.route('/', subjectsRoutes(deps))
		.route('/', preparationRoutes(deps))
		.route('/', plansRoutes(deps));
}
