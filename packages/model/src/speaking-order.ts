import { z } from 'zod';
import type { Participant, ParticipantRole, Subject } from './kollegium.ts';
import type { KollegiumKind } from './template.ts';

/** Someone in a speaking order: a participant, or a name typed in for someone not on the list. */
export interface Speaker {
	participantId: string;
	name: string;
}

const GuestName = z.string().trim().min(1).max(120);

/**
 * The studierektor's "draw the speaking order": who is in the room, connected or not. Without
 * `participantIds` the draw is among the connected participants who would speak by default.
 */
export const SpeakingOrderDraw = z.object({
	type: z.literal('drawSpeakingOrder'),
	/** Participants in the room, with or without a device. */
	participantIds: z.array(z.uuid()).max(500).optional(),
	/** People in the room who are not on the participant list, by the name the studierektor typed. */
	guests: z.array(GuestName).max(50).default([])
});
export type SpeakingOrderDraw = z.infer<typeof SpeakingOrderDraw>;

/** The roles that speak about a subject: the specialists about a trainee, the trainees about the clinic. */
function speakingRoles(kind: KollegiumKind): readonly ParticipantRole[] {
	return kind === 'specialistkollegium' ? ['assessor', 'supervisor'] : ['trainee'];
}

/** One line of the draw's list on the control: a participant, whether connected, and ticked or not. */
export interface SpeakingOrderCandidate extends Speaker {
	connected: boolean;
	/** In the draw unless the studierektor unticks them: speaks in this kind of meeting. */
	preselected: boolean;
}

/**
 * Everyone who could be in the draw, in the participant list's order. The kollegium's subjects
 * (the assessed trainees, who are not in the room) are left out; an observer (verksamhetschef) or
 * anyone else without a speaking role is listed but not ticked.
 */
export function speakingOrderCandidates(options: {
	kind: KollegiumKind;
	participants: readonly Pick<Participant, 'id' | 'name' | 'roles'>[];
	subjects: readonly Pick<Subject, 'participantId'>[];
	connected: ReadonlySet<string>;
}): SpeakingOrderCandidate[] {
	const { kind, participants, subjects, connected } = options;
	const roles = speakingRoles(kind);
	const assessed = new Set(subjects.map((subject) => subject.participantId));
	return participants
		.filter((participant) => !assessed.has(participant.id))
		.map((participant) => ({
			participantId: participant.id,
			name: participant.name,
			connected: connected.has(participant.id),
			preselected: participant.roles.some((role) => roles.includes(role))
		}));
}

/**
 * Who a draw is among, in a stable order (the draw shuffles them): the participants ticked, or
 * by default the connected ones who speak; then each typed name once, unless it is the name of
 * someone already in. An id that is not a participant's, or is a subject's, is ignored.
 */
export function speakersOfDraw(options: {
	kind: KollegiumKind;
	participants: readonly Pick<Participant, 'id' | 'name' | 'roles'>[];
	subjects: readonly Pick<Subject, 'participantId'>[];
	connected: ReadonlySet<string>;
	draw: SpeakingOrderDraw;
	/** An id for a typed name (random, so a guest's place tells nothing about anyone). */
	newId: () => string;
}): Speaker[] {
	const { draw, newId } = options;
	const candidates = speakingOrderCandidates(options);
	const chosen = draw.participantIds ? new Set(draw.participantIds) : null;
	const speakers: Speaker[] = candidates
		.filter((c) => (chosen ? chosen.has(c.participantId) : c.connected && c.preselected))
		.map(({ participantId, name }) => ({ participantId, name }));
	const taken = new Set(speakers.map((speaker) => nameKey(speaker.name)));
	for (const raw of draw.guests) {
		const name = raw.trim();
		if (name === '' || taken.has(nameKey(name))) continue;
		taken.add(nameKey(name));
		speakers.push({ participantId: newId(), name });
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
