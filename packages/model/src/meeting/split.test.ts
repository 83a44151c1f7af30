import { describe, expect, it } from 'vitest';
import type { Subject } from '../kollegium.ts';
import type { Answers, AnswerValue } from '../response.ts';
import { Template, type ChoiceItem } from '../template.ts';
import { buildStepView, type StepView } from './view.ts';
import { familiarityGroups } from './split.ts';

// As the shipped templates ask it: four options, from the most to the least.
const OPTIONS = [
	['mycket', 'Mycket – vi arbetar regelbundet tillsammans', 'A lot – we work together regularly'],
	['en-del', 'En del – vid flera tillfällen', 'Some – on several occasions'],
	['lite', 'Lite – vid enstaka tillfällen', 'A little – on the odd occasion'],
	['inte-alls', 'Inte alls', 'Not at all']
] as const;
const VALUES = OPTIONS.map(([value]) => value);

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
			id: 'underlag',
			title: { sv: 'Underlag' },
			about: 'trainee',
			items: [
				{
					id: 'samarbete',
					type: 'choice',
					purpose: 'familiarity',
					audience: 'assessor',
					text: { sv: 'Hur mycket har du arbetat med ST-läkaren?' },
					options: OPTIONS.map(([value, sv, en]) => ({ value, label: { sv, en } }))
				}
			]
		},
		{
			id: 'a',
			title: { sv: 'A' },
			about: 'trainee',
			items: [
				{ id: 'r1', type: 'rating', text: { sv: 'R1' }, scale: 's' },
				{ id: 'r2', type: 'rating', text: { sv: 'R2' }, scale: 's' }
			]
		},
		{
			id: 'b',
			title: { sv: 'B' },
			about: 'trainee',
			items: [{ id: 'r3', type: 'rating', text: { sv: 'R3' }, scale: 's' }]
		}
	]
});
const familiarity = form.sections[0]!.items[0] as ChoiceItem;
const trainee: Subject = {
	id: '00000000-0000-4000-8000-000000000001',
	kind: 'trainee',
	name: 'Anna Andersson',
	participantId: null,
	specialty: null,
	stStart: null,
	monthsOfLeave: 0,
	regulation: null,
	supervisorId: null
};

function view(answers: readonly Answers[], k: number, sectionId = 'a'): StepView {
	return buildStepView({
		step: {
			id: `ratings:${trainee.id}:${sectionId}`,
			kind: 'ratings',
			subjectId: trainee.id,
			sectionId
		},
		form,
		subject: trainee,
		startsAt: '2025-03-10T13:00:00Z',
		k,
		answers,
		selfAnswers: null,
		comments: [],
		showSelf: false,
		splitByFamiliarity: true
	});
}

function itemsOf(step: StepView) {
	if (step.kind !== 'ratings') throw new Error('expected ratings');
	return step.items;
}

/** People who chose these familiarity options (undefined: skipped the question). */
const people = (...options: (string | undefined)[]) =>
	options.map((samarbete): { answers: Answers } => ({
		answers: samarbete === undefined ? {} : { samarbete }
	}));

/** A small deterministic generator, so a failing room can be found again. */
function random(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		return (state >>> 8) % below;
	};
}

describe('the familiarity groups', () => {
	it('puts three who work with the trainee a lot and three a little in two groups', () => {
		const groups = familiarityGroups({
			familiarity,
			responses: people('mycket', 'mycket', 'en-del', 'lite', 'lite', 'inte-alls'),
			k: 3
		});
		expect(groups?.map((group) => group.label)).toEqual([
			{ sv: 'Mycket, en del', en: 'A lot, some' },
			{ sv: 'Lite, inte alls', en: 'A little, not at all' }
		]);
		expect(groups?.map((group) => group.values)).toEqual([
			['mycket', 'en-del'],
			['lite', 'inte-alls']
		]);
	});

	it('cuts elsewhere when the middle leaves a side below k', () => {
		const groups = familiarityGroups({
			familiarity,
			responses: people('mycket', 'mycket', 'mycket', 'en-del', 'lite', 'lite'),
			k: 3
		});
		expect(groups?.map((group) => group.label.sv)).toEqual(['Mycket', 'En del, lite, inte alls']);
	});

	it('keeps the middle cut whenever both its sides reach k', () => {
		const groups = familiarityGroups({
			familiarity,
			responses: people('mycket', 'mycket', 'mycket', 'en-del', 'lite', 'lite', 'lite'),
			k: 3
		});
		expect(groups?.map((group) => group.values.length)).toEqual([2, 2]);
	});

	it('makes no groups of five assessors with k = 3, however they answered', () => {
		const choices = [...VALUES, undefined];
		for (let code = 0; code < choices.length ** 5; code += 1) {
			const answers = Array.from(
				{ length: 5 },
				(_, index) => choices[Math.floor(code / choices.length ** index) % choices.length]
			);
			expect(familiarityGroups({ familiarity, responses: people(...answers), k: 3 })).toBeNull();
		}
	});

	it('makes no groups when fewer than k skipped the question, since the total holds them', () => {
		const six = ['mycket', 'mycket', 'mycket', 'lite', 'lite', 'lite'];
		expect(
			familiarityGroups({ familiarity, responses: people(...six, undefined), k: 3 })
		).toBeNull();
		const groups = familiarityGroups({
			familiarity,
			responses: people(...six, undefined, undefined, undefined),
			k: 3
		});
		expect(groups).not.toBeNull();
	});

	it('never makes a group of fewer than k, nor leaves out between one and k − 1', () => {
		for (const k of [2, 3, 4, 5]) {
			// Every count of 0–4 people per option, and 0–3 who skipped the question.
			for (let code = 0; code < 5 ** 4 * 4; code += 1) {
				const counts = VALUES.map((_, index) => Math.floor(code / 5 ** index) % 5);
				const skipped = Math.floor(code / 5 ** 4);
				const responses = people(
					...VALUES.flatMap((value, index) => Array<string>(counts[index] ?? 0).fill(value)),
					...Array<undefined>(skipped).fill(undefined)
				);
				const groups = familiarityGroups({ familiarity, responses, k });
				if (!groups) continue;
				for (const group of groups) {
					const size = responses.filter((r) => group.values.includes(String(r.answers.samarbete)));
					expect(size.length, `k ${k}, ${counts.join('/')}`).toBeGreaterThanOrEqual(k);
				}
				expect(skipped === 0 || skipped >= k, `k ${k}, ${skipped} skipped`).toBe(true);
			}
		}
	});
});

