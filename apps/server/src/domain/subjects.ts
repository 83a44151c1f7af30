import { fieldIssue, type KollegiumDetail, type Locale, type SubjectInput } from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Database, KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { emptySubject, kollegiumDetail } from './kollegier.ts';

/** Adds a trainee (with their participant, for the self-assessment) or a supervisor. */
export async function addSubject(
	deps: Deps,
	options: { row: KollegiumRow; input: SubjectInput; locale: Locale }
): Promise<void> {
	const { row, input } = options;
	const detail = await kollegiumDetail(deps.db, row);
	checkFits(detail, input, options.locale);
	await deps.db.transaction().execute(async (trx) => {
		const subject = {
			...emptySubject(row.id, detail.subjects.length),
			kind: input.kind,
			name: input.name
		};
		if (input.kind === 'supervisor') {
			await trx.insertInto('subjects').values(subject).execute();
			return;
		}
		const participantId = crypto.randomUUID();
		await trx
			.insertInto('participants')
			.values({
				id: participantId,
				kollegiumId: row.id,
				name: input.name,
				email: input.email,
				roles: JSON.stringify(['trainee']),
				position: detail.participants.length,
				createdAt: deps.now().toISOString()
			})
			.execute();
		await trx
			.insertInto('subjects')
			.values({ ...subject, ...traineeColumns(input), participantId })
			.execute();
		await markSupervisor(trx, input.supervisorId);
	});
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
			await trx
				.updateTable('subjects')
				.set({ name: input.name })
				.where('id', '=', subjectId)
				.execute();
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

function checkFits(detail: KollegiumDetail, input: SubjectInput, locale: Locale): void {
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
async function markSupervisor(trx: Transaction<Database>, supervisorId: string): Promise<void> {
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

function traineeColumns(input: Extract<SubjectInput, { kind: 'trainee' }>) {
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
