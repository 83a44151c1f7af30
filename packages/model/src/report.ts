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

/** What every feedback PDF has: the kollegium, the subject, and the steps the room was shown. */
interface ReportBase {
	locale: Locale;
	kollegium: {
		kind: KollegiumKind;
		title: string;
		startsAt: string;
		/** The k that applied to this report's subject. */
		k: number;
		/** The name of the clinic it belongs to. */
		clinic: string;
	};
	/** How many answered about the subject; null when fewer than k did (or the room was not told). */
	respondents: number | null;
	/** The revealed steps about this subject only, in agenda order. */
	steps: RevealedStep[];
	generatedAt: string;
}

/**
 * Everything one feedback PDF shows, and nothing else: it is assembled on the server from the
 * revealed steps of the meeting and the final plan, so an unrevealed comment cannot reach it.
 */
export interface PlanFeedbackReport extends ReportBase {
	subject: {
		kind: 'trainee' | 'clinic';
		name: string;
		specialty: string | null;
		monthOfTraining: number | null;
	};
	/** The handledare who passes the feedback on; named on the signature line. */
	supervisorName: string | null;
	/** The revealed steps, with the trainee's self-assessment beside each rating. */
	steps: RevealedStep[];
	plan: FinalPlan;
	/** Titles of the delmål the plan links to, by code, in the report's language. */
	goalTitles: Record<string, string>;
}

/**
 * A supervisor's own feedback from an ST-läkarkollegium: the aggregated ratings and curated
 * comments the room was shown about them, at their k; no plan, no other supervisor.
 */
export interface SupervisorFeedbackReport extends ReportBase {
	subject: { kind: 'supervisor'; name: string; specialty: null; monthOfTraining: null };
}

/** Either kind of feedback PDF; the renderer takes this one type. */
export type FeedbackReport = PlanFeedbackReport | SupervisorFeedbackReport;

/** Whether a report is a supervisor's own (and so has no plan). */
export function isSupervisorReport(report: FeedbackReport): report is SupervisorFeedbackReport {
	return report.subject.kind === 'supervisor';
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
