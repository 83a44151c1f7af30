import {
	AcceptInvitationInput,
	AccountLinkToken,
	LoginInput,
	PasswordChangeInput,
	PasswordResetInput,
	SetupInput
} from '@kollegium/model';
import { getCookie } from 'hono/cookie';
import { hashToken } from '../auth/tokens.ts';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
	acceptInvitation,
	accountLinkInfo,
	changePassword,
	createFirstAccount,
	hasUsers,
	meOf,
	resetPassword,
	signIn
} from '../domain/accounts.ts';
import { createExampleKollegium } from '../domain/example.ts';
import { endSession, SESSION_COOKIE, startSession } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';
import { samlMethod } from './saml.routes.ts';

const tags = ['Accounts'];

/**
 * First-run setup of the first account, signing in and out, one's own password, and the
 * one-time account links (an invitation to take up, a password to reset).
 */
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
				const { user } = await createFirstAccount(deps, input);
				c.set('auditActor', user);
				const example = input.createExample
					? await createExampleKollegium(deps, { user, origin: deps.site.origin })
					: null;
				await startSession(deps, c, user.id);
				return c.json({ user: await meOf(deps.db, user), example }, 201);
			}
		)
		.get(
			'/methods',
			describeRoute({
				tags,
				summary: 'How colleagues sign in here: password, the identity provider, or both',
				responses: responsesFor('GET /auth/methods')
			}),
			(c) =>
				c.json({
					password: deps.config.passwordSignIn,
					oidc: deps.config.oidc
						? { label: deps.config.oidc.label, matchClaim: deps.config.oidc.matchClaim }
						: null,
					// #12 saml
					saml: samlMethod(deps)
				})
		)
		.post(
			'/login',
			describeRoute({ tags, summary: 'Sign in', responses: responsesFor('POST /auth/login') }),
			validate('json', LoginInput),
			async (c) => {
				// The region may require its identity provider: then a password opens nothing.
				if (!deps.config.passwordSignIn) fail(403, 'passwordSignInOff');
				const address = getConnInfo(c).remote.address ?? 'unknown';
				const user = await signIn(deps, { input: c.req.valid('json'), address });
				c.set('auditActor', user);
				await startSession(deps, c, user.id);
				return c.json(await meOf(deps.db, user));
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
				summary: 'The signed-in colleague and their clinics',
				responses: responsesFor('GET /auth/me')
			}),
			async (c) => c.json(await meOf(deps.db, c.get('user')))
		)
		.post(
			'/password',
			describeRoute({
				tags,
				summary: 'Change your password; your other sessions end',
				responses: responsesFor('POST /auth/password')
			}),
			validate('json', PasswordChangeInput),
			async (c) => {
				const keepSession = getCookie(c, SESSION_COOKIE) ?? '';
				await changePassword(deps, {
					user: c.get('user'),
					input: c.req.valid('json'),
					keepSession,
					locale: c.get('locale')
				});
				deps.changes.colleagueAccessEnded({
					userId: c.get('user').id,
					keepSession: hashToken(keepSession)
				});
				return c.body(null, 204);
			}
		)
		.post(
			'/account-link',
			describeRoute({
				tags,
				summary: 'What a one-time account link is for (an invitation or a password reset)',
				responses: responsesFor('POST /auth/account-link')
			}),
			validate('json', AccountLinkToken),
			async (c) => c.json(await accountLinkInfo(deps, c.req.valid('json').token))
		)
		.post(
			'/accept',
			describeRoute({
				tags,
				summary: 'Take up an invitation: create your account and sign in',
				responses: responsesFor('POST /auth/accept')
			}),
			validate('json', AcceptInvitationInput),
			async (c) => {
				// With password sign-in off, an invitation is taken up through the identity provider.
				if (!deps.config.passwordSignIn) fail(403, 'passwordSignInOff');
				const user = await acceptInvitation(deps, c.req.valid('json'));
				c.set('auditActor', user);
				await startSession(deps, c, user.id);
				return c.json(await meOf(deps.db, user), 201);
			}
		)
		.post(
			'/reset',
			describeRoute({
				tags,
				summary: 'Choose a new password with a reset link and sign in',
				responses: responsesFor('POST /auth/reset')
			}),
			validate('json', PasswordResetInput),
			async (c) => {
				// With password sign-in off, an invitation is taken up through the identity provider.
				if (!deps.config.passwordSignIn) fail(403, 'passwordSignInOff');
				const user = await resetPassword(deps, c.req.valid('json'));
				deps.changes.colleagueAccessEnded({ userId: user.id });
				c.set('auditActor', user);
				await startSession(deps, c, user.id);
				return c.json(await meOf(deps.db, user));
			}
		);
}
