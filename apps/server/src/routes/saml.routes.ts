import { getConnInfo } from '@hono/node-server/conninfo';
import { safeReturnPath, type ExternalSignInError } from '@kollegium/model';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { SAML_PENDING_MINUTES, SamlServiceProvider } from '../auth/saml.ts';
import { recordAudit } from '../domain/audit.ts';
import { matchExternalAccount } from '../domain/external-sign-in.ts';
import { answeredIdentity, rememberSamlRequest } from '../domain/saml-requests.ts';
import { startSession } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';

const PENDING_COOKIE = 'kollegium_saml';
const COOKIE_PATH = '/auth/saml';

const StartQuery = z.object({ till: z.string().max(500).optional() });
const AcsForm = z.object({
	SAMLResponse: z.string().min(1).max(200_000),
	RelayState: z.string().max(500).optional()
});
const RequestId = z.string().regex(/^_[0-9a-f]{40}$/);

/** The provider from the configuration, for the sign-in page; null when SAML is off. */
export function samlMethod(deps: Pick<Deps, 'config'>) {
	const saml = deps.config.saml;
	return saml ? { label: saml.label, matchAttribute: saml.matchAttribute } : null;
}

/**
 * Sign-in through a SAML 2.0 identity provider: browser navigations, not API calls, so they live
 * beside /api and answer with redirects. The request id rides in a short-lived httpOnly cookie of
 * this path; it must come back with the provider's POST from its own site, so the cookie is
 * SameSite=None (hence Secure) and bound to this browser: a response another browser started is
 * refused, and so is one already answered.
 */
export function samlRoutes(deps: Deps) {
	const provider = deps.config.saml
		? new SamlServiceProvider(deps.config.saml, () => deps.site.origin)
		: null;
	const failed = (c: Context<AppEnv>, error: ExternalSignInError) =>
		c.redirect(`/logga-in?fel=${error}`, 302);

	return new Hono<AppEnv>()
		.get('/metadata', (c) => {
			if (!provider) return c.notFound();
			c.header('Content-Type', 'application/samlmetadata+xml; charset=utf-8');
			return c.body(provider.metadata());
		})
		.get('/start', async (c) => {
			if (!provider) return failed(c, 'samlOff');
			const query = StartQuery.safeParse(c.req.query());
			const returnTo = safeReturnPath(query.success ? query.data.till : null);
			try {
				const { url, requestId } = await provider.start({ relayState: returnTo });
				await rememberSamlRequest(deps, requestId, SAML_PENDING_MINUTES);
				setCookie(c, PENDING_COOKIE, requestId, {
					httpOnly: true,
					sameSite: 'None',
					secure: true,
					path: COOKIE_PATH,
					maxAge: SAML_PENDING_MINUTES * 60
				});
				return c.redirect(url, 302);
			} catch (error) {
				console.error('Sign-in through SAML could not start', error);
				return failed(c, 'samlFailed');
			}
		})
		.post('/acs', async (c) => {
			if (!provider) return failed(c, 'samlOff');
			const cookie = RequestId.safeParse(getCookie(c, PENDING_COOKIE));
			deleteCookie(c, PENDING_COOKIE, { path: COOKIE_PATH, secure: true, sameSite: 'None' });
			const form = AcsForm.safeParse(await c.req.parseBody().catch(() => null));
			const address = getConnInfo(c).remote.address ?? 'unknown';
			const refused = async (error: ExternalSignInError, name: string) => {
				const actor = { kind: 'unknown' as const, id: null, name };
				await recordAudit(deps, {
					actor,
					action: 'signInFailed',
					target: {},
					detail: error,
					address
				});
				return failed(c, error);
			};
			const identity =
				form.success && cookie.success
					? await answeredIdentity(deps, provider, {
							requestId: cookie.data,
							samlResponse: form.data.SAMLResponse
						})
					: null;
			if (!identity) return refused('samlFailed', 'SAML');
			const match = await matchExternalAccount(deps, identity);
			if ('error' in match) return refused(match.error, identity.email ?? identity.claim ?? 'SAML');
			await startSession(deps, c, match.user.id);
			await recordAudit(deps, {
				actor: { kind: 'colleague', id: match.user.id, name: match.user.name },
				action: match.created ? 'accountCreated' : 'signedIn',
				target: { userId: match.user.id },
				detail: 'saml',
				address
			});
			// A 303 turns the provider's POST into a GET of our own page, where the Lax session
			// cookie set just now is sent (a top-level navigation).
			return c.redirect(safeReturnPath(form.data?.RelayState), 303);
		});
}
