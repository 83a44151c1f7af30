import {
	decideRoute,
	fieldIssue,
	matchEndpoint,
	routePolicies,
	type ClinicRole,
	type RouteDecision
} from '@kollegium/model';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { clinicRoleOf, userBySession, type SignedInUser } from '../auth/identity.ts';
import { kollegiumOfColleague } from '../domain/kollegier.ts';
import type { KollegiumRow } from '../db/schema.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { AppEnv, Deps } from './env.ts';
import { fail } from './errors.ts';

/** Pages of the API's own documentation: no data, served to anyone. */
const DOCUMENTATION = /^\/(openapi\.json|docs(\/[^/]+)?)$/;

const Uuid = z.uuid();

/**
 * The one gate in front of every API route: finds the route in the model's endpoint table,
 * resolves who asks and their role in the clinic the route is about, and lets the model's
 * `decideRoute` decide by the route's policy in `routePolicies`. A route that is not in the
 * table does not exist. Handlers find `user`, `kollegium` and `clinicRole` in the context.
 */
export function authorize(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const path = c.req.path.replace(/^\/api/, '');
		if (DOCUMENTATION.test(path)) return next();
		const route = matchEndpoint(c.req.method, path);
		if (!route) fail(404, 'notFound');
		c.set('route', route);
		const policy = routePolicies[route.key];
		if (policy === 'public') return next();

		const user = await userBySession(deps, getCookie(c, SESSION_COOKIE));
		let clinicRole: ClinicRole | null | undefined;
		let kollegium: KollegiumRow | undefined;
		if (user && (policy === 'kollegiumReader' || policy === 'kollegiumStudierektor')) {
			const id = requireUuid(c.get('locale'), 'id', route.params.id);
			const found = await kollegiumOfColleague(deps.db, { id, userId: user.id });
			kollegium = found?.row;
			clinicRole = found?.role;
		} else if (user && (policy === 'clinicMember' || policy === 'clinicStudierektor')) {
			const clinicId = requireUuid(c.get('locale'), 'clinicId', route.params.clinicId);
			clinicRole = await clinicRoleIfExists(deps, user, clinicId);
		}
		refuse(decideRoute(policy, { user, clinicRole }), policy);
		if (user) c.set('user', user);
		if (kollegium) c.set('kollegium', kollegium);
		if (clinicRole !== undefined) c.set('clinicRole', clinicRole);
		await next();
	});
}

/** The user's role in a clinic; null if not a member; undefined if there is no such clinic. */
async function clinicRoleIfExists(
	deps: Deps,
	user: SignedInUser,
	clinicId: string
): Promise<ClinicRole | null | undefined> {
	const role = await clinicRoleOf(deps.db, { userId: user.id, clinicId });
	if (role) return role;
	const exists = await deps.db
		.selectFrom('clinics')
		.select('id')
		.where('id', '=', clinicId)
		.executeTakeFirst();
	return exists ? null : undefined;
}

function requireUuid(locale: AppEnv['Variables']['locale'], name: string, value?: string): string {
	const parsed = Uuid.safeParse(value);
	if (parsed.success) return parsed.data;
	return fail(400, 'validation', [
		fieldIssue({ path: name, code: 'invalid_format', message: 'invalid', locale })
	]);
}

function refuse(decision: RouteDecision, policy: string): void {
	if (decision === 'allow') return;
	if (decision === 'unauthenticated') fail(401, 'unauthenticated');
	if (decision === 'forbidden') fail(403, 'forbidden');
	fail(404, policy.startsWith('clinic') ? 'clinicNotFound' : 'kollegiumNotFound');
}
