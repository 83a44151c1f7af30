import { describe, expect, it } from 'vitest';
import type { YearlyReport } from '../yearly-report.ts';
import type { Content } from './pdf-layout.ts';
import { yearlyReportDocument } from './yearly-report-document.ts';

const report: YearlyReport = {
	clinic: 'Medicinkliniken',
	year: 2025,
	asOf: '2025-12-31',
	generatedAt: '2026-02-15T09:00:00.000Z',
	trainees: {
		total: 4,
		byRegulation: [
			{ regulation: 'HSLF-FS 2021:8', count: 3 },
			{ regulation: 'SOSFS 2015:8', count: 1 }
		]
	},
	specialistkollegierHeld: 2,
	assessed: { count: 3, of: 4, share: 0.75 },
	lastTwelveMonths: { count: 3, of: 4, share: 0.75 },
	reachedTarget: { count: 1, of: 4, share: 0.25, target: 3 },
	stLakarkollegierHeld: 1,
	feedbackDelivered: { count: 0, of: 0, share: null },
	medianDaysToHandover: null,
	actionPlansOpened: 1,
	actionPlansClosed: 1,
	overdueFollowUps: 2
};

/** Every text of a content tree, in order. */
function texts(content: Content): string[] {
	if (typeof content === 'string') return [content];
	if (Array.isArray(content)) return content.flatMap(texts);
	const own = typeof content.text === 'string' ? [content.text] : texts(content.text ?? []);
	const rows = content.table?.body.flat() ?? [];
	return [
		...own,
		...[content.stack, content.columns, content.ul, rows].flatMap((part) => texts(part ?? []))
	];
}

describe('the yearly report PDF', () => {
	it("names the clinic and the year in every page's header", () => {
		const header = texts(yearlyReportDocument(report, 'sv').header(2, 3)).join(' ');
		expect(header).toContain('Medicinkliniken · Årsrapport 2025');
		expect(header).toContain('31 december 2025');
	});

	it('prints each share with its count, and says when there is nothing to count', () => {
		const all = texts(yearlyReportDocument(report, 'sv').content).join('\n');
		expect(all).toContain('75 %');
		expect(all).toContain(' (3 av 4)');
		expect(all).toContain('inget att räkna av');
		expect(all).toContain('Försenade uppföljningar');
		expect(all).not.toMatch(/\{\w+\}/);
	});

	it('is written in English when asked', () => {
		const definition = yearlyReportDocument(report, 'en');
		expect(definition.language).toBe('en-GB');
		expect(texts(definition.content).join('\n')).toContain('How the figures are counted');
	});
});
