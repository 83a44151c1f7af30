import type { IssuedInvitation } from '@kollegium/model';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { lockRow } from './locks.ts';

/**
 * Issues a new invitation link for a participant and revokes any earlier one, in one
 * transaction. The token is returned once; only its hash is kept.
 */
export async function issueInvitation(
	deps: Deps,
	options: { db?: Db; kollegiumId: string; participantId: string; startsAt: string; origin: string }
): Promise<IssuedInvitation> {
	const db = options.db ?? deps.db;
	const issued = await db.transaction().execute((trx) => issueInvitationIn(trx, deps, options));
	return { participantId: issued.participantId, url: issued.url, expiresAt: issued.expiresAt };
}

/** `issueInvitation` inside the caller's transaction, for a write that must go with the link. */
export async function issueInvitationIn(
	trx: Transaction<Database>,
	deps: Pick<Deps, 'now' | 'config'>,
	options: { kollegiumId: string; participantId: string; startsAt: string; origin: string }
): Promise<IssuedInvitation & { invitationId: string }> {
	const token = randomToken();
	const now = deps.now();
	// Valid until the grace period after the meeting; a link issued later (a handledare's, for
	// the handover) gets the same grace from the day it is issued.
	const from = Math.max(Date.parse(options.startsAt), now.getTime());
	const expiresAt = new Date(from + deps.config.invitationGraceDays * 86_400_000).toISOString();
	const invitationId = crypto.randomUUID();
	// Two re-issues at once must not leave two valid links: the second waits here.
	await lockRow(trx, 'participants', options.participantId);
	await trx
		.updateTable('invitations')
		.set({ revokedAt: now.toISOString() })
		.where('participantId', '=', options.participantId)
		.where('revokedAt', 'is', null)
		.execute();
	await trx
		.insertInto('invitations')
		.values({
			id: invitationId,
			kollegiumId: options.kollegiumId,
			participantId: options.participantId,
			tokenHash: hashToken(token),
			createdAt: now.toISOString(),
			expiresAt
		})
		.execute();
	return {
		invitationId,
		participantId: options.participantId,
		url: `${options.origin}/svar/${token}`,
		expiresAt
	};
}

export async function revokeInvitations(deps: Deps, participantId: string): Promise<void> {
	await deps.db
		.updateTable('invitations')
		.set({ revokedAt: deps.now().toISOString() })
		.where('participantId', '=', participantId)
		.where('revokedAt', 'is', null)
		.execute();
}
