import { randomInt } from 'node:crypto';
import {
	MeetingState,
	Answers,
	Comment,
	itemsOf,
	sectionsFor,
	fieldIssue,
	type CommentEdit,
	type Locale,
	type Template
} from '@kollegium/model';
import { eraseFreedSpace, type Db } from '../db/database.ts';
import { fail } from '../http/errors.ts';
import type { KollegiumRow } from '../db/schema.ts';
import { subjectsOf, toKollegium } from './kollegier.ts';
import { unlinkAssessorAnswers } from './unlinking.ts';

/**
 * Copies the submitted free-text answers into comments for the studierektor to curate, once,
 * after answering has closed. Nothing links a comment to its author: no response id, no
 * participant, and the order is random, so not even the sequence of rows tells.
 */
export async function takeComments(
	db: Db,
	options: { kollegiumId: string; form: Template; now: Date }
): Promise<void> {
	const { kollegiumId, form } = options;
	await db.transaction().execute(async (trx) => {
		const taken = await trx
			.updateTable('kollegier')
			.set({ commentsTakenAt: options.now.toISOString() })
			.where('id', '=', kollegiumId)
			.where('commentsTakenAt', 'is', null)
			.executeTakeFirst();
		if (Number(taken.numUpdatedRows) === 0) return; // another request took them first
		const subjects = await subjectsOf(trx, kollegiumId);
		const responses = await trx
			.selectFrom('responses')
			.select(['subjectId', 'submittedAnswers'])
			.where('kollegiumId', '=', kollegiumId)
			.where('role', '!=', 'self')
			.where('submittedAt', 'is not', null)
			.where('submittedDeclined', '=', 0)
			.execute();
		const rows = responses.flatMap((response) => {
			const subject = subjects.find((s) => s.id === response.subjectId);
			if (!subject || !response.submittedAnswers) return [];
			const answers = Answers.parse(JSON.parse(response.submittedAnswers));
			const textItems = itemsOf(
				sectionsFor({ form, about: subject.kind, role: 'assessor' })
			).filter((i) => i.type === 'text');
			return textItems.flatMap((item) => {
				const text = answers[item.id];
				if (typeof text !== 'string' || text.trim() === '') return [];
				return [
					{
						id: crypto.randomUUID(),
						kollegiumId,
						subjectId: subject.id,
						itemId: item.id,
						text: text.trim(),
						position: randomInt(2 ** 31)
					}
				];
			});
		});
		for (const row of rows) await trx.insertInto('comments').values(row).execute();
		// The comments now hold the free text: the answers let go of their authors.
		await unlinkAssessorAnswers(trx, { kollegiumId, form });
	});
	await eraseFreedSpace(db);
}

export async function commentsOf(db: Db, kollegiumId: string): Promise<Comment[]> {
	const rows = await db
		.selectFrom('comments')
		.select(['id', 'subjectId', 'itemId', 'text', 'originalText', 'hidden', 'mergedInto', 'theme'])
		.where('kollegiumId', '=', kollegiumId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({ ...row, hidden: row.hidden === 1 }));
}

/** Hide, rephrase (keeping the original until the meeting closes), merge or theme a comment. */
export async function editComment(
	db: Db,
	options: { kollegiumId: string; commentId: string; edit: CommentEdit; locale: Locale }
): Promise<void> {
	const { kollegiumId, commentId, edit, locale } = options;
	await db.transaction().execute(async (trx) => {
		const comment =
			(await trx
				.selectFrom('comments')
				.selectAll()
				.where('id', '=', commentId)
				.where('kollegiumId', '=', kollegiumId)
				.executeTakeFirst()) ?? fail(404, 'commentNotFound');
		if (edit.mergedInto) {
			const target = await trx
				.selectFrom('comments')
				.select(['subjectId', 'itemId', 'mergedInto'])
				.where('id', '=', edit.mergedInto)
				.executeTakeFirst();
			if (
				!target ||
				target.subjectId !== comment.subjectId ||
				edit.mergedInto === commentId ||
				target.mergedInto
			) {
				fail(400, 'validation', [
					fieldIssue({
						path: 'mergedInto',
						code: 'invalid_value',
						message: 'mergeSameSubject',
						locale
					})
				]);
			}
			// Whatever was merged into this one follows it.
			await trx
				.updateTable('comments')
				.set({ mergedInto: edit.mergedInto })
				.where('mergedInto', '=', commentId)
				.execute();
		}
		const rephrased = edit.text !== undefined && edit.text !== comment.text;
		await trx
			.updateTable('comments')
			.set({
				...(edit.hidden === undefined ? {} : { hidden: edit.hidden ? 1 : 0 }),
				...(edit.theme === undefined ? {} : { theme: edit.theme }),
				...(edit.mergedInto === undefined ? {} : { mergedInto: edit.mergedInto }),
				...(rephrased
					? { text: edit.text, originalText: comment.originalText ?? comment.text }
					: {})
			})
			.where('id', '=', commentId)
			.execute();
	});
}

/** When the meeting is closed the original wording of rephrased comments is let go. */
export async function forgetOriginals(db: Db, kollegiumId: string): Promise<void> {
	await db
		.updateTable('comments')
		.set({ originalText: null })
		.where('kollegiumId', '=', kollegiumId)
		.execute();
}

/**
 * Once the room has been shown a comment's step, the comment stays as it was shown: hiding,
 * rephrasing or un-hiding it afterwards would make the feedback PDF say something the room
 * never saw.
 */
export async function assertCommentNotShown(
	db: Db,
	kollegium: KollegiumRow,
	commentId: string
): Promise<void> {
	const [comment, meeting] = await Promise.all([
		db
			.selectFrom('comments')
			.select(['subjectId', 'itemId'])
			.where('id', '=', commentId)
			.where('kollegiumId', '=', kollegium.id)
			.executeTakeFirst(),
		db
			.selectFrom('meetings')
			.select('state')
			.where('kollegiumId', '=', kollegium.id)
			.executeTakeFirst()
	]);
	if (!comment || !meeting) return;
	const { form } = toKollegium(kollegium);
	const section = form.sections.find((s) => s.items.some((item) => item.id === comment.itemId));
	const revealed = MeetingState.parse(JSON.parse(meeting.state)).revealed;
	if (section && revealed.includes(`comments:${comment.subjectId}:${section.id}`)) {
		fail(409, 'commentAlreadyShown');
	}
}
