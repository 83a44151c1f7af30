import { describe, expect, it } from 'vitest';
import type { Subject } from '../kollegium.ts';
import { Template } from '../template.ts';
import { buildAgenda, stableShuffle, Step } from './agenda.ts';

const ANNA = '00000000-0000-4000-8000-000000000001';
const BO = '00000000-0000-4000-8000-000000000002';
const CLINIC = '00000000-0000-4000-8000-000000000011';
const HANDLEDARE_1 = '00000000-0000-4000-8000-000000000012';
const HANDLEDARE_2 = '00000000-0000-4000-8000-000000000013';

const scale = {
	id: 'niva',
	label: { sv: 'Nivå' },
	steps: [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
	cannotAssess: true
};

const form = Template.parse({
	id: 'agenda-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Agenda' },
	scales: [scale],
	sections: [
		{
			id: 'bakgrund',
			title: { sv: 'Bakgrund' },
			about: 'trainee',
			items: [
				{
					id: 'kannedom',
					type: 'choice',
					purpose: 'familiarity',
					text: { sv: 'Hur mycket har du arbetat med ST-läkaren?' },
					options: [
						{ value: 'lite', label: { sv: 'Lite' } },
						{ value: 'mycket', label: { sv: 'Mycket' } }
					]
				}
			]
		},
		{
			id: 'kliniskt',
			title: { sv: 'Kliniskt arbete' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva' },
				{ id: 'kliniskt-kommentar', type: 'text', text: { sv: 'Kommentar' } }
			]
		},
		{
			id: 'kommunikation',
			title: { sv: 'Kommunikation' },
			about: 'trainee',
			items: [{ id: 'patienter', type: 'rating', text: { sv: 'Med patienter' }, scale: 'niva' }]
		},
		{
			id: 'styrkor',
			title: { sv: 'Styrkor' },
			about: 'trainee',
			items: [{ id: 'styrkor-text', type: 'text', text: { sv: 'Styrkor' } }]
		},
		{
			id: 'bara-sjalv',
			title: { sv: 'Självskattning' },
			about: 'trainee',
			items: [
				{
					id: 'egen-niva',
					type: 'rating',
					text: { sv: 'Egen nivå' },
					scale: 'niva',
					audience: 'self'
				},
				{ id: 'egna-mal', type: 'text', text: { sv: 'Mål' }, audience: 'self' }
			]
		},
		{
			id: 'bara-bedomare',
			title: { sv: 'Bedömare' },
			about: 'trainee',
			items: [
				{
					id: 'ledarskap',
					type: 'rating',
					text: { sv: 'Ledarskap' },
					scale: 'niva',
					audience: 'assessor'
				}
			]
		},
		{
			id: 'blandat',
			title: { sv: 'Blandat' },
			about: 'trainee',
			items: [
				{ id: 'samarbete', type: 'rating', text: { sv: 'Samarbete' }, scale: 'niva' },
				{ id: 'reflektion', type: 'text', text: { sv: 'Reflektion' }, audience: 'self' }
			]
		}
	]
});

const stForm = Template.parse({
	id: 'st-agenda-test',
	version: 1,
	kind: 'st-lakarkollegium',
	title: { sv: 'ST-läkarkollegium' },
	scales: [scale],
	sections: [
		{
			id: 'klimat',
			title: { sv: 'Klimat' },
			about: 'clinic',
			items: [
				{ id: 'klimat-betyg', type: 'rating', text: { sv: 'Klimat' }, scale: 'niva' },
				{ id: 'klimat-text', type: 'text', text: { sv: 'Kommentar' } }
			]
		},
		{
			id: 'handledning',
			title: { sv: 'Handledning' },
			about: 'supervisor',
			items: [{ id: 'handledning-betyg', type: 'rating', text: { sv: 'Stöd' }, scale: 'niva' }]
		},
		{
			id: 'struktur',
			title: { sv: 'Struktur' },
			about: 'clinic',
			items: [{ id: 'struktur-text', type: 'text', text: { sv: 'Struktur' } }]
		}
	]
});

function subject(id: string, kind: Subject['kind'], name: string): Subject {
	const trainee = kind === 'trainee';
	return {
		id,
		kind,
		name,
		participantId: trainee ? '00000000-0000-4000-8000-0000000000f1' : null,
		specialty: trainee ? 'Internmedicin' : null,
		stStart: trainee ? '2024-01-15' : null,
		monthsOfLeave: 0,
		regulation: trainee ? 'HSLF-FS 2021:8' : null,
		supervisorId: null
	};
}