describe('the familiarity split on the screen', () => {
	const answer = (
		samarbete: string | undefined,
		r1: AnswerValue,
		r2: AnswerValue = 3
	): Answers => ({
		...(samarbete === undefined ? {} : { samarbete }),
		r1,
		r2,
		r3: 4
	});

	it('shows each group of three beside the total', () => {
		const answers = [
			answer('mycket', 4),
			answer('mycket', 5),
			answer('en-del', 4),
			answer('lite', 2),
			answer('lite', 3),
			answer('inte-alls', 'cannot-assess'),
			answer('inte-alls', 2)
		];
		const [r1] = itemsOf(view(answers, 3));
		expect(r1?.split?.map((group) => [group.label.sv, group.distribution?.n])).toEqual([
			['Mycket, en del', 3],
			['Lite, inte alls', 3]
		]);
		expect(r1?.split?.[1]?.distribution?.cannotAssess).toBe(1);
	});

	it('splits every step of a subject into the same groups', () => {
		const answers = [
			...['mycket', 'mycket', 'mycket'].map((s) => answer(s, 4)),
			...['en-del', 'lite', 'lite'].map((s) => answer(s, 3))
		];
		const labels = (step: StepView) =>
			itemsOf(step).map((item) => item.split?.map((group) => group.label.sv));
		expect(labels(view(answers, 3, 'a'))).toEqual([
			['Mycket', 'En del, lite, inte alls'],
			['Mycket', 'En del, lite, inte alls']
		]);
		expect(labels(view(answers, 3, 'b'))).toEqual([['Mycket', 'En del, lite, inte alls']]);
	});

	it('never lets the total and the shown groups differ by fewer than k, in thousands of rooms', () => {
		const next = random(14);
		const choices = [...VALUES, undefined];
		const ratings: (AnswerValue | undefined)[] = [1, 2, 3, 4, 5, 'cannot-assess', undefined];
		let splits = 0;
		for (let room = 0; room < 4000; room += 1) {
			const k = 2 + next(4);
			const answers = Array.from({ length: next(13) }, () => {
				const samarbete = choices[next(choices.length)];
				const r1 = ratings[next(ratings.length)];
				return {
					...(samarbete === undefined ? {} : { samarbete }),
					...(r1 === undefined ? {} : { r1 }),
					r2: 3
				};
			});
			const step = view(answers, k);
			for (const item of itemsOf(step)) {
				if (!item.split) continue;
				if (item.aggregate.hidden || item.aggregate.type === 'text')
					throw new Error('split of hidden');
				const shown = item.split.flatMap((group) =>
					group.distribution ? [group.distribution] : []
				);
				if (shown.length === 0) continue;
				splits += 1;
				const total = item.aggregate.distribution;
				const where = `room ${room}, k ${k}: ${JSON.stringify(answers)}`;
				for (const group of shown) expect(group.n, where).toBeGreaterThanOrEqual(k);
				const restRatings = total.n - shown.reduce((sum, group) => sum + group.n, 0);
				const restPeople =
					restRatings + total.cannotAssess - shown.reduce((sum, g) => sum + g.cannotAssess, 0);
				for (const rest of [restRatings, restPeople]) {
					expect(rest === 0 || rest >= k, `${where} leaves ${rest}`).toBe(true);
				}
				total.counts.forEach((entry, index) => {
					const inGroups = shown.reduce((sum, group) => sum + (group.counts[index]?.count ?? 0), 0);
					expect(entry.count - inGroups, where).toBeGreaterThanOrEqual(0);
				});
			}
			const available = step.kind === 'ratings' && step.splitAvailability === 'available';
			const anyShown = itemsOf(step).some((item) => item.split?.some((g) => g.distribution));
			expect(available, `room ${room}`).toBe(anyShown);
		}
		// The rooms must have tried the rule, not just skipped it.
		expect(splits).toBeGreaterThan(100);
	});

	it('shows nothing of a group a lone "kan ej bedöma" would leave below k', () => {
		const answers = [
			answer('mycket', 4),
			answer('mycket', 4),
			answer('en-del', 5),
			answer('lite', 2),
			answer('lite', 3),
			answer('inte-alls', 'cannot-assess')
		];
		const [r1, r2] = itemsOf(view(answers, 3));
		expect(r1?.split?.map((group) => group.distribution)).toEqual([null, null]);
		expect(r2?.split?.map((group) => group.distribution?.n)).toEqual([3, 3]);
	});
});
