import { fieldIssue, type KollegiumDetail, type Locale, type SubjectInput } from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Database, KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { emptySubject, kollegiumDetail, participantsOf, subjectsOf } from './kollegier.ts';
import { lockRow } from './locks.ts';
import { insertParticipant } from './participants.ts';
import { joinRegister } from './people.ts';

type TraineeInput = Extract<SubjectInput, { kind: 'trainee' }>;

/**
 * Adds a trainee (with their participant, for the self-assessment) or a supervisor. A trainee
 * new to the clinic joins its register; one the register knows is linked to their entry.
 */
export async function addSubject(
	deps: Deps,
	options: { row: KollegiumRow; input: SubjectInput; locale: Locale }
): Promise<void> {
	const { row, input } = options;
	const now = deps.now().toISOString();
	await deps.db.transaction().execute(async (trx) => {
		// The kollegium's row orders concurrent additions: each takes the next position.
		await lockRow(trx, 'kollegier', row.id);
		const [participants, subjects] = [
			await participantsOf(trx, row.id),
			await subjectsOf(trx, row.id)
		];
		checkFits({ kind: row.kind, participants, subjects }, input, options.locale);
		if (input.kind === 'supervisor') {
			const own = await supervisorParticipant(trx, { row, input, locale: options.locale, now });
			const subject = { ...emptySubject(row.id, subjects.length), kind: input.kind };
			await trx
				.insertInto('subjects')
				.values({ ...subject, name: input.name, ...own })
				.execute();
			return;
		}
		const candidate = {
			kind: 'trainee' as const,
			name: input.name,
			email: input.email,
			create: { ...input, supervisorId: await registerSupervisor(trx, row, input.supervisorId) }
		};
		const personId = await joinRegister(trx, { clinicId: row.clinicId, candidate, now });
		await insertTrainee(trx, { kollegiumId: row.id, input, personId, now });
	});
}

/**
 * Writes a trainee subject and their participant (who fills the self-assessment), both last in
 * their lists, and makes the chosen huvudhandledare a supervisor. The caller holds the
 * kollegium's row lock and has checked that the trainee fits (`checkFits`).
 */
