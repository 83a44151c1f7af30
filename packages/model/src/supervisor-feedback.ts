import { z } from 'zod';
import { meetsMinimum } from './aggregate.ts';
import type { KollegiumStatus } from './kollegium.ts';

/**
 * Where a supervisor's own feedback from an ST-läkarkollegium stands:
 * - `pending`: the meeting is not over, so nothing is known yet (not even how many answered);
 * - `belowK`: fewer than the supervisors' k answered about them: no result at all;
 * - `notShown`: enough answered, but the room was shown none of their steps;
 * - `available`: a PDF of what the room was shown about them.
 */
export const SupervisorResult = z.enum(['pending', 'belowK', 'notShown', 'available']);
export type SupervisorResult = z.infer<typeof SupervisorResult>;

/** One supervisor of an ST-läkarkollegium, as the studierektor follows their feedback. */
export const SupervisorFeedbackEntry = z.object({
	subjectId: z.uuid(),
	name: z.string(),
	/** The supervisor has a participant, and so a personal link to receive the feedback by. */
	hasLink: z.boolean(),
	/** The k their result needed. */
	k: z.int(),
	result: SupervisorResult,
	/** When the supervisor recorded "återkoppling mottagen"; null until then. */
	receivedOn: z.iso.date().nullable()
});
export type SupervisorFeedbackEntry = z.infer<typeof SupervisorFeedbackEntry>;

/** What a supervisor's own link offers: their entry, or null for anyone who is no supervisor here. */
export const OwnSupervisorFeedback = z.object({
	feedback: SupervisorFeedbackEntry.omit({ hasLink: true }).nullable()
});
export type OwnSupervisorFeedback = z.infer<typeof OwnSupervisorFeedback>;

/** Nothing about a supervisor's result is worked out before the meeting is over. */
export function isMeetingOver(status: KollegiumStatus): boolean {
	return status === 'closed' || status === 'delivered';
}

/**
 * A supervisor's result from the facts alone: the meeting over, how many answered about them
 * (not declining), their k, and whether the room was shown any of their rating or comment steps.
 */
export function supervisorResult(options: {
	status: KollegiumStatus;
	respondents: number;
	k: number;
	anyStepShown: boolean;
}): SupervisorResult {
	if (!isMeetingOver(options.status)) return 'pending';
	if (!meetsMinimum({ n: options.respondents, k: options.k })) return 'belowK';
	return options.anyStepShown ? 'available' : 'notShown';
}
