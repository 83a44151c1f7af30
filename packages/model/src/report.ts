import { localizedMessage, type MessageKey } from './messages/index.ts';
import {
	AssessmentInstrument,
	PlanActivity,
	type DevelopmentPlan,
	type ImprovementPlan
} from './plans.ts';
import { SpurArea, type KollegiumKind } from './template.ts';
import type { LocalizedText, Locale } from './text.ts';
import type { StepView } from './meeting/view.ts';

/** A rating or comment step as the room saw it; only revealed steps ever get here. */
export type RevealedStep = Extract<StepView, { kind: 'ratings' | 'comments' }>;

/** The frozen plan a feedback PDF is built from. */
export type FinalPlan =
	| { kind: 'development'; version: number; finalizedAt: string; plan: DevelopmentPlan }
	| { kind: 'improvement'; version: number; finalizedAt: string; plan: ImprovementPlan };

/**
 * Everything one feedback PDF shows, and nothing else: it is assembled on the server from the
 * revealed steps of the meeting and the final plan, so an unrevealed comment cannot reach it.
 */
export interface FeedbackReport {
	locale: Locale;
	kollegium: {
		kind: KollegiumKind;
		title: string;
		startsAt: string;
		k: number;
		/** The name of the clinic it belongs to. */
		clinic: string;
	};
	subject: {
		kind: 'trainee' | 'clinic';
		name: string;
		specialty: string | null;
		monthOfTraining: number | null;
	};
	/** How many answered about the subject; null when fewer than k did. */
	respondents: number | null;
	/** The handledare who passes the feedback on; named on the signature line. */
	supervisorName: string | null;
	/** The revealed steps, in agenda order, with the trainee's self-assessment beside each rating. */
	steps: RevealedStep[];
	plan: FinalPlan;
	/** Titles of the delmål the plan links to, by code, in the report's language. */
	goalTitles: Record<string, string>;
	generatedAt: string;
}

/** Each value's label in both languages, read from the message catalogue. */
function labels<Value extends string>(
	values: readonly Value[],
	key: (value: Value) => MessageKey
): Record<Value, LocalizedText> {
	return Object.fromEntries(values.map((value) => [value, localizedMessage(key(value))])) as Record<
		Value,
		LocalizedText
	>;
}

/** Names the plan editor and the PDF give the plan's coded values. */
export const activityKindLabels = labels(
	PlanActivity.shape.kind.options,
	(kind) => `report.activityKind.${kind}`
);

export const instrumentLabels = labels(
	AssessmentInstrument.options,
	(instrument) => `report.instrument.${instrument}`
);

/** The SPUR inspection's areas, which an improvement plan's rows are filed under. */
export const spurAreaLabels = labels(SpurArea.options, (area) => `report.spurArea.${area}`);
