import { describe, expect, it } from 'vitest';
import {
	itemsOf,
	scaleOf,
	sectionsFor,
	Template,
	type FormRole,
	type SubjectKind
} from './template.ts';

const levelScale = {
	id: 'niva',
	label: { sv: 'Nivå' },
	steps: [
		{ value: 1, label: { sv: 'Under förväntad nivå' } },
		{ value: 2, label: { sv: 'På förväntad nivå' } },
		{ value: 3, label: { sv: 'Över förväntad nivå' } }
	],
	cannotAssess: true
};

function specialistTemplate(): unknown {
	return {
		id: 'specialist-test',
		version: 1,
		kind: 'specialistkollegium',
		title: { sv: 'Testformulär' },
		scales: [levelScale],
		sections: [
			{
				id: 'medicinsk-kompetens',
				title: { sv: 'Medicinsk kompetens' },
				about: 'trainee',
				items: [
					{ id: 'kunskap', type: 'rating', text: { sv: 'Medicinsk kunskap' }, scale: 'niva' },
					{
						id: 'samarbete',
						type: 'rating',
						text: { sv: 'Samarbete' },
						scale: 'niva',
						audience: 'assessor'
					},
					{
						id: 'egen-styrka',
						type: 'text',
						text: { sv: 'Vad är du bra på?' },
						audience: 'self'
					}
				]
			},
			{
				id: 'bara-specialister',
				title: { sv: 'Kännedom' },
				about: 'trainee',
				items: [
					{
						id: 'kannedom',
						type: 'choice',
						text: { sv: 'Hur mycket har du arbetat med ST-läkaren?' },
						audience: 'assessor',
						options: [
							{ value: 'lite', label: { sv: 'Lite' } },
							{ value: 'mycket', label: { sv: 'Mycket' } }
						]
					}
				]
			},
			{
				id: 'sjalvskattning',
				title: { sv: 'Självskattning' },
				about: 'trainee',
				items: [
					{ id: 'mal', type: 'text', text: { sv: 'Dina mål' }, audience: 'self', required: true }
				]
			}
		]
	};
}

function stTemplate(): unknown {
	return {
		id: 'st-test',
		version: 2,
		kind: 'st-lakarkollegium',
		title: { sv: 'ST-läkarkollegium test' },
		scales: [levelScale],
		sections: [
			{
				id: 'kliniken',
				title: { sv: 'Kliniken' },
				about: 'clinic',
				items: [{ id: 'klimat', type: 'rating', text: { sv: 'Klimat' }, scale: 'niva', spur: 'H' }]
			},
			{
				id: 'handledaren',
				title: { sv: 'Handledaren' },
				about: 'supervisor',
				items: [
					{ id: 'tillganglighet', type: 'rating', text: { sv: 'Tillgänglig' }, scale: 'niva' }
				]
			}
		]
	};
}

type Raw = {
	kind: string;
	scales: unknown[];
	sections: { about: string; items: Record<string, unknown>[] }[];
};

