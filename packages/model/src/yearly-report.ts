import Papa from 'papaparse';
import { z } from 'zod';
import { median } from './aggregate.ts';
import { Regulation } from './goals.ts';
import { longDate } from './pdf/pdf-layout.ts';
import type { KollegiumStatus } from './kollegium.ts';
import { translate, type MessageKey, type MessageParams } from './messages/index.ts';
import type { KollegiumKind } from './template.ts';
import type { Locale } from './text.ts';
import {
	isFollowUpOverdue,
	isHeld,
	SPECIALISTKOLLEGIER_TARGET,
	swedishDay
} from './training-over-time.ts';

/**
 * The yearly report of a clinic, for the verksamhetsberättelse: computed from facts about
 * meetings, plans and handovers alone, never from anyone's answers. Dates are days of the
 * Swedish calendar; a kollegium belongs to the year of the day its meeting starts.
 */

const IsoDate = z.iso.date();

/** The first and the last year a report can be asked for. */
export const REPORT_YEARS = { min: 2000, max: 2100 } as const;

/** The year of a report, as a path segment or a query value. */
export const ReportYear = z.coerce.number().int().min(REPORT_YEARS.min).max(REPORT_YEARS.max);

/** What the report is computed from: the clinic's register and the facts of its kollegier. */
export interface YearlyReportFacts {
	clinic: string;
	year: number;
	/** Today in the Swedish calendar: the current year is reported as of today. */
	today: string;
	generatedAt: string;
	/** The register's trainees. */
	trainees: readonly { personId: string; regulation: Regulation; stStart: string }[];
	kollegier: readonly {
		id: string;
		kind: KollegiumKind;
		startsAt: string;
		status: KollegiumStatus;
	}[];
	/** Trainee subjects; `personId` when picked from the register, else null. */
	subjects: readonly { id: string; kollegiumId: string; personId: string | null }[];
	/** Every final plan version of a trainee subject. */
	finalPlans: readonly {
		subjectId: string;
		version: number;
		finalizedAt: string;
		atRisk: boolean;
		nextFollowUp: string;
		hasActionPlan: boolean;
	}[];
	handovers: readonly { subjectId: string; givenOn: string }[];
}

/** A count out of a whole; `share` (0–1) is null when the whole is zero. */
export const ReportShare = z.strictObject({
	count: z.int().min(0),
	of: z.int().min(0),
	share: z.number().min(0).max(1).nullable()
});
export type ReportShare = z.infer<typeof ReportShare>;

export const YearlyReport = z.strictObject({
	clinic: z.string(),
	year: z.int(),
	/** The day the figures are counted up to: 31 December of a past year, else today. */
	asOf: IsoDate,
	generatedAt: z.iso.datetime({ offset: true }),
	/** Register trainees in training during the year: ST start on or before 31 December. */
	trainees: z.strictObject({
		total: z.int().min(0),
		byRegulation: z.array(z.strictObject({ regulation: Regulation, count: z.int().min(0) }))
	}),
	/** Specialistkollegier held (live, closed or delivered) with their meeting in the year. */
	specialistkollegierHeld: z.int().min(0),
	/** Trainees in training who were a subject of a specialistkollegium held in the year. */
	assessed: ReportShare,
	/** Trainees in training with a held specialistkollegium in the twelve months up to `asOf`. */
	lastTwelveMonths: ReportShare,
	/** Trainees in training with at least `target` held specialistkollegier up to `asOf`. */
	reachedTarget: ReportShare.extend({ target: z.int() }),
	/** ST-läkarkollegier held with their meeting in the year. */
	stLakarkollegierHeld: z.int().min(0),
	/** Trainee subjects of the year's held specialistkollegier whose handover is recorded. */
	feedbackDelivered: ReportShare,
	/** Median days from the meeting's day to the handover's day; null without handovers. */
	medianDaysToHandover: z.number().nullable(),
	/** Trainee subjects whose newest final plan, finalised in the year, holds an åtgärdsplan. */
	actionPlansOpened: z.int().min(0),
	/** Åtgärdsplaner followed, in the year, by the trainee's next final plan not at risk. */
	actionPlansClosed: z.int().min(0),
	/** Register trainees whose newest plan's follow-up date passed by `asOf` with no later kollegium. */
	overdueFollowUps: z.int().min(0)
});
export type YearlyReport = z.infer<typeof YearlyReport>;