export async function insertTrainee(
	trx: Transaction<Database>,
	options: { kollegiumId: string; input: TraineeInput; personId: string | null; now: string }
): Promise<string> {
	const { kollegiumId, input, personId, now } = options;
	const participantId = await insertParticipant(trx, {
		kollegiumId,
		input: { name: input.name, email: input.email, roles: ['trainee'] },
		personId,
		now
	});
	const { count } = await trx
		.selectFrom('subjects')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('kollegiumId', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const id = crypto.randomUUID();
	await trx
		.insertInto('subjects')
		.values({
			...emptySubject(kollegiumId, Number(count)),
			id,
			kind: 'trainee',
			name: input.name,
			...traineeColumns(input),
			participantId,
			personId
		})
		.execute();
	await markSupervisor(trx, input.supervisorId);
	return id;
}

/**
 * The register specialist a kollegium's participant was taken from, as a new register trainee's
 * handledare; '' when the participant is none or was not taken from a specialist of the clinic.
 */
async function registerSupervisor(
	trx: Transaction<Database>,
	row: KollegiumRow,
	participantId: string
): Promise<string> {
	if (!participantId) return '';
	const found = await trx
		.selectFrom('participants')
		.innerJoin('people', 'people.id', 'participants.personId')
		.select('people.id')
		.where('participants.id', '=', participantId)
		.where('participants.kollegiumId', '=', row.id)
		.where('people.clinicId', '=', row.clinicId)
		.where('people.kind', '=', 'specialist')
		.executeTakeFirst();
	return found?.id ?? '';
}

/** Edits a subject; its kind never changes, and a trainee's participant follows the name. */
export async function editSubject(
	deps: Deps,
	options: { row: KollegiumRow; subjectId: string; input: SubjectInput; locale: Locale }
): Promise<void> {
	const { row, subjectId, input } = options;
	const detail = await kollegiumDetail(deps.db, row);
	const subject = detail.subjects.find((s) => s.id === subjectId) ?? fail(404, 'subjectNotFound');
	if (subject.kind !== input.kind) fail(409, 'kindLocked');
	checkFits(detail, input, options.locale);
	await deps.db.transaction().execute(async (trx) => {
		if (input.kind === 'supervisor') {
			await editSupervisor(trx, {
				row,
				subject,
				input,
				locale: options.locale,
				now: deps.now().toISOString()
			});
			return;
		}
		await trx
			.updateTable('subjects')
			.set({ name: input.name, ...traineeColumns(input) })
			.where('id', '=', subjectId)
			.execute();
		await markSupervisor(trx, input.supervisorId);
		if (subject.participantId) {
			await trx
				.updateTable('participants')
				.set({ name: input.name, email: input.email })
				.where('id', '=', subject.participantId)
				.execute();
		}
	});
}

type SupervisorInput = Extract<SubjectInput, { kind: 'supervisor' }>;

/**
 * The participant a supervisor subject receives their own feedback by (#11 D), when the
 * studierektor gave an e-mail address or picked a register specialist: an existing participant
 * with that entry or address (never one who answers as a trainee, never another supervisor's),
 * or a new one with the role supervisor only, so they answer nothing. The caller holds the
 * kollegium's row lock.
 */
async function supervisorParticipant(
	trx: Transaction<Database>,
	options: { row: KollegiumRow; input: SupervisorInput; locale: Locale; now: string }
): Promise<{ participantId: string | null; personId: string | null }> {
	const { row, input, locale, now } = options;
	if (!input.email && !input.personId) return { participantId: null, personId: null };
	const person = input.personId ? await registerSpecialist(trx, row, input.personId) : null;
	if (input.personId && !person) refuse('personId', 'notRegisterSpecialist', locale);
	const email = input.email || person?.email || '';
	const field = input.personId ? 'personId' : 'email';
	const present = await trx
		.selectFrom('participants')
		.leftJoin('subjects', 'subjects.participantId', 'participants.id')
		.select(['participants.id', 'participants.roles', 'participants.personId'])
		.select('subjects.id as subjectId')
		.where('participants.kollegiumId', '=', row.id)
		.where((eb) =>
			eb.or([
				...(person ? [eb('participants.personId', '=', person.id)] : []),
				...(email
					? [eb(eb.fn<string>('lower', ['participants.email']), '=', email.toLowerCase())]
					: [])
			])
		)
		.executeTakeFirst();
	if (present) {
		if (present.subjectId) refuse(field, 'supervisorTwice', locale);
		if ((JSON.parse(present.roles) as string[]).includes('trainee')) {
			refuse(field, 'supervisorIsTrainee', locale);
		}
		await markSupervisor(trx, present.id);
		return { participantId: present.id, personId: present.personId ?? person?.id ?? null };
	}
	const personId =
		person?.id ??
		(await joinRegister(trx, {
			clinicId: row.clinicId,
			candidate: {
				kind: 'specialist',
				name: input.name,
				email,
				create: { kind: 'specialist', name: input.name, email, title: '' }
			},
			now
		}));
	const participantId = await insertParticipant(trx, {
		kollegiumId: row.id,
		input: { name: input.name, email, roles: ['supervisor'] },
		personId,
		now
	});
	return { participantId, personId };
}

/** A specialist of the kollegium's clinic's register, or null. */
async function registerSpecialist(trx: Transaction<Database>, row: KollegiumRow, personId: string) {
	return trx
		.selectFrom('people')
		.select(['id', 'email'])
		.where('id', '=', personId)
		.where('clinicId', '=', row.clinicId)
		.where('kind', '=', 'specialist')
		.executeTakeFirst();
}

/** Renames a supervisor (and their participant); gives them a link's participant once they get an address. */
async function editSupervisor(
	trx: Transaction<Database>,
	options: {
		row: KollegiumRow;
		subject: KollegiumDetail['subjects'][number];
		input: SupervisorInput;
		locale: Locale;
		now: string;
	}
): Promise<void> {
	const { row, subject, input } = options;
	await lockRow(trx, 'kollegier', row.id);
	const own = subject.participantId
		? { participantId: subject.participantId, personId: subject.personId }
		: await supervisorParticipant(trx, options);
	await trx
		.updateTable('subjects')
		.set({ name: input.name, ...own })
		.where('id', '=', subject.id)
		.execute();
	if (subject.participantId) {
		const change = input.email ? { name: input.name, email: input.email } : { name: input.name };
		await trx
			.updateTable('participants')
			.set(change)
			.where('id', '=', subject.participantId)
			.execute();
	}
}

function refuse(
	path: string,
	message: 'notRegisterSpecialist' | 'supervisorTwice' | 'supervisorIsTrainee',
	locale: Locale
): never {
	fail(400, 'validation', [fieldIssue({ path, code: 'invalid_value', message, locale })]);
}

/** Removes a subject and the answers about it (the clinic of an ST-läkarkollegium stays). */
export async function deleteSubject(
	deps: Deps,
	options: { row: KollegiumRow; subjectId: string }
): Promise<void> {
	const { row, subjectId } = options;
	const detail = await kollegiumDetail(deps.db, row);
	const subject = detail.subjects.find((s) => s.id === subjectId) ?? fail(404, 'subjectNotFound');
	if (subject.kind === 'clinic') fail(409, 'clinicIsFixed');
	await removeSubject(deps, row, subject);
}

/** What `checkFits` reads of a kollegium. */
interface Cast {
	kind: string;
	participants: readonly { id: string }[];
	subjects: readonly { participantId: string | null }[];
}

function checkFits(detail: Cast, input: SubjectInput, locale: Locale): void {
	// A trainee assessed here is never anyone's handledare in it: the handover would hand them
	// a colleague's feedback (or their own before it is shared).
	const assessed = new Set(detail.subjects.map((s) => s.participantId).filter(Boolean));
	if (input.kind === 'trainee' && input.supervisorId && assessed.has(input.supervisorId)) {
		fail(400, 'validation', [
			fieldIssue({
				path: 'supervisorId',
				code: 'invalid_value',
				message: 'assessedTraineeAsSupervisor',
				locale
			})
		]);
	}
	const expected = detail.kind === 'specialistkollegium' ? 'trainee' : 'supervisor';
	if (input.kind !== expected) {
		fail(400, 'validation', [
			fieldIssue({ path: 'kind', code: 'invalid_value', message: 'wrongSubjectKind', locale })
		]);
	}
	if (
		input.kind === 'trainee' &&
		input.supervisorId &&
		!detail.participants.some((p) => p.id === input.supervisorId)
	) {
		fail(400, 'validation', [
			fieldIssue({
				path: 'supervisorId',
				code: 'invalid_value',
				message: 'supervisorNotParticipant',
				locale
			})
		]);
	}
}

/** The chosen huvudhandledare is a supervisor of this kollegium, whatever else they are. */
export async function markSupervisor(
	trx: Transaction<Database>,
	supervisorId: string
): Promise<void> {
	if (!supervisorId) return;
	const row = await trx
		.selectFrom('participants')
		.select('roles')
		.where('id', '=', supervisorId)
		.executeTakeFirst();
	const roles = row ? (JSON.parse(row.roles) as string[]) : [];
	if (!row || roles.includes('supervisor')) return;
	await trx
		.updateTable('participants')
		.set({ roles: JSON.stringify([...roles, 'supervisor']) })
		.where('id', '=', supervisorId)
		.execute();
}

function traineeColumns(input: TraineeInput) {
	return {
		specialty: input.specialty,
		stStart: input.stStart,
		monthsOfLeave: input.monthsOfLeave,
		regulation: input.regulation,
		supervisorId: input.supervisorId || null
	};
}

async function removeSubject(
	deps: Deps,
	row: KollegiumRow,
	subject: KollegiumDetail['subjects'][number]
): Promise<void> {
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('responses').where('subjectId', '=', subject.id).execute();
		await trx
			.deleteFrom('subjects')
			.where('id', '=', subject.id)
			.where('kollegiumId', '=', row.id)
			.execute();
		if (subject.participantId) {
			await trx
				.deleteFrom('responses')
				.where('participantId', '=', subject.participantId)
				.execute();
			await trx
				.deleteFrom('invitations')
				.where('participantId', '=', subject.participantId)
				.execute();
			await trx.deleteFrom('participants').where('id', '=', subject.participantId).execute();
		}
	});
}
