import {
	Answers,
	MeetingState,
	buildAgenda,
	buildStepView,
	initialMeetingState,
	isRevealed,
	stableShuffle,
	type AgendaEntry,
	type Comment,
	type Kollegium,
	type MeetingFrame,
	type Step,
	type Subject
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { commentsOf } from './comments.ts';
import { subjectsOf, toKollegium } from './kollegier.ts';

/** Everything a meeting's frames are computed from; loaded once per meeting and kept. */
export interface MeetingContext {
	kollegium: Kollegium;
	subjects: Subject[];
	agenda: Step[];
	entries: AgendaEntry[];
	answers: Map<string, Answers[]>;
	selfAnswers: Map<string, Answers>;
	/** Per step id, the curated comments in the meeting's stable shuffled order. */
	comments: Map<string, Comment[]>;
}

export async function loadMeetingContext(db: Db, kollegiumId: string): Promise<MeetingContext> {
	const row = await db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const kollegium = toKollegium(row);
	const [subjects, responses, allComments] = await Promise.all([
		subjectsOf(db, kollegiumId),
		db
			.selectFrom('responses')
			.select(['subjectId', 'role', 'submittedAnswers'])
			.where('kollegiumId', '=', kollegiumId)
			.where('submittedAt', 'is not', null)
			.where('submittedDeclined', '=', 0)
			// Random ids: an order that means nothing, but the same on both engines.
			.orderBy('id')
			.execute(),
		commentsOf(db, kollegiumId)
	]);
	const agenda = buildAgenda({ form: kollegium.form, subjects });
	const answers = new Map<string, Answers[]>();
	const selfAnswers = new Map<string, Answers>();
	// Shuffled here too, so the order answers arrived in is not the order they are kept in.
	for (const response of stableShuffle(responses, `${kollegiumId}:answers`)) {
		const parsed = Answers.parse(JSON.parse(response.submittedAnswers ?? '{}'));
		if (response.role === 'self') selfAnswers.set(response.subjectId, parsed);
		else answers.set(response.subjectId, [...(answers.get(response.subjectId) ?? []), parsed]);
	}
	const comments = new Map<string, Comment[]>();
	for (const step of agenda) {
		if (step.kind !== 'comments') continue;
		const section = kollegium.form.sections.find((s) => s.id === step.sectionId);
		const itemIds = new Set(section?.items.map((item) => item.id));
		const own = allComments.filter((c) => c.subjectId === step.subjectId && itemIds.has(c.itemId));
		comments.set(step.id, stableShuffle(own, `${kollegiumId}:${step.id}`));
	}
	const entries = agenda.map((step) => ({
		id: step.id,
		kind: step.kind,
		subjectName: subjects.find((s) => s.id === step.subjectId)?.name ?? '',
		sectionTitle: kollegium.form.sections.find((s) => s.id === step.sectionId)?.title ?? null
	}));
	return { kollegium, subjects, agenda, entries, answers, selfAnswers, comments };
}

/** The stored state of a meeting, or a fresh one at its first step. */
export async function loadMeetingState(
	db: Db,
	context: MeetingContext,
	now: Date
): Promise<MeetingState> {
	const row = await db
		.selectFrom('meetings')
		.select('state')
		.where('kollegiumId', '=', context.kollegium.id)
		.executeTakeFirst();
	return row
		? MeetingState.parse(JSON.parse(row.state))
		: initialMeetingState({ agenda: context.agenda, now });
}

export async function saveMeetingState(
	db: Db,
	kollegiumId: string,
	state: MeetingState,
	now: Date
): Promise<void> {
	const values = { kollegiumId, state: JSON.stringify(state), updatedAt: now.toISOString() };
	await db
		.insertInto('meetings')
		.values(values)
		.onConflict((conflict) =>
			conflict
				.column('kollegiumId')
				.doUpdateSet({ state: values.state, updatedAt: values.updatedAt })
		)
		.execute();
}

/** The frame every client gets: the current step's content only once it is revealed. */
export function buildFrame(options: {
	context: MeetingContext;
	state: MeetingState;
	present: MeetingFrame['present'];
}): MeetingFrame {
	const { context, state, present } = options;
	const step = context.agenda[state.position];
	const subject = context.subjects.find((s) => s.id === step?.subjectId);
	const current =
		step && subject && isRevealed(state, step)
			? buildStepView({
					step,
					form: context.kollegium.form,
					subject,
					startsAt: context.kollegium.startsAt,
					k: context.kollegium.minRespondents,
					answers: context.answers.get(subject.id) ?? [],
					selfAnswers: context.selfAnswers.get(subject.id) ?? null,
					comments: context.comments.get(step.id) ?? [],
					showSelf: state.showSelf,
					splitByFamiliarity: state.splitByFamiliarity
				})
			: null;
	return {
		kollegiumId: context.kollegium.id,
		title: context.kollegium.title,
		state,
		agenda: context.entries,
		current,
		present
	};
}
