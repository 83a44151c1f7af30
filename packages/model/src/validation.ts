import type { z } from 'zod';
import {
	isMessageKey,
	translate,
	type MessageParams,
	type ValidationCode
} from './messages/index.ts';
import type { Locale } from './text.ts';

/** One field at fault, as the API reports it and the UI shows it beside the field. */
export interface FieldIssue {
	/** Dotted path of the field, e.g. `answerDeadline` or `answers.mk-anamnes`. */
	path: string;
	message: string;
	code: string;
}

/** A field validation message (`validation.<code>`) in the reader's language. */
export function validationMessage(
	code: ValidationCode,
	locale: Locale,
	params: MessageParams = {}
): string {
	return translate(locale, `validation.${code}`, params);
}

/**
 * A field issue with its message from the catalogue: `message` names `validation.<message>`,
 * and `code` (the stable code clients may test) defaults to it.
 */
export function fieldIssue(options: {
	path: string;
	message: ValidationCode;
	code?: string;
	locale: Locale;
	params?: MessageParams;
}): FieldIssue {
	const { path, message, locale, params } = options;
	return {
		path,
		code: options.code ?? message,
		message: validationMessage(message, locale, params)
	};
}

/** A zod issue as the error map sees it, or as a parse reports it. */
type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/** Plain-language messages for the issues people actually cause in our forms. */
export function messageFor(issue: Issue, locale: Locale): string {
	const say = (code: ValidationCode, n?: number | bigint) =>
		validationMessage(code, locale, n === undefined ? {} : { n: String(n) });
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined || issue.input === null) return say('missing');
			return say(issue.expected === 'int' ? 'wholeNumber' : 'invalid');
		case 'too_small':
			if (issue.origin === 'string') {
				return issue.minimum === 1 ? say('missing') : say('minChars', issue.minimum);
			}
			return say(issue.origin === 'array' ? 'minItems' : 'minNumber', issue.minimum);
		case 'too_big':
			if (issue.origin === 'string') return say('maxChars', issue.maximum);
			return say(issue.origin === 'array' ? 'maxItems' : 'maxNumber', issue.maximum);
		case 'invalid_format':
			if (issue.format === 'email') return say('email');
			if (issue.format === 'url') return say('url');
			if (issue.format === 'datetime') return say('dateTime');
			if (issue.format === 'date') return say('date');
			return say('invalid');
		case 'invalid_union': {
			// '' or an e-mail address: a typed value that is neither is a bad address, not a choice.
			const typed = issue.errors
				.flat()
				.find((inner) => inner.path.length === 0 && inner.code !== 'invalid_value');
			return typed ? messageFor(typed, locale) : say('choose');
		}
		case 'invalid_value':
			return say('choose');
		default:
			return say('invalid');
	}
}

/**
 * Turns a zod error into field issues in the reader's language. A message naming one of our
 * validation codes is translated; zod's own issues get our plain-language text, whatever a
 * schema hard-coded (`'Not a delmål code'`). Parse with `reportInput: true` so that a missing
 * value and a wrong one read differently.
 */
export function toFieldIssues(error: z.ZodError, locale: Locale): FieldIssue[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		code: issue.code === 'custom' ? issue.message : issue.code,
		message: issueMessage(issue, locale)
	}));
}

function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
	const key = `validation.${issue.message}`;
	if (isMessageKey(key)) return translate(locale, key);
	// A custom refinement without a code is a template author's check, never a person's input.
	return issue.code === 'custom' ? issue.message : messageFor(issue, locale);
}

/** Validates input with a model schema, with messages in the reader's language. */
export function checkInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	locale: Locale
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
	const result = schema.safeParse(input, { reportInput: true });
	if (result.success) return { success: true, data: result.data };
	return { success: false, issues: toFieldIssues(result.error, locale) };
}
