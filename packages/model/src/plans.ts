import { z } from 'zod';
import { GoalCode } from './goals.ts';
import { SpurArea } from './template.ts';

const IsoDate = z.iso.date();
const Text = (min = 2, max = 2000) => z.string().trim().min(min).max(max);

/** Instruments a plan may name to show progress on a goal (domain.md). */
export const AssessmentInstrument = z.enum([
	'mini-cex',
	'dops',
	'cbd',
	'medsittning',
	'msf-360',
	'korkort',
	'ge-kniven-vidare'
]);
export type AssessmentInstrument = z.infer<typeof AssessmentInstrument>;

export const PlanActivity = z.object({
	kind: z.enum(['placement', 'course', 'self-study', 'assessment', 'supervision', 'other']),
	description: Text(2, 500),
	/** Which instrument will show progress, for an assessment activity. */
	instrument: AssessmentInstrument.nullable().default(null)
});
export type PlanActivity = z.infer<typeof PlanActivity>;

/** One goal of a development plan: what, linked to which delmål, how, who, by when, followed up how. */
export const PlanGoal = z
	.object({
		description: Text(3, 1000),
		goals: z.array(GoalCode).min(1).max(10),
		activities: z.array(PlanActivity).min(1).max(10),
		responsible: Text(2, 200),
		dueDate: IsoDate,
		followUp: Text(3, 500)
	})
	.superRefine((goal, ctx) => {
		goal.activities.forEach((activity, index) => {
			if (activity.kind === 'assessment' && activity.instrument === null) {
				ctx.addIssue({
					code: 'custom',
					path: ['activities', index, 'instrument'],
					message: 'instrumentRequired'
				});
			}
		});
	});
export type PlanGoal = z.infer<typeof PlanGoal>;

/** How far a goal of the previous plan was reached, as the room judged it at the next kollegium. */
export const FollowUpOutcome = z.enum(['reached', 'partly', 'notReached']);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

/** The studierektor's note beside a followed-up goal. */
export const FollowUpNote = z.string().trim().max(1000);

/** One goal of the previous plan as it was written, and how far the room judged it reached. */
export const FollowUpGoal = z.object({
	description: z.string().max(1000),
	goals: z.array(GoalCode).max(10),
	activities: z.array(PlanActivity).max(10),
	/** Null: not judged. */
	outcome: FollowUpOutcome.nullable(),
	note: FollowUpNote
});
export type FollowUpGoal = z.infer<typeof FollowUpGoal>;

/** Which plan was followed up: the earlier kollegium's title and start, the plan's version. */
export const FollowUpSource = z.object({
	title: z.string(),
	startsAt: z.iso.datetime(),
	version: z.int().min(1)
});
export type FollowUpSource = z.infer<typeof FollowUpSource>;

/** The follow-up of the trainee's previous final plan, carried into the new one. */
export const FollowUpResult = z.object({
	from: FollowUpSource,
	goals: z.array(FollowUpGoal).max(20)
});
export type FollowUpResult = z.infer<typeof FollowUpResult>;

/** Åtgärdsplan: when a trainee risks not reaching the goals. */
export const ActionPlan = z.object({
	problemAreas: z.array(Text(3, 500)).min(1).max(20),
	supportMeasures: z.array(Text(3, 500)).min(1).max(20),
	timePlan: Text(3, 1000),
	followUpDate: IsoDate,
	/** The studierektor has been informed; a final åtgärdsplan requires it. */
	studierektorInformed: z.literal(true, { message: 'studierektorInformed' })
});
export type ActionPlan = z.infer<typeof ActionPlan>;

/**
 * Utvecklingsplan for one trainee after a specialistkollegium. Marking it final validates it
 * with this schema: a missing owner or date is pointed out, nothing is lost.
 */
export const DevelopmentPlan = z
	.object({
		summary: Text(3, 5000),
		strengths: z.array(Text(2, 1000)).max(30),
		developmentAreas: z.array(Text(2, 1000)).max(30),
		goals: z.array(PlanGoal).min(1).max(20),
		nextFollowUp: IsoDate,
		atRisk: z.boolean(),
		actionPlan: ActionPlan.nullable(),
		/** Absent in plans frozen before follow-ups existed, null when there was nothing to follow up. */
		followUp: FollowUpResult.nullable().optional()
	})
	.superRefine((plan, ctx) => {
		if (plan.atRisk && plan.actionPlan === null) {
			ctx.addIssue({ code: 'custom', path: ['actionPlan'], message: 'actionPlanRequired' });
		}
	});
export type DevelopmentPlan = z.infer<typeof DevelopmentPlan>;

/** One row of a SPUR handlingsplan. */
export const ImprovementRow = z.object({
	area: SpurArea,
	action: Text(3, 1000),
	dueDate: IsoDate,
	owner: Text(2, 200),
	followUpDate: IsoDate,
	followUpBy: Text(2, 200)
});
export type ImprovementRow = z.infer<typeof ImprovementRow>;

/** Handlingsplan for the clinic after an ST-läkarkollegium, in SPUR's format. */
export const ImprovementPlan = z.object({
	/** The room's summary per SPUR area that was discussed. */
	summaries: z.partialRecord(SpurArea, Text(3, 5000)),
	rows: z.array(ImprovementRow).min(1).max(50)
});
export type ImprovementPlan = z.infer<typeof ImprovementPlan>;
