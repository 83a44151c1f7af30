import { z } from 'zod';
import { FollowUpMark, MAX_FOLLOW_UP_GOALS, withMark } from '../follow-up.ts';
import { FollowUpNote, FollowUpOutcome } from '../plans.ts';
import type { Step } from './agenda.ts';

/** More pages than this for one step would be a layout gone wrong, not a long step. */
const MAX_PAGES = 50;

/**
 * Who someone is inside one meeting: an opaque random handle the server gives each participant
 * (and each name typed into a speaking order) for that meeting, kept only on the server beside
 * the participant's id and dropped when the meeting closes. Never derived from the id, so no
 * frame can be matched to a participant.
 */
export const Handle = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export type Handle = z.infer<typeof Handle>;

/** Someone in the room as the meeting holds them: their handle and the name its screens show. */
export const MeetingPerson = z.object({ handle: Handle, name: z.string() });
export type MeetingPerson = z.infer<typeof MeetingPerson>;

/** The meeting as the server holds it and stores after every change. Clients render it. */
export const MeetingState = z.object({
	/** Index into the agenda. */
	position: z.int().min(0),
	/** Ids of the steps whose content the room has been shown. */
	revealed: z.array(z.string()),
	showSelf: z.boolean(),
	splitByFamiliarity: z.boolean(),
	stepStartedAt: z.iso.datetime(),
	subjectStartedAt: z.iso.datetime(),
	speakingOrder: z.array(MeetingPerson).nullable(),
	hands: z.array(MeetingPerson),
	/**
	 * The shared screen's page of the current step ('last' after stepping back into it), and how
	 * many pages the screen needs for it, as the screen reported: its layout decides, so the
	 * keys page through a long step from whichever window has focus. Absent means one page.
	 */
	page: z.union([z.int().min(0), z.literal('last')]).optional(),
	pages: z.int().min(1).max(MAX_PAGES).optional(),
	/**
	 * Per trainee subject, the marks of their previous plan's goals, by the goal's index. Absent
	 * in meetings stored before follow-ups existed.
	 */
	followUp: z.record(z.uuid(), z.array(FollowUpMark).max(MAX_FOLLOW_UP_GOALS)).optional(),
	/** The introduction shows the trainee's trends from earlier kollegier. Absent means off. */
	showTrends: z.boolean().optional(),
	/** Counts every change, so a client can tell a stale frame from a fresh one. */
	version: z.int().min(0)
});
export type MeetingState = z.infer<typeof MeetingState>;

/** What the facilitator's control (or the presenter's keys) may send. */
export const MeetingCommand = z.discriminatedUnion('type', [
	z.object({ type: z.literal('next') }),
	/** A clicker's "next": shows the current step if it is not shown yet, else moves on. */
	z.object({ type: z.literal('advance') }),
	z.object({ type: z.literal('previous') }),
	z.object({ type: z.literal('goto'), position: z.int().min(0) }),
	z.object({ type: z.literal('reveal') }),
	z.object({ type: z.literal('toggleSelf') }),
	z.object({ type: z.literal('toggleSplit') }),
	z.object({ type: z.literal('toggleTrends') }),
	/** How far one goal of the trainee's previous plan was reached, and a note. */
	z.object({
		type: z.literal('markFollowUp'),
		subjectId: z.uuid(),
		index: z
			.int()
			.min(0)
			.max(MAX_FOLLOW_UP_GOALS - 1),
		outcome: FollowUpOutcome.nullable(),
		note: FollowUpNote
	}),
	z.object({ type: z.literal('drawSpeakingOrder') }),
	z.object({ type: z.literal('clearSpeakingOrder') }),
	z.object({ type: z.literal('lowerHand'), handle: Handle }),
	z.object({ type: z.literal('restartTimer') }),
	/** The shared screen reports how many pages it needs for the step it shows. */
	z.object({ type: z.literal('pages'), stepId: z.string(), count: z.int().min(1).max(MAX_PAGES) })
]);
export type MeetingCommand = z.infer<typeof MeetingCommand>;

/** What a participant may send: their own hand, nothing else. */
export const ParticipantCommand = z.discriminatedUnion('type', [
	z.object({ type: z.literal('raiseHand') }),
	z.object({ type: z.literal('lowerOwnHand') })
]);
export type ParticipantCommand = z.infer<typeof ParticipantCommand>;

/** Every change the reducer knows; randomness and identities are filled in by the server. */
export type MeetingAction =
	| Exclude<MeetingCommand, { type: 'drawSpeakingOrder' }>
	| { type: 'setSpeakingOrder'; order: MeetingPerson[] }
	| { type: 'raiseHand'; handle: Handle; name: string };

/** Steps that hold nothing from the answers are shown as soon as the meeting reaches them. */
const openSteps: ReadonlySet<Step['kind']> = new Set(['intro', 'followUp', 'discussion']);

/** What the reducer is told besides the action: the agenda, the clock, the plans followed up. */
export interface MeetingReducerContext {
	agenda: readonly Step[];
	now: Date;
	/** Per trainee subject with a previous plan, how many goals it has. */
	followUpGoals?: Readonly<Record<string, number>>;
}

export function initialMeetingState(options: { agenda: readonly Step[]; now: Date }): MeetingState {
	const at = options.now.toISOString();
	const first = options.agenda[0];
	return {
		position: 0,
		revealed: first && openSteps.has(first.kind) ? [first.id] : [],
		showSelf: false,
		splitByFamiliarity: false,
		stepStartedAt: at,
		subjectStartedAt: at,
		speakingOrder: null,
		hands: [],
		version: 0
	};
}

