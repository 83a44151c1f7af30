import { z } from 'zod';
import { Regulation } from './goals.ts';
import { KollegiumStatus } from './kollegium.ts';
import { ActionPlan, DevelopmentPlan } from './plans.ts';
import { monthOfTraining } from './training.ts';
import {
	isFollowUpOverdue,
	isHeld,
	SPECIALISTKOLLEGIER_TARGET,
	swedishDay
} from './training-over-time.ts';
import { AreaTrend } from './trends.ts';

/**
 * A trainee followed over time through the register: facts about their specialistkollegier,
 * final plans and handovers, never an answer. The clinic's list and the trainee's page are
 * assembled here from the same facts, so the two never disagree.
 */

const IsoDate = z.iso.date();
const Moment = z.iso.datetime({ offset: true });

/** Held specialistkollegier against the target of at least three during the training. */
export const KollegiumProgress = z.strictObject({
	held: z.int().min(0),
	target: z.int().min(1)
});
export type KollegiumProgress = z.infer<typeof KollegiumProgress>;

/** The next follow-up set by the trainee's latest final plan. */
export const NextFollowUp = z.strictObject({
	date: IsoDate,
	/** Its date has passed and no specialistkollegium has been held since. */
	overdue: z.boolean()
});
export type NextFollowUp = z.infer<typeof NextFollowUp>;

/** One trainee in the clinic's list, what needs attention first. */
export const TraineeSummary = z.strictObject({
	personId: z.uuid(),
	name: z.string(),
	specialty: z.string(),
	regulation: Regulation,
	monthOfTraining: z.int().min(0),
	specialistkollegier: KollegiumProgress,
	/** The day of the latest held specialistkollegium. */
	lastKollegium: IsoDate.nullable(),
	nextFollowUp: NextFollowUp.nullable(),
	/** The latest final plan says the trainee risks not reaching the goals. */
	atRisk: z.boolean()
});
export type TraineeSummary = z.infer<typeof TraineeSummary>;

/** One specialistkollegium the trainee was assessed in, with its final plans and handover. */
export const TraineeKollegium = z.strictObject({
	kollegiumId: z.uuid(),
	title: z.string(),
	startsAt: Moment,
	date: IsoDate,
	status: KollegiumStatus,
	held: z.boolean(),
	/** Final plan versions, oldest first; the newest is the one that counts. */
	plans: z.array(z.strictObject({ version: z.int().min(1), finalizedAt: Moment })),
	handover: z
		.strictObject({
			givenOn: IsoDate,
			planVersion: z.int().min(1),
			sharedWithTrainee: z.boolean()
		})
		.nullable()
});
export type TraineeKollegium = z.infer<typeof TraineeKollegium>;

/** The trainee's page. */
export const TraineeRecord = z.strictObject({
	person: z.strictObject({
		id: z.uuid(),
		name: z.string(),
		specialty: z.string(),
		regulation: Regulation,
		stStart: IsoDate,
		monthsOfLeave: z.int().min(0),
		supervisorName: z.string().nullable()
	}),
	monthOfTraining: z.int().min(0),
	specialistkollegier: KollegiumProgress,
	/** Oldest first. */
	kollegier: z.array(TraineeKollegium),
	/** The latest final plan: the newest version of the latest kollegium that has one. */
	latestPlan: z
		.strictObject({
			kollegiumId: z.uuid(),
			version: z.int().min(1),
			finalizedAt: Moment,
			atRisk: z.boolean()
		})
		.nullable(),
	/** The latest final plan's åtgärdsplan, when it says the trainee is at risk. */
	actionPlan: ActionPlan.nullable(),
	nextFollowUp: NextFollowUp.nullable(),
	trends: z.array(AreaTrend)
});
export type TraineeRecord = z.infer<typeof TraineeRecord>;

/** What the server knows about one register trainee, loaded once and passed in. */
export interface TraineeFacts {
	person: {
		id: string;
		name: string;
		specialty: string;
		regulation: Regulation;
		stStart: string;
		monthsOfLeave: number;
		supervisorName: string | null;
	};
	/** Their specialistkollegier, in any order. */
	kollegier: readonly {
		kollegiumId: string;
		title: string;
		startsAt: string;
		status: KollegiumStatus;
		/** Final versions; `plan` is the frozen plan as stored. */
		plans: readonly { version: number; finalizedAt: string; plan: unknown }[];
		handover: { givenOn: string; planVersion: number; sharedWithTrainee: boolean } | null;
	}[];
}

