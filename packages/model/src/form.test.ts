import { describe, expect, it } from 'vitest';
import { buildFormSnapshot, CustomItem, FocusGoals, sectionHelp } from './form.ts';
import { KollegiumInput } from './kollegium.ts';
import { Template } from './template.ts';

const scales = [
	{
		id: 'niva',
		label: { sv: 'Nivå' },
		steps: [1, 2, 3].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
		cannotAssess: true
	},
	{
		id: 'ja-nej',
		label: { sv: 'Ja eller nej' },
		steps: [
			{ value: 0, label: { sv: 'Nej' } },
			{ value: 1, label: { sv: 'Ja' } }
		],
		cannotAssess: false
	}
];

const specialist = Template.parse({
	id: 'specialist-test',
	version: 3,
	kind: 'specialistkollegium',
	title: { sv: 'Specialistkollegium' },
	scales,
	sections: [
		{
			id: 'kompetens',
			title: { sv: 'Kompetens' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva', goals: ['STa3'] }
			]
		}
	]
});

const st = Template.parse({
	id: 'st-test',
	version: 1,
	kind: 'st-lakarkollegium',
	title: { sv: 'ST-läkarkollegium' },
	scales: [scales[1]],
	sections: [
		{
			id: 'kliniken',
			title: { sv: 'Kliniken' },
			about: 'clinic',
			items: [{ id: 'klimat', type: 'text', text: { sv: 'Klimatet' } }]
		},
		{
			id: 'handledning',
			title: { sv: 'Handledning' },
			about: 'supervisor',
			items: [{ id: 'tid', type: 'rating', text: { sv: 'Tid för handledning' }, scale: 'ja-nej' }]
		}
	]
});

function custom(items: unknown[]): CustomItem[] {
	return items.map((item) => CustomItem.parse(item));
}

describe('buildFormSnapshot', () => {
	it('keeps the template as it is when there are no custom questions', () => {
		const snapshot = buildFormSnapshot({ template: specialist, customItems: [] });
		expect(snapshot).toEqual(specialist);
	});

	it('appends the custom questions about the trainee as one section after the template sections', () => {
		const snapshot = buildFormSnapshot({
			template: specialist,
			customItems: custom([
				{ type: 'rating', text: 'Hanterar stress' },
				{ type: 'text', text: 'Något mer att tillägga?' }
			])
		});
		expect(snapshot.sections.map((section) => section.id)).toEqual([
			'kompetens',
			'egna-fragor-trainee'
		]);
		expect(snapshot.sections[1]).toEqual({
			id: 'egna-fragor-trainee',
			title: { sv: 'Egna frågor', en: 'Additional questions' },
			about: 'trainee',
			items: [
				{
					id: 'egen-1',
					type: 'rating',
					text: { sv: 'Hanterar stress' },
					goals: [],
					audience: 'all',
					required: false,
					scale: 'niva'
				},
				{
					id: 'egen-2',
					type: 'text',
					text: { sv: 'Något mer att tillägga?' },
					goals: [],
					audience: 'all',
					required: false,
					maxLength: 2000,
					purpose: 'comment'
				}
			]
		});
	});

	it('rates custom questions on the first scale of the template', () => {
		const snapshot = buildFormSnapshot({
			template: { ...specialist, scales: [...specialist.scales].reverse() },
			customItems: custom([{ type: 'rating', text: 'Tar ansvar' }])
		});
		expect(snapshot.sections.at(-1)?.items[0]).toMatchObject({ type: 'rating', scale: 'ja-nej' });
	});

	it('makes a custom rating question a text question when the template has no scale', () => {
		const textOnly = Template.parse({ ...st, scales: [], sections: [st.sections[0]] });
		const snapshot = buildFormSnapshot({
			template: textOnly,
			customItems: custom([{ type: 'rating', text: 'Hur trivs du?', about: 'clinic' }])
		});
		expect(snapshot.sections.at(-1)?.items[0]).toMatchObject({ type: 'text', id: 'egen-1' });
		expect(Template.safeParse(snapshot).success).toBe(true);
	});

	it('appends one section per subject kind, numbering the questions in the order given', () => {
		const snapshot = buildFormSnapshot({
			template: st,
			customItems: custom([
				{ type: 'text', text: 'Lokalerna', about: 'clinic' },
				{ type: 'rating', text: 'Ger återkoppling', about: 'supervisor' },
				{ type: 'rating', text: 'Schemat', about: 'clinic' }
			])
		});
		const added = snapshot.sections.slice(2).map((section) => ({
			id: section.id,
			about: section.about,
			items: section.items.map((item) => item.id)
		}));
		expect(added).toEqual([
			{ id: 'egna-fragor-clinic', about: 'clinic', items: ['egen-1', 'egen-3'] },
			{ id: 'egna-fragor-supervisor', about: 'supervisor', items: ['egen-2'] }
		]);
	});

	it('builds a snapshot that still parses as a template', () => {
		const snapshots = [
			buildFormSnapshot({
				template: specialist,
				customItems: custom([
					{ type: 'rating', text: 'Hanterar stress' },
					{ type: 'text', text: 'Övrigt' }
				])
			}),
			buildFormSnapshot({
				template: st,
				customItems: custom([
					{ type: 'rating', text: 'Schemat', about: 'clinic' },
					{ type: 'text', text: 'Övrigt om handledaren', about: 'supervisor' }
				])
			})
		];
		for (const snapshot of snapshots) {
			expect(Template.parse(snapshot)).toEqual(snapshot);
		}
	});

	it('does not change the template', () => {
		const before = structuredClone(specialist);
		buildFormSnapshot({
			template: specialist,
			customItems: custom([{ type: 'rating', text: 'Hanterar stress' }])
		});
		expect(specialist).toEqual(before);
	});

	it('is not changed by later edits of the template', () => {
		const template = structuredClone(specialist);
		const snapshot = buildFormSnapshot({ template, customItems: [] });
		template.title.sv = 'Nytt namn';
		template.scales[0]!.steps[0]!.label.sv = 'Ändrad';
		template.sections[0]!.items[0]!.text.sv = 'Ändrad fråga';
		template.sections[0]!.title.sv = 'Ändrad rubrik';
		expect(snapshot).toEqual(specialist);
	});

	it('builds a valid form from every custom question an st-lakarkollegium input accepts', () => {
		const input = KollegiumInput.safeParse({
			kind: 'st-lakarkollegium',
			title: 'ST-läkarkollegium hösten',
			templateId: 'st-test',
			startsAt: '2025-10-20T13:00:00+02:00',
			answerDeadline: '2025-10-13T23:59:00+02:00',
			customItems: [{ type: 'text', text: 'Hur fungerar jourerna?' }]
		});
		const snapshot = input.success
			? buildFormSnapshot({ template: st, customItems: input.data.customItems })
			: st;
		expect(Template.safeParse(snapshot).error?.issues ?? []).toEqual([]);
	});
});

