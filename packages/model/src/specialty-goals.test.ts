import { describe, expect, it } from 'vitest';
import { translate } from './messages/index.ts';
import {
	parseSpecialtyGoals,
	previewGoals,
	SpecialtyGoals,
	specialtyGoalListName,
	specialtyGoalsFor,
	specialtyGoalsImportIssues,
	withShippedExamples,
	type SpecialtyGoalList,
	type SpecialtyGoalsPreview
} from './specialty-goals.ts';

const HSLF = 'HSLF-FS 2021:8' as const;
const SOSFS = 'SOSFS 2015:8' as const;

function issuesOf(preview: SpecialtyGoalsPreview) {
	return specialtyGoalsImportIssues(preview).map(({ path, code }) => ({ path, code }));
}

describe('parseSpecialtyGoals from CSV', () => {
	it('reads a Swedish Excel file with a BOM, semicolons, CRLF and blank lines', () => {
		const text =
			'\uFEFFkod;titel;titel_en\r\n' +
			'STc1;Akut omhändertagande;Emergency care\r\n' +
			';;\r\n' +
			'STc2;"Hjärt- och kärlsjukdomar; utredning";\r\n';
		const preview = parseSpecialtyGoals({ text, format: 'csv', regulation: HSLF });
		expect(preview.ok).toBe(true);
		expect(preview.rows.map((row) => row.line)).toEqual([2, 4]);
		expect(previewGoals(preview)).toEqual([
			{ code: 'STc1', title: { sv: 'Akut omhändertagande', en: 'Emergency care' } },
			{ code: 'STc2', title: { sv: 'Hjärt- och kärlsjukdomar; utredning' } }
		]);
	});

	it('reads English headers in any order and case, with commas', () => {
		const text = 'Title, CODE\nInfektioner,c3\n';
		const preview = parseSpecialtyGoals({ text, format: 'csv', regulation: SOSFS });
		expect(previewGoals(preview)).toEqual([{ code: 'c3', title: { sv: 'Infektioner' } }]);
	});

	it('names the row and column of the one bad row among good ones', () => {
		const good = Array.from({ length: 8 }, (_, i) => `STc${i + 1};Delmål ${i + 1}`);
		good.splice(4, 0, 'c5;Fel föreskrift');
		const preview = parseSpecialtyGoals({
			text: ['kod;titel', ...good].join('\n'),
			format: 'csv',
			regulation: HSLF
		});
		expect(preview.ok).toBe(false);
		expect(issuesOf(preview)).toEqual([{ path: 'rows.6.kod', code: 'specialtyGoalCodeSTc' }]);
		const bad = preview.rows.find((row) => row.line === 6);
		expect(bad?.goal).toBeNull();
		expect(bad?.issues[0]?.message).toBe(translate('sv', 'validation.specialtyGoalCodeSTc'));
	});

	const cases = [
		{
			name: 'a missing title',
			text: 'kod;titel\nSTc1;\n',
			expected: [{ path: 'rows.2.titel', code: 'too_small' }]
		},
		{
			name: 'a missing code',
			text: 'kod;titel\n;Något\n',
			expected: [{ path: 'rows.2.kod', code: 'missing' }]
		},
		{
			name: 'something that is no code',
			text: 'kod;titel\nhej;Något\n',
			expected: [{ path: 'rows.2.kod', code: 'specialtyGoalCodeSTc' }]
		},
		{
			name: 'a code twice, naming the first row',
			text: 'kod;titel\nSTc1;Ett\nSTc2;Två\nSTc1;Tre\n',
			expected: [{ path: 'rows.4.kod', code: 'specialtyGoalDuplicateLine' }]
		},
		{
			name: 'a row with more cells than columns',
			text: 'kod;titel\nSTc1;Ett;extra\n',
			expected: [{ path: 'rows.2', code: 'peopleExtraCells' }]
		},
		{
			name: 'a file without the title column',
			text: 'kod;namn\nSTc1;Ett\n',
			expected: [
				{ path: 'text.namn', code: 'peopleUnknownColumn' },
				{ path: 'text.titel', code: 'peopleMissingColumn' }
			]
		},
		{
			name: 'a file without a header',
			text: 'STc1;Ett\n',
			expected: [{ path: 'text', code: 'specialtyGoalsNoHeader' }]
		},
		{
			name: 'a file with only a header',
			text: 'kod;titel\n',
			expected: [{ path: 'text', code: 'specialtyGoalsEmpty' }]
		}
	];
	for (const { name, text, expected } of cases) {
		it(`refuses ${name}`, () => {
			const preview = parseSpecialtyGoals({ text, format: 'csv', regulation: HSLF });
			expect(preview.ok).toBe(false);
			expect(issuesOf(preview)).toEqual(expected);
		});
	}

	it('says what is wrong in English for an English reader, with the English header', () => {
		const preview = parseSpecialtyGoals({
			text: 'code,title\nSTc1,Ett\n',
			format: 'csv',
			regulation: SOSFS,
			locale: 'en'
		});
		expect(issuesOf(preview)).toEqual([{ path: 'rows.2.code', code: 'specialtyGoalCodeC' }]);
		expect(preview.rows[0]?.issues[0]?.message).toBe(
			translate('en', 'validation.specialtyGoalCodeC')
		);
	});
});

