import { getConnInfo } from '@hono/node-server/conninfo';
import { safeReturnPath, type ExternalSignInError } from '@kollegium/model';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { OidcClient, type PendingSignIn } from '../auth/oidc.ts';
import { recordAudit } from '../domain/audit.ts';
import { matchExternalAccount } from '../domain/external-sign-in.ts';
import { startSession } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';

const PENDING_COOKIE = 'kollegium_oidc';
const COOKIE_PATH = '/auth/oidc';
/** Minutes a sign-in may take at the provider before it has to start again. */
const PENDING_MINUTES = 10;

const Pending = z.object({
	state: z.string().min(1).max(200),
	nonce: z.string().min(1).max(200),
	verifier: z.string().min(1).max(200),
	returnTo: z.string().max(500)
});
const StartQuery = z.object({ till: z.string().max(500).optional() });

/**
 * Sign-in through the region's identity provider: browser navigations, not API calls, so they
 * live beside /api and answer with redirects. What the provider must send back (state, nonce,
 * the PKCE verifier) rides in a short-lived httpOnly cookie of this path only.
 */
export function oidcRoutes(deps: Deps) {
	const provider = deps.config.oidc ? new OidcClient(deps.config.oidc) : null;
	const redirectUri = () => `${deps.site.origin}${COOKIE_PATH}/callback`;
	const failed = (c: Context<AppEnv>, error: ExternalSignInError) =>
		c.redirect(`/logga-in?fel=${error}`, 302);

	return new Hono<AppEnv>()
		.get('/start', async (c) => {
			if (!provider) return failed(c, 'oidcOff');
			const query = StartQuery.safeParse(c.req.query());
			const returnTo = safeReturnPath(query.success ? query.data.till : null);
			try {
				const { url, pending } = await provider.start({ redirectUri: redirectUri(), returnTo });
				setCookie(c, PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
					httpOnly: true,
					// Lax: the provider's redirect back is a top-level navigation from its site.
					sameSite: 'Lax',
					secure: deps.config.secureCookies,
					path: COOKIE_PATH,
					maxAge: PENDING_MINUTES * 60
				});
				return c.redirect(url.href, 302);
			} catch (error) {
				console.error('Sign-in through the identity provider could not start', error);
				return failed(c, 'oidcFailed');
			}
		})
		.get('/callback', async (c) => {
			if (!provider) return failed(c, 'oidcOff');
			const pending = pendingOf(getCookie(c, PENDING_COOKIE));
			deleteCookie(c, PENDING_COOKIE, { path: COOKIE_PATH });
			if (!pending) return failed(c, 'oidcFailed');
			const address = getConnInfo(c).remote.address ?? 'unknown';
			// The address the provider sent the browser to, on our own origin, never the Host header.
			const callback = new URL(redirectUri());
			callback.search = new URL(c.req.url).search;
			let identity;
			try {
				identity = await provider.finish(callback, pending);
			} catch (error) {
				console.warn('Sign-in through the identity provider failed', error);
				return failed(c, 'oidcFailed');
			}
			const match = await matchExternalAccount(deps, identity);
			if ('error' in match) {
				await recordAudit(deps, {
					actor: { kind: 'unknown', id: null, name: identity.email ?? identity.subject },
					action: 'signInFailed',
					target: {},
					detail: match.error,
					address
				});
				return failed(c, match.error);
			}
			await startSession(deps, c, match.user.id);
			await recordAudit(deps, {
				actor: { kind: 'colleague', id: match.user.id, name: match.user.name },
				action: match.created ? 'accountCreated' : 'signedIn',
				target: { userId: match.user.id },
				detail: 'oidc',
				address
			});
			return c.redirect(pending.returnTo, 302);
		});
}

function pendingOf(cookie: string | undefined): PendingSignIn | null {
	if (!cookie) return null;
	try {
		const parsed = Pending.safeParse(JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')));
		return parsed.success
			? { ...parsed.data, returnTo: safeReturnPath(parsed.data.returnTo) }
			: null;
	} catch {
		return null;
	}
}
