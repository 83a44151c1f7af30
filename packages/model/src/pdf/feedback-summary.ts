import { isSupervisorReport, type FeedbackReport, type RevealedStep } from '../report.ts';
import { localize } from '../text.ts';
import type { Context } from './feedback-document.ts';
import {
	bullets,
	colors,
	contentWidth,
	decimal,
	gridLayout,
	longDate,
	subheading,
	type CanvasElement,
	type Content
} from './pdf-layout.ts';

type RatingsStep = Extract<RevealedStep, { kind: 'ratings' }>;

/** One area of the summary: the group's answers over its shown items, and the trainee's own. */
export interface AreaSummary {
	title: string;
	/** Count per scale value, over every item shown; empty when no item could be shown. */
	counts: { value: number; count: number }[];
	n: number;
	median: number | null;
	/** The median of the trainee's own levels over the same items; null without any. */
	self: number | null;
}

function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? null)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * An area's line of the summary, pooled over the items the room saw. Items below k are left
 * out, so the summary shows nothing the details do not; nothing is pooled across kollegier.
 */
export function areaSummary(step: RatingsStep, context: Pick<Context, 'locale'>): AreaSummary {
	const scale = step.items[0]?.steps.map((entry) => entry.value) ?? [];
	const tally = new Map(scale.map((value) => [value, 0]));
	const answers: number[] = [];
	const own: number[] = [];
	for (const item of step.items) {
		if (item.aggregate.hidden || item.aggregate.type !== 'rating') continue;
		for (const { value, count } of item.aggregate.distribution.counts) {
			if (typeof value !== 'number') continue;
			tally.set(value, (tally.get(value) ?? 0) + count);
			for (let i = 0; i < count; i += 1) answers.push(value);
		}
		if (typeof item.self === 'number') own.push(item.self);
	}
	return {
		title: localize(step.title, context.locale),
		counts: answers.length > 0 ? [...tally].map(([value, count]) => ({ value, count })) : [],
		n: answers.length,
		median: median(answers),
		self: median(own)
	};
}

const barWidth = 150;
const barHeight = 10;
/** Light to dark, low to high: the shape of the answers is seen at a glance, in print too. */
const shades = ['#dbeafe', '#93c5fd', '#60a5fa', '#2563eb', '#1e40af', '#172554'];

/** The answers as one stacked bar, a segment per level in its share of the answers. */
function stackedBar(area: AreaSummary): CanvasElement[] {
	const elements: CanvasElement[] = [
		{ type: 'rect', x: 0, y: 3, w: barWidth, h: barHeight, r: 2, color: colors.track }
	];
	let x = 0;
	area.counts.forEach(({ count }, index) => {
		const w = (count / Math.max(area.n, 1)) * barWidth;
		if (w > 0) {
			const color =
				shades[Math.round((index / Math.max(area.counts.length - 1, 1)) * 5)] ?? colors.bar;
			elements.push({ type: 'rect', x, y: 3, w, h: barHeight, color });
		}
		x += w;
	});
	return elements;
}

function countsText(area: AreaSummary): string {
	return area.counts.map(({ value, count }) => `${value}: ${count}`).join('  ');
}

/**
 * The first page of a feedback PDF, one a handledare can talk from: per area the group's
 * answers on one line with the self-assessment beside them, then the plan in brief. The
 * details follow on the next pages.
 */
export function summaryContent(context: Context<FeedbackReport>): Content[] {
	const { report, t, locale } = context;
	const areas = report.steps
		.filter((step): step is RatingsStep => step.kind === 'ratings')
		.map((step) => areaSummary(step, context));
	// Only a trainee assesses themselves; the clinic's summary has no such column.
	const withSelf = report.subject.kind === 'trainee';
	const headings = [t('pdf.area'), t('pdf.groupAnswers'), t('pdf.median')];
	const header = (withSelf ? [...headings, t('pdf.self')] : headings).map((text): Content => ({
		text,
		style: 'tableHeader'
	}));
	const rows = areas.map((area): Content[] => {
		if (area.n === 0) {
			const span = withSelf ? 3 : 2;
			return [
				{ text: area.title, style: 'cell', bold: true },
				{ text: t('pdf.hiddenArea', { k: report.kollegium.k }), style: 'note', colSpan: span },
				...Array<Content>(span - 1).fill('')
			];
		}
		const self: Content = {
			text: area.self === null ? '–' : decimal(area.self, locale),
			style: 'cell',
			color: colors.self,
			bold: true
		};
		return [
			{ text: area.title, style: 'cell', bold: true },
			{
				stack: [
					{ canvas: stackedBar(area) },
					{ text: countsText(area), style: 'cell', color: colors.muted, margin: [0, 2, 0, 0] }
				]
			},
			{ text: area.median === null ? '–' : decimal(area.median, locale), style: 'cell' },
			...(withSelf ? [self] : [])
		];
	});
	const table: Content =
		rows.length > 0
			? {
					table: {
						widths: withSelf ? ['*', barWidth + 8, 44, 62] : ['*', barWidth + 8, 44],
						headerRows: 1,
						dontBreakRows: true,
						body: [header, ...rows]
					},
					layout: gridLayout(1),
					margin: [0, 2, 0, 2]
				}
			: { text: t('pdf.noAreas'), style: 'note' };
	return [
		subheading(t('pdf.summaryPage')),
		{
			text: t(
				withSelf
					? 'pdf.summaryKey'
					: report.subject.kind === 'supervisor'
						? 'pdf.summaryKey.supervisor'
						: 'pdf.summaryKey.clinic'
			),
			style: 'note',
			margin: [0, 0, 0, 4]
		},
		table,
		...planInBrief(context)
	];
}

/** The plan's strengths, development areas and goals, one line each; a supervisor has no plan. */
function planInBrief(context: Context<FeedbackReport>): Content[] {
	const { report, t, locale } = context;
	if (isSupervisorReport(report)) return [];
	const { plan } = report;
	if (plan.kind === 'improvement') {
		return [
			subheading(t('pdf.actions')),
			bullets(
				plan.plan.rows.map((row) => `${row.area}: ${row.action} (${row.dueDate})`),
				t('pdf.none')
			)
		];
	}
	const { strengths, developmentAreas, goals } = plan.plan;
	const column = (title: string, items: readonly string[]): Content => ({
		stack: [subheading(title), bullets(items, t('pdf.none'))],
		width: '*'
	});
	return [
		{
			columns: [
				column(t('pdf.strengths'), strengths),
				column(t('pdf.developmentAreas'), developmentAreas)
			],
			columnGap: 18
		},
		subheading(t('pdf.goals')),
		bullets(
			goals.map((goal) => {
				const codes = goal.goals.length > 0 ? ` (${goal.goals.join(', ')})` : '';
				return `${goal.description}${codes}: ${t('pdf.goalDue', { date: longDate(goal.dueDate, locale) })}`;
			}),
			t('pdf.none')
		)
	];
}

/** Where the details start: on a page of their own, after the summary. */
export function detailsHeading(context: Context<FeedbackReport>): Content {
	return {
		stack: [
			{
				canvas: [
					{
						type: 'line',
						x1: 0,
						y1: 0,
						x2: contentWidth,
						y2: 0,
						lineWidth: 0.6,
						lineColor: colors.rule
					}
				]
			},
			{
				// A supervisor's report has no plan to point to.
				text: context.t(
					context.report.subject.kind === 'supervisor' ? 'pdf.details.supervisor' : 'pdf.details'
				),
				style: 'h2',
				margin: [0, 6, 0, 0]
			}
		],
		pageBreak: 'before'
	};
}
