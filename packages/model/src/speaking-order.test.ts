import { describe, expect, it } from 'vitest';
import type { ParticipantRole } from './kollegium.ts';
import {
	shuffleSpeakers,
	speakersOfDraw,
	speakingOrderCandidates,
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

let ids = 0;
const newId = () => `guest-${(ids += 1)}`;
const draw = (input: Record<string, unknown> = {}) =>
	SpeakingOrderDraw.parse({ type: 'drawSpeakingOrder', ...input });
const names = (speakers: readonly { name: string }[]) => speakers.map((s) => s.name);

describe('the speaking order’s candidates', () => {
	it('ticks the specialists and handledare, not the observer, and leaves out the assessed trainees', () => {
		const candidates = speakingOrderCandidates({
			kind: 'specialistkollegium',
			participants,
			subjects,
			connected: new Set([peter.id])
		});
		expect(candidates.map((c) => [c.name, c.preselected, c.connected])).toEqual([
			['Karin Holmlund', true, false],
			['Peter Sjövik', true, true],
			['Amira Nordqvist', true, false],
			['Lena Verksamhetschef', false, false]
		]);
	});

	it('ticks the trainees in an ST-läkarkollegium, where they are the ones who speak', () => {
		const candidates = speakingOrderCandidates({
			kind: 'st-lakarkollegium',
			participants: [sara, jonas, chef],
			subjects: [{ participantId: null }],
			connected: new Set()
		});
		expect(candidates.filter((c) => c.preselected).map((c) => c.name)).toEqual([
			'Sara Lindholm',
			'Jonas Bergstedt'
		]);
	});
});

describe('who a draw is among', () => {
	const base = {
		kind: 'specialistkollegium' as const,
		participants,
		subjects,
		newId
	};

	it('takes, without a list, the connected who speak: never the observer', () => {
		const speakers = speakersOfDraw({
			...base,
			connected: new Set([peter.id, chef.id]),
			draw: draw()
		});
		expect(names(speakers)).toEqual(['Peter Sjövik']);
	});

	it('takes the ticked participants whether or not they have a device, and typed names', () => {
		const speakers = speakersOfDraw({
			...base,
			connected: new Set([peter.id]),
			draw: draw({ participantIds: [karin.id, peter.id, amira.id], guests: ['  Olof Gäst '] })
		});
		expect(names(speakers)).toEqual([
			'Karin Holmlund',
			'Peter Sjövik',
			'Amira Nordqvist',
			'Olof Gäst'
		]);
		expect(speakers.at(-1)?.participantId).toMatch(/^guest-/);
	});

	it('ignores unknown ids and the assessed trainees’, and a typed name twice or already in', () => {
		const speakers = speakersOfDraw({
			...base,
			connected: new Set(),
			draw: draw({
				participantIds: [karin.id, sara.id, jonas.id, '00000000-0000-4000-8000-000000000099'],
				guests: ['karin  holmlund', 'Olof Gäst', 'olof gäst']
			})
		});
		expect(names(speakers)).toEqual(['Karin Holmlund', 'Olof Gäst']);
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
