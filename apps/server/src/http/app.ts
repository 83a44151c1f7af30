import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { accountsRoutes } from '../routes/accounts.routes.ts';
import { auditRoutes } from '../routes/audit.routes.ts';
import { authRoutes } from '../routes/auth.routes.ts';
import { clinicsRoutes } from '../routes/clinics.routes.ts';
import { peopleRoutes } from '../routes/people.routes.ts';
import { traineesRoutes } from '../routes/trainees.routes.ts';
import { catalogRoutes } from '../routes/catalog.routes.ts';
import { specialtyGoalsRoutes } from '../routes/specialty-goals.routes.ts';
import { docsRoutes } from '../routes/docs.routes.ts';
import { kollegierApi } from '../routes/kollegier.api.ts';
import { respondRoutes } from '../routes/respond.routes.ts';
import { oidcRoutes } from '../routes/oidc.routes.ts';
import { yearlyReportRoutes } from '../routes/yearly-report.routes.ts';
import { retentionRoutes } from '../routes/retention.routes.ts';
import { personDataRoutes } from '../routes/person-data.routes.ts';
import { samlRoutes } from '../routes/saml.routes.ts';
import type { AppEnv, Deps } from './env.ts';
import { auditTrail } from './audit-trail.ts';
import { authorize } from './authorize.ts';
import { compressJson } from './compression.ts';
import { fail, onError } from './errors.ts';
import { requireSameOrigin } from './origin.ts';
import { detectLocale } from './locale.ts';

export const VERSION = '0.1.0';

/** The JSON API under /api, and /healthz. Pages are SvelteKit's, served beside it. */
export function createApi(deps: Deps) {
	const api = new Hono<AppEnv>()
		.use(detectLocale)
		.use(limitBodies(deps))
		.use(csrf())
		.use(requireSameOrigin(deps))
		.use(compressJson)
		.use(authorize(deps))
		.use(auditTrail(deps))
		.route('/auth', authRoutes(deps))
		.route('/accounts', accountsRoutes(deps))
		.route('/', auditRoutes(deps))
		.route('/clinics', clinicsRoutes(deps))
		.route('/clinics', peopleRoutes(deps))
		.route('/clinics', yearlyReportRoutes(deps))
		.route('/clinics', traineesRoutes(deps))
		.route('/catalog', catalogRoutes(deps))
		.route('/catalog', specialtyGoalsRoutes(deps))
		.route('/kollegier', kollegierApi(deps))
		.route('/respond', respondRoutes(deps))
		.route('/', retentionRoutes(deps))
		.route('/', personDataRoutes(deps));
	api.route('/', docsRoutes(api, VERSION));
	api.all('*', () => fail(404, 'notFound'));

	const app = new Hono<AppEnv>();
	const strict = secureHeaders({
		contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
		referrerPolicy: 'no-referrer',
		// Set on every response by the server itself, and only when PUBLIC_URL is https.
		strictTransportSecurity: false
	});
	// The docs page sets its own, looser policy (it runs Swagger UI); everything else is strict.
	app.use((c, next) => (c.req.path.startsWith('/api/docs') ? next() : strict(c, next)));
	app.use('/api/*', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-store');
	});
	app.get('/healthz', (c) => c.json({ status: 'ok', version: VERSION }));
	app.route('/api', api);
	app.route('/auth/oidc', oidcRoutes(deps));
	app.route('/auth/saml', samlRoutes(deps));
	app.onError(onError);
	return app;
}

/** Bytes a people file may have: 2,000 rows of a register, with room to spare. */
const IMPORT_LIMIT = 2 * 1024 * 1024;

/**
 * Refuses bodies over BODY_LIMIT, and over a larger limit on the one route that takes a file
 * (a clinic's people register as CSV). The unread rest of a too large body would confuse the
 * next request on the connection, so the connection closes.
 */
function limitBodies(deps: Deps) {
	const onError = () => fail(413, 'bodyTooLarge', [], { Connection: 'close' });
	const usual = bodyLimit({ maxSize: deps.config.bodyLimit, onError });
	const file = bodyLimit({ maxSize: Math.max(IMPORT_LIMIT, deps.config.bodyLimit), onError });
	return createMiddleware<AppEnv>((c, next) =>
		/^\/api\/clinics\/[^/]+\/people\/import$/.test(c.req.path) ? file(c, next) : usual(c, next)
	);
}
