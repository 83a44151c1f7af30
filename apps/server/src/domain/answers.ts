import type { Db } from '../db/database.ts';

/** One submitted, non-declined answer set, without anything that tells who gave it. */
export interface SubmittedAnswers {
	subjectId: string;
	role: 'self' | 'assessor';
	/** JSON of the answers. */
	answers: string;
}

/**
 * Every submitted, non-declined answer set of a kollegium: the trainees' self-assessments and
 * the assessors' answers, read from the responses while answering is open and from the
 * unlinked answers once it has closed for good. Ordered by random id, an order that means
 * nothing but is the same on both engines.
 */
export async function submittedAnswersOf(db: Db, kollegiumId: string): Promise<SubmittedAnswers[]> {
	const [linked, unlinked] = await Promise.all([
		db
			.selectFrom('responses')
			.select(['id', 'subjectId', 'role', 'submittedAnswers'])
			.where('kollegiumId', '=', kollegiumId)
			.where('submittedAt', 'is not', null)
			.where('submittedDeclined', '=', 0)
			.execute(),
		db
			.selectFrom('unlinkedAnswers')
			.select(['id', 'subjectId', 'answers'])
			.where('kollegiumId', '=', kollegiumId)
			.where('declined', '=', 0)
			.execute()
	]);
	return [
		...linked.map((row) => ({
			id: row.id,
			subjectId: row.subjectId,
			role: row.role === 'self' ? ('self' as const) : ('assessor' as const),
			answers: row.submittedAnswers ?? '{}'
		})),
		...unlinked.map((row) => ({ ...row, role: 'assessor' as const }))
	]
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map(({ subjectId, role, answers }) => ({ subjectId, role, answers }));
}

/** The submitted, non-declined assessor answers about each of the subjects, as JSON. */
export async function assessorAnswersAbout(
	db: Db,
	subjectIds: readonly string[]
): Promise<{ subjectId: string; answers: string }[]> {
	if (subjectIds.length === 0) return [];
	const [linked, unlinked] = await Promise.all([
		db
			.selectFrom('responses')
			.select(['subjectId', 'submittedAnswers'])
			.where('subjectId', 'in', subjectIds)
			.where('role', '=', 'assessor')
			.where('submittedAt', 'is not', null)
			.where('submittedDeclined', '=', 0)
			.execute(),
		db
			.selectFrom('unlinkedAnswers')
			.select(['subjectId', 'answers'])
			.where('subjectId', 'in', subjectIds)
			.where('declined', '=', 0)
			.execute()
	]);
	return [
		...linked.map((row) => ({ subjectId: row.subjectId, answers: row.submittedAnswers ?? '{}' })),
		...unlinked
	];
}