/** The meeting after one action. Pure: the agenda and the clock are passed in. */
export function nextMeetingState(
	state: MeetingState,
	action: MeetingAction,
	context: MeetingReducerContext
): MeetingState {
	const changed = apply(state, action, context);
	return changed === state ? state : { ...changed, version: state.version + 1 };
}

function apply(
	state: MeetingState,
	action: MeetingAction,
	context: MeetingReducerContext
): MeetingState {
	const { agenda, now } = context;
	const current = agenda[state.position];
	switch (action.type) {
		case 'next':
			return moveTo(state, state.position + 1, context);
		case 'advance':
			if (current && !state.revealed.includes(current.id))
				return { ...state, revealed: [...state.revealed, current.id] };
			return nextPage(state) ?? moveTo(state, state.position + 1, context);
		case 'previous':
			return previousPage(state) ?? moveTo(state, state.position - 1, context, 'last');
		case 'goto':
			return moveTo(state, action.position, context);
		case 'reveal':
			if (!current) return state;
			// Space on a shown step turns the page, as a clicker's "next" does.
			if (state.revealed.includes(current.id)) return nextPage(state) ?? state;
			return { ...state, revealed: [...state.revealed, current.id] };
		case 'pages':
			return current?.id === action.stepId ? withPages(state, action.count) : state;
		case 'toggleSelf':
			return { ...state, showSelf: !state.showSelf };
		case 'toggleSplit':
			return { ...state, splitByFamiliarity: !state.splitByFamiliarity };
		case 'toggleTrends':
			return { ...state, showTrends: !state.showTrends };
		case 'markFollowUp':
			return markFollowUp(state, action, context);
		case 'setSpeakingOrder':
			return { ...state, speakingOrder: action.order };
		case 'clearSpeakingOrder':
			return state.speakingOrder === null ? state : { ...state, speakingOrder: null };
		case 'raiseHand':
			if (state.hands.some((hand) => hand.handle === action.handle)) return state;
			return { ...state, hands: [...state.hands, { handle: action.handle, name: action.name }] };
		case 'lowerHand':
			if (!state.hands.some((hand) => hand.handle === action.handle)) return state;
			return { ...state, hands: state.hands.filter((hand) => hand.handle !== action.handle) };
		case 'restartTimer':
			return { ...state, stepStartedAt: now.toISOString() };
	}
}

function markFollowUp(
	state: MeetingState,
	action: Extract<MeetingAction, { type: 'markFollowUp' }>,
	context: MeetingReducerContext
): MeetingState {
	const goals = context.followUpGoals?.[action.subjectId];
	if (goals === undefined) return state;
	const current = state.followUp?.[action.subjectId];
	const mark = { outcome: action.outcome, note: action.note.trim() };
	const before = current?.[action.index];
	if (before && before.outcome === mark.outcome && before.note === mark.note) return state;
	const marks = withMark({ marks: current, goals, index: action.index, mark });
	if (!marks) return state;
	return { ...state, followUp: { ...state.followUp, [action.subjectId]: marks } };
}

function moveTo(
	state: MeetingState,
	position: number,
	context: { agenda: readonly Step[]; now: Date },
	page: 0 | 'last' = 0
): MeetingState {
	const { agenda, now } = context;
	const target = agenda[position];
	if (!target || position === state.position) return state;
	const at = now.toISOString();
	const newSubject = agenda[state.position]?.subjectId !== target.subjectId;
	const revealed =
		openSteps.has(target.kind) && !state.revealed.includes(target.id)
			? [...state.revealed, target.id]
			: state.revealed;
	return {
		...state,
		// The screen reports the new step's pages once it has laid it out.
		pages: undefined,
		position,
		revealed,
		// Stepping back lands on the step's last page, as a slide deck does.
		page: page === 'last' && state.revealed.includes(target.id) ? 'last' : 0,
		stepStartedAt: at,
		subjectStartedAt: newSubject ? at : state.subjectStartedAt,
		// The order drawn for a trainee holds through that trainee's steps.
		speakingOrder: newSubject ? null : state.speakingOrder
	};
}

/** The current step's page as a number: 'last' is the last page the screen reported. */
export function pageOf(state: Pick<MeetingState, 'page' | 'pages'>): {
	page: number;
	pages: number;
} {
	const pages = state.pages ?? 1;
	const page = state.page === 'last' ? pages - 1 : Math.min(state.page ?? 0, pages - 1);
	return { page, pages };
}

function nextPage(state: MeetingState): MeetingState | null {
	const { page, pages } = pageOf(state);
	return page + 1 < pages ? { ...state, page: page + 1 } : null;
}

function previousPage(state: MeetingState): MeetingState | null {
	const { page } = pageOf(state);
	return state.pages !== undefined && page > 0 ? { ...state, page: page - 1 } : null;
}

function withPages(state: MeetingState, count: number): MeetingState {
	const page = state.page === 'last' ? count - 1 : Math.min(state.page ?? 0, count - 1);
	if (state.pages === count && state.page === page) return state;
	return { ...state, pages: count, page };
}

/** Whether the step at a position has been shown to the room. */
export function isRevealed(state: MeetingState, step: Step | undefined): boolean {
	return step !== undefined && state.revealed.includes(step.id);
}
