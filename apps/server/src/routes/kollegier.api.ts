import { Hono } from 'hono';
import type { AppEnv, Deps } from '../http/env.ts';
import { kollegierRoutes } from './kollegier.routes.ts';
import { mailRoutes } from './mail.routes.ts';
import { participantsRoutes } from './participants.routes.ts';
import { kollegiumPeopleRoutes } from './people.routes.ts';
import { plansRoutes } from './plans.routes.ts';
import { preparationRoutes } from './preparation.routes.ts';
import { subjectsRoutes } from './subjects.routes.ts';

/**
 * Everything under /kollegier. `authorize` has signed the user in and, under /kollegier/:id,
 * looked up the kollegium of their clinic once and handed it to every handler in the context.
 */
export function kollegierApi(deps: Deps) {
	return new Hono<AppEnv>()
		.route('/', kollegierRoutes(deps))
		.route('/', participantsRoutes(deps))
		.route('/', mailRoutes(deps))
		.route('/', kollegiumPeopleRoutes(deps))
		.route('/', subjectsRoutes(deps))
		.route('/', preparationRoutes(deps))
		.route('/', plansRoutes(deps));
}
