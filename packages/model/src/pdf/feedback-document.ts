import { isSupervisorReport, type FeedbackReport, type PlanFeedbackReport } from '../report.ts';
import { translate, type MessageKey, type MessageParams } from '../messages/index.ts';
import type { Locale } from '../text.ts';
import { planContent } from './feedback-plan.ts';
import { stepContent } from './feedback-steps.ts';
import { detailsHeading, summaryContent } from './feedback-summary.ts';
import {
	colors,
	contentWidth,
	gridLayout,
	longDate,
	margins,
	rule,
	type Content,
	type DocDefinition
} from './pdf-layout.ts';

/** A message of the PDF's fixed wording (`pdf.…` in the catalogue). */
export type PdfKey = Extract<MessageKey, `pdf.${string}`>;

/** What the parts of a PDF read; the plan's parts only ever see a report with a plan. */
export interface Context<Report extends FeedbackReport = PlanFeedbackReport> {
	report: Report;
	locale: Locale;
	/** The PDF's wording in the report's language. */
	t: (key: PdfKey, params?: MessageParams) => string;
}

/** The pdfmake definition of a feedback PDF: a function of the report alone. */
export function feedbackDocument(report: FeedbackReport): DocDefinition {
	const { locale } = report;
	const t = (key: PdfKey, params?: MessageParams) => translate(locale, key, params);
	const context: Context<FeedbackReport> = { report, locale, t };
	const title = t(`pdf.title.${report.subject.kind}`);
	return {
		pageSize: 'A4',
		pageMargins: margins,
		language: report.locale === 'sv' ? 'sv-SE' : 'en-GB',
		info: {
			title: `${title}: ${report.subject.name}`,
			author: 'Kollegium',
			subject: report.kollegium.title
		},
		header: () => ({
			columns: [
				{ text: `${report.kollegium.clinic} · ${report.kollegium.title}`, width: '*' },
				{ text: longDate(report.kollegium.startsAt, context.locale), width: 'auto' }
			],
			style: 'pageHeader'
		}),
		footer: (page, pages) => ({
			columns: [
				{ text: report.subject.name, width: '*' },
				{ text: t('pdf.page', { page, pages }), width: 'auto' }
			],
			style: 'pageFooter'
		}),
		content: isSupervisorReport(report)
			? [
					titleBlock(context),
					{ text: t('pdf.supervisorNote', { k: report.kollegium.k }), style: 'note' },
					...summaryContent(context),
					detailsHeading(context),
					...report.steps.flatMap((step) => stepContent(step, context))
				]
			: [
					titleBlock(context),
					...summaryContent(context),
					detailsHeading(context),
					...report.steps.flatMap((step) => stepContent(step, context)),
					...planContent({ ...context, report }),
					signatures({ ...context, report })
				],
		styles: {
			title: { fontSize: 19, bold: true, color: '#0f172a', margin: [0, 0, 0, 2] },
			subtitle: { fontSize: 12, color: '#334155', margin: [0, 0, 0, 12] },
			h2: { fontSize: 13.5, bold: true, color: colors.heading, margin: [0, 4, 0, 6] },
			h3: { fontSize: 11, bold: true, color: '#0f172a', margin: [0, 10, 0, 4] },
			item: { bold: true, margin: [0, 8, 0, 3] },
			note: { fontSize: 9, italics: true, color: colors.muted },
			small: { fontSize: 9, color: '#475569' },
			cell: { fontSize: 8.5, lineHeight: 1.15 },
			tableHeader: { fontSize: 8.5, bold: true, color: colors.heading },
			pageHeader: { fontSize: 8, color: colors.muted, margin: [margins[0], 28, margins[2], 0] },
			pageFooter: { fontSize: 8, color: colors.muted, margin: [margins[0], 22, margins[2], 0] }
		},
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25, color: colors.text },
		pageBreakBefore: (node, nodes) =>
			node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().length === 0
	};
}

function titleBlock({ report, locale, t }: Context<FeedbackReport>): Content {
	const { subject, kollegium } = report;
	const rows: [string, string][] = [
		[t('pdf.date'), longDate(kollegium.startsAt, locale)],
		[t(`pdf.subject.${subject.kind}`), subject.name]
	];
	// The clinic's own PDF names it as its subject already.
	if (subject.kind !== 'clinic') rows.splice(1, 0, [t('pdf.clinic'), kollegium.clinic]);
	if (subject.specialty) rows.push([t('pdf.specialty'), subject.specialty]);
	if (subject.monthOfTraining !== null) {
		rows.push([t('pdf.training'), t('pdf.month', { month: subject.monthOfTraining })]);
	}
	if (isSupervisorReport(report)) {
		// A supervisor's report exists only at k or more; the count is shown as the room saw it.
		if (report.respondents !== null) rows.push([t('pdf.respondents'), `${report.respondents}`]);
		rows.push([t('pdf.supervisorK'), `${kollegium.k}`]);
	} else {
		const respondents = report.respondents?.toString() ?? t('pdf.fewer', { k: kollegium.k });
		rows.push([t('pdf.respondents'), respondents]);
		if (report.supervisorName) rows.push([t('pdf.supervisor'), report.supervisorName]);
	}
	return [
		{ text: t(`pdf.title.${subject.kind}`), style: 'title' },
		{ text: kollegium.title, style: 'subtitle' },
		{
			table: {
				widths: [120, '*'],
				body: rows.map(([label, value]) => [
					{ text: label, bold: true, fillColor: colors.labelFill },
					value
				])
			},
			layout: gridLayout(0),
			margin: [0, 0, 0, 8]
		}
	];
}

function signatures({ report, t }: Context): Content {
	const [first, second] =
		report.subject.kind === 'trainee'
			? [t('pdf.signature.trainee'), t('pdf.signature.supervisor')]
			: [t('pdf.signature.facilitator'), t('pdf.signature.head')];
	const names =
		report.subject.kind === 'trainee' ? [report.subject.name, report.supervisorName] : [null, null];
	const block = (role: string, name: string | null): Content => ({
		stack: [
			{ text: role, bold: true },
			{ canvas: [rule(220, colors.text)], margin: [0, 34, 0, 2] },
			{ text: name ?? t('pdf.nameClarification'), style: name ? 'small' : 'note' },
			{ canvas: [rule(140, colors.text)], margin: [0, 26, 0, 2] },
			{ text: t('pdf.date'), style: 'note' }
		],
		width: '*'
	});
	return {
		stack: [
			{ canvas: [rule(contentWidth, colors.rule)], margin: [0, 24, 0, 14] },
			{ columns: [block(first, names[0] ?? null), block(second, names[1] ?? null)], columnGap: 30 }
		],
		unbreakable: true
	};
}
