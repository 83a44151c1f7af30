import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	yearlyReport,
	yearlyReportFigures,
	yearlyReportToCsv,
	YearlyReport,
	type YearlyReportFacts
} from './yearly-report.ts';

// A small clinic over three years, every figure counted by hand in the comments.

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, C, D] = [1, 2, 3, 4].map(id) as [string, string, string, string];

const trainees: YearlyReportFacts['trainees'] = [
	{ personId: A, regulation: 'HSLF-FS 2021:8', stStart: '2022-09-01' },
	{ personId: B, regulation: 'HSLF-FS 2021:8', stStart: '2025-06-01' },
	{ personId: C, regulation: 'SOSFS 2015:8', stStart: '2019-01-01' },
	// Starts in 2026: not in training in 2025.
	{ personId: D, regulation: 'HSLF-FS 2021:8', stStart: '2026-01-15' }
];

const k = (n: number) => id(100 + n);
const kollegier: YearlyReportFacts['kollegier'] = [
	{ id: k(0), kind: 'specialistkollegium', startsAt: '2024-05-05T10:00:00Z', status: 'closed' },
	{ id: k(1), kind: 'specialistkollegium', startsAt: '2025-03-10T12:00:00Z', status: 'closed' },
	{ id: k(2), kind: 'specialistkollegium', startsAt: '2025-10-01T12:00:00Z', status: 'delivered' },
	// Never held: still a draft.
	{ id: k(3), kind: 'specialistkollegium', startsAt: '2025-11-20T12:00:00Z', status: 'draft' },
	{ id: k(4), kind: 'st-lakarkollegium', startsAt: '2025-04-01T12:00:00Z', status: 'closed' },
	{ id: k(5), kind: 'st-lakarkollegium', startsAt: '2025-09-01T12:00:00Z', status: 'open' },
	// 23:30 UTC on New Year's Eve is 00:30 on 1 January 2026 in Stockholm: a 2026 meeting.
	{ id: k(6), kind: 'specialistkollegium', startsAt: '2025-12-31T23:30:00Z', status: 'closed' }
];

const s = (n: number) => id(200 + n);
const subjects: YearlyReportFacts['subjects'] = [
	{ id: s(1), kollegiumId: k(1), personId: A },
	{ id: s(2), kollegiumId: k(1), personId: C },
	// Added by hand: counted in its kollegium, never followed over time.
	{ id: s(3), kollegiumId: k(1), personId: null },
	{ id: s(4), kollegiumId: k(2), personId: A },
	{ id: s(5), kollegiumId: k(3), personId: B },
	{ id: s(6), kollegiumId: k(0), personId: A },
	{ id: s(7), kollegiumId: k(0), personId: C },
	{ id: s(8), kollegiumId: k(6), personId: C }
];

const plan = (
	subject: number,
	version: number,
	finalizedAt: string,
	nextFollowUp: string,
	atRisk = false
) => ({
	subjectId: s(subject),
	version,
	finalizedAt,
	atRisk,
	nextFollowUp,
	hasActionPlan: atRisk
});
const finalPlans: YearlyReportFacts['finalPlans'] = [
	plan(6, 1, '2024-05-06T09:00:00Z', '2024-11-01', true),
	plan(7, 1, '2024-05-06T09:00:00Z', '2024-12-01'),
	plan(1, 1, '2025-03-11T09:00:00Z', '2025-09-01'),
	plan(2, 1, '2025-03-12T09:00:00Z', '2025-06-01'),
	// C's plan was made final again, now at risk: the newest version counts.
	plan(2, 2, '2025-03-15T09:00:00Z', '2025-06-01', true),
	plan(3, 1, '2025-03-11T09:00:00Z', '2025-05-01', true),
	plan(4, 1, '2025-10-02T09:00:00Z', '2026-04-01'),
	plan(8, 1, '2026-01-02T09:00:00Z', '2026-02-01')
];

const handovers: YearlyReportFacts['handovers'] = [
	{ subjectId: s(1), givenOn: '2025-03-20' },
	{ subjectId: s(3), givenOn: '2025-04-09' },
	{ subjectId: s(4), givenOn: '2025-10-15' },
	{ subjectId: s(6), givenOn: '2024-06-01' }
];

const facts = (year: number, today = '2026-03-01'): YearlyReportFacts => ({
	clinic: 'Medicinkliniken',
	year,
	today,
	generatedAt: '2026-03-01T08:00:00.000Z',
	trainees,
	kollegier,
	subjects,
	finalPlans,
	handovers
});

