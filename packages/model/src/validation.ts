import type { z } from 'zod';
import type { Locale } from './text.ts';

/** One field at fault, as the API reports it and the UI shows it beside the field. */
export interface FieldIssue {
	/** Dotted path of the field, e.g. `answerDeadline` or `answers.mk-anamnes`. */
	path: string;
	message: string;
	code: string;
}

type Messages = Record<Locale, string>;

/** Messages for our own refinement keys (a schema's `message` names one of these). */
export const customMessages: Record<string, Messages> = {
	deadlineAfterMeeting: {
		sv: 'Sista svarsdag måste vara före mötet.',
		en: 'The answer deadline must be before the meeting.'
	},
	tooManyAnswers: { sv: 'För många svar.', en: 'Too many answers.' },
	answeringClosedForGood: {
		sv: 'Svaren är redan förberedda för mötet; svarstiden kan inte öppnas igen.',
		en: 'The answers are already prepared for the meeting; answering cannot reopen.'
	},
	instrumentRequired: {
		sv: 'Ange vilket bedömningsinstrument som ska visa framstegen.',
		en: 'Name the assessment instrument that will show progress.'
	},
	actionPlanRequired: {
		sv: 'Vid risk att inte nå målen krävs en åtgärdsplan.',
		en: 'A trainee at risk of not reaching the goals needs an action plan.'
	},
	studierektorInformed: {
		sv: 'Bekräfta att studierektorn är informerad.',
		en: 'Confirm that the director of studies is informed.'
	},
	inThePast: {
		sv: 'Mötet ligger i det förflutna. Kontrollera datum och tid.',
		en: 'The meeting is in the past. Check the date and time.'
	},
	notForThisKind: {
		sv: 'Frågan passar inte den här sortens kollegium.',
		en: 'This question does not fit this kind of kollegium.'
	},
	beforePlanFinal: {
		sv: 'Datumet kan inte ligga före dagen då planen blev klar.',
		en: 'The date cannot be before the day the plan was final.'
	},
	dateInFuture: {
		sv: 'Datumet kan inte ligga i framtiden.',
		en: 'The date cannot be in the future.'
	},
	required: { sv: 'Frågan behöver ett svar.', en: 'This question needs an answer.' },
	invalidOption: { sv: 'Välj ett av alternativen.', en: 'Choose one of the options.' },
	tooLong: { sv: 'Texten är för lång.', en: 'The text is too long.' },
	unknownItem: { sv: 'Frågan finns inte i formuläret.', en: 'No such question on this form.' },
	wrongType: { sv: 'Fel sorts svar på frågan.', en: 'Wrong kind of answer for this question.' }
};

const text = {
	required: { sv: 'Fyll i det här fältet.', en: 'Please fill in this field.' },
	invalid: { sv: 'Ogiltigt värde.', en: 'Invalid value.' },
	choose: { sv: 'Välj ett av alternativen.', en: 'Choose one of the options.' },
	email: { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid email address.' },
	url: {
		sv: 'Ange en giltig länk som börjar med https://.',
		en: 'Enter a valid link starting with https://.'
	},
	dateTime: { sv: 'Ange ett giltigt datum och klockslag.', en: 'Enter a valid date and time.' },
	date: { sv: 'Ange ett giltigt datum.', en: 'Enter a valid date.' },
	minChars: { sv: 'Skriv minst {n} tecken.', en: 'Enter at least {n} characters.' },
	maxChars: { sv: 'Högst {n} tecken.', en: 'At most {n} characters.' },
	minNumber: { sv: 'Minst {n}.', en: 'At least {n}.' },
	maxNumber: { sv: 'Högst {n}.', en: 'At most {n}.' },
	minItems: { sv: 'Välj minst {n}.', en: 'Choose at least {n}.' },
	maxItems: { sv: 'Högst {n} st.', en: 'At most {n}.' },
	wholeNumber: { sv: 'Ange ett heltal.', en: 'Enter a whole number.' }
} satisfies Record<string, Messages>;

function say(messages: Messages, locale: Locale, n?: number | bigint): string {
	return messages[locale].replace('{n}', String(n ?? ''));
}

/** Plain-language messages for the issues people actually cause in our forms. */
export function messageFor(issue: z.core.$ZodRawIssue, locale: Locale): string {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined || issue.input === null) return say(text.required, locale);
			return say(issue.expected === 'int' ? text.wholeNumber : text.invalid, locale);
		case 'too_small': {
			if (issue.origin === 'string') {
				return issue.minimum === 1
					? say(text.required, locale)
					: say(text.minChars, locale, issue.minimum);
			}
			return say(issue.origin === 'array' ? text.minItems : text.minNumber, locale, issue.minimum);
		}
		case 'too_big':
			if (issue.origin === 'string') return say(text.maxChars, locale, issue.maximum);
			return say(issue.origin === 'array' ? text.maxItems : text.maxNumber, locale, issue.maximum);
		case 'invalid_format':
			if (issue.format === 'email') return say(text.email, locale);
			if (issue.format === 'url') return say(text.url, locale);
			if (issue.format === 'datetime') return say(text.dateTime, locale);
			if (issue.format === 'date') return say(text.date, locale);
			return say(text.invalid, locale);
		case 'invalid_value':
		case 'invalid_union':
			return say(text.choose, locale);
		default:
			return say(text.invalid, locale);
	}
}

/** Turns a zod error into field issues in the reader's language. */
export function toFieldIssues(error: z.ZodError, locale: Locale): FieldIssue[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		code: issue.code === 'custom' ? issue.message : issue.code,
		message: customMessages[issue.message]?.[locale] ?? issue.message
	}));
}

/** Validates input with a model schema, with messages in the reader's language. */
export function checkInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	locale: Locale
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
	const result = schema.safeParse(input, { error: (issue) => messageFor(issue, locale) });
	if (result.success) return { success: true, data: result.data };
	return { success: false, issues: toFieldIssues(result.error, locale) };
}
