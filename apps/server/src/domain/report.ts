import {
	DevelopmentPlan,
	ImprovementPlan,
	buildStepView,
	isMeetingOver,
	isRevealed,
	localize,
	minRespondentsFor,
	supervisorResult,
	translate,
	type FeedbackReport,
	type FinalPlan,
	type Locale,
	type MeetingState,
	type PlanFeedbackReport,
	type RevealedStep,
	type Subject,
	type SupervisorFeedbackReport,
	type SupervisorResult
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { clinicNameOfKollegium } from './clinics.ts';
import { participantsOf } from './kollegier.ts';
import { loadMeetingContext, loadMeetingState, type MeetingContext } from './meeting.ts';
import { specialtyGoalsOf } from './specialty-goals.ts';

/** The newest version of a subject's plan marked final, or null. */
async function latestFinalPlan(db: Db, subjectId: string): Promise<FinalPlan | null> {
	const row = await db
		.selectFrom('planVersions')
		.select(['version', 'plan', 'finalizedAt'])
		.where('subjectId', '=', subjectId)
		.orderBy('version', 'desc')
		.executeTakeFirst();
	if (!row) return null;
	const stored: unknown = JSON.parse(row.plan);
	const development = DevelopmentPlan.safeParse(stored);
	if (development.success) return { kind: 'development', ...base(row), plan: development.data };
	return { kind: 'improvement', ...base(row), plan: ImprovementPlan.parse(stored) };
}

const base = (row: { version: number; finalizedAt: string }) => ({
	version: row.version,
	finalizedAt: row.finalizedAt
});

// PDFs are asked for in bursts (a handover table's five links, a handledare with three
// trainees). Loading a meeting's context reads and parses every answer on the thread the live
// meetings run on, so requests that arrive together share one load; nothing is kept after it.
const loading = new WeakMap<Db, Map<string, Promise<MeetingContext>>>();
function sharedContext(db: Db, kollegiumId: string): Promise<MeetingContext> {
	let forDb = loading.get(db);
	if (!forDb) loading.set(db, (forDb = new Map()));
	let pending = forDb.get(kollegiumId);
	if (!pending) {
		const map = forDb;
		pending = loadMeetingContext(db, kollegiumId).finally(() => map.delete(kollegiumId));
		forDb.set(kollegiumId, pending);
	}
	return pending;
}

/**
 * Everything one feedback PDF shows. Built like the meeting's frames, from the same context and
 * with the same k rules, but only from the steps the room was actually shown: a step the
 * studierektor never revealed, and so any comment in it, cannot reach the PDF.
 */
export async function feedbackReport(
	deps: Pick<Deps, 'db' | 'library' | 'now'>,
	options: { kollegiumId: string; subjectId: string; locale: Locale }
): Promise<PlanFeedbackReport> {
	const { db } = deps;
	const context = await sharedContext(db, options.kollegiumId);
	const subject = context.subjects.find((s) => s.id === options.subjectId);
	if (!subject || subject.kind === 'supervisor') fail(404, 'subjectNotFound');
	const plan = (await latestFinalPlan(db, subject.id)) ?? fail(409, 'planNotFinal');
	const state = await loadMeetingState(db, context, deps.now());
	const shown = shownAbout({ context, state, subject });
	const participants = await participantsOf(db, options.kollegiumId);
	return {
		locale: options.locale,
		kollegium: await reportKollegium(db, context, shown.k),
		subject: { kind: subject.kind, ...shown.header },
		respondents: shown.respondents,
		supervisorName: participants.find((p) => p.id === subject.supervisorId)?.name ?? null,
		steps: shown.steps,
		plan,
		goalTitles: await goalTitles(deps, subject, plan, options.locale),
		generatedAt: deps.now().toISOString()
	};
}

/**
 * One subject's steps as the room was shown them, with that subject's k (a supervisor's own):
 * only revealed rating and comment steps, and the count of respondents only if the room was
 * shown the subject's introduction.
 */
function shownAbout(options: { context: MeetingContext; state: MeetingState; subject: Subject }) {
	const { context, state, subject } = options;
	const k = minRespondentsFor({ kollegium: context.kollegium, subject });
	const view = (step: MeetingContext['agenda'][number]) =>
		buildStepView({
			step,
			form: context.kollegium.form,
			subject,
			startsAt: context.kollegium.startsAt,
			k,
			answers: context.answers.get(subject.id) ?? [],
			selfAnswers: context.selfAnswers.get(subject.id) ?? null,
			comments: context.comments.get(step.id) ?? [],
			// The trainee's own answers go beside the room's: the PDF is the trainee's.
			showSelf: true,
			splitByFamiliarity: false
		});
	const own = context.agenda.filter((step) => step.subjectId === subject.id);
	const intro = own.find((step) => step.kind === 'intro');
	const introView = intro ? view(intro) : null;
	const steps = own
		.filter((step) => isRevealed(state, step))
		.map(view)
		.filter(
			(shown): shown is RevealedStep => shown.kind === 'ratings' || shown.kind === 'comments'
		);
	const header = introView?.subject ?? {
		name: subject.name,
		specialty: subject.specialty,
		monthOfTraining: null
	};
	return {
		k,
		steps,
		header: {
			name: header.name,
			specialty: header.specialty,
			monthOfTraining: header.monthOfTraining
		},
		respondents:
			intro && isRevealed(state, intro) && introView?.kind === 'intro'
				? introView.respondents
				: null
	};
}

async function reportKollegium(db: Db, context: MeetingContext, k: number) {
	return {
		kind: context.kollegium.kind,
		title: context.kollegium.title,
		startsAt: context.kollegium.startsAt,
		k,
		clinic: await clinicNameOfKollegium(db, context.kollegium.id)
	};
}

/** Whether a kollegium's subject is a supervisor (whose PDF is their own feedback). */
export async function isSupervisorSubject(
	deps: Pick<Deps, 'db'>,
	options: { kollegiumId: string; subjectId: string }
): Promise<boolean> {
	const row = await deps.db
		.selectFrom('subjects')
		.select('kind')
		.where('id', '=', options.subjectId)
		.where('kollegiumId', '=', options.kollegiumId)
		.executeTakeFirst();
	return row?.kind === 'supervisor';
}

/**
 * A supervisor's own result from an ST-läkarkollegium (#11 D): after the meeting, with at least
 * their k answers about them, what the room was shown about them and nobody else. Below k, or
 * before the meeting is over, there is no report and nothing is counted for the caller.
 */
export async function supervisorFeedback(
	deps: Pick<Deps, 'db' | 'now'>,
	options: { kollegiumId: string; subjectId: string; locale: Locale }
): Promise<{ result: SupervisorResult; k: number; report: SupervisorFeedbackReport | null }> {
	const { db } = deps;
	const context = await sharedContext(db, options.kollegiumId);
	const subject = context.subjects.find((s) => s.id === options.subjectId);
	if (!subject || subject.kind !== 'supervisor') fail(404, 'subjectNotFound');
	const k = minRespondentsFor({ kollegium: context.kollegium, subject });
	if (!isMeetingOver(context.kollegium.status)) return { result: 'pending', k, report: null };
	const state = await loadMeetingState(db, context, deps.now());
	const shown = shownAbout({ context, state, subject });
	const result = supervisorResult({
		status: context.kollegium.status,
		respondents: context.answers.get(subject.id)?.length ?? 0,
		k,
		anyStepShown: shown.steps.length > 0
	});
	if (result !== 'available') return { result, k, report: null };
	return {
		result,
		k,
		report: {
			locale: options.locale,
			kollegium: await reportKollegium(db, context, k),
			subject: { kind: 'supervisor', name: subject.name, specialty: null, monthOfTraining: null },
			respondents: shown.respondents,
			steps: shown.steps,
			generatedAt: deps.now().toISOString()
		}
	};
}

/** The titles of the delmål the plan links: the regulation's, and the specialty's c-delmål. */
async function goalTitles(
	deps: Pick<Deps, 'db' | 'library'>,
	subject: Parameters<typeof specialtyGoalsOf>[1],
	plan: FinalPlan,
	locale: Locale
): Promise<Record<string, string>> {
	const { regulation } = subject;
	if (plan.kind !== 'development' || !regulation) return {};
	const catalogue = deps.library.catalogueFor(regulation);
	// The goals of the previous plan followed up in the meeting are printed with titles too.
	const followedUp = plan.plan.followUp?.goals ?? [];
	const codes = new Set([...plan.plan.goals, ...followedUp].flatMap((goal) => goal.goals));
	const titles: Record<string, string> = {};
	for (const goal of [...(catalogue?.goals ?? []), ...(await specialtyGoalsOf(deps, subject))]) {
		if (codes.has(goal.code)) titles[goal.code] = localize(goal.title, locale);
	}
	return titles;
}

/** A file name people recognise in their downloads folder. */
export function feedbackFileName(report: FeedbackReport): string {
	// The meeting's date where it was held, as the PDF's header shows it.
	const date = new Date(report.kollegium.startsAt).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Stockholm'
	});
	const name = translate(report.locale, 'pdf.fileName', { name: report.subject.name, date });
	return `${name}.pdf`.replace(/[\\/:*?"<>|]/g, '-');
}
