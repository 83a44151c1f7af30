import { describe, expect, it } from 'vitest';
import {
	aggregateSubject,
	distribution,
	median,
	meetsMinimum,
	SubjectAggregate,
	type Distribution,
	type ItemAggregate
} from './aggregate.ts';
import type { Answers, AnswerValue } from './response.ts';
import { sectionsFor, Template } from './template.ts';

const form = Template.parse({
	id: 'aggregat-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Aggregat' },
	scales: [
		{
			id: 'niva',
			label: { sv: 'Nivå' },
			steps: [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
			cannotAssess: true
		}
	],
	sections: [
		{
			id: 'kompetens',
			title: { sv: 'Kompetens' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva' },
				{ id: 'ledarskap', type: 'rating', text: { sv: 'Ledarskap' }, scale: 'niva' },
				{
					id: 'kannedom',
					type: 'choice',
					text: { sv: 'Hur mycket har du arbetat med ST-läkaren?' },
					options: [
						{ value: 'lite', label: { sv: 'Lite' } },
						{ value: 'en-del', label: { sv: 'En del' } },
						{ value: 'mycket', label: { sv: 'Mycket' } }
					]
				},
				{ id: 'styrkor', type: 'text', text: { sv: 'Styrkor' }, purpose: 'strengths' }
			]
		}
	]
});
const sections = form.sections;

/** The distribution of a visible rating or choice item; fails the test for anything else. */
function shown(item: ItemAggregate | undefined): Distribution {
	if (!item || item.hidden || item.type === 'text')
		throw new Error('expected a visible rating or choice');
	return item.distribution;
}

function answered(answers: Answers): { answers: Answers; declined: boolean } {
	return { answers, declined: false };
}

/** Three full responses about one trainee; the text answers must never reach the aggregate. */
const three = [
	answered({ kunskap: 4, ledarskap: 3, kannedom: 'mycket', styrkor: 'Lugn i akuta lägen' }),
	answered({ kunskap: 5, ledarskap: 3, kannedom: 'lite', styrkor: 'Tydlig i journalen' }),
	answered({ kunskap: 4, ledarskap: 2, kannedom: 'mycket', styrkor: 'Bra med anhöriga' })
];

describe('meetsMinimum', () => {
	const cases = [
		{ name: 'is met by exactly k', input: { n: 3, k: 3 }, expected: true },
		{ name: 'is met by more than k', input: { n: 7, k: 3 }, expected: true },
		{ name: 'is not met by one fewer than k', input: { n: 2, k: 3 }, expected: false },
		{ name: 'is not met by nobody', input: { n: 0, k: 2 }, expected: false }
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(meetsMinimum(input)).toBe(expected);
		});
	}
});

describe('median', () => {
	const cases: { name: string; input: number[]; expected: number | null }[] = [
		{ name: 'is null for no values', input: [], expected: null },
		{ name: 'is the value itself for one value', input: [4], expected: 4 },
		{ name: 'is the middle value for an odd count', input: [5, 1, 3], expected: 3 },
		{
			name: 'is the mean of the two middle values for an even count',
			input: [4, 1, 2, 5],
			expected: 3
		},
		{ name: 'can be a half step for an even count', input: [2, 3], expected: 2.5 },
		{ name: 'sorts numerically, not as text', input: [10, 9, 2], expected: 9 },
		{ name: 'handles repeated values', input: [3, 3, 3, 1], expected: 3 }
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(median(input)).toBe(expected);
		});
	}

	it('does not reorder the values it is given', () => {
		const values = [5, 1, 3];
		median(values);
		expect(values).toEqual([5, 1, 3]);
	});
});

