import { ParticipantRole, type Me } from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { hashToken } from './tokens.ts';

/** The holder of a valid invitation link: whom it names, in which kollegium. */
export interface InvitationHolder {
	invitationId: string;
	kollegiumId: string;
	participant: { id: string; name: string; roles: ParticipantRole[] };
}

/**
 * Who a session token belongs to, if it is still valid. The one lookup behind the HTTP
 * cookie, the socket.io handshake and the Yjs upgrade.
 */
export async function userBySession(
	deps: { db: Db; now: () => Date },
	token: string | undefined
): Promise<Me | null> {
	if (!token) return null;
	const user = await deps.db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.userId')
		.select(['users.id', 'users.name', 'users.email'])
		.where('sessions.tokenHash', '=', hashToken(token))
		.where('sessions.expiresAt', '>', deps.now().toISOString())
		.executeTakeFirst();
	return user ?? null;
}

/**
 * The holder of an invitation, found by its token or (for a document ticket) its id. Unknown,
 * revoked and expired all give null, alike: nothing outside can tell which tokens once existed.
 */
export async function invitationHolder(
	deps: { db: Db; now: () => Date },
	by: { token: string } | { invitationId: string }
): Promise<InvitationHolder | null> {
	const row = await deps.db
		.selectFrom('invitations')
		.innerJoin('participants', 'participants.id', 'invitations.participantId')
		.select([
			'invitations.id as invitationId',
			'invitations.kollegiumId',
			'invitations.expiresAt',
			'invitations.revokedAt',
			'participants.id',
			'participants.name',
			'participants.roles'
		])
		.where(
			'token' in by ? 'invitations.tokenHash' : 'invitations.id',
			'=',
			'token' in by ? hashToken(by.token) : by.invitationId
		)
		.executeTakeFirst();
	if (!row || row.revokedAt || Date.parse(row.expiresAt) < deps.now().getTime()) return null;
	return {
		invitationId: row.invitationId,
		kollegiumId: row.kollegiumId,
		participant: {
			id: row.id,
			name: row.name,
			roles: ParticipantRole.array().parse(JSON.parse(row.roles))
		}
	};
}
