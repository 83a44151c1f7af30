import { z } from 'zod';
import { LocalizedText } from '../text.ts';
import { StepKind } from './agenda.ts';
import { MeetingState } from './meeting.ts';
import { StepView } from './view.ts';

/** A line of the agenda: enough to navigate by, nothing from the answers. */
export const AgendaEntry = z.strictObject({
	id: z.string(),
	kind: StepKind,
	subjectName: z.string(),
	sectionTitle: LocalizedText.nullable()
});
export type AgendaEntry = z.infer<typeof AgendaEntry>;

/**
 * What every meeting client receives after every change. `current` is null until the current
 * step is revealed: no frame carries anything the room has not been shown.
 */
export const MeetingFrame = z.strictObject({
	kollegiumId: z.uuid(),
	title: z.string(),
	state: MeetingState,
	agenda: z.array(AgendaEntry),
	current: StepView.nullable(),
	/** Participants connected right now (names only), for the speaking order. */
	present: z.array(z.strictObject({ participantId: z.uuid(), name: z.string() }))
});
export type MeetingFrame = z.infer<typeof MeetingFrame>;

export const MeetingView = z.enum(['control', 'presenter', 'participant']);
export type MeetingView = z.infer<typeof MeetingView>;