describe('distribution', () => {
	const steps = [1, 2, 3, 4, 5];
	const cases: { name: string; input: AnswerValue[]; expected: Distribution }[] = [
		{
			name: 'counts every step in scale order, zeros included',
			input: [4, 2, 4, 5, 4],
			expected: {
				counts: [
					{ value: 1, count: 0 },
					{ value: 2, count: 1 },
					{ value: 3, count: 0 },
					{ value: 4, count: 3 },
					{ value: 5, count: 1 }
				],
				n: 5,
				cannotAssess: 0,
				median: 4
			}
		},
		{
			name: 'leaves "cannot assess" out of n and counts it separately',
			input: [3, 'cannot-assess', 5, 'cannot-assess'],
			expected: {
				counts: [
					{ value: 1, count: 0 },
					{ value: 2, count: 0 },
					{ value: 3, count: 1 },
					{ value: 4, count: 0 },
					{ value: 5, count: 1 }
				],
				n: 2,
				cannotAssess: 2,
				median: 4
			}
		},
		{
			name: 'has only zero counts and no median when nobody answered',
			input: [],
			expected: {
				counts: steps.map((value) => ({ value, count: 0 })),
				n: 0,
				cannotAssess: 0,
				median: null
			}
		},
		{
			name: 'has no median when everyone chose "cannot assess"',
			input: ['cannot-assess', 'cannot-assess', 'cannot-assess'],
			expected: {
				counts: steps.map((value) => ({ value, count: 0 })),
				n: 0,
				cannotAssess: 3,
				median: null
			}
		},
		{
			name: 'takes the middle value as the median of an odd count',
			input: [1, 2, 5],
			expected: {
				counts: [
					{ value: 1, count: 1 },
					{ value: 2, count: 1 },
					{ value: 3, count: 0 },
					{ value: 4, count: 0 },
					{ value: 5, count: 1 }
				],
				n: 3,
				cannotAssess: 0,
				median: 2
			}
		},
		{
			name: 'takes the mean of the two middle values as the median of an even count',
			input: [2, 5, 3, 1],
			expected: {
				counts: [
					{ value: 1, count: 1 },
					{ value: 2, count: 1 },
					{ value: 3, count: 1 },
					{ value: 4, count: 0 },
					{ value: 5, count: 1 }
				],
				n: 4,
				cannotAssess: 0,
				median: 2.5
			}
		}
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(distribution({ steps, values: input })).toEqual(expected);
		});
	}

	it('ignores free text among the values', () => {
		const result = distribution({ steps: [1, 2], values: [1, 'något annat', 2] });
		expect(result.n).toBe(2);
		expect(result.cannotAssess).toBe(0);
	});

	it('follows the order of the steps it is given', () => {
		const result = distribution({ steps: [3, 2, 1], values: [1, 3, 3] });
		expect(result.counts).toEqual([
			{ value: 3, count: 2 },
			{ value: 2, count: 0 },
			{ value: 1, count: 1 }
		]);
	});
});

