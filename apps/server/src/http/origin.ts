import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps, Site } from './env.ts';
import { fail } from './errors.ts';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes made with the browser's cookies must come from our own pages: a browser sends
 * `Origin` with every such request, so one missing or foreign is another site's form or
 * script riding on the studierektor's session. Requests that carry an invitation as a Bearer
 * header hold no ambient credential and need no check.
 */
export function requireSameOrigin(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		if (CHANGES.has(c.req.method) && !c.req.header('authorization')) {
			const origin = c.req.header('origin');
			if (!origin || !deps.site.trustedOrigins.includes(origin)) fail(403, 'crossOrigin');
		}
		await next();
	});
}

/**
 * Whether a websocket may be authenticated by the browser's cookies: a browser always names
 * the page that opened it, so a foreign Origin is another site connecting as the signed-in
 * studierektor. No Origin at all is not a browser, and a non-browser holds no one's cookies.
 */
export function mayUseCookies(site: Site, origin: string | undefined): boolean {
	return origin === undefined || site.trustedOrigins.includes(origin);
}
