import { z } from 'zod';
import { SpeakingOrderCandidate } from '../speaking-order.ts';
import { LocalizedText } from '../text.ts';
import { StepKind } from './agenda.ts';
import { Handle, MeetingPerson, MeetingState } from './meeting.ts';
import { StepView } from './view.ts';

/** A line of the agenda: enough to navigate by, nothing from the answers. */
export const AgendaEntry = z.strictObject({
	id: z.string(),
	kind: StepKind,
	subjectName: z.string(),
	sectionTitle: LocalizedText.nullable()
});
export type AgendaEntry = z.infer<typeof AgendaEntry>;

/** Someone as one screen knows them: their handle, and their name only where it is shown. */
export const ShownPerson = z.strictObject({ handle: Handle, name: z.string().optional() });
export type ShownPerson = z.infer<typeof ShownPerson>;

/** The meeting's state as a screen receives it: hands and speaking order as that view shows them. */
export const FrameState = MeetingState.extend({
	speakingOrder: z.array(ShownPerson).nullable(),
	hands: z.array(ShownPerson)
});
export type FrameState = z.infer<typeof FrameState>;

/**
 * What a meeting client receives after every change. `current` is null until the current
 * step is revealed: no frame carries anything the room has not been shown. People are handles
 * (see `Handle`), never participant ids, with a name only where the view shows one.
 */
export const MeetingFrame = z.strictObject({
	kollegiumId: z.uuid(),
	title: z.string(),
	state: FrameState,
	agenda: z.array(AgendaEntry),
	current: StepView.nullable(),
	/** The control only: participants connected right now, by name. */
	present: z.array(MeetingPerson),
	/** The control only: who the speaking order can be drawn among. */
	candidates: z.array(SpeakingOrderCandidate),
	/** A participant's join ack only: their own handle, to find their hand and their place. */
	you: Handle.optional()
});
export type MeetingFrame = z.infer<typeof MeetingFrame>;

export const MeetingView = z.enum(['control', 'presenter', 'participant']);
export type MeetingView = z.infer<typeof MeetingView>;

/**
 * The frame one view receives, from the control's full one. The shared screen shows the
 * speaking order by name and nothing of who is connected or has a hand up; a participant's
 * screen shows only their own hand and place, so it gets handles without names.
 */
export function frameForView(frame: MeetingFrame, view: MeetingView): MeetingFrame {
	if (view === 'control') return frame;
	const nameless = (people: readonly ShownPerson[]) => people.map(({ handle }) => ({ handle }));
	const order = frame.state.speakingOrder;
	return {
		...frame,
		// A join ack adds the participant's own handle to their frame only.
		you: undefined,
		present: [],
		candidates: [],
		state: {
			...frame.state,
			hands: view === 'presenter' ? [] : nameless(frame.state.hands),
			speakingOrder: view === 'presenter' || order === null ? order : nameless(order)
		}
	};
}