describe('the yearly report', () => {
	it('counts a past year up to 31 December', () => {
		const report = yearlyReport(facts(2025));
		expect(YearlyReport.parse(report)).toEqual(report);
		expect(report).toEqual({
			clinic: 'Medicinkliniken',
			year: 2025,
			asOf: '2025-12-31',
			generatedAt: '2026-03-01T08:00:00.000Z',
			// A, B and C; D starts in 2026.
			trainees: {
				total: 3,
				byRegulation: [
					{ regulation: 'HSLF-FS 2021:8', count: 2 },
					{ regulation: 'SOSFS 2015:8', count: 1 }
				]
			},
			// K1 and K2; K3 is a draft, K6 met on 1 January 2026 in Stockholm.
			specialistkollegierHeld: 2,
			// A (K1, K2) and C (K1); B's only kollegium was never held.
			assessed: { count: 2, of: 3, share: 2 / 3 },
			lastTwelveMonths: { count: 2, of: 3, share: 2 / 3 },
			// A: K0, K1, K2. C: K0, K1 (K6 is after 31 December).
			reachedTarget: { count: 1, of: 3, share: 1 / 3, target: 3 },
			// K4; K5 is only open.
			stLakarkollegierHeld: 1,
			// Subjects of K1 and K2: s1, s2, s3, s4; handed over: s1 (10 days), s3 (30), s4 (14).
			feedbackDelivered: { count: 3, of: 4, share: 3 / 4 },
			medianDaysToHandover: 14,
			// s2 (C's newest version) and s3 (by hand); s6 opened in 2024.
			actionPlansOpened: 2,
			// A's at-risk plan of 2024 (s6) followed by s1, not at risk, in 2025.
			actionPlansClosed: 1,
			// s2: follow-up 1 June 2025, and C's next kollegium (K6) is in 2026.
			overdueFollowUps: 1
		});
	});

	it('counts the current year up to today', () => {
		const report = yearlyReport(facts(2026));
		expect(report.asOf).toBe('2026-03-01');
		expect(report.trainees.total).toBe(4);
		expect(report.trainees.byRegulation).toEqual([
			{ regulation: 'HSLF-FS 2021:8', count: 3 },
			{ regulation: 'SOSFS 2015:8', count: 1 }
		]);
		expect(report.specialistkollegierHeld).toBe(1);
		expect(report.assessed).toEqual({ count: 1, of: 4, share: 1 / 4 });
		// Since 2 March 2025: A (K1, K2) and C (K1, K6).
		expect(report.lastTwelveMonths).toEqual({ count: 2, of: 4, share: 2 / 4 });
		// C reaches three with K6.
		expect(report.reachedTarget).toEqual({ count: 2, of: 4, share: 2 / 4, target: 3 });
		expect(report.stLakarkollegierHeld).toBe(0);
		expect(report.feedbackDelivered).toEqual({ count: 0, of: 1, share: 0 });
		expect(report.medianDaysToHandover).toBeNull();
		expect(report.actionPlansOpened).toBe(0);
		// C's åtgärdsplan (s2) followed by s8, not at risk, on 2 January 2026.
		expect(report.actionPlansClosed).toBe(1);
		// s8's follow-up of 1 February has passed; s2's was followed up by K6.
		expect(report.overdueFollowUps).toBe(1);
	});

	it('does not count a follow-up overdue before its date has passed', () => {
		expect(yearlyReport(facts(2026, '2026-02-01')).overdueFollowUps).toBe(0);
		expect(yearlyReport(facts(2026, '2026-02-02')).overdueFollowUps).toBe(1);
	});

	it('gives no share, only counts of zero, for a clinic without trainees', () => {
		const empty = yearlyReport({
			...facts(2025),
			trainees: [],
			kollegier: [],
			subjects: [],
			finalPlans: [],
			handovers: []
		});
		expect(empty.assessed).toEqual({ count: 0, of: 0, share: null });
		expect(empty.feedbackDelivered.share).toBeNull();
		expect(empty.medianDaysToHandover).toBeNull();
		expect(yearlyReportFigures(empty, 'sv').find((f) => f.key === 'assessed.share')?.value).toBe(
			null
		);
	});

	it('takes the mean of the two middle handovers for an even count', () => {
		const report = yearlyReport({
			...facts(2025),
			handovers: [...handovers, { subjectId: s(2), givenOn: '2025-03-30' }]
		});
		// 10, 14, 20, 30 days.
		expect(report.medianDaysToHandover).toBe(17);
		expect(report.feedbackDelivered).toEqual({ count: 4, of: 4, share: 1 });
	});
});

describe('the yearly report as a spreadsheet', () => {
	const report = yearlyReport(facts(2025));

	for (const { locale, delimiter, header } of [
		{ locale: 'sv' as const, delimiter: ';', header: ['nyckel', 'mått', 'värde'] },
		{ locale: 'en' as const, delimiter: ',', header: ['key', 'figure', 'value'] }
	]) {
		it(`has one header row and one row per figure, in ${locale}`, () => {
			const csv = yearlyReportToCsv(report, locale);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter, skipEmptyLines: true });
			expect(parsed.errors).toEqual([]);
			const [head, ...rows] = parsed.data;
			expect(head).toEqual(header);
			const values = Object.fromEntries(
				rows.map(([key, , value]) => [key, value === '' ? null : Number(value?.replace(',', '.'))])
			);
			expect(values).toEqual({
				'trainees.total': 3,
				'trainees.hslf-fs-2021-8': 2,
				'trainees.sosfs-2015-8': 1,
				'specialistkollegier.held': 2,
				'assessed.count': 2,
				'assessed.share': 66.7,
				'lastTwelveMonths.count': 2,
				'lastTwelveMonths.share': 66.7,
				'reachedTarget.count': 1,
				'reachedTarget.share': 33.3,
				'stLakarkollegier.held': 1,
				'feedback.subjects': 4,
				'feedback.delivered': 3,
				'feedback.share': 75,
				'feedback.medianDays': 14,
				'actionPlans.opened': 2,
				'actionPlans.closed': 1,
				'followUps.overdue': 1
			});
			const labels = rows.map(([, label]) => label);
			expect(new Set(labels).size).toBe(labels.length);
			expect(labels.every((label) => label && !label.includes('{'))).toBe(true);
		});
	}

	it('writes a Swedish share with a decimal comma', () => {
		expect(yearlyReportToCsv(report, 'sv')).toContain(';66,7\r\n');
		expect(yearlyReportToCsv(report, 'en')).toContain(',66.7\r\n');
	});
});
