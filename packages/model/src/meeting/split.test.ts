import { describe, expect, it } from 'vitest';
import { Template, type ChoiceItem, type RatingItem } from '../template.ts';
import { splitBy } from './view.ts';

const form = Template.parse({
	id: 'split',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Split' },
	scales: [
		{
			id: 's',
			label: { sv: 'S' },
			steps: [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: String(value) } })),
			cannotAssess: true
		}
	],
	sections: [
		{
			id: 'a',
			title: { sv: 'A' },
			about: 'trainee',
			items: [
				{
					id: 'kannedom',
					type: 'choice',
					purpose: 'familiarity',
					text: { sv: 'K' },
					options: ['mycket', 'lite'].map((value) => ({ value, label: { sv: value } }))
				},
				{ id: 'r', type: 'rating', text: { sv: 'R' }, scale: 's' }
			]
		}
	]
});
const [familiarity, item] = form.sections[0]!.items as [ChoiceItem, RatingItem];
const answer = (kannedom: string, r: number | string) => ({ answers: { kannedom, r } });

describe('the familiarity split', () => {
	it('shows no group when a lone "kan ej bedöma" could be told from the total', () => {
		const responses = [
			answer('mycket', 4),
			answer('mycket', 4),
			answer('mycket', 5),
			answer('lite', 'cannot-assess')
		];
		const groups = splitBy({ form, item, familiarity, responses, k: 3 });
		expect(groups.map((group) => group.distribution)).toEqual([null, null]);
	});

	it('shows the groups that reach k when whatever is left reaches k too', () => {
		const responses = [
			...[4, 4, 5].map((r) => answer('mycket', r)),
			...[2, 3].map((r) => answer('lite', r)),
			{ answers: { r: 1 } } // skipped the familiarity question
		];
		const groups = splitBy({ form, item, familiarity, responses, k: 3 });
		expect(groups[0]?.distribution?.n).toBe(3);
		expect(groups[1]?.distribution).toBeNull();
	});

	it('hides every group when the leftover ratings are fewer than k', () => {
		const responses = [
			...[4, 4, 5].map((r) => answer('mycket', r)),
			...[2, 'cannot-assess', 'cannot-assess'].map((r) => answer('lite', r))
		];
		const groups = splitBy({ form, item, familiarity, responses, k: 3 });
		expect(groups.map((group) => group.distribution)).toEqual([null, null]);
	});
});
