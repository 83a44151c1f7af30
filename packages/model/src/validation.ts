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

/** What a list holds, for the words of "at least n": things to choose, texts to write, or rows. */
export type ListKind = 'choice' | 'text' | 'entry';

/** Plain-language messages for the issues people actually cause in our forms. */
export function messageFor(issue: Issue, locale: Locale, list?: ListKind): string {
	const say = (code: ValidationCode, n?: number | bigint) =>
		validationMessage(code, locale, n === undefined ? {} : { n: String(n) });
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined || issue.input === null) return say('missing');
			return say(issue.expected === 'int' ? 'wholeNumber' : 'invalid');
		case 'too_small':
			if (issue.origin === 'string') {
				// An empty field is a field to fill in, whatever its minimum: not "at least 2 characters".
				const empty = typeof issue.input === 'string' && issue.input.trim() === '';
				return issue.minimum === 1 || empty ? say('missing') : say('minChars', issue.minimum);
			}
			if (issue.origin === 'array') return minItems(list, issue.minimum, say);
			return say('minNumber', issue.minimum);
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

/** "Choose at least 1" only where there is something to choose; a list of texts asks to write one. */
function minItems(
	list: ListKind | undefined,
	n: number | bigint,
	say: (code: ValidationCode, n?: number | bigint) => string
): string {
	if (list === 'text' && Number(n) === 1) return say('missing');
	if (list === 'text' || list === 'entry') return say('minEntries', n);
	return say('minItems', n);
}

/**
 * Turns a zod error into field issues in the reader's language. A message naming one of our
 * validation codes is translated; zod's own issues get our plain-language text, whatever a
 * schema hard-coded (`'Not a delmål code'`). Parse with `reportInput: true` so that a missing
 * value and a wrong one read differently; pass the schema so a list's message fits what it holds.
 */
export function toFieldIssues(
	error: z.ZodError,
	locale: Locale,
	schema?: z.core.$ZodType
): FieldIssue[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		code: issue.code === 'custom' ? issue.message : issue.code,
		message: issueMessage(issue, locale, schema)
	}));
}

function issueMessage(issue: z.core.$ZodIssue, locale: Locale, schema?: z.core.$ZodType): string {
	const key = `validation.${issue.message}`;
	if (isMessageKey(key)) return translate(locale, key);
	// A custom refinement without a code is a template author's check, never a person's input.
	if (issue.code === 'custom') return issue.message;
	const list =
		schema && issue.code === 'too_small' && issue.origin === 'array'
			? listKind(schemaAt(schema, issue.path))
			: undefined;
	return messageFor(issue, locale, list);
}

/** The loose view of a schema's definition the walk below needs. */
interface Def {
	type: string;
	innerType?: z.core.$ZodType;
	in?: z.core.$ZodType;
	getter?: () => z.core.$ZodType;
	shape?: Record<string, z.core.$ZodType>;
	element?: z.core.$ZodType;
	valueType?: z.core.$ZodType;
	options?: readonly z.core.$ZodType[];
	format?: string;
	checks?: readonly { _zod: { def: { check: string } } }[];
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

/** The schema itself under optional, default, pipe and the like. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
	const def = defOf(schema);
	const inner = def.innerType ?? def.in ?? def.getter?.();
	return inner ? unwrap(inner) : schema;
}

/** The schema a path leads to inside objects, arrays, records and unions, if it can be found. */
function schemaAt(
	schema: z.core.$ZodType,
	path: readonly PropertyKey[]
): z.core.$ZodType | undefined {
	const def = defOf(unwrap(schema));
	const [key, ...rest] = path;
	if (key === undefined) return unwrap(schema);
	if (def.type === 'union') {
		for (const option of def.options ?? []) {
			const found = schemaAt(option, path);
			if (found) return found;
		}
		return undefined;
	}
	const child =
		def.type === 'object'
			? def.shape?.[String(key)]
			: def.type === 'array'
				? def.element
				: def.type === 'record'
					? def.valueType
					: undefined;
	return child ? schemaAt(child, rest) : undefined;
}

/** What a list schema holds: picked values (an enum, codes of a format), free texts, or rows. */
function listKind(schema: z.core.$ZodType | undefined): ListKind | undefined {
	if (!schema) return undefined;
	const list = defOf(schema);
	if (list.type !== 'array' || !list.element) return undefined;
	const element = defOf(unwrap(list.element));
	const picked = (def: Def) => def.type === 'enum' || def.type === 'literal';
	if (picked(element)) return 'choice';
	if (element.type === 'union')
		return (element.options ?? []).every((option) => picked(defOf(unwrap(option))))
			? 'choice'
			: 'entry';
	if (element.type !== 'string') return 'entry';
	const coded =
		element.format !== undefined ||
		(element.checks ?? []).some((check) => check._zod.def.check === 'string_format');
	return coded ? 'choice' : 'text';
}

/** Validates input with a model schema, with messages in the reader's language. */
export function checkInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	locale: Locale
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
	const result = schema.safeParse(input, { reportInput: true });
	if (result.success) return { success: true, data: result.data };
	return { success: false, issues: toFieldIssues(result.error, locale, schema) };
}
