import type { FeedbackReport, RevealedStep } from '../report.ts';
import { CANNOT_ASSESS } from '../response.ts';
import { localize, type Locale } from '../text.ts';
import type { Context } from './feedback-document.ts';
import { colors, sectionHeading, decimal, type CanvasElement, type Content } from './pdf-layout.ts';

const barWidth = 250;

/** One revealed step: its area heading kept with its first chart or question. */
export function stepContent(step: RevealedStep, context: Context<FeedbackReport>): Content[] {
	const title = localize(step.title, context.locale);
	const blocks =
		step.kind === 'ratings' ? ratingBlocks(step, context) : commentBlocks(step, context);
	const [first, ...rest] = blocks;
	return [{ stack: [sectionHeading(title), first ?? ''], unbreakable: true }, ...rest];
}

type RatingsStep = Extract<RevealedStep, { kind: 'ratings' }>;
type RatedItem = RatingsStep['items'][number];

function ratingBlocks(step: RatingsStep, context: Context<FeedbackReport>): Content[] {
	return step.items.map((item) => ratingBlock(item, step.k, context));
}

/** One item as a chart: a bar per scale step, the self-assessment marked beside its step. */
function ratingBlock(item: RatedItem, k: number, { locale, t }: Context<FeedbackReport>): Content {
	const heading: Content = { text: localize(item.text, locale), style: 'item' };
	if (item.aggregate.hidden || item.aggregate.type === 'text') {
		return {
			stack: [heading, { text: t('pdf.hiddenItem', { k }), style: 'note' }],
			unbreakable: true
		};
	}
	const { counts, n, cannotAssess, median } = item.aggregate.distribution;
	const rows = item.steps.map((step): Content[] => {
		const count = counts.find((entry) => entry.value === step.value)?.count ?? 0;
		const isSelf = item.self === step.value;
		return [
			isSelf ? { canvas: [diamond(0, 2)] } : '',
			{ text: `${step.value} – ${localize(step.label, locale)}`, style: 'small', bold: isSelf },
			{ canvas: bar(count / Math.max(n, 1)), margin: [0, 2, 0, 0] },
			{ text: String(count), style: 'small', alignment: 'right' }
		];
	});
	const facts = [
		`${t('pdf.answers')}: ${n}`,
		`${t('pdf.median')}: ${median === null ? '–' : decimal(median, locale)}`,
		`${t('pdf.cannotAssess')}: ${cannotAssess}`
	];
	return {
		stack: [
			heading,
			{ table: { widths: [9, 165, barWidth, 24], body: rows }, layout: 'noBorders' },
			{ text: facts.join('   ·   '), style: 'small', margin: [13, 3, 0, 0] },
			...selfLine(item, locale, t)
		],
		unbreakable: true,
		margin: [0, 0, 0, 4]
	};
}

function selfLine(item: RatedItem, locale: Locale, t: Context<FeedbackReport>['t']): Content[] {
	if (item.self === null) return [];
	const step = item.steps.find((entry) => entry.value === item.self);
	const value =
		item.self === CANNOT_ASSESS
			? t('pdf.cannotAssess').toLowerCase()
			: step
				? `${step.value} – ${localize(step.label, locale)}`
				: String(item.self);
	return [
		{
			columns: [
				{ canvas: step ? [diamond(0, 2)] : [], width: 13 },
				{ text: `${t('pdf.self')}: ${value}`, style: 'small', color: colors.self, width: '*' }
			],
			margin: [0, 2, 0, 0]
		}
	];
}

function bar(share: number): CanvasElement[] {
	const track: CanvasElement = {
		type: 'rect',
		x: 0,
		y: 0,
		w: barWidth,
		h: 9,
		r: 2,
		color: colors.track
	};
	if (share <= 0) return [track];
	const w = Math.max(3, share * barWidth);
	return [track, { type: 'rect', x: 0, y: 0, w, h: 9, r: 2, color: colors.bar }];
}

function diamond(x: number, y: number): CanvasElement {
	const points = [
		{ x: x + 4, y },
		{ x: x + 8, y: y + 4.5 },
		{ x: x + 4, y: y + 9 },
		{ x, y: y + 4.5 }
	];
	return { type: 'polyline', points, closePath: true, color: colors.self };
}

type CommentsStep = Extract<RevealedStep, { kind: 'comments' }>;

function commentBlocks(step: CommentsStep, { locale, t }: Context<FeedbackReport>): Content[] {
	if (step.hidden) return [{ text: t('pdf.hiddenStep', { k: step.k }), style: 'note' }];
	return step.questions.flatMap((question): Content[] => {
		const heading: Content = { text: localize(question.text, locale), style: 'item' };
		if (question.hidden)
			return [[heading, { text: t('pdf.hiddenQuestion', { k: step.k }), style: 'note' }]];
		const comments = step.comments
			.filter((comment) => comment.itemId === question.itemId)
			.map((comment) => (comment.count > 1 ? `${comment.text} (×${comment.count})` : comment.text));
		if (comments.length === 0) return [[heading, { text: t('pdf.noComments'), style: 'note' }]];
		// The question stays with its first comment; the rest may run onto the next page.
		const [first, ...rest] = comments;
		return [
			{ stack: [heading, { ul: [first ?? ''] }], unbreakable: true },
			...(rest.length > 0 ? [{ ul: rest }] : [])
		];
	});
}
