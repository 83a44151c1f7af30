import { describe, expect, it } from 'vitest';
import { LoginInput } from '../accounts.ts';
import { KollegiumInput, ParticipantInput } from '../kollegium.ts';
import { ActionPlan } from '../plans.ts';
import { checkInput, fieldIssue, validationMessage, type FieldIssue } from '../validation.ts';
import { catalogues, translate, type MessageKey, type MessageParams } from './index.ts';

const kollegium = {
	kind: 'specialistkollegium',
	title: 'Höstens kollegium',
	templateId: 'specialistkollegium-standard',
	startsAt: '2030-10-14T13:00:00+02:00',
	answerDeadline: '2030-10-07T23:59:00+02:00'
};

const actionPlan = {
	problemAreas: ['Handläggning av akuta patienter'],
	supportMeasures: ['Extra handledning på akuten'],
	timePlan: 'Åtta veckor från november.',
	followUpDate: '2030-12-15'
};

/** Bad input, and for each field at fault the catalogue message a reader should see. */
const cases: {
	name: string;
	schema: Parameters<typeof checkInput>[0];
	input: unknown;
	expected: Record<string, [MessageKey, MessageParams?]>;
}[] = [
	{
		name: 'a participant with a short name, a bad address and no role',
		schema: ParticipantInput,
		input: { name: 'Å', email: 'inte-en-adress', roles: [] },
		expected: {
			name: ['validation.minChars', { n: 2 }],
			email: ['validation.email'],
			roles: ['validation.minItems', { n: 1 }]
		}
	},
	{
		name: 'a login with nothing filled in',
		schema: LoginInput,
		input: {},
		expected: { email: ['validation.missing'], password: ['validation.missing'] }
	},
	{
		name: 'a kollegium with a k too low, a plain-http video link and an answer deadline after the meeting',
		schema: KollegiumInput,
		input: {
			...kollegium,
			minRespondents: 1,
			videoLink: 'http://möte.example.se/rum',
			answerDeadline: '2030-10-20T12:00:00+02:00'
		},
		expected: {
			minRespondents: ['validation.minNumber', { n: 2 }],
			videoLink: ['validation.url'],
			answerDeadline: ['validation.deadlineAfterMeeting']
		}
	},
	{
		name: 'a kollegium with a k that is not a whole number and a wrong delmål code',
		schema: KollegiumInput,
		input: { ...kollegium, minRespondents: 2.5, focusGoals: ['inte-ett-delmål'] },
		expected: {
			minRespondents: ['validation.wholeNumber'],
			'focusGoals.0': ['validation.invalid']
		}
	},
	{
		name: 'an åtgärdsplan without the studierektor informed and with a bad date',
		schema: ActionPlan,
		input: { ...actionPlan, followUpDate: '15/12/2030', studierektorInformed: false },
		expected: {
			followUpDate: ['validation.date'],
			studierektorInformed: ['validation.studierektorInformed']
		}
	}
];

/** Matches any text of a catalogue, each `{placeholder}` standing for a value. */
function pattern(catalogue: Readonly<Record<MessageKey, string>>): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
	const texts = Object.values(catalogue).map((text) => escape(text).replace(/\{\w+\}/g, '.+'));
	return new RegExp(`^(?:${texts.join('|')})$`);
}

function messagesByPath(issues: readonly FieldIssue[]): Record<string, string> {
	return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}

describe('checkInput for a Swedish reader', () => {
	for (const { name, schema, input, expected } of cases) {
		it(`says what is wrong with ${name} in the catalogue's Swedish`, () => {
			const result = checkInput(schema, input, 'sv');
			expect(result.success).toBe(false);
			const issues = result.success ? [] : result.issues;
			const wanted = Object.fromEntries(
				Object.entries(expected).map(([path, [key, params]]) => [
					path,
					translate('sv', key, params)
				])
			);
			expect(messagesByPath(issues)).toEqual(wanted);
		});
	}

	it('never shows a Swedish reader an English message', () => {
		const messages = cases.flatMap(({ schema, input }) => {
			const result = checkInput(schema, input, 'sv');
			return result.success ? [] : result.issues.map((issue) => issue.message);
		});
		expect(messages.length).toBeGreaterThan(10);
		for (const message of messages) {
			expect(pattern(catalogues.sv).test(message), message).toBe(true);
			expect(pattern(catalogues.en).test(message), message).toBe(false);
		}
	});

	it('gives an English reader the same issues in English', () => {
		const [first] = cases;
		const result = first ? checkInput(first.schema, first.input, 'en') : null;
		expect(result?.success ? [] : result?.issues).toEqual([
			{ path: 'name', code: 'too_small', message: 'Enter at least 2 characters.' },
			{ path: 'email', code: 'invalid_format', message: 'Enter a valid email address.' },
			{ path: 'roles', code: 'too_small', message: 'Choose at least 1.' }
		]);
	});
});

describe('fieldIssue', () => {
	it('builds an issue the API sends, its code defaulting to the message code', () => {
		expect(fieldIssue({ path: 'startsAt', message: 'inThePast', locale: 'sv' })).toEqual({
			path: 'startsAt',
			code: 'inThePast',
			message: 'Mötet ligger i det förflutna. Kontrollera datum och tid.'
		});
	});

	it('keeps a separate code and fills the parameters', () => {
		const issue = fieldIssue({
			path: 'minRespondents',
			code: 'minRespondentsLocked',
			message: 'minNumber',
			locale: 'en',
			params: { n: 4 }
		});
		expect(issue).toEqual({
			path: 'minRespondents',
			code: 'minRespondentsLocked',
			message: 'At least 4.'
		});
	});
});

describe('validationMessage', () => {
	it('reads validation.<code> in the reader’s language', () => {
		expect(validationMessage('dateInFuture', 'sv')).toBe('Datumet kan inte ligga i framtiden.');
		expect(validationMessage('maxChars', 'en', { n: 300 })).toBe('At most 300 characters.');
	});
});