describe('aggregateSubject', () => {
	it('shows the distribution of each rating item once k respondents answered', () => {
		const result = aggregateSubject({ form, sections, responses: three, k: 3 });
		expect(result.hidden).toBe(false);
		expect(result.respondents).toBe(3);
		expect(result.items[0]).toEqual({
			itemId: 'kunskap',
			type: 'rating',
			hidden: false,
			distribution: {
				counts: [
					{ value: 1, count: 0 },
					{ value: 2, count: 0 },
					{ value: 3, count: 0 },
					{ value: 4, count: 2 },
					{ value: 5, count: 1 }
				],
				n: 3,
				cannotAssess: 0,
				median: 4
			}
		});
	});

	it('lists the items in form order', () => {
		const result = aggregateSubject({ form, sections, responses: three, k: 3 });
		expect(result.items.map((item) => [item.itemId, item.type])).toEqual([
			['kunskap', 'rating'],
			['ledarskap', 'rating'],
			['kannedom', 'choice'],
			['styrkor', 'text']
		]);
	});

	it('counts a choice item per option, in option order, zeros included', () => {
		const result = aggregateSubject({ form, sections, responses: three, k: 3 });
		expect(result.items[2]).toEqual({
			itemId: 'kannedom',
			type: 'choice',
			hidden: false,
			distribution: {
				counts: [
					{ value: 'lite', count: 1 },
					{ value: 'en-del', count: 0 },
					{ value: 'mycket', count: 2 }
				],
				n: 3,
				cannotAssess: 0,
				median: null
			}
		});
	});

	it('gives a text item only a count, never the texts', () => {
		const result = aggregateSubject({ form, sections, responses: three, k: 3 });
		expect(result.items[3]).toEqual({ itemId: 'styrkor', type: 'text', hidden: false, count: 3 });
		const json = JSON.stringify(result);
		for (const text of ['Lugn i akuta lägen', 'Tydlig i journalen', 'Bra med anhöriga']) {
			expect(json).not.toContain(text);
		}
	});

	it('hides the whole subject when fewer than k respondents answered', () => {
		const result = aggregateSubject({ form, sections, responses: three.slice(0, 2), k: 3 });
		expect(result.hidden).toBe(true);
		expect(result.respondents).toBeNull();
		expect(result.items).toEqual([
			{ itemId: 'kunskap', type: 'rating', hidden: true },
			{ itemId: 'ledarskap', type: 'rating', hidden: true },
			{ itemId: 'kannedom', type: 'choice', hidden: true },
			{ itemId: 'styrkor', type: 'text', hidden: true }
		]);
	});

	it('gives no hidden item a distribution or a count', () => {
		const result = aggregateSubject({ form, sections, responses: three.slice(0, 2), k: 3 });
		for (const item of result.items) {
			expect(Object.keys(item).sort()).toEqual(['hidden', 'itemId', 'type']);
		}
	});

	it('hides the whole subject when nobody answered', () => {
		const result = aggregateSubject({ form, sections, responses: [], k: 2 });
		expect(result).toMatchObject({ hidden: true, respondents: null });
		expect(result.items.every((item) => item.hidden)).toBe(true);
	});

	it('does not count declined responses as respondents', () => {
		const responses = [...three.slice(0, 2), { answers: {}, declined: true }];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(result.hidden).toBe(true);
		expect(result.respondents).toBeNull();
	});

	it('reports the respondents without the declined ones', () => {
		const responses = [...three, { answers: {}, declined: true }, { answers: {}, declined: true }];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(result.respondents).toBe(3);
	});

	it('leaves answers left on a declined response out of the counts', () => {
		const responses = [
			...three,
			{ answers: { kunskap: 1, kannedom: 'lite', styrkor: 'Utkast' }, declined: true }
		];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(shown(result.items[0]).n).toBe(3);
		expect(result.items[3]).toEqual({ itemId: 'styrkor', type: 'text', hidden: false, count: 3 });
	});

	it('hides an item rated by fewer than k assessors although the subject has k respondents', () => {
		const responses = [
			answered({ kunskap: 4, ledarskap: 'cannot-assess' }),
			answered({ kunskap: 3, ledarskap: 'cannot-assess' }),
			answered({ kunskap: 5, ledarskap: 2 })
		];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(result.hidden).toBe(false);
		expect(result.respondents).toBe(3);
		expect(result.items[0]?.hidden).toBe(false);
		expect(result.items[1]).toEqual({ itemId: 'ledarskap', type: 'rating', hidden: true });
	});

	it('hides an item that fewer than k respondents answered at all', () => {
		const responses = [
			answered({ kunskap: 4, styrkor: 'Noggrann' }),
			answered({ kunskap: 3, styrkor: '' }),
			answered({ kunskap: 5 })
		];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(result.items[2]).toEqual({ itemId: 'kannedom', type: 'choice', hidden: true });
		expect(result.items[3]).toEqual({ itemId: 'styrkor', type: 'text', hidden: true });
	});

	it('counts "cannot assess" separately on a visible item', () => {
		const responses = [...three, answered({ kunskap: 'cannot-assess' })];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(shown(result.items[0])).toMatchObject({ n: 3, cannotAssess: 1, median: 4 });
	});

	it('treats an empty answer as unanswered', () => {
		const responses = [...three, answered({ kannedom: '', styrkor: '' })];
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		expect(result.respondents).toBe(4);
		expect(result.items[3]).toEqual({ itemId: 'styrkor', type: 'text', hidden: false, count: 3 });
		expect(shown(result.items[2]).n).toBe(3);
	});

	it('applies a k of 2', () => {
		const result = aggregateSubject({ form, sections, responses: three.slice(0, 2), k: 2 });
		expect(result.hidden).toBe(false);
		expect(result.respondents).toBe(2);
	});

	it('aggregates only the items of the sections it is given', () => {
		const withSelf = Template.parse({
			...form,
			sections: [
				...form.sections,
				{
					id: 'bara-sjalv',
					title: { sv: 'Själv' },
					about: 'trainee',
					items: [{ id: 'egna-mal', type: 'text', text: { sv: 'Mål' }, audience: 'self' }]
				}
			]
		});
		const assessorSections = sectionsFor({ form: withSelf, about: 'trainee', role: 'assessor' });
		const result = aggregateSubject({
			form: withSelf,
			sections: assessorSections,
			responses: three,
			k: 3
		});
		expect(result.items.map((item) => item.itemId)).not.toContain('egna-mal');
	});

	it('carries no respondent identity', () => {
		const people = [
			{ participantId: '6f1c1d2e-8a43-4e55-9a0b-0a1b2c3d4e01', author: 'Astrid Testsson' },
			{ participantId: '6f1c1d2e-8a43-4e55-9a0b-0a1b2c3d4e02', author: 'Bertil Påhittad' },
			{ participantId: '6f1c1d2e-8a43-4e55-9a0b-0a1b2c3d4e03', author: 'Cecilia Exempel' }
		];
		const responses: { answers: Answers; declined: boolean }[] = three.map((response, index) => ({
			...response,
			...people[index],
			id: `svar-${index}`,
			submittedAt: '2025-03-01T10:00:00Z'
		}));
		const result = aggregateSubject({ form, sections, responses, k: 3 });
		const json = JSON.stringify(result);
		for (const person of people) {
			expect(json).not.toContain(person.participantId);
			expect(json).not.toContain(person.author);
		}
		expect(json).not.toContain('svar-');
		expect(json).not.toContain('2025-03-01');

		const keys = new Set<string>();
		JSON.parse(json, (key, value: unknown) => {
			if (key !== '' && !/^\d+$/.test(key)) keys.add(key);
			return value;
		});
		expect([...keys].sort()).toEqual(
			[
				'cannotAssess',
				'count',
				'counts',
				'distribution',
				'hidden',
				'itemId',
				'items',
				'median',
				'n',
				'respondents',
				'type',
				'value'
			].sort()
		);
	});
});

