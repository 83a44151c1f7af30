import {
	KollegiumKind,
	KollegiumStatus,
	accessTo,
	type Access,
	type Actor,
	type Resource
} from '@kollegium/model';
import { clinicRoleOf, type InvitationHolder } from '../auth/identity.ts';
import type { Db } from '../db/database.ts';

/** Someone resolved from a session (`userId`) or from an invitation link (`holder`). */
export type Someone = { userId: string } | { holder: InvitationHolder };

/**
 * Whether someone may drive, follow, write or read a kollegium's meeting or document. Loads
 * the facts the model's `accessTo` decides on; the rule itself lives there, one for every
 * transport.
 */
export async function resolveAccess(
	db: Db,
	options: { who: Someone; kollegiumId: string; resource: Resource }
): Promise<Access> {
	const kollegium = await db
		.selectFrom('kollegier')
		.select(['id', 'kind', 'status', 'clinicId'])
		.where('id', '=', options.kollegiumId)
		.executeTakeFirst();
	if (!kollegium) return { grant: 'refused', code: 'kollegiumNotFound' };
	const actor = await actorOf(db, options.who, kollegium);
	return accessTo({
		actor,
		resource: options.resource,
		kollegium: {
			kind: KollegiumKind.parse(kollegium.kind),
			status: KollegiumStatus.parse(kollegium.status)
		}
	});
}

async function actorOf(
	db: Db,
	who: Someone,
	kollegium: { id: string; clinicId: string }
): Promise<Actor> {
	if ('userId' in who) {
		const clinicRole = await clinicRoleOf(db, { userId: who.userId, clinicId: kollegium.clinicId });
		return { kind: 'colleague', clinicRole };
	}
	const { holder } = who;
	const subject = await db
		.selectFrom('subjects')
		.select('id')
		.where('kollegiumId', '=', kollegium.id)
		.where('participantId', '=', holder.participant.id)
		.executeTakeFirst();
	return {
		kind: 'participant',
		ofKollegium: holder.kollegiumId === kollegium.id,
		roles: holder.participant.roles,
		isSubject: subject !== undefined
	};
}
