import { checkInput, planSchemaFor, type Locale } from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { KollegiumRow } from '../db/schema.ts';
import { readPlanInput, withFollowUp } from '../documents/plan-input.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { followUpOf } from './follow-up.ts';
import { subjectsOf } from './kollegier.ts';
import { lockRow } from './locks.ts';

export interface FrozenPlan {
	version: number;
	finalizedAt: string;
	plan: unknown;
}

/**
 * Freezes a checked plan as the subject's next numbered version. The subject's row is locked
 * first, so two "mark final" at once number their versions one after the other instead of
 * colliding; marking the very plan of the newest version final again returns that version.
 */
export async function freezePlan(
	db: Db,
	options: { kollegiumId: string; subjectId: string; plan: unknown; now: Date }
): Promise<FrozenPlan & { created: boolean }> {
	const text = JSON.stringify(options.plan);
	return db.transaction().execute(async (trx) => {
		await lockRow(trx, 'subjects', options.subjectId);
		const newest = await trx
			.selectFrom('planVersions')
			.select(['version', 'plan', 'finalizedAt'])
			.where('subjectId', '=', options.subjectId)
			.orderBy('version', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (newest && newest.plan === text) {
			return {
				version: newest.version,
				finalizedAt: newest.finalizedAt,
				plan: options.plan,
				created: false
			};
		}
		const version = (newest?.version ?? 0) + 1;
		const finalizedAt = options.now.toISOString();
		await trx
			.insertInto('planVersions')
			.values({
				id: crypto.randomUUID(),
				kollegiumId: options.kollegiumId,
				subjectId: options.subjectId,
				version,
				plan: text,
				finalizedAt
			})
			.execute();
		return { version, finalizedAt, plan: options.plan, created: true };
	});
}

/**
 * Marks a subject's plan final: reads it from the shared document, validates it with the
 * model's schema for the subject's kind, and freezes it. The feedback as handed over is the
 * record, so a plan changes no more once its feedback is given.
 */
export async function markPlanFinal(
	deps: Deps,
	options: { row: KollegiumRow; subjectId: string; locale: Locale }
): Promise<FrozenPlan & { created: boolean }> {
	const { row, subjectId } = options;
	const subject =
		(await subjectsOf(deps.db, row.id)).find((s) => s.id === subjectId) ??
		fail(404, 'subjectNotFound');
	const schema = planSchemaFor(subject.kind) ?? fail(409, 'noPlanForSubject');
	const given = await deps.db
		.selectFrom('handovers')
		.select('givenOn')
		.where('subjectId', '=', subject.id)
		.executeTakeFirst();
	if (given) fail(409, 'feedbackAlreadyGiven');
	const written = await readPlanInput(deps.documents, row.id, subject);
	const input =
		subject.kind === 'trainee'
			? withFollowUp(written, await followUpOf(deps.db, { kollegium: row, subjectId }))
			: written;
	const checked = checkInput(schema, input, options.locale);
	if (!checked.success) fail(400, 'validation', checked.issues);
	return freezePlan(deps.db, {
		kollegiumId: row.id,
		subjectId,
		plan: checked.data,
		now: deps.now()
	});
}
