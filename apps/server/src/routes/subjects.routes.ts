import { SubjectInput, type KollegiumDetail } from '@kollegium/model';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, KollegiumRow } from '../db/schema.ts';
import { emptySubject, kollegiumDetail, ownedKollegium } from '../domain/kollegier.ts';
import { requireUser } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const SubjectParam = z.object({ id: z.uuid(), subjectId: z.uuid() });
const tags = ['Subjects'];

/**
 * Who the forms are about: trainees in a specialistkollegium (each also a participant, who
 * fills the self-assessment), supervisors in an ST-läkarkollegium.
 */
export function subjectsRoutes(deps: Deps) {
	const owned = (c: Context<AppEnv>, id: string) =>
		ownedKollegium(deps.db, { id, ownerId: c.get('user').id });

	return new Hono<AppEnv>()
		.use(requireUser(deps))
		.post(
			'/:id/subjects',
			describeRoute({
				tags,
				summary: 'Add a trainee (specialistkollegium) or supervisor (ST-läkarkollegium)'
			}),
			validate('param', KollegiumParam),
			validate('json', SubjectInput),
			async (c) => {
				const row = await owned(c, c.req.valid('param').id);
				const input = c.req.valid('json');
				const detail = await kollegiumDetail(deps.db, row);
				checkFits(detail, input);
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
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.put(
			'/:id/subjects/:subjectId',
			describeRoute({ tags, summary: 'Edit a subject' }),
			validate('param', SubjectParam),
			validate('json', SubjectInput),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await owned(c, id);
				const input = c.req.valid('json');
				const detail = await kollegiumDetail(deps.db, row);
				const subject =
					detail.subjects.find((s) => s.id === subjectId) ?? fail(404, 'subjectNotFound');
				if (subject.kind !== input.kind) fail(409, 'kindLocked');
				checkFits(detail, input);
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
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.delete(
			'/:id/subjects/:subjectId',
			describeRoute({ tags, summary: 'Remove a subject and the answers about it' }),
			validate('param', SubjectParam),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await owned(c, id);
				const detail = await kollegiumDetail(deps.db, row);
				const subject =
					detail.subjects.find((s) => s.id === subjectId) ?? fail(404, 'subjectNotFound');
				if (subject.kind === 'clinic') fail(409, 'clinicIsFixed');
				await removeSubject(deps, row, subject);
				return c.json(await kollegiumDetail(deps.db, row));
			}
		);
}

function checkFits(detail: KollegiumDetail, input: SubjectInput): void {
	// A trainee assessed here is never anyone's handledare in it: the handover would hand them
	// a colleague's feedback (or their own before it is shared).
	const assessed = new Set(detail.subjects.map((s) => s.participantId).filter(Boolean));
	if (input.kind === 'trainee' && input.supervisorId && assessed.has(input.supervisorId)) {
		fail(400, 'validation', [
			{
				path: 'supervisorId',
				code: 'invalid_value',
				message: 'An assessed trainee cannot be a handledare here'
			}
		]);
	}
	const expected = detail.kind === 'specialistkollegium' ? 'trainee' : 'supervisor';
	if (input.kind !== expected) {
		fail(400, 'validation', [
			{ path: 'kind', code: 'invalid_value', message: `A ${detail.kind} has ${expected} subjects` }
		]);
	}
	if (
		input.kind === 'trainee' &&
		input.supervisorId &&
		!detail.participants.some((p) => p.id === input.supervisorId)
	) {
		fail(400, 'validation', [
			{
				path: 'supervisorId',
				code: 'invalid_value',
				message: 'Not a participant of this kollegium'
			}
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
