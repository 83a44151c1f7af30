import { KollegiumStatus, isAnswering, type Preparation } from '@kollegium/model';
import type { KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { commentsOf, takeComments } from './comments.ts';
import { forgetReminders } from './reminders.ts';
import { toKollegium } from './kollegier.ts';
import { buildFrame, loadMeetingContext } from './meeting.ts';

/**
 * Whether answering has closed; the first time it has, the free-text answers are copied out
 * into comments for curation.
 */
export async function closedForPreparation(deps: Deps, row: KollegiumRow): Promise<boolean> {
	const kollegium = toKollegium(row);
	const closed =
		KollegiumStatus.parse(row.status) !== 'draft' &&
		!isAnswering({
			status: kollegium.status,
			answerDeadline: kollegium.answerDeadline,
			now: deps.now()
		});
	if (closed && !row.commentsTakenAt) {
		await takeComments(deps.db, { kollegiumId: row.id, form: kollegium.form, now: deps.now() });
		await forgetReminders(deps.db, row.id);
	}
	return closed;
}

/** Comments to curate and a preview of every step, once answering has closed. */
export async function preparation(deps: Deps, row: KollegiumRow): Promise<Preparation> {
	const answeringClosed = await closedForPreparation(deps, row);
	if (!answeringClosed) return { answeringClosed, subjects: [], preview: [] };
	const [readiness, comments, context] = await Promise.all([
		deps.db
			.selectFrom('subjects')
			.select(['id', 'ready'])
			.where('kollegiumId', '=', row.id)
			.execute(),
		commentsOf(deps.db, row.id),
		loadMeetingContext(deps.db, row.id)
	]);
	const preview = context.agenda.map((step, position) => {
		const state = { ...previewState(position), revealed: [step.id] };
		return {
			id: step.id,
			subjectId: step.subjectId,
			view: buildFrame({ context, state, present: [] }).current
		};
	});
	return {
		answeringClosed,
		subjects: context.subjects.map((subject) => ({
			id: subject.id,
			name: subject.name,
			kind: subject.kind,
			ready: readiness.find((r) => r.id === subject.id)?.ready === 1,
			comments: comments.filter((comment) => comment.subjectId === subject.id)
		})),
		preview
	};
}

function previewState(position: number) {
	const at = new Date(0).toISOString();
	return {
		position,
		revealed: [],
		showSelf: true,
		splitByFamiliarity: true,
		stepStartedAt: at,
		subjectStartedAt: at,
		speakingOrder: null,
		hands: [],
		version: 0
	};
}
