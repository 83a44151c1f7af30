import type { ClinicRole } from './accounts.ts';
import { endpoints, type EndpointKey } from './endpoints.ts';

/**
 * Who may call a route, decided before its handler runs:
 * - `public`: anyone; the route checks its own proof (a setup, account or invitation link);
 * - `signedIn`: any active account;
 * - `admin`: an administrator of the installation;
 * - `clinicMember` / `clinicStudierektor`: under /clinics/:clinicId, a member of that clinic
 *   (any role, or a studierektor); an administrator counts as a member of every clinic, since it
 *   administers their members;
 * - `kollegiumReader` / `kollegiumStudierektor`: under /kollegier/:id, a member of the
 *   kollegium's clinic: a läsare or a studierektor, or a studierektor only.
 */
export type RoutePolicy =
	| 'public'
	| 'signedIn'
	| 'admin'
	| 'clinicMember'
	| 'clinicStudierektor'
	| 'kollegiumReader'
	| 'kollegiumStudierektor';

/**
 * Every route's policy. A läsare reads what the clinic keeps (the kollegium, its plans, the
 * handover, the feedback PDF) and nothing of answering in progress or of the meeting.
 */
export const routePolicies = {
	'GET /auth/setup': 'public',
	'GET /auth/methods': 'public',
	'POST /auth/setup': 'public',
	'POST /auth/login': 'public',
	'POST /auth/logout': 'public',
	'GET /auth/me': 'signedIn',
	'POST /auth/password': 'signedIn',
	'POST /auth/account-link': 'public',
	'POST /auth/accept': 'public',
	'POST /auth/reset': 'public',

	'GET /accounts': 'admin',
	'PATCH /accounts/:userId': 'admin',
	'POST /accounts/:userId/reset-link': 'admin',
	'GET /accounts/invitations': 'admin',
	'POST /accounts/invitations': 'admin',
	'DELETE /accounts/invitations/:invitationId': 'admin',

	'GET /audit': 'admin',
	'GET /audit.csv': 'admin',

	'GET /clinics': 'signedIn',
	'POST /clinics': 'admin',
	'GET /clinics/:clinicId': 'clinicMember',
	'PUT /clinics/:clinicId': 'clinicStudierektor',
	'PUT /clinics/:clinicId/members/:userId': 'admin',
	'DELETE /clinics/:clinicId/members/:userId': 'admin',

	// The register holds e-mail addresses and training data: for those who prepare kollegier.
	'GET /clinics/:clinicId/people': 'clinicStudierektor',
	'POST /clinics/:clinicId/people': 'clinicStudierektor',
	'PUT /clinics/:clinicId/people/:personId': 'clinicStudierektor',
	'DELETE /clinics/:clinicId/people/:personId': 'clinicStudierektor',
	'POST /clinics/:clinicId/people/import': 'clinicStudierektor',
	'GET /clinics/:clinicId/people.csv': 'clinicStudierektor',
	// #11 E: the yearly report counts meetings, plans and handovers: for läsare too.
	'GET /clinics/:clinicId/report/:year': 'clinicMember',
	'GET /clinics/:clinicId/report/:year/report.csv': 'clinicMember',
	'GET /clinics/:clinicId/report/:year/report.pdf': 'clinicMember',
	// #11 A: facts about meetings, plans and handovers, and trends above k: for läsare too.
	'GET /clinics/:clinicId/trainees': 'clinicMember',
	'GET /clinics/:clinicId/trainees/:personId': 'clinicMember',
	// #13 privacy: one person's data is the register's, for those who keep it.
	'GET /clinics/:clinicId/people/:personId/export': 'clinicStudierektor',
	'POST /clinics/:clinicId/people/:personId/erase': 'clinicStudierektor',
	// #13 privacy: retention is the installation's.
	'GET /retention': 'admin',

	'GET /catalog/templates': 'signedIn',
	'GET /catalog/templates/:id': 'signedIn',
	'GET /catalog/goals': 'signedIn',
	// A specialty's c-delmål are the installation's: every clinic's plans link to them.
	'GET /catalog/specialty-goals': 'signedIn',
	'POST /catalog/specialty-goals/import': 'admin',
	'PUT /catalog/specialty-goals/:listId': 'admin',
	'DELETE /catalog/specialty-goals/:listId': 'admin',

	// Lists only the kollegier of the caller's own clinics; creating one needs a studierektor.
	'GET /kollegier': 'signedIn',
	'POST /kollegier': 'signedIn',
	'GET /kollegier/:id': 'kollegiumReader',
	'PUT /kollegier/:id': 'kollegiumStudierektor',
	'DELETE /kollegier/:id': 'kollegiumStudierektor',
	'POST /kollegier/:id/status': 'kollegiumStudierektor',
	'GET /kollegier/:id/progress': 'kollegiumStudierektor',

	'POST /kollegier/:id/participants': 'kollegiumStudierektor',
	'PUT /kollegier/:id/participants/:participantId': 'kollegiumStudierektor',
	'DELETE /kollegier/:id/participants/:participantId': 'kollegiumStudierektor',
	'POST /kollegier/:id/participants/:participantId/invitation': 'kollegiumStudierektor',
	'DELETE /kollegier/:id/participants/:participantId/invitation': 'kollegiumStudierektor',
	'POST /kollegier/:id/invitations': 'kollegiumStudierektor',
	'POST /kollegier/:id/invitations/send': 'kollegiumStudierektor',
	'GET /kollegier/:id/outbox': 'kollegiumStudierektor',
	'POST /kollegier/:id/outbox/:messageId/resend': 'kollegiumStudierektor',
	'PUT /kollegier/:id/reminders': 'kollegiumStudierektor',
	'POST /kollegier/:id/reminders/send': 'kollegiumStudierektor',
	'POST /kollegier/:id/people': 'kollegiumStudierektor',

	'POST /kollegier/:id/subjects': 'kollegiumStudierektor',
	'PUT /kollegier/:id/subjects/:subjectId': 'kollegiumStudierektor',
	'DELETE /kollegier/:id/subjects/:subjectId': 'kollegiumStudierektor',

	'POST /kollegier/:id/close-answering': 'kollegiumStudierektor',
	'GET /kollegier/:id/preparation': 'kollegiumStudierektor',
	'PUT /kollegier/:id/comments/:commentId': 'kollegiumStudierektor',
	'PUT /kollegier/:id/subjects/:subjectId/ready': 'kollegiumStudierektor',

	'POST /kollegier/:id/subjects/:subjectId/plan/final': 'kollegiumStudierektor',
	'GET /kollegier/:id/subjects/:subjectId/plan/versions': 'kollegiumReader',
	'GET /kollegier/:id/subjects/:subjectId/follow-up': 'kollegiumReader',
	'GET /kollegier/:id/subjects/:subjectId/feedback.pdf': 'kollegiumReader',
	'GET /kollegier/:id/handover': 'kollegiumReader',
	'POST /kollegier/:id/subjects/:subjectId/handover': 'kollegiumStudierektor',
	// #11 D: whether each supervisor has a result and received it (the PDF is the studierektor's).
	// Whether fewer than k answered about a supervisor is the studierektor's to know, not a läsare's.
	'GET /kollegier/:id/supervisor-feedback': 'kollegiumStudierektor',

	'GET /respond': 'public',
	'POST /respond/document-ticket': 'public',
	'PUT /respond/responses/:subjectId': 'public',
	'POST /respond/responses/:subjectId/submit': 'public',
	'GET /respond/handover': 'public',
	'GET /respond/handover/:subjectId/feedback.pdf': 'public',
	'POST /respond/handover/:subjectId': 'public',
	'GET /respond/feedback.pdf': 'public',
	// #11 D: the supervisor's own link proves who they are.
	'GET /respond/supervisor-feedback': 'public',
	'GET /respond/supervisor-feedback.pdf': 'public',
	'POST /respond/supervisor-feedback/received': 'public'
} as const satisfies Record<EndpointKey, RoutePolicy>;

