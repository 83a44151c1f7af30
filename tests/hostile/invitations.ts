import type { World } from './world.ts';

/**
 * A link that does not work must not say why: unknown, revoked and expired links get the
 * same status and body on every invitation route, so a guessed or leaked-then-revoked token
 * cannot be told from one that never existed. Returns the routes where they differ.
 */
export async function unequalInvitationAnswers(world: World): Promise<string[]> {
	const { url } = world.server;
	const subject = world.ids.subjectId?.[0] ?? crypto.randomUUID();
	const routes: [string, string, unknown][] = [
		['GET', '/api/respond', undefined],
		['POST', '/api/respond/document-ticket', undefined],
		['PUT', `/api/respond/responses/${subject}`, { answers: {} }],
		['POST', `/api/respond/responses/${subject}/submit`, { answers: {} }],
		['GET', '/api/respond/handover', undefined]
	];
	const tokens = {
		unknown: 'A'.repeat(43),
		revoked: world.invitations.revoked,
		expired: world.invitations.expired
	};
	const differences: string[] = [];
	for (const [method, path, body] of routes) {
		const answers: Record<string, string> = {};
		for (const [which, token] of Object.entries(tokens)) {
			if (!token) continue;
			const response = await fetch(`${url}${path}`, {
				method,
				headers: {
					Authorization: `Bearer ${token}`,
					...(body === undefined ? {} : { 'Content-Type': 'application/json' })
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			answers[which] = `${response.status} ${await response.text()}`;
		}
		if (new Set(Object.values(answers)).size > 1)
			differences.push(`${method} ${path}: ${JSON.stringify(answers)}`);
	}
	return differences;
}
