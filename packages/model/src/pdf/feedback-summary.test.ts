import { describe, expect, it } from 'vitest';
import type { RevealedStep } from '../report.ts';
import { areaSummary } from './feedback-summary.ts';

type RatingsStep = Extract<RevealedStep, { kind: 'ratings' }>;
type Item = RatingsStep['items'][number];

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: `Nivå ${value}` } }));
const subject = {
	kind: 'trainee' as const,
	name: 'Åsa Öberg',
	specialty: null,
	monthOfTraining: 3
};

function shown(itemId: string, counts: number[], self: Item['self']): Item {
	const n = counts.reduce((sum, count) => sum + count, 0);
	return {
		itemId,
		text: { sv: itemId },
		steps: scale,
		aggregate: {
			itemId,
			type: 'rating',
			hidden: false,
			distribution: {
				counts: scale.map(({ value }) => ({ value, count: counts[value - 1] ?? 0 })),
				n,
				cannotAssess: 0,
				median: null
			}
		},
		self,
		split: null
	};
}

function hidden(itemId: string): Item {
	return {
		itemId,
		text: { sv: itemId },
		steps: scale,
		aggregate: { itemId, type: 'rating', hidden: true },
		self: 5,
		split: null
	};
}

const step = (items: Item[]): RatingsStep => ({
	kind: 'ratings',
	subject,
	title: { sv: 'Medicinsk kompetens', en: 'Medical competence' },
	k: 3,
	items
});

describe('an area of the summary page', () => {
	it('pools the answers of the items shown, with their median and the trainee’s own median', () => {
		const area = areaSummary(
			step([shown('a', [0, 1, 3, 2, 0], 3), shown('b', [0, 0, 2, 3, 1], 4)]),
			{ locale: 'sv' }
		);
		expect(area.counts).toEqual([
			{ value: 1, count: 0 },
			{ value: 2, count: 1 },
			{ value: 3, count: 5 },
			{ value: 4, count: 5 },
			{ value: 5, count: 1 }
		]);
		expect(area).toMatchObject({ title: 'Medicinsk kompetens', n: 12, median: 3.5, self: 3.5 });
	});

	it('leaves out items below k, and their self-assessment with them', () => {
		const area = areaSummary(step([shown('a', [0, 0, 3, 0, 0], 2), hidden('b')]), {
			locale: 'en'
		});
		expect(area).toMatchObject({ title: 'Medical competence', n: 3, median: 3, self: 2 });
	});

	it('shows nothing of an area whose every item is below k', () => {
		const area = areaSummary(step([hidden('a'), hidden('b')]), { locale: 'sv' });
		expect(area).toMatchObject({ counts: [], n: 0, median: null, self: null });
	});

	it('has no self-assessment when the trainee could not assess themselves', () => {
		const area = areaSummary(step([shown('a', [0, 0, 3, 1, 0], 'cannot-assess')]), {
			locale: 'sv'
		});
		expect(area.self).toBeNull();
		expect(area.median).toBe(3);
	});
});
