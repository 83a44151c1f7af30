import { describe, expect, it } from 'vitest';
import {
	answerProgress,
	AnswerValue,
	CANNOT_ASSESS,
	ResponseInput,
	storableDraft,
	validateAnswers,
	type Answers
} from './response.ts';
import { sectionsFor, Template, type FormRole } from './template.ts';

const form = Template.parse({
	id: 'svar-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Svar' },
	scales: [
		{
			id: 'niva',
			label: { sv: 'Nivå' },
			steps: [1, 2, 3, 4].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
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
	],
	sections: [
		{
			id: 'kompetens',
			title: { sv: 'Kompetens' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva', required: true },
				{ id: 'rekommenderar', type: 'rating', text: { sv: 'Rekommenderar' }, scale: 'ja-nej' },
				{
					id: 'kommentar',
					type: 'text',
					text: { sv: 'Kommentar' },
					maxLength: 20,
					required: true
				},
				{
					id: 'kannedom',
					type: 'choice',
					text: { sv: 'Kännedom' },
					audience: 'assessor',
					required: true,
					options: [
						{ value: 'lite', label: { sv: 'Lite' } },
						{ value: 'mycket', label: { sv: 'Mycket' } }
					]
				},
				{ id: 'egna-mal', type: 'text', text: { sv: 'Egna mål' }, audience: 'self' }
			]
		}
	]
});

function check(options: {
	answers: Answers;
	submit?: boolean;
	declined?: boolean;
	role?: FormRole;
}): { path: string; code: string }[] {
	const sections = sectionsFor({ form, about: 'trainee', role: options.role ?? 'assessor' });
	return validateAnswers({
		form,
		sections,
		answers: options.answers,
		submit: options.submit ?? false,
		declined: options.declined ?? false
	}).map(({ path, code }) => ({ path, code }));
}

const complete: Answers = { kunskap: 3, kommentar: 'Bra jobbat', kannedom: 'mycket' };

