import { z } from 'zod';
import type { Participant, ParticipantRole, Subject } from './kollegium.ts';
import { Handle, MeetingPerson } from './meeting/meeting.ts';
import type { KollegiumKind } from './template.ts';

/** Someone in a speaking order: a participant, or a name typed in for someone not on the list. */
export type Speaker = MeetingPerson;

const GuestName = z.string().trim().min(1).max(120);

/**
 * The studierektor's "draw the speaking order": who is in the room, connected or not. Without
 * `handles` the draw is among the connected participants who would speak by default. Strict:
 * a draw naming people any other way (say by participant id) is refused, not drawn by default.
 */
export const SpeakingOrderDraw = z.strictObject({
	type: z.literal('drawSpeakingOrder'),
	/** Participants in the room, with or without a device, by their handles in this meeting. */
	handles: z.array(Handle).max(500).optional(),
	/** People in the room who are not on the participant list, by the name the studierektor typed. */
	guests: z.array(GuestName).max(50).default([])
});
export type SpeakingOrderDraw = z.infer<typeof SpeakingOrderDraw>;

/** The roles that speak about a subject: the specialists about a trainee, the trainees about the clinic. */
function speakingRoles(kind: KollegiumKind): readonly ParticipantRole[] {
	return kind === 'specialistkollegium' ? ['assessor', 'supervisor'] : ['trainee'];
}

/**
 * One line of the draw's list on the control: a participant by handle and name, whether
 * connected, and whether ticked unless the studierektor unticks them (speaks in this kind).
 */
export const SpeakingOrderCandidate = MeetingPerson.extend({
	connected: z.boolean(),
	preselected: z.boolean()
});
export type SpeakingOrderCandidate = z.infer<typeof SpeakingOrderCandidate>;

/**
 * Everyone who could be in the draw, in the participant list's order, by their handle in this
 * meeting. The kollegium's subjects (the assessed trainees, who are not in the room) are left
 * out; an observer (verksamhetschef) or anyone else without a speaking role is listed but not
 * ticked.
 */
export function speakingOrderCandidates(options: {
	kind: KollegiumKind;
	participants: readonly Pick<Participant, 'id' | 'name' | 'roles'>[];
	subjects: readonly Pick<Subject, 'participantId'>[];
	/** Ids of the participants connected right now. */
	connected: ReadonlySet<string>;
	handleOf: (participantId: string) => Handle;
}): SpeakingOrderCandidate[] {
	const { kind, participants, subjects, connected, handleOf } = options;
	const roles = speakingRoles(kind);
	const assessed = new Set(subjects.map((subject) => subject.participantId));
	return participants
		.filter((participant) => !assessed.has(participant.id))
		.map((participant) => ({
			handle: handleOf(participant.id),
			name: participant.name,
			connected: connected.has(participant.id),
			preselected: participant.roles.some((role) => roles.includes(role))
		}));
}

/**
 * Who a draw is among, in a stable order (the draw shuffles them): the candidates ticked, or
 * by default the connected ones who speak; then each typed name once, unless it is the name of
 * someone already in. A handle that is not a candidate's (a subject has none) is ignored.
 */
export function speakersOfDraw(options: {
	candidates: readonly SpeakingOrderCandidate[];
	draw: SpeakingOrderDraw;
	/** A handle for a typed name (random, so a guest's place tells nothing about anyone). */
	newHandle: () => Handle;
}): Speaker[] {
	const { candidates, draw, newHandle } = options;
	const chosen = draw.handles ? new Set(draw.handles) : null;
	const speakers: Speaker[] = candidates
		.filter((c) => (chosen ? chosen.has(c.handle) : c.connected && c.preselected))
		.map(({ handle, name }) => ({ handle, name }));
	const taken = new Set(speakers.map((speaker) => nameKey(speaker.name)));
	for (const raw of draw.guests) {
		const name = raw.trim();
		if (name === '' || taken.has(nameKey(name))) continue;
		taken.add(nameKey(name));
		speakers.push({ handle: newHandle(), name });
	}
	return speakers;
}

/** A fair random order (Fisher–Yates); `randomInt(n)` answers an integer in [0, n). */
export function shuffleSpeakers<T>(items: readonly T[], randomInt: (n: number) => number): T[] {
	const order = [...items];
	for (let i = order.length - 1; i > 0; i -= 1) {
		const j = randomInt(i + 1);
		[order[i], order[j]] = [order[j] as T, order[i] as T];
	}
	return order;
}

function nameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}
