import {
	Answers,
	Handle,
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
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { submittedAnswersOf } from './answers.ts';
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
		submittedAnswersOf(db, kollegiumId),
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
		const parsed = Answers.parse(JSON.parse(response.answers));
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

/**
 * The control's frame: the current step's content only once it is revealed, and people by
 * their handles in this meeting. `frameForView` trims it for the other views.
 */
export function buildFrame(options: {
	context: MeetingContext;
	state: MeetingState;
	present: MeetingFrame['present'];
	candidates?: MeetingFrame['candidates'];
}): MeetingFrame {
	const { context, state, present, candidates = [] } = options;
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
		present,
		candidates
	};
}

const StoredHandles = z.record(z.uuid(), Handle);

/** The meeting's participants by handle (participant id → handle), as stored beside its state. */
export async function loadHandles(db: Db, kollegiumId: string): Promise<Map<string, Handle>> {
	const row = await db
		.selectFrom('meetings')
		.select('handles')
		.where('kollegiumId', '=', kollegiumId)
		.executeTakeFirst();
	const parsed = StoredHandles.safeParse(row?.handles ? JSON.parse(row.handles) : {});
	return new Map(parsed.success ? Object.entries(parsed.data) : []);
}

/**
 * Stores the handles beside the state, so a restart keeps raised hands and the speaking order;
 * only while the meeting is live, checked in the write itself, so a closing meeting cannot get
 * them back after `dropPresence`.
 */
export async function saveHandles(
	db: Db,
	options: {
		kollegiumId: string;
		state: MeetingState;
		handles: ReadonlyMap<string, Handle>;
		now: Date;
	}
): Promise<void> {
	const { kollegiumId, state, now } = options;
	const handles = JSON.stringify(Object.fromEntries(options.handles));
	// A row to hold them: the state as it is, if the meeting has not stored one yet.
	await db
		.insertInto('meetings')
		.values({ kollegiumId, state: JSON.stringify(state), updatedAt: now.toISOString() })
		.onConflict((conflict) => conflict.column('kollegiumId').doNothing())
		.execute();
	await db
		.updateTable('meetings')
		.set({ handles })
		.where('kollegiumId', '=', kollegiumId)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('kollegier')
					.select('kollegier.id')
					.where('kollegier.id', '=', kollegiumId)
					.where('kollegier.status', '=', 'live')
			)
		)
		.execute();
}

/**
 * The meeting closed: the map from participant to handle goes, and with it the hands and the
 * speaking order, so the stored meeting no longer says who was in the room.
 */
export async function dropPresence(db: Db, kollegiumId: string): Promise<void> {
	const row = await db
		.selectFrom('meetings')
		.select('state')
		.where('kollegiumId', '=', kollegiumId)
		.executeTakeFirst();
	if (!row) return;
	const parsed = MeetingState.safeParse(JSON.parse(row.state));
	const state = parsed.success
		? JSON.stringify({ ...parsed.data, hands: [], speakingOrder: null })
		: row.state;
	await db
		.updateTable('meetings')
		.set({ state, handles: null })
		.where('kollegiumId', '=', kollegiumId)
		.execute();
}
