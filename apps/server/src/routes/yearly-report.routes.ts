import { ReportYear, yearlyReportToCsv } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { clinicYearlyReport, yearlyReportFileName } from '../domain/yearly-report.ts';
import { download } from '../http/download.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';
import { RendererBusy } from '../pdf/renderer.ts';

const tags = ['Yearly report'];
const ReportParam = z.object({ clinicId: z.uuid(), year: ReportYear });

/**
 * A clinic's yearly report for the verksamhetsberättelse, under /clinics/:clinicId/report/:year:
 * the figures as JSON, as a file for Excel, and as a PDF. Every member of the clinic reads it.
 */
export function yearlyReportRoutes(deps: Deps) {
	const reportOf = (param: z.infer<typeof ReportParam>) =>
		clinicYearlyReport(deps.db, { ...param, now: deps.now() });
	return new Hono<AppEnv>()
		.get(
			'/:clinicId/report/:year',
			describeRoute({
				tags,
				summary: 'The figures of a year: 31 December, or today for the current year',
				responses: responsesFor('GET /clinics/:clinicId/report/:year')
			}),
			validate('param', ReportParam),
			async (c) => c.json(await reportOf(c.req.valid('param')))
		)
		.get(
			'/:clinicId/report/:year/report.csv',
			describeRoute({
				tags,
				summary: 'The figures as a file for Excel: a header row, then key, label and value',
				responses: responsesFor('GET /clinics/:clinicId/report/:year/report.csv')
			}),
			validate('param', ReportParam),
			async (c) => {
				const report = await reportOf(c.req.valid('param'));
				const locale = c.get('locale');
				return download(c, yearlyReportToCsv(report, locale), {
					type: 'text/csv; charset=utf-8',
					fileName: yearlyReportFileName(report, { locale, extension: 'csv' })
				});
			}
		)
		.get(
			'/:clinicId/report/:year/report.pdf',
			describeRoute({
				tags,
				summary: 'The figures as a PDF with charts and definitions, in your language',
				responses: responsesFor('GET /clinics/:clinicId/report/:year/report.pdf')
			}),
			validate('param', ReportParam),
			async (c) => {
				const report = await reportOf(c.req.valid('param'));
				const locale = c.get('locale');
				try {
					return download(c, await deps.pdf.renderYearlyReport(report, locale), {
						type: 'application/pdf',
						fileName: yearlyReportFileName(report, { locale, extension: 'pdf' })
					});
				} catch (error) {
					if (error instanceof RendererBusy) fail(503, 'pdfBusy', [], { 'Retry-After': '5' });
					throw error;
				}
			}
		);
}
