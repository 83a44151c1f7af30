import { describe, expect, it } from 'vitest';
import type { Answers } from './response.ts';
import { Template } from './template.ts';
import { AreaTrend, areaTrendsOf, trendPoint, TrendPoint, type TrendSource } from './trends.ts';

const form = Template.parse({
	id: 'trend-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Trender' },
	scales: [
		{
			id: 'niva',
			label: { sv: 'Nivå' },
			steps: [1, 2, 3, 4].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
			cannotAssess: true
		}
	],
	sections: [
		{
			id: 'kompetens',
			title: { sv: 'Medicinsk kompetens' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva' },
				{ id: 'bedomning', type: 'rating', text: { sv: 'Bedömning' }, scale: 'niva' },
				{ id: 'styrkor', type: 'text', text: { sv: 'Styrkor' }, purpose: 'strengths' }
			]
		},
		{
			id: 'kommunikation',
			title: { sv: 'Kommunikation' },
			about: 'trainee',
			items: [{ id: 'samtal', type: 'rating', text: { sv: 'Samtal' }, scale: 'niva' }]
		},
		{
			id: 'fritt',
			title: { sv: 'Övrigt' },
			about: 'trainee',
			items: [{ id: 'ovrigt', type: 'text', text: { sv: 'Övrigt' } }]
		}
	]
});

const first = '0b0c4c52-6a4e-4f7e-9a53-2f1e1c0d0001';
const second = '0b0c4c52-6a4e-4f7e-9a53-2f1e1c0d0002';

function source(overrides: Partial<TrendSource>): TrendSource {
	return { kollegiumId: first, date: '2025-03-10', form, k: 3, answers: [], ...overrides };
}

describe('trendPoint', () => {
	it('pools the rating answers of the area, with counts per step and their labels', () => {
		const point = trendPoint({
			...source({
				answers: [
					{ kunskap: 2, bedomning: 3, styrkor: 'Noggrann' },
					{ kunskap: 3, bedomning: 3 },
					{ kunskap: 4, bedomning: 4 }
				]
			}),
			sectionId: 'kompetens'
		});
		expect(TrendPoint.parse(point)).toEqual({
			kollegiumId: first,
			date: '2025-03-10',
			respondents: 3,
			median: 3,
			counts: [
				{ value: 1, label: { sv: 'Steg 1' }, count: 0 },
				{ value: 2, label: { sv: 'Steg 2' }, count: 1 },
				{ value: 3, label: { sv: 'Steg 3' }, count: 3 },
				{ value: 4, label: { sv: 'Steg 4' }, count: 2 }
			]
		});
	});

	it('leaves out an item fewer than k rated, so its ratings cannot be read off the pool', () => {
		// Two rated "bedömning": the room was not shown it; subtracting "kunskap" (shown) from
		// the pool must not give back what those two chose.
		const point = trendPoint({
			...source({
				answers: [
					{ kunskap: 2, bedomning: 1 },
					{ kunskap: 3, bedomning: 'cannot-assess' },
					{ kunskap: 4, bedomning: 1 }
				]
			}),
			sectionId: 'kompetens'
		});
		expect(point?.counts.map((c) => c.count)).toEqual([0, 1, 1, 1]);
		expect(point?.median).toBe(3);
	});

	const belowK: { name: string; answers: Answers[] }[] = [
		{
			name: 'leaves out an area fewer than k rated',
			answers: [{ samtal: 3 }, { samtal: 2 }, { kunskap: 4 }]
		},
		{
			name: 'does not count "kan ej bedöma" as having rated the area',
			answers: [{ samtal: 3 }, { samtal: 2 }, { samtal: 'cannot-assess' }]
		}
	];
	for (const { name, answers } of belowK) {
		it(name, () => {
			expect(trendPoint({ ...source({ answers }), sectionId: 'kommunikation' })).toBeNull();
		});
	}

	it('shows the area once k respondents rated it', () => {
		const answers = [{ samtal: 3 }, { samtal: 2 }, { samtal: 2 }];
		expect(trendPoint({ ...source({ answers }), sectionId: 'kommunikation' })).toMatchObject({
			respondents: 3,
			median: 2
		});
	});

	it('gives no point for an area without rating items or unknown to the form', () => {
		const answers = [{ ovrigt: 'a' }, { ovrigt: 'b' }, { ovrigt: 'c' }];
		expect(trendPoint({ ...source({ answers }), sectionId: 'fritt' })).toBeNull();
		expect(trendPoint({ ...source({ answers }), sectionId: 'saknas' })).toBeNull();
	});
});

describe('areaTrendsOf', () => {
	it('gives one point per kollegium, oldest first, and never pools kollegier to reach k', () => {
		const trends = areaTrendsOf([
			source({
				kollegiumId: second,
				date: '2026-03-12',
				k: 2,
				answers: [
					{ kunskap: 4, samtal: 4 },
					{ kunskap: 3, samtal: 3 }
				]
			}),
			source({
				kollegiumId: first,
				date: '2025-03-10',
				k: 3,
				answers: [{ kunskap: 2, samtal: 2 }, { kunskap: 2, samtal: 3 }, { kunskap: 3 }]
			})
		]);
		expect(trends.map((trend) => AreaTrend.parse(trend))).toHaveLength(2);
		const [kompetens, kommunikation] = trends;
		expect(kompetens?.sectionId).toBe('kompetens');
		expect(kompetens?.title).toEqual({ sv: 'Medicinsk kompetens' });
		expect(kompetens?.points.map((point) => [point.kollegiumId, point.median])).toEqual([
			[first, 2],
			[second, 3.5]
		]);
		// Two rated kommunikation in each: below k = 3 in the first, enough for k = 2 in the second.
		expect(kommunikation?.points.map((point) => point.kollegiumId)).toEqual([second]);
	});

	it('leaves out an area that met k in no kollegium', () => {
		const trends = areaTrendsOf([source({ answers: [{ kunskap: 1 }, { kunskap: 2 }] })]);
		expect(trends).toEqual([]);
	});
});
