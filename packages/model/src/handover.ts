import { z } from 'zod';

const IsoDate = z.iso.date();

/** The handledare (or the studierektor) records that the feedback was passed on. */
export const HandoverInput = z.object({
	givenOn: IsoDate,
	/** The trainee may then download their own copy through their link. */
	sharedWithTrainee: z.boolean().default(false)
});
export type HandoverInput = z.infer<typeof HandoverInput>;

/** Where one trainee's (or the clinic's) feedback stands, as the facilitator follows it. */
export const HandoverEntry = z.object({
	subjectId: z.uuid(),
	kind: z.enum(['trainee', 'clinic']),
	name: z.string(),
	/** Who passes the feedback on; null when no handledare is named (the studierektor does). */
	supervisor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	/** The newest plan version marked final; no PDF before there is one. */
	finalVersion: z.int().nullable(),
	finalizedAt: z.iso.datetime().nullable(),
	givenOn: IsoDate.nullable(),
	sharedWithTrainee: z.boolean()
});
export type HandoverEntry = z.infer<typeof HandoverEntry>;

/** What a respondent's link offers after the meeting. */
export const RespondentHandover = z.object({
	/** The trainees whose feedback this handledare passes on. */
	supervising: z.array(HandoverEntry),
	/** The trainee's own copy, once the handledare has shared it. */
	ownFeedback: z.boolean()
});
export type RespondentHandover = z.infer<typeof RespondentHandover>;

/** A kollegium is delivered when every plan's feedback has been passed on. */
export function allFeedbackGiven(entries: readonly HandoverEntry[]): boolean {
	return entries.length > 0 && entries.every((entry) => entry.givenOn !== null);
}
