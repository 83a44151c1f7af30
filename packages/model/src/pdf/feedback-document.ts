import type { FeedbackReport } from '../report.ts';
import type { Locale } from '../text.ts';
import { planContent } from './feedback-plan.ts';
import { stepContent } from './feedback-steps.ts';
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

/** The PDF's fixed wording, per language. */
export interface Strings {
	title: Record<'trainee' | 'clinic', string>;
	page: (page: number, pages: number) => string;
	date: string;
	subject: Record<'trainee' | 'clinic', string>;
	specialty: string;
	training: string;
	month: (month: number) => string;
	respondents: string;
	fewer: (k: number) => string;
	supervisor: string;
	hiddenItem: (k: number) => string;
	hiddenStep: (k: number) => string;
	hiddenQuestion: (k: number) => string;
	noComments: string;
	answers: string;
	median: string;
	cannotAssess: string;
	self: string;
	finalized: (date: string, version: number) => string;
	developmentPlan: string;
	summary: string;
	strengths: string;
	developmentAreas: string;
	goals: string;
	goalColumns: [string, string, string, string, string, string];
	nextFollowUp: string;
	actionPlan: string;
	problemAreas: string;
	supportMeasures: string;
	timePlan: string;
	followUp: string;
	informed: string;
	improvementPlan: string;
	spurSummary: string;
	actions: string;
	rowColumns: [string, string, string, string, string, string];
	none: string;
	signatures: Record<'trainee' | 'clinic', [string, string]>;
	nameClarification: string;
}

const strings: Record<Locale, Strings> = {
	sv: {
		title: {
			trainee: 'Återkoppling från specialistkollegium',
			clinic: 'Sammanställning från ST-läkarkollegium'
		},
		page: (page, pages) => `Sida ${page} av ${pages}`,
		date: 'Datum',
		subject: { trainee: 'ST-läkare', clinic: 'Klinik' },
		specialty: 'Specialitet',
		training: 'Tid i ST',
		month: (month) => `månad ${month} av ST`,
		respondents: 'Antal svarande',
		fewer: (k) => `färre än ${k} (visas inte)`,
		supervisor: 'Handledare',
		hiddenItem: (k) => `Visas inte: färre än ${k} svar`,
		hiddenStep: (k) => `Visas inte: färre än ${k} svarade`,
		hiddenQuestion: (k) => `Visas inte: färre än ${k} skrev här`,
		noComments: 'Inga kommentarer visades.',
		answers: 'Svar',
		median: 'Median',
		cannotAssess: 'Kan ej bedöma',
		self: 'Självskattning',
		finalized: (date, version) => `Fastställd ${date} (version ${version})`,
		developmentPlan: 'Utvecklingsplan',
		summary: 'Sammanfattning av diskussionen',
		strengths: 'Styrkor',
		developmentAreas: 'Utvecklingsområden',
		goals: 'Mål och aktiviteter',
		goalColumns: ['Mål', 'Delmål', 'Aktiviteter', 'Ansvarig', 'Klart senast', 'Uppföljning'],
		nextFollowUp: 'Nästa uppföljning',
		actionPlan: 'Åtgärdsplan',
		problemAreas: 'Problemområden',
		supportMeasures: 'Stödåtgärder',
		timePlan: 'Tidsplan',
		followUp: 'Uppföljning',
		informed: 'Studierektor informerad: ja',
		improvementPlan: 'Handlingsplan',
		spurSummary: 'Sammanfattning per SPUR-område',
		actions: 'Åtgärder',
		rowColumns: [
			'Område',
			'Planerad åtgärd',
			'Genomförs senast',
			'Vem genomför',
			'Uppföljning (datum)',
			'Vem följer upp'
		],
		none: 'Inga angivna.',
		signatures: {
			trainee: ['ST-läkare', 'Handledare'],
			clinic: ['Studierektor', 'Verksamhetschef']
		},
		nameClarification: 'Namnförtydligande'
	},
	en: {
		title: {
			trainee: 'Feedback from specialistkollegium',
			clinic: 'Summary from ST-läkarkollegium'
		},
		page: (page, pages) => `Page ${page} of ${pages}`,
		date: 'Date',
		subject: { trainee: 'Trainee', clinic: 'Clinic' },
		specialty: 'Specialty',
		training: 'Time in training',
		month: (month) => `month ${month} of specialist training`,
		respondents: 'Respondents',
		fewer: (k) => `fewer than ${k} (not shown)`,
		supervisor: 'Supervisor',
		hiddenItem: (k) => `Not shown: fewer than ${k} answers`,
		hiddenStep: (k) => `Not shown: fewer than ${k} responded`,
		hiddenQuestion: (k) => `Not shown: fewer than ${k} wrote here`,
		noComments: 'No comments were shown.',
		answers: 'Answers',
		median: 'Median',
		cannotAssess: 'Cannot assess',
		self: 'Self-assessment',
		finalized: (date, version) => `Finalised ${date} (version ${version})`,
		developmentPlan: 'Development plan',
		summary: 'Summary of the discussion',
		strengths: 'Strengths',
		developmentAreas: 'Areas for development',
		goals: 'Goals and activities',
		goalColumns: ['Goal', 'Delmål', 'Activities', 'Responsible', 'Due by', 'Follow-up'],
		nextFollowUp: 'Next follow-up',
		actionPlan: 'Action plan',
		problemAreas: 'Problem areas',
		supportMeasures: 'Support measures',
		timePlan: 'Time plan',
		followUp: 'Follow-up',
		informed: 'Director of training informed: yes',
		improvementPlan: 'Improvement plan',
		spurSummary: 'Summary per SPUR area',
		actions: 'Actions',
		rowColumns: [
			'Area',
			'Planned action',
			'Done by',
			'Carried out by',
			'Follow-up (date)',
			'Followed up by'
		],
		none: 'None given.',
		signatures: {
			trainee: ['Trainee', 'Supervisor'],
			clinic: ['Director of training', 'Head of department']
		},
		nameClarification: 'Name in print'
	}
};

