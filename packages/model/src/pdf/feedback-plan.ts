import type { DevelopmentPlan, ImprovementPlan } from '../plans.ts';
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

/** The final plan: a development plan (with any åtgärdsplan) or a clinic's handlingsplan. */
export function planContent(context: Context): Content[] {
	const { plan } = context.report;
	const heading =
		plan.kind === 'development' ? context.t.developmentPlan : context.t.improvementPlan;
	const finalized = context.t.finalized(longDate(plan.finalizedAt, context.locale), plan.version);
	const body =
		plan.kind === 'development'
			? developmentPlan(plan.plan, context)
			: improvementPlan(plan.plan, context);
	return [sectionHeading(heading), { text: finalized, style: 'note' }, ...body];
}

function developmentPlan(plan: DevelopmentPlan, context: Context): Content[] {
	const { t, locale } = context;
	return [
		subheading(t.summary),
		paragraphs(plan.summary),
		subheading(t.strengths),
		bullets(plan.strengths, t.none),
		subheading(t.developmentAreas),
		bullets(plan.developmentAreas, t.none),
		subheading(t.goals),
		grid(
			['*', 74, 112, 66, 50, 74],
			t.goalColumns,
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
		labelled(t.nextFollowUp, longDate(plan.nextFollowUp, locale), [0, 10, 0, 0]),
		...(plan.actionPlan ? actionPlan(plan.actionPlan, context) : [])
	];
}

function actionPlan(
	plan: NonNullable<DevelopmentPlan['actionPlan']>,
	{ t, locale }: Context
): Content[] {
	return [
		sectionHeading(t.actionPlan),
		subheading(t.problemAreas),
		bullets(plan.problemAreas, t.none),
		subheading(t.supportMeasures),
		bullets(plan.supportMeasures, t.none),
		subheading(t.timePlan),
		paragraphs(plan.timePlan),
		labelled(t.followUp, longDate(plan.followUpDate, locale), [0, 10, 0, 2]),
		{ text: t.informed, bold: true }
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
		subheading(t.spurSummary),
		...(summaries.length > 0 ? summaries : [{ text: t.none, style: 'note' }]),
		subheading(t.actions),
		grid(
			[94, '*', 50, 70, 54, 72],
			t.rowColumns,
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