const DAY = 86_400_000;

function share(count: number, of: number): ReportShare {
	return { count, of, share: of === 0 ? null : count / of };
}

/** The day one year before an ISO date (as a string, so 29 February needs no care). */
function yearBefore(day: string): string {
	return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

/** The yearly report of a clinic from its facts: a function of them alone. */
export function yearlyReport(facts: YearlyReportFacts): YearlyReport {
	const first = `${facts.year}-01-01`;
	const last = `${facts.year}-12-31`;
	const asOf = facts.today < last ? facts.today : last;
	const inYear = (day: string) => day >= first && day <= last;

	const kollegier = new Map(
		facts.kollegier.map((k) => [k.id, { ...k, day: swedishDay(new Date(k.startsAt)) }])
	);
	const heldIn = (kind: KollegiumKind) =>
		[...kollegier.values()].filter((k) => k.kind === kind && isHeld(k.status) && inYear(k.day));
	const yearsHeld = heldIn('specialistkollegium');
	const yearsHeldIds = new Set(yearsHeld.map((k) => k.id));

	const trainees = facts.trainees.filter((t) => t.stStart <= last);
	const heldDays = heldDaysByPerson(facts, kollegier);
	const daysOf = (personId: string) => heldDays.get(personId) ?? [];
	const countWhere = (test: (days: string[]) => boolean) =>
		share(trainees.filter((t) => test(daysOf(t.personId))).length, trainees.length);
	const windowStart = yearBefore(asOf);

	const yearsSubjects = facts.subjects.filter((s) => yearsHeldIds.has(s.kollegiumId));
	const givenOn = new Map(facts.handovers.map((h) => [h.subjectId, h.givenOn]));
	const handedOver = yearsSubjects.flatMap((s) => {
		const given = givenOn.get(s.id);
		const meeting = kollegier.get(s.kollegiumId)?.day;
		return given && meeting ? [(Date.parse(given) - Date.parse(meeting)) / DAY] : [];
	});

	return {
		clinic: facts.clinic,
		year: facts.year,
		asOf,
		generatedAt: facts.generatedAt,
		trainees: {
			total: trainees.length,
			byRegulation: Regulation.options.map((regulation) => ({
				regulation,
				count: trainees.filter((t) => t.regulation === regulation).length
			}))
		},
		specialistkollegierHeld: yearsHeld.length,
		assessed: countWhere((days) => days.some(inYear)),
		lastTwelveMonths: countWhere((days) => days.some((d) => d > windowStart && d <= asOf)),
		reachedTarget: {
			...countWhere((days) => days.filter((d) => d <= asOf).length >= SPECIALISTKOLLEGIER_TARGET),
			target: SPECIALISTKOLLEGIER_TARGET
		},
		stLakarkollegierHeld: heldIn('st-lakarkollegium').length,
		feedbackDelivered: share(handedOver.length, yearsSubjects.length),
		medianDaysToHandover: median(handedOver),
		...actionPlans(facts, inYear),
		overdueFollowUps: overdueFollowUps(facts, kollegier, asOf)
	};
}

type Kollegier = ReadonlyMap<string, YearlyReportFacts['kollegier'][number] & { day: string }>;

/** The days of the held specialistkollegier each register trainee was a subject of. */
function heldDaysByPerson(facts: YearlyReportFacts, kollegier: Kollegier): Map<string, string[]> {
	const days = new Map<string, string[]>();
	for (const subject of facts.subjects) {
		const kollegium = kollegier.get(subject.kollegiumId);
		if (!subject.personId || !kollegium) continue;
		if (kollegium.kind !== 'specialistkollegium' || !isHeld(kollegium.status)) continue;
		days.set(subject.personId, [...(days.get(subject.personId) ?? []), kollegium.day]);
	}
	return days;
}

type FinalPlan = YearlyReportFacts['finalPlans'][number];

/** Each trainee subject's newest final plan: the version that counts. */
function newestPlans(facts: YearlyReportFacts): Map<string, FinalPlan> {
	const newest = new Map<string, FinalPlan>();
	for (const plan of facts.finalPlans) {
		const known = newest.get(plan.subjectId);
		if (!known || plan.version > known.version) newest.set(plan.subjectId, plan);
	}
	return newest;
}

const hasActionPlan = (plan: FinalPlan) => plan.atRisk && plan.hasActionPlan;
const finalisedOn = (plan: FinalPlan) => swedishDay(new Date(plan.finalizedAt));

/**
 * Opened: a subject's newest plan holds an åtgärdsplan and was finalised in the year. Closed: a
 * register trainee's plan with an åtgärdsplan is followed by their next plan, finalised in the
 * year, that is not at risk.
 */
function actionPlans(
	facts: YearlyReportFacts,
	inYear: (day: string) => boolean
): { actionPlansOpened: number; actionPlansClosed: number } {
	const newest = newestPlans(facts);
	const opened = [...newest.values()].filter((p) => hasActionPlan(p) && inYear(finalisedOn(p)));
	const byPerson = new Map<string, FinalPlan[]>();
	for (const subject of facts.subjects) {
		const plan = newest.get(subject.id);
		if (!subject.personId || !plan) continue;
		byPerson.set(subject.personId, [...(byPerson.get(subject.personId) ?? []), plan]);
	}
	let closed = 0;
	for (const plans of byPerson.values()) {
		const ordered = plans.toSorted((a, b) => a.finalizedAt.localeCompare(b.finalizedAt));
		ordered.forEach((plan, index) => {
			const next = ordered[index + 1];
			if (hasActionPlan(plan) && next && !next.atRisk && inYear(finalisedOn(next))) closed += 1;
		});
	}
	return { actionPlansOpened: opened.length, actionPlansClosed: closed };
}

/**
 * Register trainees' newest plans, finalised by `asOf`, whose next follow-up is overdue that day:
 * its date has passed and no specialistkollegium about the trainee was held after the plan's own
 * (isFollowUpOverdue). Only the register follows a trainee from one kollegium to the next.
 */
function overdueFollowUps(facts: YearlyReportFacts, kollegier: Kollegier, asOf: string): number {
	const registered = new Set(facts.trainees.map((t) => t.personId));
	const heldAbout = new Map<string, string[]>();
	for (const subject of facts.subjects) {
		const k = kollegier.get(subject.kollegiumId);
		if (!subject.personId || !k || k.kind !== 'specialistkollegium' || !isHeld(k.status)) continue;
		if (k.day > asOf) continue;
		heldAbout.set(subject.personId, [...(heldAbout.get(subject.personId) ?? []), k.startsAt]);
	}
	const newest = newestPlans(facts);
	return facts.subjects.filter((subject) => {
		const plan = newest.get(subject.id);
		const own = kollegier.get(subject.kollegiumId);
		if (!subject.personId || !registered.has(subject.personId) || !plan || !own) return false;
		if (finalisedOn(plan) > asOf) return false;
		const startsAt = Date.parse(own.startsAt);
		const later = (heldAbout.get(subject.personId) ?? []).some((s) => Date.parse(s) > startsAt);
		return isFollowUpOverdue({
			nextFollowUp: plan.nextFollowUp,
			today: asOf,
			laterKollegiumHeld: later
		});
	}).length;
}

/** How a figure's value reads: a count, a share in per cent, or a number of days. */
export type FigureKind = 'count' | 'percent' | 'days';

/** One line of the report as the CSV, the PDF and the page's table show it. */
export interface ReportFigure {
	key: string;
	label: string;
	/** A share as per cent with one decimal; null when there is nothing to count it of. */
	value: number | null;
	kind: FigureKind;
}

const percent = (s: ReportShare) => (s.share === null ? null : Math.round(s.share * 1000) / 10);

/** The key of a regulation's trainee count: `trainees.hslf-fs-2021-8`. */
export function regulationFigureKey(regulation: Regulation): string {
	return `trainees.${regulation.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Every figure of a report, in the order the report is read, labelled in the reader's language. */
export function yearlyReportFigures(report: YearlyReport, locale: Locale): ReportFigure[] {
	const t = (key: YearlyFigureKey, params?: MessageParams) =>
		translate(locale, `yearly.figure.${key}`, params);
	const row = (key: YearlyFigureKey, value: number | null, kind: FigureKind = 'count') => ({
		key,
		label: t(key, { target: report.reachedTarget.target }),
		value,
		kind
	});
	return [
		row('trainees.total', report.trainees.total),
		...report.trainees.byRegulation.map(({ regulation, count }) => ({
			key: regulationFigureKey(regulation),
			label: t('trainees.byRegulation', { regulation }),
			value: count,
			kind: 'count' as const
		})),
		row('specialistkollegier.held', report.specialistkollegierHeld),
		row('assessed.count', report.assessed.count),
		row('assessed.share', percent(report.assessed), 'percent'),
		row('lastTwelveMonths.count', report.lastTwelveMonths.count),
		row('lastTwelveMonths.share', percent(report.lastTwelveMonths), 'percent'),
		row('reachedTarget.count', report.reachedTarget.count),
		row('reachedTarget.share', percent(report.reachedTarget), 'percent'),
		row('stLakarkollegier.held', report.stLakarkollegierHeld),
		row('feedback.subjects', report.feedbackDelivered.of),
		row('feedback.delivered', report.feedbackDelivered.count),
		row('feedback.share', percent(report.feedbackDelivered), 'percent'),
		row('feedback.medianDays', report.medianDaysToHandover, 'days'),
		row('actionPlans.opened', report.actionPlansOpened),
		row('actionPlans.closed', report.actionPlansClosed),
		row('followUps.overdue', report.overdueFollowUps)
	];
}

type YearlyFigureKey =
	Extract<MessageKey, `yearly.figure.${string}`> extends `yearly.figure.${infer Key}` ? Key : never;

/** A figure's value as a spreadsheet in that language reads it: a decimal comma in Swedish. */
export function figureValueText(value: number | null, locale: Locale): string {
	if (value === null) return '';
	return locale === 'sv' ? String(value).replace('.', ',') : String(value);
}

/**
 * The report as a spreadsheet: one header row, then one row per figure (key, label, value), in
 * the reader's language; `;` and a decimal comma for Swedish Excel, a BOM so Excel reads UTF-8.
 * A value left empty has nothing to be counted of.
 */
export function yearlyReportToCsv(report: YearlyReport, locale: Locale): string {
	const header = ['key', 'label', 'value'].map((column) =>
		translate(locale, `yearly.csv.${column as 'key' | 'label' | 'value'}`)
	);
	const rows = yearlyReportFigures(report, locale).map((figure) => [
		figure.key,
		figure.label,
		figureValueText(figure.value, locale)
	]);
	const delimiter = locale === 'sv' ? ';' : ',';
	return `\uFEFF${Papa.unparse([header, ...rows], { delimiter, newline: '\r\n' })}\r\n`;
}

/** The report's parts, each with a title and one definition of how its figures are counted. */
export const REPORT_GROUPS = [
	'trainees',
	'specialistkollegier',
	'assessed',
	'lastTwelveMonths',
	'reachedTarget',
	'stLakarkollegier',
	'feedback',
	'actionPlans',
	'followUps'
] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Each part's title and definition in plain words, as the page and the PDF print them. */
export function yearlyReportDefinitions(
	report: YearlyReport,
	locale: Locale
): { group: ReportGroup; title: string; text: string }[] {
	const params = {
		year: report.year,
		asOf: longDate(report.asOf, locale),
		target: report.reachedTarget.target
	};
	return REPORT_GROUPS.map((group) => ({
		group,
		title: translate(locale, `yearly.group.${group}`, params),
		text: translate(locale, `yearly.definition.${group}`, params)
	}));
}