describe('validateAnswers', () => {
	const valid: { name: string; input: Answers }[] = [
		{ name: 'accepts an empty draft', input: {} },
		{ name: 'accepts every step of a scale', input: { kunskap: 1, rekommenderar: 0 } },
		{ name: 'accepts the top step of a scale', input: { kunskap: 4, rekommenderar: 1 } },
		{
			name: 'accepts "cannot assess" on a scale that allows it',
			input: { kunskap: CANNOT_ASSESS }
		},
		{ name: 'accepts a text of exactly the maximum length', input: { kommentar: 'x'.repeat(20) } },
		{ name: 'accepts an empty text', input: { kommentar: '' } },
		{ name: 'accepts one of the options of a choice', input: { kannedom: 'lite' } }
	];
	for (const { name, input } of valid) {
		it(name, () => {
			expect(check({ answers: input })).toEqual([]);
		});
	}

	const invalid: { name: string; input: Answers; expected: { path: string; code: string }[] }[] = [
		{
			name: 'reports an answer to a question that is not on the form as unknownItem',
			input: { 'finns-inte': 3 },
			expected: [{ path: 'answers.finns-inte', code: 'unknownItem' }]
		},
		{
			name: 'reports a rating above the scale as invalidOption',
			input: { kunskap: 5 },
			expected: [{ path: 'answers.kunskap', code: 'invalidOption' }]
		},
		{
			name: 'reports a rating below the scale as invalidOption',
			input: { kunskap: 0 },
			expected: [{ path: 'answers.kunskap', code: 'invalidOption' }]
		},
		{
			name: 'reports "cannot assess" on a scale that does not allow it as invalidOption',
			input: { rekommenderar: CANNOT_ASSESS },
			expected: [{ path: 'answers.rekommenderar', code: 'invalidOption' }]
		},
		{
			name: 'reports a text over the maximum length as tooLong',
			input: { kommentar: 'x'.repeat(21) },
			expected: [{ path: 'answers.kommentar', code: 'tooLong' }]
		},
		{
			name: 'reports a choice value that is not an option as invalidOption',
			input: { kannedom: 'ibland' },
			expected: [{ path: 'answers.kannedom', code: 'invalidOption' }]
		},
		{
			name: 'reports "cannot assess" on a choice as invalidOption',
			input: { kannedom: CANNOT_ASSESS },
			expected: [{ path: 'answers.kannedom', code: 'invalidOption' }]
		},
		{
			name: 'reports a text answer to a rating as wrongType',
			input: { kunskap: 'bra' },
			expected: [{ path: 'answers.kunskap', code: 'wrongType' }]
		},
		{
			name: 'reports a number answer to a text question as wrongType',
			input: { kommentar: 3 },
			expected: [{ path: 'answers.kommentar', code: 'wrongType' }]
		},
		{
			name: 'reports a number answer to a choice as wrongType',
			input: { kannedom: 1 },
			expected: [{ path: 'answers.kannedom', code: 'wrongType' }]
		},
		{
			name: 'reports every faulty answer, in the order given',
			input: { kannedom: 'ibland', kunskap: 9, okand: 'x' },
			expected: [
				{ path: 'answers.kannedom', code: 'invalidOption' },
				{ path: 'answers.kunskap', code: 'invalidOption' },
				{ path: 'answers.okand', code: 'unknownItem' }
			]
		}
	];
	for (const { name, input, expected } of invalid) {
		it(name, () => {
			expect(check({ answers: input })).toEqual(expected);
		});
	}

	it('treats a question hidden from the respondent as unknown', () => {
		expect(check({ answers: { 'egna-mal': 'Bli specialist' }, role: 'assessor' })).toEqual([
			{ path: 'answers.egna-mal', code: 'unknownItem' }
		]);
		expect(check({ answers: { kannedom: 'lite' }, role: 'self' })).toEqual([
			{ path: 'answers.kannedom', code: 'unknownItem' }
		]);
	});

	it('lets a draft leave required questions unanswered', () => {
		expect(check({ answers: {}, submit: false })).toEqual([]);
	});

	it('reports each unanswered required question on submit', () => {
		expect(check({ answers: {}, submit: true })).toEqual([
			{ path: 'answers.kunskap', code: 'required' },
			{ path: 'answers.kommentar', code: 'required' },
			{ path: 'answers.kannedom', code: 'required' }
		]);
	});

	it('treats an empty text as unanswered on submit', () => {
		expect(check({ answers: { ...complete, kommentar: '' }, submit: true })).toEqual([
			{ path: 'answers.kommentar', code: 'required' }
		]);
	});

	it('accepts a complete submission', () => {
		expect(check({ answers: complete, submit: true })).toEqual([]);
	});

	it('accepts "cannot assess" as the answer to a required rating', () => {
		expect(check({ answers: { ...complete, kunskap: CANNOT_ASSESS }, submit: true })).toEqual([]);
	});

	it('does not require answers when the respondent declined', () => {
		expect(check({ answers: {}, submit: true, declined: true })).toEqual([]);
	});

	it('still checks the answers given when the respondent declined', () => {
		expect(check({ answers: { kunskap: 7 }, submit: true, declined: true })).toEqual([
			{ path: 'answers.kunskap', code: 'invalidOption' }
		]);
	});

	it('only requires the questions the respondent sees', () => {
		expect(
			check({ answers: { kunskap: 2, kommentar: 'Mina mål' }, submit: true, role: 'self' })
		).toEqual([]);
	});

	it('gives every issue a message', () => {
		const sections = sectionsFor({ form, about: 'trainee', role: 'assessor' });
		const issues = validateAnswers({
			form,
			sections,
			answers: { okand: 1, kunskap: 'x', kommentar: 'x'.repeat(30), kannedom: 'nej' },
			submit: true,
			declined: false
		});
		expect(issues.map((issue) => issue.code).sort()).toEqual(
			['invalidOption', 'tooLong', 'unknownItem', 'wrongType'].sort()
		);
		for (const issue of issues) expect(issue.message).not.toBe('');
	});
});

