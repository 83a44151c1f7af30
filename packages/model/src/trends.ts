import { z } from 'zod';
import { distribution, meetsMinimum } from './aggregate.ts';
import type { Answers, AnswerValue } from './response.ts';
import { scaleOf, sectionsFor, type RatingItem, type Template } from './template.ts';
import { LocalizedText } from './text.ts';

/**
 * Trends follow a trainee's areas over their held specialistkollegier. Each point is one
 * kollegium's own answers: answers from different kollegier are never pooled, and a kollegium
 * whose area fewer than its k answered shows nothing of that area.
 */

/** One area of one kollegium: its respondents, the median and the counts per scale step. */
export const TrendPoint = z.strictObject({
	kollegiumId: z.uuid(),
	/** The kollegium's day, an ISO date (Swedish calendar). */
	date: z.iso.date(),
	/** Assessors who rated at least one item of the area. */
	respondents: z.int().min(0),
	/** Median of every chosen step of the area's rating items; null when there is none. */
	median: z.number().nullable(),
	counts: z.array(z.strictObject({ value: z.int(), label: LocalizedText, count: z.int().min(0) }))
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** One area (form section) over time; points oldest first. */
export const AreaTrend = z.strictObject({
	sectionId: z.string(),
	title: LocalizedText,
	points: z.array(TrendPoint)
});
export type AreaTrend = z.infer<typeof AreaTrend>;

/** What one held kollegium contributes: its form, k and the assessors' submitted answers. */
export interface TrendSource {
	kollegiumId: string;
	/** ISO date of the kollegium. */
	date: string;
	form: Template;
	k: number;
	/** Submitted, non-declined assessor answers about the trainee; never the self-assessment. */
	answers: readonly Answers[];
}

/**
 * One area's point for one kollegium, pooling each respondent's answer to each rating item of
 * the section that itself met k, as the room was shown them: an item fewer than k rated is left
 * out, or its ratings could be read off by subtracting the items shown from the pool. Null when
 * no item met k or fewer than k rated the rest.
 */
export function trendPoint(options: TrendSource & { sectionId: string }): TrendPoint | null {
	const rated = (answers: Answers, item: RatingItem) => typeof answers[item.id] === 'number';
	const items = ratingItemsOf(options.form, options.sectionId).filter((item) =>
		meetsMinimum({
			n: options.answers.filter((answers) => rated(answers, item)).length,
			k: options.k
		})
	);
	if (items.length === 0) return null;
	const values: AnswerValue[] = [];
	let respondents = 0;
	for (const answers of options.answers) {
		const chosen = items
			.map((item) => answers[item.id])
			.filter((value): value is number => typeof value === 'number');
		if (chosen.length > 0) respondents += 1;
		values.push(...chosen);
	}
	if (!meetsMinimum({ n: respondents, k: options.k })) return null;
	const steps = stepsOf(options.form, items);
	const pooled = distribution({ steps: steps.map((step) => step.value), values });
	return {
		kollegiumId: options.kollegiumId,
		date: options.date,
		respondents,
		median: pooled.median,
		counts: steps.map((step, index) => ({
			value: step.value,
			label: step.label,
			count: pooled.counts[index]?.count ?? 0
		}))
	};
}

/**
 * The trends of every area over the given kollegier: one point per kollegium that met k in
 * that area, oldest first. Areas are in the newest form's order; an area no point reached is
 * left out.
 */
export function areaTrendsOf(sources: readonly TrendSource[]): AreaTrend[] {
	const ordered = [...sources].sort((a, b) => a.date.localeCompare(b.date));
	const trends = new Map<string, AreaTrend>();
	for (const source of [...ordered].reverse()) {
		for (const section of traineeSections(source.form)) {
			if (!trends.has(section.id)) {
				trends.set(section.id, { sectionId: section.id, title: section.title, points: [] });
			}
		}
	}
	for (const source of ordered) {
		for (const trend of trends.values()) {
			const point = trendPoint({ ...source, sectionId: trend.sectionId });
			if (point) trend.points.push(point);
		}
	}
	return [...trends.values()].filter((trend) => trend.points.length > 0);
}

function traineeSections(form: Template) {
	return sectionsFor({ form, about: 'trainee', role: 'assessor' });
}

function ratingItemsOf(form: Template, sectionId: string): RatingItem[] {
	const section = traineeSections(form).find((candidate) => candidate.id === sectionId);
	return (section?.items ?? []).filter((item): item is RatingItem => item.type === 'rating');
}

/** The steps of the items' scales by value, each value labelled by the first scale that has it. */
function stepsOf(form: Template, items: readonly RatingItem[]) {
	const steps = new Map<number, LocalizedText>();
	for (const item of items) {
		for (const step of scaleOf(form, item).steps) {
			if (!steps.has(step.value)) steps.set(step.value, step.label);
		}
	}
	return [...steps.entries()].sort(([a], [b]) => a - b).map(([value, label]) => ({ value, label }));
}
