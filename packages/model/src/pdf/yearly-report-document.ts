import { translate, type MessageKey, type MessageParams } from '../messages/index.ts';
import type { Locale } from '../text.ts';
import {
	figureValueText,
	yearlyReportDefinitions,
	yearlyReportFigures,
	type ReportFigure,
	type ReportShare,
	type YearlyReport
} from '../yearly-report.ts';
import {
	colors,
	decimal,
	gridLayout,
	longDate,
	margins,
	sectionHeading,
	type CanvasElement,
	type Content,
	type DocDefinition
} from './pdf-layout.ts';

type YearlyKey = Extract<MessageKey, `yearly.${string}`>;

/** The pdfmake definition of a clinic's yearly report: a function of the report and language. */
export function yearlyReportDocument(report: YearlyReport, locale: Locale): DocDefinition {
	const t = (key: YearlyKey, params?: MessageParams) => translate(locale, key, params);
	const title = t('yearly.pdf.title', { year: report.year });
	return {
		pageSize: 'A4',
		pageMargins: margins,
		language: locale === 'sv' ? 'sv-SE' : 'en-GB',
		info: { title: `${title}: ${report.clinic}`, author: 'Kollegium', subject: title },
		header: () => ({
			columns: [
				{ text: `${report.clinic} · ${title}`, width: '*' },
				{ text: t('yearly.pdf.asOf', { date: longDate(report.asOf, locale) }), width: 'auto' }
			],
			style: 'pageHeader'
		}),
		footer: (page, pages) => ({
			columns: [
				{ text: t('yearly.definition.source'), width: '*' },
				{ text: translate(locale, 'pdf.page', { page, pages }), width: 'auto' }
			],
			style: 'pageFooter'
		}),
		content: [
			{ text: title, style: 'title' },
			{ text: report.clinic, style: 'subtitle' },
			{
				text: [
					t('yearly.pdf.subtitle'),
					' · ',
					t('yearly.pdf.generated', { date: longDate(report.generatedAt, locale) })
				],
				style: 'small',
				margin: [0, 0, 0, 10]
			},
			sharesBlock(report, locale),
			sectionHeading(t('yearly.pdf.figures')),
			figuresTable(yearlyReportFigures(report, locale), locale),
			sectionHeading(t('yearly.pdf.definitions')),
			...yearlyReportDefinitions(report, locale).map(({ title: heading, text }): Content => ({
				stack: [
					{ text: heading, style: 'h3' },
					{ text, margin: [0, 0, 0, 2] }
				],
				unbreakable: true
			}))
		],
		styles: {
			title: { fontSize: 19, bold: true, color: '#0f172a', margin: [0, 0, 0, 2] },
			subtitle: { fontSize: 12, color: '#334155', margin: [0, 0, 0, 4] },
			h2: { fontSize: 13.5, bold: true, color: colors.heading, margin: [0, 4, 0, 6] },
			h3: { fontSize: 10.5, bold: true, color: '#0f172a', margin: [0, 8, 0, 2] },
			small: { fontSize: 9, color: '#475569' },
			cell: { fontSize: 9, lineHeight: 1.15 },
			tableHeader: { fontSize: 9, bold: true, color: colors.heading },
			pageHeader: { fontSize: 8, color: colors.muted, margin: [margins[0], 28, margins[2], 0] },
			pageFooter: { fontSize: 8, color: colors.muted, margin: [margins[0], 22, margins[2], 0] }
		},
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25, color: colors.text },
		pageBreakBefore: (node, nodes) =>
			node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().length === 0
	};
}

const barWidth = 190;

/** A share as a bar on a track, its value printed beside it: never colour alone. */
function bar(share: number | null): CanvasElement[] {
	const track: CanvasElement = {
		type: 'rect',
		x: 0,
		y: 2,
		w: barWidth,
		h: 10,
		r: 2,
		color: colors.track
	};
	if (!share) return [track];
	return [track, { type: 'rect', x: 0, y: 2, w: barWidth * share, h: 10, r: 2, color: colors.bar }];
}

/** The four shares at a glance: label, bar, per cent and "n of m". */
function sharesBlock(report: YearlyReport, locale: Locale): Content {
	const t = (key: YearlyKey, params?: MessageParams) => translate(locale, key, params);
	const target = { target: report.reachedTarget.target };
	const shares: [string, ReportShare][] = [
		[t('yearly.figure.assessed.share', target), report.assessed],
		[t('yearly.figure.lastTwelveMonths.share', target), report.lastTwelveMonths],
		[t('yearly.figure.reachedTarget.share', target), report.reachedTarget],
		[t('yearly.figure.feedback.share', target), report.feedbackDelivered]
	];
	const body = shares.map(([label, share]): Content[] => [
		{ text: label.replace(/ \(%\)$/, ''), style: 'cell' },
		{ canvas: bar(share.share) },
		{
			text: [
				{
					text: share.share === null ? '–' : `${decimal(share.share * 100, locale)} %`,
					bold: true
				},
				` (${t('yearly.shareOf', { count: share.count, total: share.of })})`
			],
			style: 'cell'
		}
	]);
	return {
		table: { widths: ['*', barWidth, 90], body },
		layout: gridLayout(0),
		margin: [0, 4, 0, 6],
		unbreakable: true
	};
}

/** Every figure with its value, as the CSV has them. */
function figuresTable(figures: readonly ReportFigure[], locale: Locale): Content {
	const header: Content[] = [
		{ text: translate(locale, 'yearly.csv.label'), style: 'tableHeader' },
		{ text: translate(locale, 'yearly.csv.value'), style: 'tableHeader', alignment: 'right' }
	];
	const rows = figures.map((figure): Content[] => [
		{ text: figure.label, style: 'cell' },
		{
			text:
				figure.value === null
					? translate(locale, 'yearly.pdf.notCounted')
					: figureValueText(figure.value, locale),
			style: 'cell',
			alignment: 'right'
		}
	]);
	return {
		table: { widths: ['*', 80], headerRows: 1, body: [header, ...rows] },
		layout: gridLayout(1),
		margin: [0, 2, 0, 4]
	};
}
