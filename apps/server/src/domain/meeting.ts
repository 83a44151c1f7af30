import {
	Answers,
	MeetingState,
	buildAgenda,
	buildStepView,
	initialMeetingState,
	isRevealed,
	minRespondentsFor,
	stableShuffle,
	type AgendaEntry,
	type AreaTrend,
	type Comment,
	type Kollegium,
	type MeetingFrame,
	type PreviousPlan,
	type Step,
	type Subject
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { commentsOf } from './comments.ts';
import { previousPlans, traineePeopleOf } from './follow-up.ts';
import { subjectsOf, toKollegium } from './kollegier.ts';
import { areaTrends } from './trends.ts';

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
	/** Per trainee subject followed through the register, their previous final plan. */
	previousPlans: Map<string, PreviousPlan>;
	/** Per trainee subject followed through the register, their areas in earlier kollegier. */
	trends: Map<string, AreaTrend[]>;
}

export async function loadMeetingContext(db: Db, kollegiumId: string): Promise<MeetingContext> {
	const row = await db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const kollegium = toKollegium(row);
	const [subjects, responses, allComments, history] = await Promise.all([
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
		commentsOf(db, kollegiumId),
		earlierKollegierOf(db, { id: kollegiumId, clinicId: row.clinicId, startsAt: row.startsAt })
	]);
	const agenda = buildAgenda({
		form: kollegium.form,
		subjects,
		withPreviousPlan: new Set(history.previousPlans.keys())
	});
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
	return { kollegium, subjects, agenda, entries, answers, selfAnswers, comments, ...history };
}

/** What the trainees' earlier kollegier bring: their previous plans and their trends. */
async function earlierKollegierOf(
	db: Db,
	kollegium: { id: string; clinicId: string; startsAt: string }
): Promise<Pick<MeetingContext, 'previousPlans' | 'trends'>> {
	const people = await traineePeopleOf(db, kollegium.id);
	const before = { kollegiumId: kollegium.id, startsAt: kollegium.startsAt };
	const [plans, trends] = await Promise.all([
		previousPlans(db, { kollegium, people }),
		Promise.all(
			[...people].map(
				async ([subjectId, personId]) =>
					[
						subjectId,
						await areaTrends(db, { clinicId: kollegium.clinicId, personId, before })
					] as const
			)
		)
	]);
	return { previousPlans: plans, trends: new Map(trends) };
}

/** Per trainee with a previous plan, how many goals it has: what a mark may name. */
export function followUpGoalsOf(context: MeetingContext): Record<string, number> {
	return Object.fromEntries(
		[...context.previousPlans].map(([subjectId, plan]) => [subjectId, plan.goals.length])
	);
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
					k: minRespondentsFor({ kollegium: context.kollegium, subject }),
					answers: context.answers.get(subject.id) ?? [],
					selfAnswers: context.selfAnswers.get(subject.id) ?? null,
					comments: context.comments.get(step.id) ?? [],
					showSelf: state.showSelf,
					splitByFamiliarity: state.splitByFamiliarity,
					previousPlan: context.previousPlans.get(subject.id) ?? null,
					followUp: state.followUp?.[subject.id] ?? [],
					// Only earlier kollegier: this one's answers reach the room step by step.
					trends: state.showTrends ? (context.trends.get(subject.id) ?? []) : null
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
