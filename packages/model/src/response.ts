import { z } from 'zod';
import type { Locale } from './text.ts';
import { itemsOf, scaleOf, type Item, type Section, type Template } from './template.ts';
import { validationMessage, type FieldIssue } from './validation.ts';

export const CANNOT_ASSESS = 'cannot-assess';

/** One answer: a scale value or "kan ej bedöma", a free text, or a choice's value. */
export const AnswerValue = z.union([
	z.int().min(0).max(10),
	z.literal(CANNOT_ASSESS),
	z.string().max(5000)
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answers = z.record(z.string().max(80), AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const ResponseStatus = z.enum(['draft', 'submitted']);
export type ResponseStatus = z.infer<typeof ResponseStatus>;

/** What a respondent sends when saving a draft or submitting. */
export const ResponseInput = z.object({
	answers: Answers.refine((answers) => Object.keys(answers).length <= 200, 'tooManyAnswers'),
	/** "I cannot assess this trainee" (or: I have not worked with this supervisor). */
	declined: z.boolean().default(false),
	/** The draft version the client edited, so a stale tab does not overwrite a newer save. */
	baseRevision: z.int().min(0).optional(),
	/**
	 * Answers written in another browser are never shown here; to answer from this one the
	 * respondent starts over, which withdraws the earlier answers, submitted ones included.
	 */
	startOver: z.boolean().default(false)
});
export type ResponseInput = z.infer<typeof ResponseInput>;

export type AnswerIssueCode =
	'required' | 'invalidOption' | 'tooLong' | 'unknownItem' | 'wrongType';

export interface AnswerIssue extends FieldIssue {
	code: AnswerIssueCode;
}

/**
 * Checks answers against the items a respondent sees. Drafts may be incomplete; a submitted
 * response must answer every required item, unless the respondent declined the subject.
 */
export function validateAnswers(options: {
	form: Template;
	sections: readonly Section[];
	answers: Answers;
	submit: boolean;
	declined: boolean;
	locale?: Locale;
}): AnswerIssue[] {
	const { form, sections, answers, submit, declined, locale = 'en' } = options;
	const items = new Map(itemsOf(sections).map((item) => [item.id, item]));
	const issues: AnswerIssue[] = [];
	for (const [id, value] of Object.entries(answers)) {
		if (value === '') continue; // a cleared answer is no answer
		const item = items.get(id);
		const problem = item ? checkValue(form, item, value) : 'unknownItem';
		if (problem) issues.push(issue(id, problem, locale));
	}
	if (submit && !declined) {
		for (const item of items.values()) {
			const value = answers[item.id];
			if (item.required && (value === undefined || value === ''))
				issues.push(issue(item.id, 'required', locale));
		}
	}
	return issues;
}

function checkValue(form: Template, item: Item, value: AnswerValue): AnswerIssueCode | null {
	switch (item.type) {
		case 'rating': {
			if (value === CANNOT_ASSESS) return scaleOf(form, item).cannotAssess ? null : 'invalidOption';
			if (typeof value !== 'number') return 'wrongType';
			return scaleOf(form, item).steps.some((step) => step.value === value)
				? null
				: 'invalidOption';
		}
		case 'text':
			if (typeof value !== 'string') return 'wrongType';
			return value.length > item.maxLength ? 'tooLong' : null;
		case 'choice':
			if (typeof value !== 'string') return 'wrongType';
			return item.options.some((option) => option.value === value) ? null : 'invalidOption';
	}
}

function issue(itemId: string, code: AnswerIssueCode, locale: Locale): AnswerIssue {
	return { path: `answers.${itemId}`, code, message: validationMessage(code, locale) };
}

/** Whether an item has an answer: a cleared or blank text is none. */
function isAnswered(value: AnswerValue | undefined): boolean {
	return value !== undefined && !(typeof value === 'string' && value.trim() === '');
}

/** How far a respondent has come: the questions they see, and how many of them have an answer. */
export function answerProgress(options: { sections: readonly Section[]; answers: Answers }): {
	answered: number;
	total: number;
} {
	const items = itemsOf(options.sections);
	const answered = items.filter((item) => isAnswered(options.answers[item.id])).length;
	return { answered, total: items.length };
}

/**
 * What a draft is saved with while some answers are not valid (a text over its limit): every
 * valid answer, and for an invalid one the version last stored, if there was one. The text is
 * never cut to fit and the other answers are never held up; the browser keeps its own whole
 * copy, so what was typed is not lost, and the server never stores what it would refuse.
 */
export function storableDraft(options: {
	answers: Answers;
	issues: readonly Pick<FieldIssue, 'path'>[];
	stored: Answers;
}): { answers: Answers; heldBack: string[] } {
	const { stored } = options;
	const heldBack = [
		...new Set(options.issues.map((issue) => issue.path.replace(/^answers\./, '')))
	].filter((id) => Object.hasOwn(options.answers, id));
	const answers: Answers = { ...options.answers };
	for (const id of heldBack) {
		const previous = stored[id];
		if (previous === undefined) delete answers[id];
		else answers[id] = previous;
	}
	return { answers, heldBack };
}