/** The trainee's line in the clinic's list, as of `today` (an ISO date). */
export function traineeSummary(options: { facts: TraineeFacts; today: string }): TraineeSummary {
	const { person } = options.facts;
	const state = trainingState(options);
	const held = state.kollegier.filter((kollegium) => isHeld(kollegium.status));
	return {
		personId: person.id,
		name: person.name,
		specialty: person.specialty,
		regulation: person.regulation,
		monthOfTraining: state.monthOfTraining,
		specialistkollegier: state.progress,
		lastKollegium: held.at(-1)?.date ?? null,
		nextFollowUp: state.nextFollowUp,
		atRisk: state.latest?.plan?.atRisk ?? false
	};
}

/** The trainee's page, as of `today` (an ISO date), with the trends loaded beside it. */
export function traineeRecord(options: {
	facts: TraineeFacts;
	today: string;
	trends: readonly AreaTrend[];
}): TraineeRecord {
	const state = trainingState(options);
	const plan = state.latest?.plan ?? null;
	return {
		person: { ...options.facts.person },
		monthOfTraining: state.monthOfTraining,
		specialistkollegier: state.progress,
		kollegier: state.kollegier.map(({ plansSorted, ...kollegium }) => ({
			...kollegium,
			plans: plansSorted.map(({ version, finalizedAt }) => ({ version, finalizedAt }))
		})),
		latestPlan: state.latest
			? {
					kollegiumId: state.latest.kollegiumId,
					version: state.latest.version,
					finalizedAt: state.latest.finalizedAt,
					atRisk: plan?.atRisk ?? false
				}
			: null,
		actionPlan: plan?.atRisk ? plan.actionPlan : null,
		nextFollowUp: state.nextFollowUp,
		trends: [...options.trends]
	};
}

/** The list's order: overdue follow-ups first, then trainees at risk, then by name. */
export function byAttention(a: TraineeSummary, b: TraineeSummary): number {
	return attentionRank(a) - attentionRank(b) || a.name.localeCompare(b.name, 'sv');
}

function attentionRank(summary: TraineeSummary): number {
	if (summary.nextFollowUp?.overdue) return 0;
	if (summary.atRisk) return 1;
	return 2;
}

/** What the list and the page share: the kollegier in order, the latest plan and its follow-up. */
function trainingState(options: { facts: TraineeFacts; today: string }) {
	const { facts, today } = options;
	const kollegier = [...facts.kollegier]
		.sort(
			(a, b) => a.startsAt.localeCompare(b.startsAt) || a.kollegiumId.localeCompare(b.kollegiumId)
		)
		.map(({ plans, ...kollegium }) => ({
			...kollegium,
			date: swedishDay(new Date(kollegium.startsAt)),
			held: isHeld(kollegium.status),
			plansSorted: [...plans].sort((a, b) => a.version - b.version)
		}));
	const index = kollegier.findLastIndex((kollegium) => kollegium.plansSorted.length > 0);
	const owner = kollegier[index];
	const newest = owner?.plansSorted.at(-1);
	const latest =
		owner && newest
			? {
					kollegiumId: owner.kollegiumId,
					version: newest.version,
					finalizedAt: newest.finalizedAt,
					plan: readPlan(newest.plan)
				}
			: null;
	const nextFollowUp = latest?.plan
		? {
				date: latest.plan.nextFollowUp,
				overdue: isFollowUpOverdue({
					nextFollowUp: latest.plan.nextFollowUp,
					today,
					laterKollegiumHeld: kollegier.slice(index + 1).some((kollegium) => kollegium.held)
				})
			}
		: null;
	return {
		kollegier,
		latest,
		nextFollowUp,
		monthOfTraining: monthOfTraining({
			stStart: facts.person.stStart,
			at: today,
			monthsOfLeave: facts.person.monthsOfLeave
		}),
		progress: {
			held: kollegier.filter((kollegium) => kollegium.held).length,
			target: SPECIALISTKOLLEGIER_TARGET
		}
	};
}

/** A frozen plan was valid when it was frozen; one that no longer parses carries no follow-up. */
function readPlan(plan: unknown): DevelopmentPlan | null {
	const parsed = DevelopmentPlan.safeParse(plan);
	return parsed.success ? parsed.data : null;
}
