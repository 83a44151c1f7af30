import { describe, expect, it } from 'vitest';
import type { Distribution } from '../aggregate.ts';
import type { Subject } from '../kollegium.ts';
import type { Answers, AnswerValue } from '../response.ts';
import { Template } from '../template.ts';
import type { Step } from './agenda.ts';
import type { Comment } from './comments.ts';
import { buildStepView, StepView, type ViewInput } from './view.ts';

const ANNA = '00000000-0000-4000-8000-000000000001';
const ANNA_PARTICIPANT = '00000000-0000-4000-8000-0000000000f1';
const SUPERVISOR_OF_ANNA = '00000000-0000-4000-8000-0000000000f2';
const HANDLEDARE = '00000000-0000-4000-8000-000000000012';

const scale = {
	id: 'niva',
	label: { sv: 'Nivå' },
	steps: [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
	cannotAssess: true
};
const familiarity = {
	id: 'kannedom',
	type: 'choice',
	purpose: 'familiarity',
	text: { sv: 'Hur mycket har du arbetat med ST-läkaren?' },
	options: [
		{ value: 'lite', label: { sv: 'Lite' } },
		{ value: 'en-del', label: { sv: 'En del' } },
		{ value: 'mycket', label: { sv: 'Mycket' } }
	]
};
const kliniskt = {
	id: 'kliniskt',
	title: { sv: 'Kliniskt arbete' },
	about: 'trainee',
	items: [
		{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva' },
		{ id: 'ledarskap', type: 'rating', text: { sv: 'Ledarskap' }, scale: 'niva' },
		{
			id: 'egen-bedomning',
			type: 'rating',
			text: { sv: 'Egen bedömning' },
			scale: 'niva',
			audience: 'self'
		},
		{
			id: 'annat-val',
			type: 'choice',
			text: { sv: 'Annat' },
			options: [
				{ value: 'ja', label: { sv: 'Ja' } },
				{ value: 'nej', label: { sv: 'Nej' } }
			]
		},
		{ id: 'kliniskt-kommentar', type: 'text', text: { sv: 'Kommentar' } }
	]
};
const styrkor = {
	id: 'styrkor',
	title: { sv: 'Styrkor' },
	about: 'trainee',
	items: [{ id: 'styrkor-text', type: 'text', text: { sv: 'Styrkor' } }]
};

const form = Template.parse({
	id: 'vy-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Vy' },
	scales: [scale],
	sections: [
		{ id: 'bakgrund', title: { sv: 'Bakgrund' }, about: 'trainee', items: [familiarity] },
		kliniskt,
		styrkor
	]
});
const formWithoutFamiliarity = Template.parse({
	id: 'vy-utan-kannedom',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Vy' },
	scales: [scale],
	sections: [kliniskt, styrkor]
});

const anna: Subject = {
	id: ANNA,
	kind: 'trainee',
	name: 'Anna Andersson',
	participantId: ANNA_PARTICIPANT,
	specialty: 'Internmedicin',
	stStart: '2024-01-15',
	monthsOfLeave: 0,
	regulation: 'HSLF-FS 2021:8',
	supervisorId: SUPERVISOR_OF_ANNA
};

function step(kind: Step['kind'], sectionId: string | null = null, subjectId = ANNA): Step {
	return { id: [kind, subjectId, sectionId].filter(Boolean).join(':'), kind, subjectId, sectionId };
}

function input(overrides: Partial<ViewInput> = {}): ViewInput {
	return {
		step: step('intro'),
		form,
		subject: anna,
		startsAt: '2025-03-10T13:00:00Z',
		k: 3,
		answers: [],
		selfAnswers: null,
		comments: [],
		showSelf: false,
		splitByFamiliarity: false,
		...overrides
	};
}

/** One assessor's answers: how well they know the trainee and their rating of "kunskap". */
function rated(kannedom: string | undefined, kunskap: AnswerValue, more: Answers = {}): Answers {
	return { ...(kannedom === undefined ? {} : { kannedom }), kunskap, ...more };
}

function ratingsOf(view: StepView) {
	if (view.kind !== 'ratings') throw new Error(`expected a ratings view, got ${view.kind}`);
	return view.items;
}

function itemOf(view: StepView, itemId: string) {
	const item = ratingsOf(view).find((entry) => entry.itemId === itemId);
	if (!item) throw new Error(`no item ${itemId}`);
	return item;
}

function shownDistribution(view: StepView, itemId: string): Distribution {
	const { aggregate } = itemOf(view, itemId);
	if (aggregate.hidden || aggregate.type === 'text') throw new Error('expected a visible rating');
	return aggregate.distribution;
}

/** The split of "kunskap" as [label, n or null] per familiarity group. */
function splitOf(view: StepView): [string, number | null][] | null {
	const split = itemOf(view, 'kunskap').split;
	return split && split.map((group) => [group.label.sv, group.distribution?.n ?? null]);
}

function ratingsView(answers: Answers[], overrides: Partial<ViewInput> = {}): StepView {
	return buildStepView(input({ step: step('ratings', 'kliniskt'), answers, ...overrides }));
}

function comment(n: number, overrides: Partial<Comment> = {}): Comment {
	return {
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		subjectId: ANNA,
		itemId: 'kliniskt-kommentar',
		text: `Kommentar ${n}`,
		originalText: null,
		hidden: false,
		mergedInto: null,
		theme: '',
		...overrides
	};
}

describe('buildStepView: the subject', () => {
	it('shows the trainee’s name, specialty and month of training', () => {
		const view = buildStepView(input({ step: step('discussion') }));
		expect(view).toEqual({
			kind: 'discussion',
			subject: {
				kind: 'trainee',
				name: 'Anna Andersson',
				specialty: 'Internmedicin',
				monthOfTraining: 14
			}
		});
	});

	it('leaves months of leave out of the month of training', () => {
		const view = buildStepView(
			input({ step: step('discussion'), subject: { ...anna, monthsOfLeave: 4 } })
		);
		expect(view.subject.monthOfTraining).toBe(10);
	});

	it('has no month of training for a subject without an ST start', () => {
		const supervisor: Subject = {
			...anna,
			id: HANDLEDARE,
			kind: 'supervisor',
			name: 'Handledare Ett',
			participantId: null,
			specialty: null,
			stStart: null,
			regulation: null,
			supervisorId: null
		};
		const view = buildStepView(
			input({ step: step('discussion', null, HANDLEDARE), subject: supervisor })
		);
		expect(view.subject).toEqual({
			kind: 'supervisor',
			name: 'Handledare Ett',
			specialty: null,
			monthOfTraining: null
		});
	});
});

describe('buildStepView: intro', () => {
	const cases: { name: string; count: number; k: number; expected: number | null }[] = [
		{ name: 'hides the number of respondents below k', count: 2, k: 3, expected: null },
		{
			name: 'hides the number of respondents when nobody answered',
			count: 0,
			k: 3,
			expected: null
		},
		{ name: 'shows the number of respondents at k', count: 3, k: 3, expected: 3 },
		{ name: 'shows the number of respondents above k', count: 7, k: 3, expected: 7 },
		{ name: 'applies a k of 2', count: 2, k: 2, expected: 2 },
		{ name: 'applies a k of 5', count: 4, k: 5, expected: null }
	];
	for (const { name, count, k, expected } of cases) {
		it(name, () => {
			const answers = Array.from({ length: count }, () => rated('mycket', 4));
			const view = buildStepView(input({ step: step('intro'), answers, k }));
			expect(view).toMatchObject({ kind: 'intro', respondents: expected, k });
		});
	}

	it('counts a respondent who answered only free text', () => {
		const answers = [rated('mycket', 4), rated('lite', 3), { 'styrkor-text': 'Lugn' }];
		const view = buildStepView(input({ step: step('intro'), answers }));
		expect(view).toMatchObject({ respondents: 3 });
	});
});

describe('buildStepView: intro trends', () => {
	const trend = {
		sectionId: 'kliniskt',
		title: { sv: 'Kliniskt arbete' },
		points: [
			{
				kollegiumId: '00000000-0000-4000-8000-0000000000c1',
				date: '2024-03-10',
				respondents: 4,
				median: 3,
				counts: [{ value: 3, label: { sv: 'Steg 3' }, count: 4 }]
			}
		]
	};

	it('shows no trends unless they are given', () => {
		const view = buildStepView(input({ answers: [rated('mycket', 4)] }));
		expect(view).toMatchObject({ kind: 'intro', trends: null });
	});

	it("shows the earlier kollegier's trends it is given, and nothing of this one's answers", () => {
		const answers = [rated('mycket', 5), rated('mycket', 5), rated('mycket', 5)];
		const view = buildStepView(input({ answers, trends: [trend] }));
		expect(view).toMatchObject({ kind: 'intro', respondents: 3, trends: [trend] });
		expect(JSON.stringify(view)).not.toContain('"value":5');
		expect(StepView.safeParse(view).success).toBe(true);
	});

	it('shows no trends for a handledare, whatever it is given', () => {
		const handledare: Subject = { ...anna, id: HANDLEDARE, kind: 'supervisor', stStart: null };
		const view = buildStepView(
			input({ step: step('intro', null, HANDLEDARE), subject: handledare, trends: [trend] })
		);
		expect(view).toMatchObject({ kind: 'intro', trends: null });
	});
});

describe('buildStepView: followUp', () => {
	const previousPlan = {
		kollegiumId: '00000000-0000-4000-8000-0000000000c1',
		title: 'Specialistkollegium VT',
		startsAt: '2024-03-10T13:00:00.000Z',
		version: 2,
		goals: [
			{
				description: 'Leda ronden självständigt',
				goals: ['STa5'],
				activities: [
					{
						kind: 'assessment' as const,
						description: 'Observerad rond',
						instrument: 'mini-cex' as const
					}
				],
				responsible: 'Karin Holmlund',
				dueDate: '2024-09-01',
				followUp: 'Vid nästa kollegium'
			},
			{
				description: 'Skriva remisser',
				goals: ['STb1', 'STa1'],
				activities: [{ kind: 'course' as const, description: 'Remisskurs', instrument: null }],
				responsible: 'Peter Sjövik',
				dueDate: '2024-10-01',
				followUp: 'Handledarsamtal'
			}
		]
	};

	it('shows each goal of the previous plan with its delmål, activities and mark', () => {
		const view = buildStepView(
			input({
				step: step('followUp'),
				previousPlan,
				followUp: [{ outcome: 'partly', note: 'Nästan' }]
			})
		);
		expect(view).toEqual({
			kind: 'followUp',
			subject: expect.objectContaining({ name: 'Anna Andersson' }),
			from: { title: 'Specialistkollegium VT', startsAt: '2024-03-10T13:00:00.000Z', version: 2 },
			goals: [
				{
					description: 'Leda ronden självständigt',
					goals: ['STa5'],
					activities: [
						{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' }
					],
					outcome: 'partly',
					note: 'Nästan'
				},
				{
					description: 'Skriva remisser',
					goals: ['STb1', 'STa1'],
					activities: [{ kind: 'course', description: 'Remisskurs', instrument: null }],
					outcome: null,
					note: ''
				}
			]
		});
		expect(StepView.safeParse(view).success).toBe(true);
	});

	it('shows nothing from the answers, nor who is responsible', () => {
		const answers = [rated('mycket', 4), rated('mycket', 4), rated('mycket', 4)];
		const view = buildStepView(input({ step: step('followUp'), previousPlan, answers }));
		expect(JSON.stringify(view)).not.toContain('kunskap');
		expect(JSON.stringify(view)).not.toContain('Karin Holmlund');
	});

	it('shows an empty follow-up when the plan went away', () => {
		const view = buildStepView(input({ step: step('followUp') }));
		expect(view).toMatchObject({ kind: 'followUp', from: null, goals: [] });
	});
});

describe('buildStepView: discussion', () => {
	it('shows only the subject, whatever was answered', () => {
		const answers = [rated('mycket', 4), rated('mycket', 4), rated('mycket', 4)];
		const view = buildStepView(input({ step: step('discussion'), answers, showSelf: true }));
		expect(Object.keys(view).sort()).toEqual(['kind', 'subject']);
	});
});

describe('buildStepView: ratings', () => {
	const three = [rated('mycket', 4), rated('mycket', 5), rated('en-del', 4)];

	it('shows each rating item of the area, in form order, with its scale and distribution', () => {
		const view = ratingsView(three);
		expect(view).toMatchObject({ kind: 'ratings', title: { sv: 'Kliniskt arbete' } });
		const items = ratingsOf(view);
		expect(items.map((item) => item.itemId)).toEqual(['kunskap', 'ledarskap']);
		expect(items[0]).toEqual({
			itemId: 'kunskap',
			text: { sv: 'Kunskap' },
			steps: scale.steps,
			aggregate: {
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
			},
			self: null,
			split: null
		});
	});

	it('leaves out choice, free-text and self-assessment items', () => {
		const view = ratingsView(three);
		const ids = ratingsOf(view).map((item) => item.itemId);
		for (const id of ['annat-val', 'kliniskt-kommentar', 'egen-bedomning', 'kannedom']) {
			expect(ids).not.toContain(id);
		}
	});

	it('hides an item that fewer than k rated, with no distribution', () => {
		const answers = [
			rated('mycket', 4, { ledarskap: 2 }),
			rated('mycket', 5, { ledarskap: 3 }),
			rated('mycket', 4)
		];
		const item = itemOf(ratingsView(answers), 'ledarskap');
		expect(item.aggregate).toEqual({ itemId: 'ledarskap', type: 'rating', hidden: true });
		expect(JSON.stringify(item)).not.toContain('distribution');
	});

	it('hides every item when fewer than k answered about the subject', () => {
		const view = ratingsView(three.slice(0, 2), { splitByFamiliarity: true });
		for (const item of ratingsOf(view)) {
			expect(item.aggregate.hidden).toBe(true);
			expect(item.split).toBeNull();
		}
	});

	it('does not count "cannot assess" among the ratings', () => {
		const answers = [...three, rated('lite', 'cannot-assess')];
		expect(shownDistribution(ratingsView(answers), 'kunskap')).toMatchObject({
			n: 3,
			cannotAssess: 1
		});
	});

	it('hides an item that k answered but fewer than k could rate', () => {
		const answers = [
			rated('mycket', 4),
			rated('mycket', 5),
			rated('lite', 'cannot-assess'),
			rated('lite', 'cannot-assess')
		];
		expect(itemOf(ratingsView(answers), 'kunskap').aggregate).toEqual({
			itemId: 'kunskap',
			type: 'rating',
			hidden: true
		});
	});

	it('is empty for an area the form does not have', () => {
		const view = ratingsView(three, { step: step('ratings', 'finns-inte') });
		expect(view).toMatchObject({ kind: 'ratings', items: [] });
	});

	describe('the self-assessment', () => {
		const selfAnswers: Answers = { kunskap: 2, ledarskap: 'cannot-assess', 'egen-bedomning': 3 };

		it('is not shown unless the studierektor shows it', () => {
			const view = ratingsView(three, { selfAnswers, showSelf: false });
			for (const item of ratingsOf(view)) expect(item.self).toBeNull();
		});

		it('is shown per item when the studierektor shows it, but never beside an item hidden below k', () => {
			const view = ratingsView(three, { selfAnswers, showSelf: true });
			expect(ratingsOf(view).map((item) => [item.itemId, item.self])).toEqual([
				['kunskap', 2],
				['ledarskap', null]
			]);
		});

		it('is null for an item the trainee left unanswered', () => {
			const view = ratingsView(three, { selfAnswers: { kunskap: 2 }, showSelf: true });
			expect(itemOf(view, 'ledarskap').self).toBeNull();
		});

		it('is null when the trainee submitted no self-assessment', () => {
			const view = ratingsView(three, { selfAnswers: null, showSelf: true });
			for (const item of ratingsOf(view)) expect(item.self).toBeNull();
		});
	});

	describe('split by familiarity', () => {
		// The form asks "lite, en del, mycket": two groups of adjacent options, cut where both reach k.
		const room = (groups: Record<string, AnswerValue[]>) =>
			Object.entries(groups).flatMap(([kannedom, ratings]) =>
				ratings.map((rating) => rated(kannedom === 'none' ? undefined : kannedom, rating))
			);

		it('is not shown unless the studierektor splits', () => {
			const answers = room({ lite: [2, 3, 3], mycket: [4, 4, 5] });
			const view = ratingsView(answers);
			for (const item of ratingsOf(view)) expect(item.split).toBeNull();
			expect(view).not.toHaveProperty('splitAvailability');
		});

		it('says the form asks nothing about familiarity, and shows no group', () => {
			const answers = [rated(undefined, 4), rated(undefined, 5), rated(undefined, 3)];
			const view = ratingsView(answers, {
				form: formWithoutFamiliarity,
				splitByFamiliarity: true
			});
			for (const item of ratingsOf(view)) expect(item.split).toBeNull();
			expect(view).toMatchObject({ splitAvailability: 'noQuestion' });
		});

		it('shows two groups of three, each with its own counts and labelled by its options', () => {
			const answers = room({ lite: [2, 3], 'en-del': [3], mycket: [4, 5, 4] });
			const view = ratingsView(answers, { splitByFamiliarity: true });
			expect(view).toMatchObject({ splitAvailability: 'available' });
			expect(splitOf(view)).toEqual([
				['Lite, en del', 3],
				['Mycket', 3]
			]);
			expect(itemOf(view, 'kunskap').split?.[1]?.distribution).toMatchObject({ n: 3, median: 4 });
		});

		it('says why when five assessors cannot make two groups of three', () => {
			const answers = room({ lite: [2], 'en-del': [3, 3], mycket: [4, 5] });
			const view = ratingsView(answers, { splitByFamiliarity: true });
			expect(view).toMatchObject({ splitAvailability: 'belowK' });
			for (const item of ratingsOf(view)) expect(item.split).toBeNull();
		});

		it('shows no group when one assessor without a familiarity answer could be found by subtraction', () => {
			const answers = room({ lite: [2, 3, 3], mycket: [4, 4, 5], none: [1] });
			const view = ratingsView(answers, { splitByFamiliarity: true });
			expect(shownDistribution(view, 'kunskap').n).toBe(7);
			expect(view).toMatchObject({ splitAvailability: 'belowK' });
			expect(splitOf(view)).toBeNull();
		});

		it('hides both groups of an item where one group has fewer than k ratings', () => {
			const answers = [
				rated('mycket', 4, { ledarskap: 4 }),
				rated('mycket', 4, { ledarskap: 4 }),
				rated('mycket', 5, { ledarskap: 4 }),
				rated('lite', 3, { ledarskap: 3 }),
				rated('lite', 2, { ledarskap: 2 }),
				rated('lite', 'cannot-assess', { ledarskap: 3 })
			];
			const view = ratingsView(answers, { splitByFamiliarity: true });
			expect(splitOf(view)).toEqual([
				['Lite', null],
				['En del, mycket', null]
			]);
			expect(view).toMatchObject({ splitAvailability: 'available' });
			expect(itemOf(view, 'ledarskap').split?.map((group) => group.distribution?.n)).toEqual([
				3, 3
			]);
		});

		it('shows no split for an item hidden below k', () => {
			const answers = room({ lite: [2, 3, 3], mycket: [4, 4, 5] }).map((answers, index) =>
				index < 2 ? { ...answers, ledarskap: 3 } : answers
			);
			const view = ratingsView(answers, { splitByFamiliarity: true });
			expect(itemOf(view, 'ledarskap').aggregate.hidden).toBe(true);
			expect(itemOf(view, 'ledarskap').split).toBeNull();
			expect(splitOf(view)?.map(([, n]) => n)).toEqual([3, 3]);
		});
	});
});

describe('buildStepView: comments', () => {
	const comments = [
		comment(1, { theme: 'Kommunikation' }),
		comment(2, { hidden: true, text: 'Dold kommentar' }),
		comment(3, { mergedInto: comment(1).id }),
		comment(4, { text: 'Omformulerad', originalText: 'Som skriven' })
	];
	const three = [rated('mycket', 4), rated('mycket', 5), rated('lite', 3)];

	it('shows the curated comments of the area with its title once k answered', () => {
		const view = buildStepView(
			input({ step: step('comments', 'kliniskt'), answers: three, comments })
		);
		expect(view).toMatchObject({ kind: 'comments', title: { sv: 'Kliniskt arbete' } });
		expect(view.kind === 'comments' && view.comments).toEqual([
			{
				id: comment(1).id,
				itemId: 'kliniskt-kommentar',
				text: 'Kommentar 1',
				theme: 'Kommunikation',
				count: 2
			},
			{ id: comment(4).id, itemId: 'kliniskt-kommentar', text: 'Omformulerad', theme: '', count: 1 }
		]);
	});

	it('shows no comments when fewer than k answered about the subject', () => {
		const view = buildStepView(
			input({ step: step('comments', 'kliniskt'), answers: three.slice(0, 2), comments })
		);
		expect(view).toMatchObject({ kind: 'comments', comments: [], hidden: true });
		expect(JSON.stringify(view)).not.toMatch(/Kommentar \d/);
	});

	it('shows no comments when nobody answered', () => {
		const view = buildStepView(input({ step: step('comments', 'kliniskt'), comments }));
		expect(view).toMatchObject({ kind: 'comments', comments: [] });
	});

	it('never shows a hidden comment or the words as written', () => {
		const view = buildStepView(
			input({ step: step('comments', 'kliniskt'), answers: three, comments })
		);
		const json = JSON.stringify(view);
		expect(json).not.toContain('Dold kommentar');
		expect(json).not.toContain('Som skriven');
	});

	it('never shows the free-text answers themselves, only curated comments', () => {
		const answers = three.map((answers, index) => ({
			...answers,
			'kliniskt-kommentar': `Rå kommentar ${index}`
		}));
		const view = buildStepView(
			input({ step: step('comments', 'kliniskt'), answers, comments: [] })
		);
		expect(view).toMatchObject({ kind: 'comments', comments: [] });
		expect(JSON.stringify(view)).not.toContain('Rå kommentar');
	});
});

describe('buildStepView: an ST-läkarkollegium supervisor', () => {
	const stForm = Template.parse({
		id: 'st-vy',
		version: 1,
		kind: 'st-lakarkollegium',
		title: { sv: 'ST-läkarkollegium' },
		scales: [scale],
		sections: [
			{
				id: 'handledning',
				title: { sv: 'Handledning' },
				about: 'supervisor',
				items: [
					{ id: 'stod', type: 'rating', text: { sv: 'Stöd' }, scale: 'niva' },
					{ id: 'handledning-text', type: 'text', text: { sv: 'Kommentar' } }
				]
			}
		]
	});
	const supervisor: Subject = {
		id: HANDLEDARE,
		kind: 'supervisor',
		name: 'Handledare Ett',
		participantId: null,
		specialty: null,
		stStart: null,
		monthsOfLeave: 0,
		regulation: null,
		supervisorId: null
	};
	const base = { form: stForm, subject: supervisor };
	const two: Answers[] = [
		{ stod: 2, 'handledning-text': 'Sällan tillgänglig' },
		{ stod: 5, 'handledning-text': 'Bra' }
	];
	const comments = [comment(1, { subjectId: HANDLEDARE, itemId: 'handledning-text' })];

	it('shows nothing about a supervisor fewer than k trainees answered about', () => {
		const intro = buildStepView(
			input({ ...base, step: step('intro', null, HANDLEDARE), answers: two })
		);
		const ratings = buildStepView(
			input({ ...base, step: step('ratings', 'handledning', HANDLEDARE), answers: two })
		);
		const shown = buildStepView(
			input({ ...base, step: step('comments', 'handledning', HANDLEDARE), answers: two, comments })
		);
		expect(intro).toMatchObject({ respondents: null });
		expect(ratingsOf(ratings).every((item) => item.aggregate.hidden)).toBe(true);
		expect(shown).toMatchObject({ comments: [] });
	});

	it('shows the aggregate once k trainees answered about the supervisor', () => {
		const three = [...two, { stod: 4 }];
		const ratings = buildStepView(
			input({ ...base, step: step('ratings', 'handledning', HANDLEDARE), answers: three })
		);
		expect(shownDistribution(ratings, 'stod')).toMatchObject({ n: 3, median: 4 });
	});
});

describe('StepView', () => {
	const people = [
		{ participantId: '00000000-0000-4000-8000-0000000000a1', author: 'Astrid Testsson' },
		{ participantId: '00000000-0000-4000-8000-0000000000a2', author: 'Bertil Påhittad' },
		{ participantId: '00000000-0000-4000-8000-0000000000a3', author: 'Cecilia Exempel' },
		{ participantId: '00000000-0000-4000-8000-0000000000a4', author: 'David Provsson' }
	];
	/** Answers as they might leak out of storage: with their author and metadata riding along. */
	const leaky = [
		rated('mycket', 4, { ledarskap: 3, 'kliniskt-kommentar': 'Rå text Astrid' }),
		rated('mycket', 5, { ledarskap: 4, 'styrkor-text': 'Rå text Bertil' }),
		rated('mycket', 4, { ledarskap: 'cannot-assess' }),
		rated('lite', 1, { ledarskap: 2 })
	].map((answers, index) => ({
		...answers,
		...people[index],
		id: `svar-${index}`,
		submittedAt: '2025-03-01T10:00:00Z'
	}));
	const comments = [
		{ ...comment(1), ...people[0], originalText: 'Ursprunglig ordalydelse' } as unknown as Comment,
		comment(2, { mergedInto: comment(1).id })
	];
	const steps = [
		step('intro'),
		step('ratings', 'kliniskt'),
		step('comments', 'kliniskt'),
		step('comments', 'styrkor'),
		step('discussion')
	];
	const variants: { name: string; answers: Answers[] }[] = [
		{ name: 'below k', answers: leaky.slice(0, 2) },
		{ name: 'at k', answers: leaky.slice(0, 3) },
		{ name: 'above k', answers: leaky }
	];
	const toggles = [
		{ showSelf: false, splitByFamiliarity: false },
		{ showSelf: true, splitByFamiliarity: true }
	];
	const cases = steps.flatMap((entry) =>
		variants.flatMap((variant) =>
			toggles.map((toggle) => ({
				name: `${entry.kind} ${entry.sectionId ?? ''} ${variant.name} ${JSON.stringify(toggle)}`,
				view: () =>
					buildStepView(
						input({
							step: entry,
							answers: variant.answers,
							selfAnswers: { kunskap: 3, ledarskap: 4 },
							comments,
							...toggle
						})
					)
			}))
		)
	);

	for (const { name, view } of cases) {
		it(`accepts what buildStepView gives for ${name}`, () => {
			const result = StepView.safeParse(view());
			expect(result.error?.issues ?? []).toEqual([]);
		});

		it(`carries nobody’s identity for ${name}`, () => {
			const json = JSON.stringify(view());
			for (const person of people) {
				expect(json).not.toContain(person.participantId);
				expect(json).not.toContain(person.author);
			}
			for (const secret of [
				'svar-',
				'2025-03-01',
				'Rå text',
				'Ursprunglig',
				ANNA_PARTICIPANT,
				SUPERVISOR_OF_ANNA,
				'HSLF'
			]) {
				expect(json).not.toContain(secret);
			}
		});
	}

	it('rejects a view that carries anything more, such as who answered', () => {
		const view = buildStepView(input({ step: step('intro'), answers: leaky }));
		expect(StepView.safeParse(view).success).toBe(true);
		expect(StepView.safeParse({ ...view, authors: ['Astrid'] }).success).toBe(false);
		expect(
			StepView.safeParse({ ...view, subject: { ...view.subject, participantId: ANNA_PARTICIPANT } })
				.success
		).toBe(false);
	});

	it('rejects a rated item that carries the individual answers', () => {
		const view = ratingsView(leaky.slice(0, 3));
		if (view.kind !== 'ratings') throw new Error('expected ratings');
		const withAnswers = {
			...view,
			items: view.items.map((item) => ({ ...item, answers: [4, 5, 4] }))
		};
		expect(StepView.safeParse(withAnswers).success).toBe(false);
	});
});
