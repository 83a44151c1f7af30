import { z } from 'zod';
import { KollegiumStatus } from './kollegium.ts';
import { KollegiumKind } from './template.ts';
import { Person } from './people.ts';
import { swedishDay } from './training-over-time.ts';

/**
 * #13 retention (gallring): the kinds of data the installation keeps for a period of its own,
 * each measured from the day that makes sense for it (README, "Retention (gallring)"):
 * - `results`: the answers (unlinked and the self-assessments), the curated comments and the
 *   meeting's state, from the meeting's day;
 * - `plans`: final plan versions (what the feedback PDF is made from), from their finalisation,
 *   and recorded handovers, from their recording;
 * - `document`: the shared discussion document, from the meeting's day;
 * - `invitations`: participants' links, from their expiry (or revocation), and colleagues'
 *   account links, from their expiry (or use);
 * - `outbox`: e-mail sent or given up, from the sending (or queueing);
 * - `audit`: audit log entries, from the entry.
 */
export const RetentionKind = z.enum([
	'results',
	'plans',
	'document',
	'invitations',
	'outbox',
	'audit'
]);
export type RetentionKind = z.infer<typeof RetentionKind>;

/** Items of one kind due on one day: of one kollegium (its title), or of none (null). */
export const RetentionDue = z.object({
	dueOn: z.iso.date(),
	label: z.string().nullable(),
	count: z.int().min(1)
});
export type RetentionDue = z.infer<typeof RetentionDue>;

export const RetentionKindOverview = z.object({
	kind: RetentionKind,
	/** The period, in days. */
	days: z.int().min(1),
	/** The soonest items due (overdue ones first: the next run removes them), at most five. */
	next: z.array(RetentionDue),
	/** How many rows are due within the next 30 days, overdue ones included. */
	dueWithin30Days: z.int().min(0)
});
export type RetentionKindOverview = z.infer<typeof RetentionKindOverview>;

/** What the administrator sees: each kind, its period, what goes next; when the job last ran. */
export const RetentionOverview = z.object({
	kinds: z.array(RetentionKindOverview),
	lastRunAt: z.string().nullable()
});
export type RetentionOverview = z.infer<typeof RetentionOverview>;

const DAY = 86_400_000;
/** How many groups of what goes next the overview shows per kind. */
export const RETENTION_NEXT_SHOWN = 5;

/** When something dated `from` has passed a period of `days`. */
export function retentionDueAt(from: string, days: number): Date {
	return new Date(Date.parse(from) + days * DAY);
}

/**
 * What goes next of one kind: the rows grouped by the day each is due and its label, soonest
 * first, and how many are due within 30 days of `now`. Pure: the rows and the clock are given.
 */
export function retentionDue(options: {
	rows: readonly { from: string; label: string | null; count?: number }[];
	days: number;
	now: Date;
}): { next: RetentionDue[]; dueWithin30Days: number } {
	const { rows, days, now } = options;
	const groups = new Map<string, RetentionDue>();
	let dueWithin30Days = 0;
	for (const row of rows) {
		const at = retentionDueAt(row.from, days);
		if (Number.isNaN(at.getTime())) continue;
		const count = row.count ?? 1;
		if (at.getTime() <= now.getTime() + 30 * DAY) dueWithin30Days += count;
		const dueOn = swedishDay(at);
		const key = `${dueOn}\u0000${row.label ?? ''}`;
		const group = groups.get(key) ?? { dueOn, label: row.label, count: 0 };
		group.count += count;
		groups.set(key, group);
	}
	const next = [...groups.values()]
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || (a.label ?? '').localeCompare(b.label ?? ''))
		.slice(0, RETENTION_NEXT_SHOWN);
	return { next, dueWithin30Days };
}

/** What one run of the retention job removed, per kind, and the kollegier deleted whole. */
export const RetentionCounts = z.object({
	results: z.int().min(0),
	plans: z.int().min(0),
	document: z.int().min(0),
	invitations: z.int().min(0),
	outbox: z.int().min(0),
	audit: z.int().min(0),
	kollegier: z.int().min(0)
});
export type RetentionCounts = z.infer<typeof RetentionCounts>;

/** The audit entry's detail of a run: counts only, never what was removed. */
export function retentionDetail(counts: RetentionCounts): string {
	return Object.entries(counts)
		.map(([kind, count]) => `${kind}=${count}`)
		.join(' ');
}

/**
 * #13 one person's data: everything the installation holds about one register person, as they
 * may ask for it. Never anyone else's answers, never assessors' answers or who wrote a comment.
 */
export const PersonDataExport = z.object({
	exportedAt: z.iso.datetime({ offset: true }),
	clinic: z.object({ id: z.uuid(), name: z.string() }),
	/** The register entry. */
	person: Person,
	/** Every kollegium they took part in, by its meeting's day. */
	kollegier: z.array(
		z.object({
			kollegiumId: z.uuid(),
			title: z.string(),
			kind: KollegiumKind,
			startsAt: z.string(),
			status: KollegiumStatus,
			/** Their roles as a participant, and `subject` when the forms were about them. */
			roles: z.array(z.string()),
			/** As the one assessed (a trainee, or a supervisor of an ST-läkarkollegium). */
			asSubject: z
				.object({
					subjectId: z.uuid(),
					/** Their own self-assessment, as last submitted (or the draft never submitted). */
					selfAssessment: z
						.object({
							submitted: z.boolean(),
							declined: z.boolean(),
							answers: z.record(z.string(), z.unknown()),
							submittedAt: z.string().nullable()
						})
						.nullable(),
					planVersions: z.array(
						z.object({ version: z.int(), finalizedAt: z.string(), plan: z.unknown() })
					),
					handover: z
						.object({
							givenOn: z.string(),
							planVersion: z.int(),
							sharedWithTrainee: z.boolean()
						})
						.nullable()
				})
				.nullable()
		})
	)
});
export type PersonDataExport = z.infer<typeof PersonDataExport>;

/** What erasing a person removed or emptied, per table (counts only). */
export const PersonErasure = z.object({
	removed: z.record(z.string(), z.int().min(0))
});
export type PersonErasure = z.infer<typeof PersonErasure>;

/** The name an erased person's subject row keeps: none (only the count of subjects stays). */
export const ERASED_NAME = '–';
