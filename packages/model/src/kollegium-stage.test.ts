import { describe, expect, it } from 'vitest';
import type { KollegiumStatus } from './kollegium.ts';
import { groupByStage, stageOf, type KollegiumStage } from './kollegium-stage.ts';

const now = new Date('2030-03-05T12:00:00Z');
const before = '2030-03-04T12:00:00Z';
const after = '2030-03-06T12:00:00Z';

function kollegium(
	status: KollegiumStatus,
	answerDeadline: string,
	startsAt = '2030-03-10T13:00Z'
) {
	return { status, answerDeadline, startsAt };
}

describe('stageOf', () => {
	const cases: {
		name: string;
		status: KollegiumStatus;
		deadline: string;
		expected: KollegiumStage;
	}[] = [
		{ name: 'a draft is to be prepared', status: 'draft', deadline: after, expected: 'prepare' },
		{
			name: 'an open kollegium before its deadline is being answered',
			status: 'open',
			deadline: after,
			expected: 'answering'
		},
		{
			name: 'an open kollegium past its deadline is ready to be run',
			status: 'open',
			deadline: before,
			expected: 'ready'
		},
		{
			name: 'an open kollegium at the very moment of its deadline is ready to be run',
			status: 'open',
			deadline: now.toISOString(),
			expected: 'ready'
		},
		{
			name: 'a live meeting is ready to be run',
			status: 'live',
			deadline: before,
			expected: 'ready'
		},
		{
			name: 'a closed kollegium has plans and handovers to follow up',
			status: 'closed',
			deadline: before,
			expected: 'followUp'
		},
		{
			name: 'a delivered kollegium is done',
			status: 'delivered',
			deadline: before,
			expected: 'done'
		}
	];
	for (const { name, status, deadline, expected } of cases) {
		it(name, () => {
			expect(stageOf(kollegium(status, deadline), now)).toBe(expected);
		});
	}
});

describe('groupByStage', () => {
	it('lists every stage in order, an empty one too', () => {
		const groups = groupByStage([kollegium('closed', before)], now);
		expect(groups.map((group) => [group.stage, group.kollegier.length])).toEqual([
			['prepare', 0],
			['answering', 0],
			['ready', 0],
			['followUp', 1],
			['done', 0]
		]);
	});

	it('puts each kollegium in exactly one group', () => {
		const all = [
			kollegium('draft', after),
			kollegium('open', after),
			kollegium('open', before),
			kollegium('live', before),
			kollegium('closed', before),
			kollegium('delivered', before)
		];
		const groups = groupByStage(all, now);
		expect(groups.flatMap((group) => group.kollegier)).toHaveLength(all.length);
		expect(groups.find((group) => group.stage === 'ready')?.kollegier).toEqual([all[2], all[3]]);
	});

	it('lists answering by the nearest deadline first', () => {
		const late = kollegium('open', '2030-03-20T12:00Z', '2030-03-21T12:00Z');
		const soon = kollegium('open', '2030-03-07T12:00Z', '2030-03-25T12:00Z');
		const answering = groupByStage([late, soon], now)[1];
		expect(answering?.kollegier).toEqual([soon, late]);
	});

	it('lists meetings to prepare soonest first and finished ones newest first', () => {
		const march = kollegium('draft', after, '2030-03-10T13:00Z');
		const april = kollegium('draft', after, '2030-04-10T13:00Z');
		const january = kollegium('delivered', before, '2030-01-10T13:00Z');
		const february = kollegium('delivered', before, '2030-02-10T13:00Z');
		const groups = groupByStage([april, january, march, february], now);
		expect(groups[0]?.kollegier).toEqual([march, april]);
		expect(groups[4]?.kollegier).toEqual([february, january]);
	});

	it('keeps the extra fields of what it groups', () => {
		const item = { ...kollegium('draft', after), id: 'a', title: 'Specialistkollegium VT' };
		expect(groupByStage([item], now)[0]?.kollegier[0]?.title).toBe('Specialistkollegium VT');
	});
});
