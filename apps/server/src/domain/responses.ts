import { Answers, type AnswerValue, type SavedResponse } from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { ResponseRow } from '../db/schema.ts';

/**
 * Submission state per (participant, subject), for progress; after answering closed for good,
 * one anonymous state per unlinked answer. Carries no answers.
 */
export async function responseStates(db: Db, kollegiumId: string) {
	const [rows, unlinked] = await Promise.all([
		db
			.selectFrom('responses')
			.select(['subjectId', 'participantId', 'submittedAt'])
			.where('kollegiumId', '=', kollegiumId)
			.execute(),
		db
			.selectFrom('unlinkedAnswers')
			.select('subjectId')
			.where('kollegiumId', '=', kollegiumId)
			.execute()
	]);
	return [
		...rows.map((row) => ({
			subjectId: row.subjectId,
			participantId: row.participantId,
			submitted: row.submittedAt !== null
		})),
		// Detached from their authors: counted, never attributed.
		...unlinked.map((row) => ({ subjectId: row.subjectId, participantId: null, submitted: true }))
	];
}

/** The author's own view of a stored response. */
export function savedResponse(row: ResponseRow): SavedResponse {
	return {
		status: row.submittedAt ? 'submitted' : 'draft',
		revision: row.revision,
		updatedAt: row.updatedAt,
		submittedAt: row.submittedAt,
		changedSinceSubmit:
			row.submittedAt !== null &&
			(row.answers !== row.submittedAnswers || row.declined !== row.submittedDeclined)
	};
}

export function answersOf(row: ResponseRow): Record<string, AnswerValue> {
	return Answers.parse(JSON.parse(row.answers));
}

/** Answers in a stable key order, so "changed since submit" compares like with like. */
export function serializeAnswers(answers: Answers): string {
	const entries = Object.entries(answers)
		.filter(([, value]) => value !== '')
		.sort(([a], [b]) => a.localeCompare(b));
	return JSON.stringify(Object.fromEntries(entries));
}
