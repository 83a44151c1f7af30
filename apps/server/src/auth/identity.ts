import { ClinicRole, ParticipantRole, type Membership } from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { hashToken } from './tokens.ts';

/** The holder of a valid invitation link: whom it names, in which kollegium. */
export interface InvitationHolder {
	invitationId: string;
	kollegiumId: string;
	participant: { id: string; name: string; roles: ParticipantRole[] };
}

/** A signed-in colleague: their account, and whether they administer the installation. */
export interface SignedInUser {
	id: string;
	name: string;
	email: string;
	admin: boolean;
}

/**
 * Who a session token belongs to, if it is still valid and the account active. The one lookup
 * behind the HTTP cookie, the socket.io handshake and the Yjs upgrade.
 */
export async function userBySession(
	deps: { db: Db; now: () => Date },
	token: string | undefined
): Promise<SignedInUser | null> {
	if (!token) return null;
	const user = await deps.db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.userId')
		.select(['users.id', 'users.name', 'users.email', 'users.isAdmin'])
		.where('sessions.tokenHash', '=', hashToken(token))
		.where('sessions.expiresAt', '>', deps.now().toISOString())
		.where('users.deactivatedAt', 'is', null)
		.executeTakeFirst();
	if (!user) return null;
	return { id: user.id, name: user.name, email: user.email, admin: user.isAdmin === 1 };
}

/** The clinics a user belongs to, with their role in each, by name. */
export async function membershipsOf(
	db: Db | Transaction<Database>,
	userId: string
): Promise<Membership[]> {
	const rows = await db
		.selectFrom('clinicMembers')
		.innerJoin('clinics', 'clinics.id', 'clinicMembers.clinicId')
		.select(['clinics.id as clinicId', 'clinics.name', 'clinicMembers.role'])
		.where('clinicMembers.userId', '=', userId)
		.orderBy('clinics.name')
		.orderBy('clinics.id')
		.execute();
	return rows.map((row) => ({ ...row, role: ClinicRole.parse(row.role) }));
}

/** A user's role in one clinic; null if they are not a member. */
export async function clinicRoleOf(
	db: Db,
	options: { userId: string; clinicId: string }
): Promise<ClinicRole | null> {
	const row = await db
		.selectFrom('clinicMembers')
		.select('role')
		.where('userId', '=', options.userId)
		.where('clinicId', '=', options.clinicId)
		.executeTakeFirst();
	return row ? ClinicRole.parse(row.role) : null;
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
