import { LoginInput, SetupInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/tokens.ts';
import { createExampleKollegium } from '../domain/example.ts';
import { endSession, requireUser, startSession } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
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
				const userId = crypto.randomUUID();
				const passwordHash = await hashPassword(input.password);
				const now = deps.now().toISOString();
				await deps.db.transaction().execute(async (trx) => {
					const token = await trx
						.deleteFrom('setupTokens')
						.where('tokenHash', '=', hashToken(input.token))
						.where('expiresAt', '>', now)
						.returning('tokenHash')
						.executeTakeFirst();
					if (!token || (await trx.selectFrom('users').select('id').executeTakeFirst()))
						fail(403, 'setupLinkInvalid');
					await trx.deleteFrom('setupTokens').execute();
					await trx
						.insertInto('users')
						.values({
							id: userId,
							email: input.email.toLowerCase(),
							name: input.name,
							passwordHash,
							createdAt: now
						})
						.execute();
				});
				const example = input.createExample
					? await createExampleKollegium(deps, {
							ownerId: userId,
							origin: deps.site.origin
						})
					: null;
				await startSession(deps, c, userId);
				return c.json(
					{ user: { id: userId, name: input.name, email: input.email.toLowerCase() }, example },
					201
				);
			}
		)
		.post(
			'/login',
			describeRoute({ tags, summary: 'Sign in', responses: responsesFor('POST /auth/login') }),
			validate('json', LoginInput),
			async (c) => {
				const { email, password } = c.req.valid('json');
				const address = getConnInfo(c).remote.address ?? 'unknown';
				const keys = [`account:${email.toLowerCase()}`, `address:${address}`];
				const now = deps.now().getTime();
				const wait = deps.throttle.retryAfterMs(keys, now);
				if (wait > 0) {
					fail(429, 'tooManyAttempts', [], { 'Retry-After': String(Math.ceil(wait / 1000)) });
				}
				const user = await deps.db
					.selectFrom('users')
					.selectAll()
					.where('email', '=', email.toLowerCase())
					.executeTakeFirst();
				// Verify against a dummy hash when there is no such user, so timing does not tell.
				const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
				if (!user || !ok) {
					deps.throttle.recordFailure(keys, now);
					fail(401, 'wrongCredentials');
				}
				deps.throttle.recordSuccess(keys);
				if (needsRehash(user.passwordHash)) {
					const passwordHash = await hashPassword(password);
					await deps.db
						.updateTable('users')
						.set({ passwordHash })
						.where('id', '=', user.id)
						.execute();
				}
				await startSession(deps, c, user.id);
				return c.json({ id: user.id, name: user.name, email: user.email });
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

const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

export async function hasUsers(deps: Deps): Promise<boolean> {
	return Boolean(await deps.db.selectFrom('users').select('id').executeTakeFirst());
}