describe('parseSpecialtyGoals from JSON', () => {
	it('reads a list of goals, or an object holding one', () => {
		const goals = [{ code: 'c1', title: { sv: 'Ett', en: 'One' } }];
		for (const text of [JSON.stringify(goals), JSON.stringify({ regulation: SOSFS, goals })]) {
			const preview = parseSpecialtyGoals({ text, format: 'json', regulation: SOSFS });
			expect(previewGoals(preview)).toEqual(goals);
		}
	});

	it('names the goal and field at fault, counting goals from one', () => {
		const text = JSON.stringify([
			{ code: 'c1', title: { sv: 'Ett' } },
			{ code: 'c2', title: { en: 'Two' } }
		]);
		const preview = parseSpecialtyGoals({ text, format: 'json', regulation: SOSFS });
		expect(issuesOf(preview)).toEqual([{ path: 'rows.2.title.sv', code: 'invalid_type' }]);
	});

	it('refuses text that is not JSON, the wrong shape, and another regulation', () => {
		const read = (text: string) =>
			issuesOf(parseSpecialtyGoals({ text, format: 'json', regulation: HSLF }));
		expect(read('{ inte json')).toEqual([{ path: 'text', code: 'specialtyGoalsNotJson' }]);
		expect(read('{"code":"STc1"}')).toEqual([{ path: 'text', code: 'specialtyGoalsJsonShape' }]);
		expect(
			read(JSON.stringify({ regulation: SOSFS, goals: [{ code: 'STc1', title: { sv: 'Ett' } }] }))
		).toEqual([{ path: 'text.regulation', code: 'specialtyGoalsOtherRegulation' }]);
	});
});

describe('SpecialtyGoals', () => {
	it('accepts c-delmål of its own regulation only, each code once', () => {
		const list = (regulation: typeof HSLF | typeof SOSFS, codes: string[]) => ({
			regulation,
			specialty: 'Internmedicin',
			goals: codes.map((code) => ({ code, title: { sv: `Delmål ${code}` } }))
		});
		expect(SpecialtyGoals.safeParse(list(HSLF, ['STc1', 'STc2'])).success).toBe(true);
		expect(SpecialtyGoals.safeParse(list(SOSFS, ['c1', 'c12'])).success).toBe(true);
		const wrong = SpecialtyGoals.safeParse(list(HSLF, ['STc1', 'c2', 'STa1', 'STc1']));
		expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['goals.1.code', 'specialtyGoalCodeSTc'],
			['goals.2.code', 'specialtyGoalCodeSTc'],
			['goals.3.code', 'specialtyGoalDuplicateCode']
		]);
	});
});

describe('choosing and naming lists', () => {
	const list = (overrides: Partial<SpecialtyGoalList>): SpecialtyGoalList => ({
		id: 'lista',
		regulation: HSLF,
		specialty: 'Internmedicin',
		example: false,
		goals: [{ code: 'STc1', title: { sv: 'Ett' } }],
		shipped: false,
		updatedAt: null,
		updatedBy: null,
		...overrides
	});

	it("finds a trainee's list by specialty, case aside, and regulation", () => {
		const lists = [
			list({ id: 'a', regulation: SOSFS, goals: [{ code: 'c1', title: { sv: 'Ett' } }] }),
			list({ id: 'b' })
		];
		const find = (specialty: string | null, regulation: typeof HSLF | null) =>
			specialtyGoalsFor(lists, { specialty, regulation })?.id;
		expect(find(' internMEDICIN ', HSLF)).toBe('b');
		expect(find('Kirurgi', HSLF)).toBeUndefined();
		expect(find(null, HSLF)).toBeUndefined();
	});

	it('lets a stored list replace the shipped example of its specialty', () => {
		const example = list({ id: 'exempel', example: true, shipped: true });
		const other = list({ id: 'annan', specialty: 'Allmänmedicin', example: true, shipped: true });
		const stored = list({ id: 'egen', specialty: 'INTERNMEDICIN' });
		expect(withShippedExamples([stored], [example, other]).map((l) => l.id)).toEqual([
			'annan',
			'egen'
		]);
	});

	it('calls an example an example, in both languages', () => {
		const example = list({ example: true });
		expect(specialtyGoalListName(example, 'sv')).toMatch(
			/^Exempel: .*Internmedicin.*Socialstyrelsen/
		);
		expect(specialtyGoalListName(example, 'en')).toMatch(/^Example: /);
		expect(specialtyGoalListName(list({}), 'sv')).toBe(
			'c-delmål för Internmedicin (HSLF-FS 2021:8)'
		);
	});
});
