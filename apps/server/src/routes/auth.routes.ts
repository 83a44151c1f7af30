import { LoginInput, SetupInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createFirstAccount, hasUsers, signIn } from '../domain/accounts.ts';
import { createExampleKollegium } from '../domain/example.ts';
import { endSession, requireUser, startSession } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const tags = ['Accounts'];

/** First-run setup of the first studierektor, and signing in and out. */
export function authRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/setup',
			describeRoute({
				tags,
				summary: 'Whether the first account still needs to be set up',
				responses: responsesFor('GET /auth/setup')
			}),
			async (c) => c.json({ needed: !(await hasUsers(deps)) })
		)
		.post(
			'/setup',
			describeRoute({
				tags,
				summary: 'Create the first studierektor account with the setup link',
				responses: responsesFor('POST /auth/setup')
			}),
			validate('json', SetupInput),
			async (c) => {
				const input = c.req.valid('json');
				const user = await createFirstAccount(deps, input);
				const example = input.createExample
					? await createExampleKollegium(deps, { ownerId: user.id, origin: deps.site.origin })
					: null;
				await startSession(deps, c, user.id);
				return c.json({ user, example }, 201);
			}
		)
		.post(
			'/login',
			describeRoute({ tags, summary: 'Sign in', responses: responsesFor('POST /auth/login') }),
			validate('json', LoginInput),
			async (c) => {
				const address = getConnInfo(c).remote.address ?? 'unknown';
				const user = await signIn(deps, { input: c.req.valid('json'), address });
				await startSession(deps, c, user.id);
				return c.json(user);
			}
		)
		.post(
			'/logout',
			describeRoute({ tags, summary: 'Sign out', responses: responsesFor('POST /auth/logout') }),
			async (c) => {
				await endSession(deps, c);
				return c.body(null, 204);
			}
		)
		.get(
			'/me',
			describeRoute({
				tags,
				summary: 'The signed-in studierektor',
				responses: responsesFor('GET /auth/me')
			}),
			requireUser(deps),
			(c) => c.json(c.get('user'))
		);
}
