import { z } from 'zod';
import { FollowUpNote, FollowUpOutcome, FollowUpResult, type PlanGoal } from './plans.ts';

/**
 * Following up a trainee's last plan at their next specialistkollegium. "The last plan" is the
 * newest final version of the plan from the trainee's latest earlier kollegium that has one;
 * the server finds it through the register. In the meeting the studierektor marks each of its
 * goals reached, partly reached or not reached, with a note; marking the new plan final
 * carries the marks into it (`DevelopmentPlan.followUp`).
 */

/** One goal's mark in the meeting: how far it was reached (null: not yet judged) and a note. */
export const FollowUpMark = z.object({
	outcome: FollowUpOutcome.nullable(),
	note: FollowUpNote
});
export type FollowUpMark = z.infer<typeof FollowUpMark>;

/** A trainee's follow-up as the document page reads it; null when there is no previous plan. */
export const SubjectFollowUp = z.object({ followUp: FollowUpResult.nullable() });
export type SubjectFollowUp = z.infer<typeof SubjectFollowUp>;

/** The goals a follow-up holds at most: a plan's goals. */
export const MAX_FOLLOW_UP_GOALS = 20;

/** The previous final plan of a trainee, as the new kollegium follows it up. */
export interface PreviousPlan {
	kollegiumId: string;
	/** The earlier kollegium's title and start. */
	title: string;
	startsAt: string;
	version: number;
	goals: PlanGoal[];
}

const unmarked: FollowUpMark = { outcome: null, note: '' };

/** The mark of each goal of the previous plan, unmarked where nothing was said yet. */
export function marksFor(
	previous: Pick<PreviousPlan, 'goals'>,
	marks: readonly (FollowUpMark | null | undefined)[] | undefined
): FollowUpMark[] {
	return previous.goals.map((_, index) => marks?.[index] ?? unmarked);
}

/**
 * The marks after one goal's mark changed; null when the index names no goal of the plan, so
 * a stale or forged command changes nothing.
 */
export function withMark(options: {
	marks: readonly (FollowUpMark | null | undefined)[] | undefined;
	goals: number;
	index: number;
	mark: FollowUpMark;
}): FollowUpMark[] | null {
	const { goals, index } = options;
	if (!Number.isInteger(index) || index < 0 || index >= goals) return null;
	const marks = Array.from({ length: goals }, (_, at) => options.marks?.[at] ?? unmarked);
	marks[index] = FollowUpMark.parse(options.mark);
	return marks;
}

/** What the new plan carries: each earlier goal as written, with the room's mark. */
export function followUpResult(
	previous: PreviousPlan,
	marks: readonly (FollowUpMark | null | undefined)[] | undefined
): FollowUpResult {
	const own = marksFor(previous, marks);
	return {
		from: { title: previous.title, startsAt: previous.startsAt, version: previous.version },
		goals: previous.goals.map((goal, index) => ({
			description: goal.description,
			goals: [...goal.goals],
			activities: goal.activities.map((activity) => ({ ...activity })),
			outcome: own[index]?.outcome ?? null,
			note: own[index]?.note ?? ''
		}))
	};
}

/** Goals worth carrying on into the new plan: those not (yet) reached in full. */
export function isCarriable(outcome: FollowUpOutcome | null): boolean {
	return outcome === 'partly' || outcome === 'notReached';
}