const anna = subject(ANNA, 'trainee', 'Anna Andersson');
const bo = subject(BO, 'trainee', 'Bo Berg');

function outline(steps: readonly Step[]): [string, string, string | null][] {
	return steps.map((step) => [step.kind, step.subjectId, step.sectionId]);
}

describe('buildAgenda', () => {
	it('gives a subject an intro, a ratings and a comments step per area, then discussion', () => {
		const agenda = buildAgenda({ form, subjects: [anna] });
		expect(outline(agenda)).toEqual([
			['intro', ANNA, null],
			['ratings', ANNA, 'kliniskt'],
			['comments', ANNA, 'kliniskt'],
			['ratings', ANNA, 'kommunikation'],
			['comments', ANNA, 'styrkor'],
			['ratings', ANNA, 'bara-bedomare'],
			['ratings', ANNA, 'blandat'],
			['discussion', ANNA, null]
		]);
	});

	it('runs through each subject in turn, in the order given', () => {
		const agenda = buildAgenda({ form, subjects: [bo, anna] });
		const subjects = agenda.map((step) => step.subjectId);
		const firstAnna = subjects.indexOf(ANNA);
		expect(firstAnna).toBeGreaterThan(0);
		expect(subjects.slice(0, firstAnna).every((id) => id === BO)).toBe(true);
		expect(subjects.slice(firstAnna).every((id) => id === ANNA)).toBe(true);
		expect(agenda[0]).toMatchObject({ kind: 'intro', subjectId: BO });
		expect(agenda[firstAnna - 1]).toMatchObject({ kind: 'discussion', subjectId: BO });
		expect(agenda[firstAnna]).toMatchObject({ kind: 'intro', subjectId: ANNA });
		expect(agenda.at(-1)).toMatchObject({ kind: 'discussion', subjectId: ANNA });
	});

	it('gives every step a unique id', () => {
		const agenda = buildAgenda({ form, subjects: [anna, bo] });
		expect(new Set(agenda.map((step) => step.id)).size).toBe(agenda.length);
	});

	it('gives every step of an ST-läkarkollegium a unique id', () => {
		const subjects = [
			subject(CLINIC, 'clinic', 'Kliniken'),
			subject(HANDLEDARE_1, 'supervisor', 'Handledare Ett'),
			subject(HANDLEDARE_2, 'supervisor', 'Handledare Två')
		];
		const agenda = buildAgenda({ form: stForm, subjects });
		expect(new Set(agenda.map((step) => step.id)).size).toBe(agenda.length);
	});

	it('gives the same ids when built again, so revealed steps survive a reload', () => {
		const first = buildAgenda({ form, subjects: [anna, bo] });
		const again = buildAgenda({ form, subjects: [anna, bo] });
		expect(again.map((step) => step.id)).toEqual(first.map((step) => step.id));
	});

	it('produces steps that the Step schema accepts', () => {
		const agenda = buildAgenda({ form, subjects: [anna, bo] });
		for (const step of agenda) {
			expect(Step.safeParse(step).success).toBe(true);
		}
	});

	it('gives no steps to an area that holds only choice items', () => {
		const agenda = buildAgenda({ form, subjects: [anna] });
		expect(agenda.some((step) => step.sectionId === 'bakgrund')).toBe(false);
	});

	it('leaves out an area whose items only the trainee answers', () => {
		const agenda = buildAgenda({ form, subjects: [anna] });
		expect(agenda.some((step) => step.sectionId === 'bara-sjalv')).toBe(false);
	});

	it('keeps an area whose items only the assessors answer', () => {
		const agenda = buildAgenda({ form, subjects: [anna] });
		expect(agenda.filter((step) => step.sectionId === 'bara-bedomare')).toEqual([
			expect.objectContaining({ kind: 'ratings' })
		]);
	});

	it('gives no comments step for text items only the trainee answers', () => {
		const agenda = buildAgenda({ form, subjects: [anna] });
		expect(agenda.filter((step) => step.sectionId === 'blandat').map((step) => step.kind)).toEqual([
			'ratings'
		]);
	});

	it('gives the clinic the clinic areas and each supervisor the supervisor areas', () => {
		const subjects = [
			subject(CLINIC, 'clinic', 'Kliniken'),
			subject(HANDLEDARE_1, 'supervisor', 'Handledare Ett'),
			subject(HANDLEDARE_2, 'supervisor', 'Handledare Två')
		];
		const agenda = buildAgenda({ form: stForm, subjects });
		expect(outline(agenda)).toEqual([
			['intro', CLINIC, null],
			['ratings', CLINIC, 'klimat'],
			['comments', CLINIC, 'klimat'],
			['comments', CLINIC, 'struktur'],
			['discussion', CLINIC, null],
			['intro', HANDLEDARE_1, null],
			['ratings', HANDLEDARE_1, 'handledning'],
			['discussion', HANDLEDARE_1, null],
			['intro', HANDLEDARE_2, null],
			['ratings', HANDLEDARE_2, 'handledning'],
			['discussion', HANDLEDARE_2, null]
		]);
	});

	it('gives a subject with no areas of its own only an intro and a discussion', () => {
		const onlyClinic = Template.parse({ ...stForm, sections: [stForm.sections[0]] });
		const agenda = buildAgenda({
			form: onlyClinic,
			subjects: [subject(HANDLEDARE_1, 'supervisor', 'Handledare Ett')]
		});
		expect(outline(agenda)).toEqual([
			['intro', HANDLEDARE_1, null],
			['discussion', HANDLEDARE_1, null]
		]);
	});

	it('is empty without subjects', () => {
		expect(buildAgenda({ form, subjects: [] })).toEqual([]);
	});

	it("follows up a trainee's previous plan right after their introduction", () => {
		const agenda = buildAgenda({ form, subjects: [anna, bo], withPreviousPlan: new Set([BO]) });
		const kinds = (id: string) =>
			agenda.filter((step) => step.subjectId === id).map((step) => step.kind);
		expect(kinds(ANNA)).not.toContain('followUp');
		expect(kinds(BO).slice(0, 3)).toEqual(['intro', 'followUp', 'ratings']);
		expect(agenda.find((step) => step.kind === 'followUp')).toEqual({
			id: `followUp:${BO}`,
			kind: 'followUp',
			subjectId: BO,
			sectionId: null
		});
	});

	it('gives no follow-up step to a clinic or a handledare, whatever it is told', () => {
		const subjects = [
			subject(CLINIC, 'clinic', 'Kliniken'),
			subject(HANDLEDARE_1, 'supervisor', 'Handledare Ett')
		];
		const agenda = buildAgenda({
			form: stForm,
			subjects,
			withPreviousPlan: new Set([CLINIC, HANDLEDARE_1])
		});
		expect(agenda.some((step) => step.kind === 'followUp')).toBe(false);
	});

	it('keeps the ids of the other steps when a follow-up step comes in', () => {
		const without = buildAgenda({ form, subjects: [anna] });
		const withIt = buildAgenda({ form, subjects: [anna], withPreviousPlan: new Set([ANNA]) });
		expect(withIt.filter((step) => step.kind !== 'followUp').map((step) => step.id)).toEqual(
			without.map((step) => step.id)
		);
	});
});

