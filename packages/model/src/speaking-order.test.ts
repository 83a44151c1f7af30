import { describe, expect, it } from 'vitest';
import type { ParticipantRole } from './kollegium.ts';
import {
	shuffleSpeakers,
	speakersOfDraw,
	speakingOrderCandidates,
	SpeakingOrderCandidate,
	SpeakingOrderDraw
} from './speaking-order.ts';

const person = (id: number, name: string, roles: ParticipantRole[]) => ({
	id: `00000000-0000-4000-8000-00000000000${id}`,
	name,
	roles
});
const karin = person(1, 'Karin Holmlund', ['assessor', 'supervisor']);
const peter = person(2, 'Peter Sjövik', ['assessor']);
const amira = person(3, 'Amira Nordqvist', ['assessor']);
const chef = person(4, 'Lena Verksamhetschef', ['observer']);
const sara = person(5, 'Sara Lindholm', ['trainee']);
const jonas = person(6, 'Jonas Bergstedt', ['trainee']);
const participants = [karin, peter, amira, chef, sara, jonas];
const subjects = [{ participantId: sara.id }, { participantId: jonas.id }];

/** A handle per participant, as the server gives them: opaque, not the participant's id. */
const handleOf = (id: string) => `handle-${id.slice(-1)}`.padEnd(22, 'x');
let guests = 0;
const newHandle = () => `guest-${(guests += 1)}`.padEnd(22, 'g');
const draw = (input: Record<string, unknown> = {}) =>
	SpeakingOrderDraw.parse({ type: 'drawSpeakingOrder', ...input });
const names = (speakers: readonly { name: string }[]) => speakers.map((s) => s.name);
const candidatesOf = (connected: string[]) =>
	speakingOrderCandidates({
		kind: 'specialistkollegium',
		participants,
		subjects,
		connected: new Set(connected),
		handleOf
	});

describe('the speaking order’s candidates', () => {
	it('ticks the specialists and handledare, not the observer, and leaves out the assessed trainees', () => {
		const candidates = candidatesOf([peter.id]);
		expect(candidates.map((c) => [c.name, c.preselected, c.connected])).toEqual([
			['Karin Holmlund', true, false],
			['Peter Sjövik', true, true],
			['Amira Nordqvist', true, false],
			['Lena Verksamhetschef', false, false]
		]);
	});

	it('names each candidate by their handle, never by their participant id', () => {
		const candidates = candidatesOf([peter.id]);
		expect(candidates.map((c) => c.handle)).toEqual(
			[karin, peter, amira, chef].map((p) => handleOf(p.id))
		);
		const json = JSON.stringify(candidates);
		for (const p of participants) expect(json).not.toContain(p.id);
		for (const candidate of candidates)
			expect(SpeakingOrderCandidate.safeParse(candidate).success).toBe(true);
	});

	it('ticks the trainees in an ST-läkarkollegium, where they are the ones who speak', () => {
		const candidates = speakingOrderCandidates({
			kind: 'st-lakarkollegium',
			participants: [sara, jonas, chef],
			subjects: [{ participantId: null }],
			connected: new Set(),
			handleOf
		});
		expect(candidates.filter((c) => c.preselected).map((c) => c.name)).toEqual([
			'Sara Lindholm',
			'Jonas Bergstedt'
		]);
	});
});

describe('who a draw is among', () => {
	it('takes, without a list, the connected who speak: never the observer', () => {
		const speakers = speakersOfDraw({
			candidates: candidatesOf([peter.id, chef.id]),
			draw: draw(),
			newHandle
		});
		expect(names(speakers)).toEqual(['Peter Sjövik']);
	});

	it('takes the ticked participants whether or not they have a device, and typed names', () => {
		const speakers = speakersOfDraw({
			candidates: candidatesOf([peter.id]),
			draw: draw({
				handles: [karin, peter, amira].map((p) => handleOf(p.id)),
				guests: ['  Olof Gäst ']
			}),
			newHandle
		});
		expect(names(speakers)).toEqual([
			'Karin Holmlund',
			'Peter Sjövik',
			'Amira Nordqvist',
			'Olof Gäst'
		]);
		expect(speakers.map((s) => s.handle)).toEqual([
			handleOf(karin.id),
			handleOf(peter.id),
			handleOf(amira.id),
			expect.stringMatching(/^guest-/)
		]);
	});

	it('ignores handles of nobody and the assessed trainees’, and a typed name twice or already in', () => {
		const speakers = speakersOfDraw({
			candidates: candidatesOf([]),
			draw: draw({
				handles: [karin, sara, jonas].map((p) => handleOf(p.id)).concat('nobody'.padEnd(22, 'n')),
				guests: ['karin  holmlund', 'Olof Gäst', 'olof gäst']
			}),
			newHandle
		});
		expect(names(speakers)).toEqual(['Karin Holmlund', 'Olof Gäst']);
	});

	it('refuses a draw by participant ids or anything else that is not a handle', () => {
		for (const handles of [[karin.id], ['karin'], ['x'.repeat(23)]]) {
			expect(SpeakingOrderDraw.safeParse({ type: 'drawSpeakingOrder', handles }).success).toBe(
				false
			);
		}
	});

	it('refuses a draw with an empty or overlong typed name', () => {
		for (const guest of ['   ', 'x'.repeat(121)]) {
			expect(
				SpeakingOrderDraw.safeParse({ type: 'drawSpeakingOrder', guests: [guest] }).success
			).toBe(false);
		}
	});
});

describe('the shuffle', () => {
	it('is a permutation decided by the random numbers it is given', () => {
		const items = ['a', 'b', 'c', 'd'];
		expect(shuffleSpeakers(items, () => 0)).toEqual(['b', 'c', 'd', 'a']);
		expect(shuffleSpeakers(items, (n) => n - 1)).toEqual(items);
		expect(items).toEqual(['a', 'b', 'c', 'd']);
	});

	it('gives every order exactly once over all the random numbers it could be given', () => {
		const orders = new Set<string>();
		for (let a = 0; a < 4; a += 1)
			for (let b = 0; b < 3; b += 1)
				for (let c = 0; c < 2; c += 1) {
					const picks = [a, b, c];
					orders.add(shuffleSpeakers(['a', 'b', 'c', 'd'], () => picks.shift() ?? 0).join(''));
				}
		expect(orders.size).toBe(24);
	});
});