describe('ResponseInput', () => {
	function manyAnswers(count: number): Answers {
		return Object.fromEntries(Array.from({ length: count }, (_, index) => [`fraga-${index}`, 1]));
	}

	it('accepts 200 answers', () => {
		expect(ResponseInput.safeParse({ answers: manyAnswers(200) }).success).toBe(true);
	});

	it('rejects more than 200 answers', () => {
		const result = ResponseInput.safeParse({ answers: manyAnswers(201) });
		expect(result.success).toBe(false);
		expect(result.error?.issues).toMatchObject([{ path: ['answers'], message: 'tooManyAnswers' }]);
	});

	it('defaults declined and startOver to false', () => {
		expect(ResponseInput.parse({ answers: {} })).toEqual({
			answers: {},
			declined: false,
			startOver: false
		});
	});

	it('keeps a base revision', () => {
		expect(ResponseInput.parse({ answers: {}, baseRevision: 4 }).baseRevision).toBe(4);
	});

	const rejected: { name: string; input: unknown }[] = [
		{ name: 'rejects a negative base revision', input: { answers: {}, baseRevision: -1 } },
		{ name: 'rejects a fractional base revision', input: { answers: {}, baseRevision: 1.5 } },
		{ name: 'rejects missing answers', input: {} },
		{
			name: 'rejects a question id longer than 80 characters',
			input: { answers: { ['a'.repeat(81)]: 1 } }
		},
		{ name: 'rejects a rating above 10', input: { answers: { kunskap: 11 } } },
		{ name: 'rejects a negative rating', input: { answers: { kunskap: -1 } } },
		{ name: 'rejects a fractional rating', input: { answers: { kunskap: 2.5 } } },
		{
			name: 'rejects a text longer than 5000 characters',
			input: { answers: { kommentar: 'x'.repeat(5001) } }
		},
		{ name: 'rejects an answer that is a list', input: { answers: { kannedom: ['lite'] } } },
		{ name: 'rejects an answer that is null', input: { answers: { kunskap: null } } }
	];
	for (const { name, input } of rejected) {
		it(name, () => {
			expect(ResponseInput.safeParse(input).success).toBe(false);
		});
	}
});

describe('AnswerValue', () => {
	const cases: { name: string; input: unknown; expected: boolean }[] = [
		{ name: 'accepts a scale value', input: 0, expected: true },
		{ name: 'accepts "cannot assess"', input: CANNOT_ASSESS, expected: true },
		{ name: 'accepts a text of 5000 characters', input: 'x'.repeat(5000), expected: true },
		{ name: 'rejects a boolean', input: true, expected: false }
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(AnswerValue.safeParse(input).success).toBe(expected);
		});
	}
});

describe('answerProgress', () => {
	const sections = sectionsFor({ form, about: 'trainee', role: 'assessor' });

	it('counts the questions the respondent sees and those with an answer', () => {
		expect(answerProgress({ sections, answers: {} })).toEqual({ answered: 0, total: 4 });
		expect(
			answerProgress({ sections, answers: { kunskap: CANNOT_ASSESS, kommentar: 'Bra' } })
		).toEqual({ answered: 2, total: 4 });
	});

	it('does not count a blank text as an answer', () => {
		expect(answerProgress({ sections, answers: { kommentar: '   ' } }).answered).toBe(0);
	});
});

describe('storableDraft', () => {
	const sections = sectionsFor({ form, about: 'trainee', role: 'assessor' });
	const draft = (answers: Answers, stored: Answers) =>
		storableDraft({
			answers,
			stored,
			issues: validateAnswers({ form, sections, answers, submit: false, declined: false })
		});

	it('saves every valid answer beside a text that is too long', () => {
		const result = draft({ kunskap: 3, kommentar: 'x'.repeat(21), kannedom: 'lite' }, {});
		expect(result.answers).toEqual({ kunskap: 3, kannedom: 'lite' });
		expect(result.heldBack).toEqual(['kommentar']);
	});

	it('keeps the version last stored of a text that has grown too long, never a cut one', () => {
		const result = draft({ kunskap: 3, kommentar: 'x'.repeat(25) }, { kommentar: 'Bra jobbat' });
		expect(result.answers).toEqual({ kunskap: 3, kommentar: 'Bra jobbat' });
	});

	it('saves a valid draft as it is', () => {
		expect(draft(complete, {})).toEqual({ answers: complete, heldBack: [] });
	});
});
