import { isAnswering, KollegiumStatus, type ParticipantInput } from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';

/** A participant of this kollegium, or 404: an id from another kollegium is as good as absent. */
export async function assertParticipantOf(
	db: Db,
	options: { kollegiumId: string; participantId: string }
): Promise<void> {
	const found = await db
		.selectFrom('participants')
		.select('id')
		.where('id', '=', options.participantId)
		.where('kollegiumId', '=', options.kollegiumId)
		.executeTakeFirst();
	if (!found) fail(404, 'participantNotFound');
}

/** Adds a participant last in the list; the kollegium's row orders concurrent additions. */
export async function addParticipant(
	deps: Deps,
	options: { kollegiumId: string; input: ParticipantInput }
): Promise<void> {
	const { kollegiumId, input } = options;
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'kollegier', kollegiumId);
		const { count } = await trx
			.selectFrom('participants')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('kollegiumId', '=', kollegiumId)
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('participants')
			.values({
				id: crypto.randomUUID(),
				kollegiumId,
				name: input.name,
				email: input.email,
				roles: JSON.stringify(input.roles),
				position: Number(count),
				createdAt: deps.now().toISOString()
			})
			.execute();
	});
}

export async function editParticipant(
	deps: Deps,
	options: { kollegiumId: string; participantId: string; input: ParticipantInput }
): Promise<void> {
	const { input } = options;
	await assertParticipantOf(deps.db, options);
	await deps.db
		.updateTable('participants')
		.set({ name: input.name, email: input.email, roles: JSON.stringify(input.roles) })
		.where('id', '=', options.participantId)
		.where('kollegiumId', '=', options.kollegiumId)
		.execute();
}

/**
 * Removes a participant, their links and their answers, while that cannot reveal anything:
 * after answering closes, the difference in the aggregates would show what that one person
 * answered. A trainee who is a subject is removed with the subject instead.
 */
export async function removeParticipant(
	deps: Deps,
	options: { row: KollegiumRow; participantId: string }
): Promise<void> {
	const { row, participantId } = options;
	await assertParticipantOf(deps.db, { kollegiumId: row.id, participantId });
	const answering = isAnswering({
		status: KollegiumStatus.parse(row.status),
		answerDeadline: row.answerDeadline,
		now: deps.now()
	});
	if (row.status !== 'draft' && !answering) fail(409, 'answersLocked');
	const isSubject = await deps.db
		.selectFrom('subjects')
		.select('id')
		.where('participantId', '=', participantId)
		.executeTakeFirst();
	if (isSubject) fail(409, 'participantIsSubject');
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('responses').where('participantId', '=', participantId).execute();
		await trx.deleteFrom('invitations').where('participantId', '=', participantId).execute();
		await trx
			.updateTable('subjects')
			.set({ supervisorId: null })
			.where('supervisorId', '=', participantId)
			.execute();
		await trx.deleteFrom('participants').where('id', '=', participantId).execute();
	});
	deps.changes.participantRevoked(participantId);
}
