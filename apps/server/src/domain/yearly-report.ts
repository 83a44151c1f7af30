import {
	KollegiumKind,
	KollegiumStatus,
	Regulation,
	swedishDay,
	translate,
	yearlyReport,
	type Locale,
	type YearlyReport,
	type YearlyReportFacts
} from '@kollegium/model';
import { z } from 'zod';
import type { Db } from '../db/database.ts';

/**
 * What the yearly report reads of a final plan: whether the trainee is at risk, with an
 * åtgärdsplan, and when the plan is to be followed up. Nothing else of the plan, and nothing of
 * any answer, reaches the report.
 */
const PlanFacts = z.object({
	atRisk: z.boolean(),
	nextFollowUp: z.string(),
	actionPlan: z.unknown().optional()
});

/**
 * A clinic's yearly report, from the meta tables alone: the register's trainees, the kollegier,
 * their trainee subjects, the final plan versions and the handovers. Never the responses.
 */
export async function clinicYearlyReport(
	db: Db,
	options: { clinicId: string; year: number; now: Date }
): Promise<YearlyReport> {
	const { clinicId, year, now } = options;
	const [clinic, people, kollegier, subjects, plans, handovers] = await Promise.all([
		db.selectFrom('clinics').select('name').where('id', '=', clinicId).executeTakeFirstOrThrow(),
		db
			.selectFrom('people')
			.select(['id', 'regulation', 'stStart'])
			.where('clinicId', '=', clinicId)
			.where('kind', '=', 'trainee')
			.execute(),
		db
			.selectFrom('kollegier')
			.select(['id', 'kind', 'startsAt', 'status'])
			.where('clinicId', '=', clinicId)
			.execute(),
		traineeSubjects(db, clinicId)
			.select(['subjects.id', 'subjects.kollegiumId', 'subjects.personId'])
			.execute(),
		traineeSubjects(db, clinicId)
			.innerJoin('planVersions', 'planVersions.subjectId', 'subjects.id')
			.select([
				'planVersions.subjectId',
				'planVersions.version',
				'planVersions.finalizedAt',
				'planVersions.plan'
			])
			.execute(),
		traineeSubjects(db, clinicId)
			.innerJoin('handovers', 'handovers.subjectId', 'subjects.id')
			.select(['handovers.subjectId', 'handovers.givenOn'])
			.execute()
	]);
	const facts: YearlyReportFacts = {
		clinic: clinic.name,
		year,
		today: swedishDay(now),
		generatedAt: now.toISOString(),
		trainees: people.flatMap(({ id, regulation, stStart }) => {
			const known = Regulation.safeParse(regulation);
			return known.success && stStart ? [{ personId: id, regulation: known.data, stStart }] : [];
		}),
		kollegier: kollegier.map((k) => ({
			id: k.id,
			kind: KollegiumKind.parse(k.kind),
			startsAt: k.startsAt,
			status: KollegiumStatus.parse(k.status)
		})),
		subjects,
		finalPlans: plans.flatMap(({ plan, ...version }) => {
			const read = PlanFacts.safeParse(JSON.parse(plan));
			if (!read.success) return [];
			const { atRisk, nextFollowUp, actionPlan } = read.data;
			return [{ ...version, atRisk, nextFollowUp, hasActionPlan: Boolean(actionPlan) }];
		}),
		handovers
	};
	return yearlyReport(facts);
}

/** The trainee subjects of a clinic's kollegier. */
function traineeSubjects(db: Db, clinicId: string) {
	return db
		.selectFrom('subjects')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.where('kollegier.clinicId', '=', clinicId)
		.where('subjects.kind', '=', 'trainee');
}

/** The report's file name, as the downloads folder shows it: "Årsrapport 2026 Medicinkliniken.csv". */
export function yearlyReportFileName(
	report: YearlyReport,
	options: { locale: Locale; extension: 'csv' | 'pdf' }
): string {
	const name = translate(options.locale, 'yearly.fileName', {
		year: report.year,
		clinic: report.clinic
	});
	return `${name}.${options.extension}`.replace(/[\\/:*?"<>|]/g, '-');
}