function issuesOf(input: unknown): { path: PropertyKey[]; message: string }[] {
	const result = Template.safeParse(input);
	return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('Template', () => {
	it('accepts a specialistkollegium form about the trainee', () => {
		expect(Template.safeParse(specialistTemplate()).success).toBe(true);
	});

	it('accepts an st-lakarkollegium form about the clinic and a supervisor', () => {
		expect(Template.safeParse(stTemplate()).success).toBe(true);
	});

	it('fills in the defaults of items', () => {
		const form = Template.parse(specialistTemplate());
		const [first] = form.sections;
		expect(first?.items[0]).toMatchObject({ audience: 'all', required: false, goals: [] });
		expect(first?.items[2]).toMatchObject({ maxLength: 2000, purpose: 'comment' });
		expect(form.sections[1]?.items[0]).toMatchObject({ purpose: 'other' });
	});

	it('defaults the scales to none', () => {
		const { scales, ...raw } = specialistTemplate() as Raw;
		expect(scales).toHaveLength(1);
		raw.sections = [raw.sections[2]!];
		expect(Template.parse(raw).scales).toEqual([]);
	});

	it('rejects an item id used twice across sections, pointing at the second one', () => {
		const raw = specialistTemplate() as Raw;
		raw.sections[2]!.items[0]!.id = 'kunskap';
		expect(issuesOf(raw)).toEqual([
			{ path: ['sections', 2, 'items', 0, 'id'], message: 'Duplicate item id' }
		]);
	});

	it('rejects an item id used twice in one section', () => {
		const raw = specialistTemplate() as Raw;
		raw.sections[0]!.items[1]!.id = 'kunskap';
		expect(issuesOf(raw)).toEqual([
			{ path: ['sections', 0, 'items', 1, 'id'], message: 'Duplicate item id' }
		]);
	});

	it('rejects a rating item whose scale is not in the form', () => {
		const raw = specialistTemplate() as Raw;
		raw.sections[0]!.items[1]!.scale = 'finns-inte';
		expect(issuesOf(raw)).toEqual([
			{ path: ['sections', 0, 'items', 1, 'scale'], message: 'Unknown scale' }
		]);
	});

	it('rejects a rating item when the form has no scales', () => {
		const raw = stTemplate() as Raw;
		raw.scales = [];
		expect(issuesOf(raw).map((issue) => issue.path)).toEqual([
			['sections', 0, 'items', 0, 'scale'],
			['sections', 1, 'items', 0, 'scale']
		]);
	});

	it('rejects a specialistkollegium section about the clinic', () => {
		const raw = specialistTemplate() as Raw;
		raw.sections[1]!.about = 'clinic';
		expect(issuesOf(raw)).toEqual([
			{
				path: ['sections', 1, 'about'],
				message: 'A specialistkollegium section cannot be about "clinic"'
			}
		]);
	});

	it('rejects a specialistkollegium section about a supervisor', () => {
		const raw = specialistTemplate() as Raw;
		raw.sections[0]!.about = 'supervisor';
		expect(issuesOf(raw).map((issue) => issue.path)).toEqual([['sections', 0, 'about']]);
	});

	it('rejects an st-lakarkollegium section about the trainee', () => {
		const raw = stTemplate() as Raw;
		raw.sections[1]!.about = 'trainee';
		expect(issuesOf(raw)).toEqual([
			{
				path: ['sections', 1, 'about'],
				message: 'A st-lakarkollegium section cannot be about "trainee"'
			}
		]);
	});

	it('reports every problem of a form at once', () => {
		const raw = stTemplate() as Raw;
		raw.sections[0]!.about = 'trainee';
		raw.sections[1]!.items[0]!.id = 'klimat';
		expect(issuesOf(raw).map((issue) => issue.path)).toEqual([
			['sections', 0, 'about'],
			['sections', 1, 'items', 0, 'id']
		]);
	});

	const shapeCases: { name: string; change: (raw: Raw) => void }[] = [
		{ name: 'rejects a form without sections', change: (raw) => void (raw.sections = []) },
		{
			name: 'rejects a section without items',
			change: (raw) => void (raw.sections[0]!.items = [])
		},
		{
			name: 'rejects an item id that is not a slug',
			change: (raw) => void (raw.sections[0]!.items[0]!.id = 'Kunskap och färdighet')
		},
		{
			name: 'rejects a text with an empty Swedish wording',
			change: (raw) => void (raw.sections[0]!.items[0]!.text = { sv: '   ' })
		},
		{
			name: 'rejects a choice item with a single option',
			change: (raw) =>
				void (raw.sections[1]!.items[0]!.options = [{ value: 'lite', label: { sv: 'Lite' } }])
		},
		{
			name: 'rejects a text item with a maximum length below 10',
			change: (raw) => void (raw.sections[2]!.items[0]!.maxLength = 5)
		},
		{
			name: 'rejects a goal that is not a delmål code',
			change: (raw) => void (raw.sections[0]!.items[0]!.goals = ['delmal-1'])
		},
		{
			name: 'rejects a scale with a single step',
			change: (raw) => void (raw.scales = [{ ...levelScale, steps: [levelScale.steps[0]] }])
		},
		{ name: 'rejects an unknown kind', change: (raw) => void (raw.kind = 'arbetsplatstraff') }
	];
	for (const { name, change } of shapeCases) {
		it(name, () => {
			const raw = specialistTemplate() as Raw;
			change(raw);
			expect(Template.safeParse(raw).success).toBe(false);
		});
	}
});

describe('sectionsFor', () => {
	const form = Template.parse(specialistTemplate());
	const st = Template.parse(stTemplate());

	const cases: {
		name: string;
		input: { form: Template; about: SubjectKind; role: FormRole };
		expected: Record<string, string[]>;
	}[] = [
		{
			name: 'shows assessors the shared and assessor-only items, not the self-only ones',
			input: { form, about: 'trainee', role: 'assessor' },
			expected: {
				'medicinsk-kompetens': ['kunskap', 'samarbete'],
				'bara-specialister': ['kannedom']
			}
		},
		{
			name: 'shows the self-assessment the shared and self-only items, not the assessor-only ones',
			input: { form, about: 'trainee', role: 'self' },
			expected: {
				'medicinsk-kompetens': ['kunskap', 'egen-styrka'],
				sjalvskattning: ['mal']
			}
		},
		{
			name: 'shows nothing about a subject kind the form has no section for',
			input: { form, about: 'clinic', role: 'assessor' },
			expected: {}
		},
		{
			name: 'shows a trainee in an st-lakarkollegium only the clinic sections when asked about the clinic',
			input: { form: st, about: 'clinic', role: 'trainee' },
			expected: { kliniken: ['klimat'] }
		},
		{
			name: 'shows a trainee in an st-lakarkollegium only the supervisor sections when asked about a supervisor',
			input: { form: st, about: 'supervisor', role: 'trainee' },
			expected: { handledaren: ['tillganglighet'] }
		}
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			const sections = sectionsFor(input);
			expect(
				Object.fromEntries(
					sections.map((section) => [section.id, section.items.map((item) => item.id)])
				)
			).toEqual(expected);
			expect(sections.map((section) => section.id)).toEqual(Object.keys(expected));
		});
	}

	it('hides assessor-only and self-only items from a trainee answering an st-lakarkollegium', () => {
		const raw = stTemplate() as Raw;
		raw.sections[0]!.items.push(
			{
				id: 'for-specialister',
				type: 'rating',
				text: { sv: 'X' },
				scale: 'niva',
				audience: 'assessor'
			},
			{ id: 'for-sjalv', type: 'rating', text: { sv: 'Y' }, scale: 'niva', audience: 'self' }
		);
		const sections = sectionsFor({ form: Template.parse(raw), about: 'clinic', role: 'trainee' });
		expect(itemsOf(sections).map((item) => item.id)).toEqual(['klimat']);
	});

	it('keeps the title and about of a section', () => {
		const [section] = sectionsFor({ form, about: 'trainee', role: 'assessor' });
		expect(section).toMatchObject({
			id: 'medicinsk-kompetens',
			title: { sv: 'Medicinsk kompetens' },
			about: 'trainee'
		});
	});

	it('does not change the form', () => {
		const before = structuredClone(form);
		sectionsFor({ form, about: 'trainee', role: 'self' });
		expect(form).toEqual(before);
	});
});

describe('itemsOf', () => {
	it('lists every item of the sections in form order', () => {
		const form = Template.parse(specialistTemplate());
		expect(itemsOf(form.sections).map((item) => item.id)).toEqual([
			'kunskap',
			'samarbete',
			'egen-styrka',
			'kannedom',
			'mal'
		]);
	});

	it('lists nothing for no sections', () => {
		expect(itemsOf([])).toEqual([]);
	});
});

describe('scaleOf', () => {
	const form = Template.parse(specialistTemplate());

	it('finds the scale a rating item names', () => {
		const item = form.sections[0]?.items[0];
		if (item?.type !== 'rating') throw new Error('fixture: expected a rating item');
		expect(scaleOf(form, item).id).toBe('niva');
	});

	it('throws when the scale is missing from the form', () => {
		const item = form.sections[0]?.items[0];
		if (item?.type !== 'rating') throw new Error('fixture: expected a rating item');
		expect(() => scaleOf(form, { ...item, scale: 'annan' })).toThrow(
			'Scale annan missing from form specialist-test'
		);
	});
});
