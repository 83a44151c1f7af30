import { z } from 'zod';
import { CANNOT_ASSESS, type Answers, type AnswerValue } from './response.ts';
import { itemsOf, scaleOf, type Item, type Section, type Template } from './template.ts';

/** The minimum-respondent rule: nothing is revealed about fewer than k answers. */
export function meetsMinimum(options: { n: number; k: number }): boolean {
	return options.n >= options.k;
}

/** Counts for one rating (or choice) item. */
export const Distribution = z.strictObject({
	/** Count per scale step (or choice option), in scale order, zeros included. */
	counts: z.array(z.object({ value: z.union([z.number(), z.string()]), count: z.int().min(0) })),
	/** Answers that chose a step: "kan ej bedöma" is not among them. */
	n: z.int().min(0),
	cannotAssess: z.int().min(0),
	/** Median of the chosen steps; null when nobody chose one. */
	median: z.number().nullable()
});
export type Distribution = z.infer<typeof Distribution>;

/** Counts per scale step, n, "kan ej bedöma" and the median of one rating item's answers. */
export function distribution(options: {
	steps: readonly number[];
	values: readonly AnswerValue[];
}): Distribution {
	const ratings = options.values.filter((value): value is number => typeof value === 'number');
	return {
		counts: options.steps.map((step) => ({
			value: step,
			count: ratings.filter((rating) => rating === step).length
		})),
		n: ratings.length,
		cannotAssess: options.values.filter((value) => value === CANNOT_ASSESS).length,
		median: median(ratings)
	};
}

/** The median; the mean of the two middle values when the count is even. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	if (sorted.length % 2 === 1) return sorted[middle] ?? null;
	return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const ItemType = z.enum(['rating', 'choice', 'text']);

/** One item's aggregate: its distribution or text count, or nothing at all below k. */
export const ItemAggregate = z.union([
	z.strictObject({
		itemId: z.string(),
		type: z.enum(['rating', 'choice']),
		hidden: z.literal(false),
		distribution: Distribution
	}),
	z.strictObject({
		itemId: z.string(),
		type: z.literal('text'),
		hidden: z.literal(false),
		count: z.int().min(0)
	}),
	z.strictObject({ itemId: z.string(), type: ItemType, hidden: z.literal(true) })
]);
export type ItemAggregate = z.infer<typeof ItemAggregate>;
type VisibleAggregate = Extract<ItemAggregate, { hidden: false }>;

/** A subject's aggregate. Strict: a payload that gained any other field (an author) is invalid. */
export const SubjectAggregate = z.strictObject({
	/** Respondents who answered (declining does not count); null while below k. */
	respondents: z.int().min(0).nullable(),
	/** True when fewer than k answered: then no item carries anything. */
	hidden: z.boolean(),
	items: z.array(ItemAggregate)
});
export type SubjectAggregate = z.infer<typeof SubjectAggregate>;

/**
 * Aggregates the submitted answers about one subject. Carries no respondent identity, and
 * hides every item (and the whole subject) that fewer than k people answered.
 */
export function aggregateSubject(options: {
	form: Template;
	sections: readonly Section[];
	responses: readonly { answers: Answers; declined: boolean }[];
	k: number;
}): SubjectAggregate {
	const answered = options.responses.filter((response) => !response.declined);
	const hidden = !meetsMinimum({ n: answered.length, k: options.k });
	const items = itemsOf(options.sections).map((item): ItemAggregate => {
		const values = answered
			.map((response) => response.answers[item.id])
			.filter((value): value is AnswerValue => value !== undefined && value !== '');
		const result = aggregateItem(options.form, item, values);
		const n = result.type === 'text' ? result.count : result.distribution.n;
		if (hidden || !meetsMinimum({ n, k: options.k })) {
			return { itemId: item.id, type: item.type, hidden: true };
		}
		return result;
	});
	return { respondents: hidden ? null : answered.length, hidden, items };
}

function aggregateItem(form: Template, item: Item, values: AnswerValue[]): VisibleAggregate {
	switch (item.type) {
		case 'rating': {
			const steps = scaleOf(form, item).steps.map((step) => step.value);
			return {
				itemId: item.id,
				type: 'rating',
				hidden: false,
				distribution: distribution({ steps, values })
			};
		}
		case 'choice': {
			const counts = item.options.map((option) => ({
				value: option.value,
				count: values.filter((value) => value === option.value).length
			}));
			const n = counts.reduce((sum, entry) => sum + entry.count, 0);
			return {
				itemId: item.id,
				type: 'choice',
				hidden: false,
				distribution: { counts, n, cannotAssess: 0, median: null }
			};
		}
		case 'text':
			return { itemId: item.id, type: 'text', hidden: false, count: values.length };
	}
}
