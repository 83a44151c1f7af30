import { randomUUID } from 'node:crypto';
import { Answers, answersKeptAfterClose, SubjectKind, Template } from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/**
 * Detaches every assessor's answers from their author once answering has closed for good (the
 * comments have been taken, in the same transaction). Each submitted response becomes a row of
 * `unlinked_answers`: a fresh id, no participant, no device, no time, ratings and choices only,
 * inserted in an order that means nothing, so not even the storage order tells. Drafts never submitted, and
 * the responses themselves, are deleted. The self-assessment stays the trainee's own.
 */
export async function unlinkAssessorAnswers(
	trx: Transaction<Database>,
	options: { kollegiumId: string; form: Template }
): Promise<void> {
	const { kollegiumId, form } = options;
	const responses = await trx
		.selectFrom('responses')
		.innerJoin('subjects', 'subjects.id', 'responses.subjectId')
		.select([
			'responses.subjectId',
			'subjects.kind as about',
			'responses.submittedAt',
			'responses.submittedDeclined',
			'responses.submittedAnswers'
		])
		.where('responses.kollegiumId', '=', kollegiumId)
		.where('responses.role', '!=', 'self')
		.execute();
	const rows = responses
		.filter((response) => response.submittedAt !== null)
		.map((response) => {
			const declined = response.submittedDeclined === 1;
			const answers = declined
				? {}
				: answersKeptAfterClose({
						form,
						about: SubjectKind.parse(response.about),
						answers: Answers.parse(JSON.parse(response.submittedAnswers ?? '{}'))
					});
			return {
				id: randomUUID(),
				kollegiumId,
				subjectId: response.subjectId,
				declined: declined ? 1 : 0,
				answers: JSON.stringify(answers)
			};
		});
	await trx
		.deleteFrom('responses')
		.where('kollegiumId', '=', kollegiumId)
		.where('role', '!=', 'self')
		.execute();
	// Inserted in the order of their fresh random ids: an order that carries no meaning.
	rows.sort((a, b) => (a.id < b.id ? -1 : 1));
	for (const row of rows) await trx.insertInto('unlinkedAnswers').values(row).execute();
}

/**
 * Kollegier whose comments were taken before unlinking existed still hold linked assessor
 * responses: unlinked once, at start-up.
 */
export async function unlinkClosedKollegier(db: Db): Promise<number> {
	const pending = await db
		.selectFrom('kollegier')
		.select(['id', 'form'])
		.where('commentsTakenAt', 'is not', null)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('responses')
					.select('responses.id')
					.whereRef('responses.kollegiumId', '=', 'kollegier.id')
					.where('responses.role', '!=', 'self')
			)
		)
		.execute();
	for (const row of pending) {
		const form = Template.parse(JSON.parse(row.form));
		await db
			.transaction()
			.execute((trx) => unlinkAssessorAnswers(trx, { kollegiumId: row.id, form }));
	}
	return pending.length;
}
