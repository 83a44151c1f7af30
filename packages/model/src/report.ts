import type { KollegiumKind, SpurArea } from './template.ts';
import type { LocalizedText, Locale } from './text.ts';
import type { StepView } from './meeting/view.ts';
import type {
	AssessmentInstrument,
	DevelopmentPlan,
	ImprovementPlan,
	PlanActivity
} from './plans.ts';

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
	kollegium: { kind: KollegiumKind; title: string; startsAt: string; k: number };
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

/** Names the plan editor and the PDF give the plan's coded values. */
export const activityKindLabels: Record<PlanActivity['kind'], LocalizedText> = {
	placement: { sv: 'Placering/randning', en: 'Placement' },
	course: { sv: 'Kurs', en: 'Course' },
	'self-study': { sv: 'Självstudier', en: 'Self-study' },
	assessment: { sv: 'Bedömningsinstrument', en: 'Assessment instrument' },
	supervision: { sv: 'Handledning', en: 'Supervision' },
	other: { sv: 'Annat', en: 'Other' }
};

export const instrumentLabels: Record<AssessmentInstrument, LocalizedText> = {
	'mini-cex': { sv: 'Mini-CEX', en: 'Mini-CEX' },
	dops: { sv: 'DOPS', en: 'DOPS' },
	cbd: { sv: 'CBD', en: 'CBD' },
	medsittning: { sv: 'Medsittning', en: 'Sit-in' },
	'msf-360': { sv: '360-graders/MSF', en: '360-degree/MSF' },
	korkort: { sv: 'Körkort', en: 'Sign-off (körkort)' },
	'ge-kniven-vidare': { sv: 'Ge kniven vidare', en: 'Ge kniven vidare' }
};

/** The SPUR inspection's areas, which an improvement plan's rows are filed under. */
export const spurAreaLabels: Record<SpurArea, LocalizedText> = {
	A: { sv: 'Verksamheten', en: 'The clinic' },
	B: { sv: 'Medarbetarstab och interna kompetenser', en: 'Staff and internal competence' },
	C: { sv: 'Lokaler och utrustning', en: 'Premises and equipment' },
	D: { sv: 'Tjänstgöringens upplägg', en: 'Structure of the training' },
	E: { sv: 'Handledning och kompetensbedömning', en: 'Supervision and assessment' },
	F: { sv: 'Teoretisk utbildning', en: 'Theoretical education' },
	G: {
		sv: 'Medicinsk vetenskap och kvalitetsarbete',
		en: 'Medical science and quality improvement'
	},
	H: { sv: 'Ledarskap och kommunikativ kompetens', en: 'Leadership and communication' }
};
