import type { DevelopmentPlan, FollowUpResult, ImprovementPlan } from '../plans.ts';
import { activityKindLabels, instrumentLabels, spurAreaLabels } from '../report.ts';
import { SpurArea } from '../template.ts';
import { localize } from '../text.ts';
import type { Context } from './feedback-document.ts';
import {
	bullets,
	grid,
	labelled,
	longDate,
	paragraphs,
	sectionHeading,
	subheading,
	type Content
} from './pdf-layout.ts';

const goalColumns = ['goal', 'delmal', 'activities', 'responsible', 'dueDate', 'followUp'] as const;
const followUpColumns = ['goal', 'delmal', 'activities', 'outcome', 'note'] as const;
const rowColumns = ['area', 'action', 'dueDate', 'owner', 'followUpDate', 'followUpBy'] as const;

/** The final plan: a development plan (with any åtgärdsplan) or a clinic's handlingsplan. */
export function planContent(context: Context): Content[] {
	const { plan } = context.report;
	const heading = context.t(
		plan.kind === 'development' ? 'pdf.developmentPlan' : 'pdf.improvementPlan'
	);
	const date = longDate(plan.finalizedAt, context.locale);
	const finalized = context.t('pdf.finalized', { date, version: plan.version });
	const body =
		plan.kind === 'development'
			? developmentPlan(plan.plan, context)
			: improvementPlan(plan.plan, context);
	return [sectionHeading(heading), { text: finalized, style: 'note' }, ...body];
}

function developmentPlan(plan: DevelopmentPlan, context: Context): Content[] {
	const { t, locale } = context;
	return [
		...(plan.followUp ? followUpContent(plan.followUp, context) : []),
		subheading(t('pdf.summary')),
		paragraphs(plan.summary),
		subheading(t('pdf.strengths')),
		bullets(plan.strengths, t('pdf.none')),
		subheading(t('pdf.developmentAreas')),
		bullets(plan.developmentAreas, t('pdf.none')),
		subheading(t('pdf.goals')),
		grid(
			['*', 74, 112, 66, 50, 74],
			goalColumns.map((column) => t(`pdf.goalColumn.${column}`)),
			plan.goals.map((goal) => [
				goal.description,
				goal.goals.map((code) => {
					const title = context.report.goalTitles[code];
					return {
						text: [{ text: code, bold: true }, title ? ` ${title}` : ''],
						margin: [0, 0, 0, 2]
					};
				}),
				goal.activities.map((activity) => ({
					text: [
						{ text: `${localize(activityKindLabels[activity.kind], locale)}: `, bold: true },
						activity.description,
						activity.instrument
							? ` (${localize(instrumentLabels[activity.instrument], locale)})`
							: ''
					],
					margin: [0, 0, 0, 2]
				})),
				goal.responsible,
				goal.dueDate,
				goal.followUp
			])
		),
		labelled(t('pdf.nextFollowUp'), longDate(plan.nextFollowUp, locale), [0, 10, 0, 0]),
		...(plan.actionPlan ? actionPlan(plan.actionPlan, context) : [])
	];
}

/** The previous plan's goals as the meeting followed them up: how far each was reached. */
function followUpContent(followUp: FollowUpResult, context: Context): Content[] {
	const { t, locale } = context;
	const from = t('pdf.followUpFrom', {
		title: followUp.from.title,
		date: longDate(followUp.from.startsAt, locale),
		version: followUp.from.version
	});
	return [
		subheading(t('pdf.followUpHeading')),
		{ text: from, style: 'note' },
		grid(
			['*', 74, 112, 70, 100],
			followUpColumns.map((column) => t(`pdf.followUpColumn.${column}`)),
			followUp.goals.map((goal) => [
				goal.description,
				goal.goals.map((code) => {
					const title = context.report.goalTitles[code];
					return {
						text: [{ text: code, bold: true }, title ? ` ${title}` : ''],
						margin: [0, 0, 0, 2]
					};
				}),
				goal.activities.map((activity) => ({
					text: [
						{ text: `${localize(activityKindLabels[activity.kind], locale)}: `, bold: true },
						activity.description
					],
					margin: [0, 0, 0, 2]
				})),
				{ text: t(`pdf.followUpOutcome.${goal.outcome ?? 'none'}`), bold: true },
				goal.note
			])
		)
	];
}

function actionPlan(
	plan: NonNullable<DevelopmentPlan['actionPlan']>,
	{ t, locale }: Context
): Content[] {
	return [
		sectionHeading(t('pdf.actionPlan')),
		subheading(t('pdf.problemAreas')),
		bullets(plan.problemAreas, t('pdf.none')),
		subheading(t('pdf.supportMeasures')),
		bullets(plan.supportMeasures, t('pdf.none')),
		subheading(t('pdf.timePlan')),
		paragraphs(plan.timePlan),
		labelled(t('pdf.followUp'), longDate(plan.followUpDate, locale), [0, 10, 0, 2]),
		{ text: t('pdf.informed'), bold: true }
	];
}

function improvementPlan(plan: ImprovementPlan, { t, locale }: Context): Content[] {
	const areaName = (area: SpurArea) => localize(spurAreaLabels[area], locale);
	const summaries = SpurArea.options.flatMap((area): Content[] => {
		const text = plan.summaries[area];
		if (!text) return [];
		return [{ text: `${area} ${areaName(area)}`, style: 'item' }, paragraphs(text)];
	});
	return [
		subheading(t('pdf.spurSummary')),
		...(summaries.length > 0 ? summaries : [{ text: t('pdf.none'), style: 'note' }]),
		subheading(t('pdf.actions')),
		grid(
			[94, '*', 50, 70, 54, 72],
			rowColumns.map((column) => t(`pdf.rowColumn.${column}`)),
			plan.rows.map((row) => [
				{ text: [{ text: row.area, bold: true }, ` ${areaName(row.area)}`] },
				row.action,
				row.dueDate,
				row.owner,
				row.followUpDate,
				row.followUpBy
			])
		)
	];
}