describe('CustomItem', () => {
	it('is about the trainee unless told otherwise', () => {
		expect(CustomItem.parse({ type: 'text', text: 'Övrigt' }).about).toBe('trainee');
	});

	it('trims the question text', () => {
		expect(CustomItem.parse({ type: 'text', text: '  Övrigt  ' }).text).toBe('Övrigt');
	});

	const rejected: { name: string; input: unknown }[] = [
		{ name: 'rejects a question shorter than 3 characters', input: { type: 'text', text: ' ok ' } },
		{
			name: 'rejects a question longer than 300 characters',
			input: { type: 'text', text: 'x'.repeat(301) }
		},
		{ name: 'rejects a choice question', input: { type: 'choice', text: 'Välj en' } },
		{
			name: 'rejects an unknown subject kind',
			input: { type: 'text', text: 'Övrigt', about: 'chef' }
		}
	];
	for (const { name, input } of rejected) {
		it(name, () => {
			expect(CustomItem.safeParse(input).success).toBe(false);
		});
	}
});

describe('FocusGoals', () => {
	it('defaults to no goals', () => {
		expect(FocusGoals.parse(undefined)).toEqual([]);
	});

	it('accepts delmål codes of both regulations', () => {
		expect(FocusGoals.parse(['STa1', 'STc12', 'b3'])).toEqual(['STa1', 'STc12', 'b3']);
	});

	it('rejects a code that is not a delmål', () => {
		expect(FocusGoals.safeParse(['STd1']).success).toBe(false);
	});

	it('rejects more than 40 goals', () => {
		expect(FocusGoals.safeParse(Array.from({ length: 41 }, () => 'a1')).success).toBe(false);
	});
});

describe('sectionHelp', () => {
	const relative = {
		sv: 'Bedöm i relation till förväntad nivå.',
		en: 'Rate against the expected level.'
	};
	const own = { sv: 'Räkna in jourerna.' };

	it('says a help text several questions share once, for the section', () => {
		const help = sectionHelp([
			{ id: 'a', help: relative },
			{ id: 'b', help: { ...relative } },
			{ id: 'c', help: own },
			{ id: 'd' }
		]);
		expect(help.shared).toEqual([relative]);
		expect([...help.perItem]).toEqual([['c', own]]);
	});

	it('keeps a help text only one question has with that question', () => {
		const help = sectionHelp([{ id: 'a', help: relative }, { id: 'b' }]);
		expect(help.shared).toEqual([]);
		expect(help.perItem.get('a')).toEqual(relative);
	});

	it('tells texts apart by their English too', () => {
		const help = sectionHelp([
			{ id: 'a', help: relative },
			{ id: 'b', help: { sv: relative.sv, en: 'Something else.' } }
		]);
		expect(help.shared).toEqual([]);
		expect(help.perItem.size).toBe(2);
	});
});