describe('stableShuffle', () => {
	const items = Array.from({ length: 30 }, (_, index) => `kommentar-${index}`);

	it('gives the same order for the same seed', () => {
		expect(stableShuffle(items, 'möte-1')).toEqual(stableShuffle(items, 'möte-1'));
	});

	it('is a permutation of the items', () => {
		const shuffled = stableShuffle(items, 'möte-1');
		expect(shuffled).toHaveLength(items.length);
		expect([...shuffled].sort()).toEqual([...items].sort());
	});

	it('gives different orders for different seeds', () => {
		expect(stableShuffle(items, 'möte-1')).not.toEqual(stableShuffle(items, 'möte-2'));
	});

	it('does not keep a long list in its given order', () => {
		expect(stableShuffle(items, 'möte-1')).not.toEqual(items);
	});

	it('does not change the list it is given', () => {
		const original = [...items];
		stableShuffle(items, 'möte-1');
		expect(items).toEqual(original);
	});

	it('returns a new array', () => {
		expect(stableShuffle(items, 'möte-1')).not.toBe(items);
	});

	const edges: { name: string; input: string[]; expected: string[] }[] = [
		{ name: 'returns an empty list for an empty list', input: [], expected: [] },
		{ name: 'returns a single item as it is', input: ['ensam'], expected: ['ensam'] }
	];
	for (const { name, input, expected } of edges) {
		it(name, () => {
			expect(stableShuffle(input, 'frö')).toEqual(expected);
		});
	}

	it('keeps duplicate values, each as often as given', () => {
		const shuffled = stableShuffle(['a', 'a', 'b', 'b', 'b'], 'frö');
		expect([...shuffled].sort()).toEqual(['a', 'a', 'b', 'b', 'b']);
	});

	it('uses the seed and nothing else, so an empty seed is deterministic too', () => {
		expect(stableShuffle(items, '')).toEqual(stableShuffle(items, ''));
	});
});
