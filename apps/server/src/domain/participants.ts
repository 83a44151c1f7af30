import { isAnswering, KollegiumStatus, type Locale, type ParticipantInput } from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { languageOf } from '../mail/compose.ts';
import { lockRow } from './locks.ts';
import { joinRegister, type RegisterCandidate } from './people.ts';

/**
 * A participant to write. Without a language of their own they take their register entry's,
 * or Swedish.
 */
export type NewParticipant = Omit<ParticipantInput, 'language'> & { language?: Locale };

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

/**
 * Adds a participant last in the list; the kollegium's row orders concurrent additions. Someone
 * new joins the clinic's register, someone the register knows is linked to their entry.
 */
export async function addParticipant(
	deps: Deps,
	options: { row: KollegiumRow; input: ParticipantInput }
): Promise<void> {
	const { row, input } = options;
	const now = deps.now().toISOString();
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'kollegier', row.id);
		const candidate = registerCandidate(input);
		const personId = await joinRegister(trx, { clinicId: row.clinicId, candidate, now });
		await insertParticipant(trx, { kollegiumId: row.id, input, personId, now });
	});
}

/**
 * Writes a participant last in the list and answers its id. The caller holds the kollegium's
 * row lock, so two additions cannot take one position.
 */
export async function insertParticipant(
	trx: Transaction<Database>,
	options: { kollegiumId: string; input: NewParticipant; personId: string | null; now: string }
): Promise<string> {
	const { kollegiumId, input, personId, now } = options;
	const language = input.language ?? (await registerLanguage(trx, personId));
	const { count } = await trx
		.selectFrom('participants')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('kollegiumId', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const id = crypto.randomUUID();
	await trx
		.insertInto('participants')
		.values({
			id,
			kollegiumId,
			name: input.name,
			email: input.email,
			roles: JSON.stringify(input.roles),
			position: Number(count),
			createdAt: now,
			personId,
			language
		})
		.execute();
	return id;
}

/** The language of a register entry's e-mail; Swedish for someone the register does not know. */
async function registerLanguage(trx: Transaction<Database>, personId: string | null) {
	if (!personId) return 'sv';
	const person = await trx
		.selectFrom('people')
		.select('language')
		.where('id', '=', personId)
		.executeTakeFirst();
	return languageOf(person?.language);
}

/**
 * Who a participant is in the register: a specialist if they assess or supervise, else an
 * observer if they observe. A trainee (an ST-läkarkollegium's respondent) is only linked to an
 * entry that exists: the register needs a trainee's training data, which a participant lacks.
 */
function registerCandidate(input: ParticipantInput): RegisterCandidate {
	const { name, email, roles, language } = input;
	const specialist = roles.includes('assessor') || roles.includes('supervisor');
	if (specialist || roles.includes('observer')) {
		const kind = specialist ? 'specialist' : 'observer';
		return { kind, name, email, create: { kind, name, email, title: '', language } };
	}
	return { kind: 'trainee', name, email, create: null };
}

export async function editParticipant(
	deps: Deps,
	options: { kollegiumId: string; participantId: string; input: ParticipantInput }
): Promise<void> {
	const { input } = options;
	await assertParticipantOf(deps.db, options);
	await deps.db
		.updateTable('participants')
		.set({
			name: input.name,
			email: input.email,
			roles: JSON.stringify(input.roles),
			language: input.language
		})
		.where('id', '=', options.participantId)
		.where('kollegiumId', '=', options.kollegiumId)
		.execute();
}

/**
 * Removes a participant, their links and their answers, while that cannot reveal anything:
 * after answering closes, the difference in the aggregates would show what that one person
 * answered. A trainee who is a subject is removed with the subject instead. Answers the
 * language they read, for the cancellation that follows.
 */
export async function removeParticipant(
	deps: Deps,
	options: { row: KollegiumRow; participantId: string }
): Promise<{ language: Locale }> {
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
	const { language } = await deps.db
		.selectFrom('participants')
		.select('language')
		.where('id', '=', participantId)
		.executeTakeFirstOrThrow();
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
	return { language: languageOf(language) };
}