export interface Context {
	report: FeedbackReport;
	locale: Locale;
	t: Strings;
}

/** The pdfmake definition of a feedback PDF: a function of the report alone. */
export function feedbackDocument(report: FeedbackReport): DocDefinition {
	const context: Context = { report, locale: report.locale, t: strings[report.locale] };
	const title = context.t.title[report.subject.kind];
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
				{ text: report.kollegium.title, width: '*' },
				{ text: longDate(report.kollegium.startsAt, context.locale), width: 'auto' }
			],
			style: 'pageHeader'
		}),
		footer: (page, pages) => ({
			columns: [
				{ text: report.subject.name, width: '*' },
				{ text: context.t.page(page, pages), width: 'auto' }
			],
			style: 'pageFooter'
		}),
		content: [
			titleBlock(context),
			...report.steps.flatMap((step) => stepContent(step, context)),
			...planContent(context),
			signatures(context)
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

function titleBlock({ report, locale, t }: Context): Content {
	const { subject, kollegium } = report;
	const rows: [string, string][] = [
		[t.date, longDate(kollegium.startsAt, locale)],
		[t.subject[subject.kind], subject.name]
	];
	if (subject.specialty) rows.push([t.specialty, subject.specialty]);
	if (subject.monthOfTraining !== null) rows.push([t.training, t.month(subject.monthOfTraining)]);
	rows.push([t.respondents, report.respondents?.toString() ?? t.fewer(kollegium.k)]);
	if (report.supervisorName) rows.push([t.supervisor, report.supervisorName]);
	return [
		{ text: t.title[subject.kind], style: 'title' },
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
	const [first, second] = t.signatures[report.subject.kind];
	const names =
		report.subject.kind === 'trainee' ? [report.subject.name, report.supervisorName] : [null, null];
	const block = (role: string, name: string | null): Content => ({
		stack: [
			{ text: role, bold: true },
			{ canvas: [rule(220, colors.text)], margin: [0, 34, 0, 2] },
			{ text: name ?? t.nameClarification, style: name ? 'small' : 'note' },
			{ canvas: [rule(140, colors.text)], margin: [0, 26, 0, 2] },
			{ text: t.date, style: 'note' }
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
