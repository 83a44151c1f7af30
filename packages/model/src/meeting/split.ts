import { z } from 'zod';
import { distribution, type Distribution, meetsMinimum } from '../aggregate.ts';
import type { Answers, AnswerValue } from '../response.ts';
import type { LocalizedText } from '../text.ts';
import { scaleOf, type ChoiceItem, type RatingItem, type Template } from '../template.ts';

/**
 * Whether the familiarity split can show anything in a step, and why not: the form asks
 * nothing about familiarity, or the assessors cannot be put in two groups of at least k.
 */
export const SplitAvailability = z.enum(['available', 'noQuestion', 'belowK']);
export type SplitAvailability = z.infer<typeof SplitAvailability>;

/** One side of the split: the familiarity options it holds, and a label made of theirs. */
export interface FamiliarityGroup {
	label: LocalizedText;
	values: readonly string[];
}

/**
 * The assessors of one subject in two groups by how much they have worked with the trainee
 * ("mycket, en del" / "lite, inte alls"), or null when no two groups of at least k people can
 * be made. One group per option, as before, almost never reached k with the usual 4–8
 * specialists; two groups do from 2k. The groups are adjacent options in the form's order, cut
 * where both sides reach k: the middle cut first, then outwards, so the cut depends only on
 * whether sums of options reach k, never on finer counts. Decided per subject, so every step
 * of a trainee splits the room the same way and no two cuts can be subtracted from each other.
 * Answers without a familiarity option are left out of both groups: they are what the total
 * shows beyond the groups, so there must be none or at least k of them.
 */
export function familiarityGroups(options: {
	familiarity: ChoiceItem;
	responses: readonly { answers: Answers }[];
	k: number;
}): [FamiliarityGroup, FamiliarityGroup] | null {
	const { familiarity, responses, k } = options;
	const values = familiarity.options.map((option) => option.value);
	const counts = values.map(
		(value) => responses.filter((response) => response.answers[familiarity.id] === value).length
	);
	const unplaced = responses.length - counts.reduce((sum, count) => sum + count, 0);
	if (unplaced > 0 && !meetsMinimum({ n: unplaced, k })) return null;
	const middle = values.length / 2;
	const cuts = Array.from({ length: Math.max(0, values.length - 1) }, (_, index) => index + 1).sort(
		(a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b
	);
	const cut = cuts.find((at) => {
		const before = counts.slice(0, at).reduce((sum, count) => sum + count, 0);
		const after = counts.slice(at).reduce((sum, count) => sum + count, 0);
		return meetsMinimum({ n: before, k }) && meetsMinimum({ n: after, k });
	});
	if (cut === undefined) return null;
	const group = (from: number, to: number): FamiliarityGroup => {
		const chosen = familiarity.options.slice(from, to);
		return {
			label: joinLabels(chosen.map((option) => option.label)),
			values: values.slice(from, to)
		};
	};
	return [group(0, cut), group(cut, values.length)];
}

/** "Mycket – vi arbetar regelbundet tillsammans" and "En del – …" become "Mycket, en del". */
function joinLabels(labels: readonly LocalizedText[]): LocalizedText {
	const join = (texts: readonly string[]) =>
		texts
			.map((text, index) => {
				const short = text.split(/\s+[–—-]\s+/)[0]?.trim() || text;
				return index === 0 ? short : short.charAt(0).toLocaleLowerCase() + short.slice(1);
			})
			.join(', ');
	const sv = join(labels.map((label) => label.sv));
	const english = labels.map((label) => label.en);
	return english.every((text): text is string => text !== undefined)
		? { sv, en: join(english) }
		: { sv };
}

/**
 * One item's distribution per familiarity group. A group below k shows nothing; and since the
 * total is shown too, whatever is not shown must together reach k, or subtracting the shown
 * groups from the total would expose it: then no group is shown.
 */
export function splitBy(options: {
	form: Template;
	item: RatingItem;
	familiarity: ChoiceItem;
	groups: readonly FamiliarityGroup[];
	responses: readonly { answers: Answers }[];
	k: number;
}): { label: LocalizedText; distribution: Distribution | null }[] {
	const { form, item, familiarity, groups, responses, k } = options;
	const steps = scaleOf(form, item).steps.map((step) => step.value);
	const valuesOf = (chosen: readonly { answers: Answers }[]) =>
		chosen
			.map((response) => response.answers[item.id])
			.filter((value): value is AnswerValue => value !== undefined && value !== '');
	const split = groups.map((group) => {
		const members = responses.filter((response) => {
			const answer = response.answers[familiarity.id];
			return typeof answer === 'string' && group.values.includes(answer);
		});
		return { label: group.label, distribution: distribution({ steps, values: valuesOf(members) }) };
	});
	// Everything not shown (small groups, and answers whose author skipped the familiarity
	// question) can be found as the total minus the shown groups: its ratings and its "kan ej
	// bedöma" answers must each be none or at least k, or no group is shown.
	const all = distribution({ steps, values: valuesOf(responses) });
	const shown = split.filter((group) => meetsMinimum({ n: group.distribution.n, k }));
	const restRatings = all.n - shown.reduce((sum, group) => sum + group.distribution.n, 0);
	const restCannot =
		all.cannotAssess - shown.reduce((sum, group) => sum + group.distribution.cannotAssess, 0);
	const safe = [restRatings, restRatings + restCannot].every(
		(rest) => rest === 0 || meetsMinimum({ n: rest, k })
	);
	return split.map((group) => ({
		label: group.label,
		distribution: safe && shown.includes(group) ? group.distribution : null
	}));
}