describe('the aggregate schemas', () => {
	const form = Template.parse({
		id: 'schema-check',
		version: 1,
		kind: 'specialistkollegium',
		title: { sv: 'Schema' },
		scales: [
			{
				id: 's',
				label: { sv: 'S' },
				steps: [1, 2, 3].map((value) => ({ value, label: { sv: String(value) } })),
				cannotAssess: true
			}
		],
		sections: [
			{
				id: 'a',
				title: { sv: 'A' },
				about: 'trainee',
				items: [
					{ id: 'r', type: 'rating', text: { sv: 'R' }, scale: 's' },
					{ id: 't', type: 'text', text: { sv: 'T' } }
				]
			}
		]
	});
	const responses = [1, 2, 3].map((rating) => ({
		answers: { r: rating, t: 'text' },
		declined: false
	}));

	it('accepts what aggregateSubject produces', () => {
		const aggregate = aggregateSubject({ form, sections: form.sections, responses, k: 3 });
		expect(SubjectAggregate.safeParse(aggregate).success).toBe(true);
	});

	it('rejects an aggregate that carries anything more, such as who answered', () => {
		const aggregate = aggregateSubject({ form, sections: form.sections, responses, k: 3 });
		const leaky = {
			...aggregate,
			items: aggregate.items.map((item) => ({ ...item, participantId: 'x' }))
		};
		expect(SubjectAggregate.safeParse(leaky).success).toBe(false);
		expect(SubjectAggregate.safeParse({ ...aggregate, authors: ['x'] }).success).toBe(false);
	});
});
