import { getConnInfo } from '@hono/node-server/conninfo';
import {
	auditedRoutes,
	type AuditAction,
	type AuditEntry,
	type EndpointKey
} from '@kollegium/model';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { recordAudit } from '../domain/audit.ts';
import type { AppEnv, Deps } from './env.ts';

/**
 * Records the audited routes (the model's `auditedRoutes`) once they have succeeded, and every
 * failed sign-in: who, what, about which ids, when, from which address. Never a body's content
 * beyond the one word an action needs (the new status, the role given).
 */
export function auditTrail(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		await next();
		const route = c.get('route');
		if (!route || !(route.key in auditedRoutes)) return;
		const key = route.key as keyof typeof auditedRoutes;
		const status = c.res.status;
		const body = await jsonBody(c);
		let action: AuditAction = auditedRoutes[key];
		let actor = await actorOf(deps, c);
		if (key === 'POST /auth/login' && status >= 400) {
			if (status === 400) return; // not even an attempt: the form was incomplete
			action = 'signInFailed';
			actor = { kind: 'unknown', id: null, name: text(body.email) };
		} else if (status >= 400) return;
		// A preview writes nothing; only a confirmed import is one.
		if (key === 'POST /clinics/:clinicId/people/import' && body.confirm !== true) return;
		// A c-delmål file only previewed changes nothing.
		if (key === 'POST /catalog/specialty-goals/import' && body.dryRun === true) return;
		try {
			await recordAudit(deps, {
				actor,
				action,
				target: route.params,
				detail: detailOf(key, body),
				address: getConnInfo(c).remote.address ?? 'unknown'
			});
		} catch (error) {
			// The action has happened; a lost log line is reported, not turned into a failure.
			console.error('Could not write the audit log', error);
		}
	});
}

async function jsonBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
	if (!c.req.header('content-type')?.includes('json')) return {};
	try {
		const body: unknown = await c.req.json();
		return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '');

/** The one word an action needs; never a free-text field. */
function detailOf(key: EndpointKey, body: Record<string, unknown>): string {
	switch (key) {
		case 'POST /kollegier/:id/status':
			return text(body.status);
		case 'PUT /clinics/:clinicId/members/:userId':
			return text(body.role);
		case 'POST /accounts/invitations':
			return `${text(body.role)} ${text(body.email)}`;
		case 'PATCH /accounts/:userId':
			return ['admin', 'active']
				.filter((field) => typeof body[field] === 'boolean')
				.map((field) => `${field}=${String(body[field])}`)
				.join(' ');
		default:
			return '';
	}
}

async function actorOf(deps: Deps, c: Context<AppEnv>): Promise<AuditEntry['actor']> {
	const user = c.get('auditActor') ?? c.get('user');
	if (user) return { kind: 'colleague', id: user.id, name: user.name };
	const invitation = c.get('invitation');
	if (invitation) {
		const participant = await deps.db
			.selectFrom('participants')
			.select('name')
			.where('id', '=', invitation.participantId)
			.executeTakeFirst();
		return { kind: 'participant', id: invitation.participantId, name: participant?.name ?? '' };
	}
	return { kind: 'unknown', id: null, name: '' };
}