/** The caller as far as a route's policy is concerned. */
export interface RouteCaller {
	/** Null when no valid session came with the request. */
	user: { admin: boolean } | null;
	/**
	 * The caller's role in the clinic the route is about (the clinic of /clinics/:clinicId or of
	 * the kollegium of /kollegier/:id); null if not a member. Undefined when that clinic or
	 * kollegium does not exist.
	 */
	clinicRole?: ClinicRole | null;
}

export type RouteDecision = 'allow' | 'unauthenticated' | 'forbidden' | 'notFound';

/**
 * Whether a caller may call a route of this policy. Someone outside a kollegium's clinic gets
 * `notFound`, as if it did not exist; a läsare on a studierektor's route gets `forbidden`.
 */
export function decideRoute(policy: RoutePolicy, caller: RouteCaller): RouteDecision {
	if (policy === 'public') return 'allow';
	const { user, clinicRole } = caller;
	if (!user) return 'unauthenticated';
	switch (policy) {
		case 'signedIn':
			return 'allow';
		case 'admin':
			return user.admin ? 'allow' : 'forbidden';
		case 'clinicMember':
		case 'clinicStudierektor': {
			if (clinicRole === undefined) return 'notFound';
			if (clinicRole === null && !user.admin) return 'notFound';
			if (policy === 'clinicMember' || clinicRole === 'studierektor' || user.admin) return 'allow';
			return 'forbidden';
		}
		case 'kollegiumReader':
		case 'kollegiumStudierektor': {
			if (!clinicRole) return 'notFound';
			if (policy === 'kollegiumReader' || clinicRole === 'studierektor') return 'allow';
			return 'forbidden';
		}
	}
}

interface CompiledRoute {
	key: EndpointKey;
	method: string;
	pattern: RegExp;
	params: string[];
}

const compiled: CompiledRoute[] = (Object.keys(endpoints) as EndpointKey[]).map((key) => {
	const [method, path] = key.split(' ') as [string, string];
	const params: string[] = [];
	const source = path
		.split('/')
		.map((part) => {
			if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			params.push(part.slice(1));
			return '([^/]+)';
		})
		.join('/');
	return { key, method, pattern: new RegExp(`^${source}/?$`), params };
});
// A literal segment wins over a parameter (`/accounts/invitations` over `/accounts/:userId`).
compiled.sort(
	(a, b) =>
		(b.key.match(/\/[^:/][^/]*/g)?.length ?? 0) - (a.key.match(/\/[^:/][^/]*/g)?.length ?? 0)
);

/** The route a request under /api is for, with its path parameters; null if there is none. */
export function matchEndpoint(
	method: string,
	path: string
): { key: EndpointKey; params: Record<string, string> } | null {
	const asked = method === 'HEAD' ? 'GET' : method;
	for (const route of compiled) {
		if (route.method !== asked) continue;
		const found = route.pattern.exec(path);
		if (!found) continue;
		const params: Record<string, string> = {};
		route.params.forEach((name, index) => {
			params[name] = decodedOrRaw(found[index + 1] ?? '');
		});
		return { key: route.key, params };
	}
	return null;
}

/** A path segment decoded; a malformed escape (`%zz`) is left as it is, for validation to refuse. */
function decodedOrRaw(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
