import {
	retentionDetail,
	retentionDueAt,
	type RetentionCounts,
	type RetentionKind
} from '@kollegium/model';
import type { Transaction } from 'kysely';
import { eraseFreedSpace } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { deleteKollegium } from '../domain/kollegium-lifecycle.ts';
import type { Deps } from '../http/env.ts';

type Trx = Transaction<Database>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Ids per `in (…)` list: well below either engine's limit of bound parameters. */
const CHUNK = 500;

/** What the audit log names as the one who ran it: the installation itself. */
export const RETENTION_ACTOR = { kind: 'unknown', id: null, name: 'Kollegium (gallring)' } as const;

/**
 * One run of retention (gallring): removes, in one transaction, every row that has passed its
 * kind's period (config.retention), then deletes whole each kollegium past every period that
 * has nothing left that is kept longer (no plan version, no handover), through deleteKollegium,
 * and records one audit entry with the counts, never what was removed.
 */
export async function runRetention(deps: Deps): Promise<RetentionCounts> {
	const now = deps.now();
	const periods = deps.config.retention;
	const before = (kind: RetentionKind) =>
		new Date(now.getTime() - periods[kind] * DAY).toISOString();
	const counts = await deps.db.transaction().execute(async (trx) => {
		const kollegier = await trx.selectFrom('kollegier').select(['id', 'startsAt']).execute();
		// The meeting's day carries its offset: compared as a moment, not as text.
		const meetingPast = (kind: RetentionKind) =>
			kollegier
				.filter((k) => retentionDueAt(k.startsAt, periods[kind]).getTime() <= now.getTime())
				.map((k) => k.id);
		return {
			results: await removeResults(trx, meetingPast('results')),
			plans: await removePlans(trx, before('plans')),
			document: await removeDocuments(trx, meetingPast('document')),
			invitations:
				(await removeLinks(trx, before('invitations'))) + (await removeExpiredSignIns(trx, now)),
			outbox: await count(
				trx
					.deleteFrom('outbox')
					.where((eb) => eb(eb.fn.coalesce('sentAt', 'createdAt'), '<', before('outbox')))
			),
			audit: await count(trx.deleteFrom('auditLog').where('at', '<', before('audit'))),
			kollegier: 0
		};
	});
	counts.kollegier = await removeWholeKollegier(deps, now);
	await eraseFreedSpace(deps.db);
	await recordAudit(deps, {
		actor: RETENTION_ACTOR,
		action: 'retentionRun',
		target: {},
		detail: retentionDetail(counts),
		address: ''
	});
	return counts;
}

/** Sign-in sessions and one-time sign-in tokens past their expiry: of no use to anyone. */
async function removeExpiredSignIns(trx: Trx, now: Date): Promise<number> {
	const at = now.toISOString();
	let removed = 0;
	for (const table of ['sessions', 'setupTokens', 'samlRequests'] as const) {
		removed += await count(trx.deleteFrom(table).where('expiresAt', '<', at));
	}
	return removed;
}

/** The answers, the comments and the meeting's state of kollegier whose meeting is past. */
async function removeResults(trx: Trx, kollegiumIds: string[]): Promise<number> {
	let removed = 0;
	for (const ids of chunks(kollegiumIds)) {
		for (const table of ['unlinkedAnswers', 'responses', 'comments', 'meetings'] as const) {
			removed += await count(trx.deleteFrom(table).where('kollegiumId', 'in', ids));
		}
	}
	return removed;
}

/** The shared document (its snapshot and its log) of kollegier whose meeting is past. */
async function removeDocuments(trx: Trx, kollegiumIds: string[]): Promise<number> {
	let removed = 0;
	for (const ids of chunks(kollegiumIds)) {
		removed += await count(trx.deleteFrom('yjsSnapshots').where('kollegiumId', 'in', ids));
		removed += await count(trx.deleteFrom('yjsUpdates').where('kollegiumId', 'in', ids));
	}
	return removed;
}

/** Plan versions from their finalisation, handovers from their recording. */
async function removePlans(trx: Trx, before: string): Promise<number> {
	return (
		(await count(trx.deleteFrom('planVersions').where('finalizedAt', '<', before))) +
		(await count(trx.deleteFrom('handovers').where('recordedAt', '<', before)))
	);
}

/** Participants' links from their expiry or revocation, account links from expiry or use. */
async function removeLinks(trx: Trx, before: string): Promise<number> {
	const invitations = await count(
		trx
			.deleteFrom('invitations')
			.where((eb) => eb.or([eb('expiresAt', '<', before), eb('revokedAt', '<', before)]))
	);
	const accountLinks = await count(
		trx
			.deleteFrom('accountLinks')
			.where((eb) => eb.or([eb('expiresAt', '<', before), eb('usedAt', '<', before)]))
	);
	return invitations + accountLinks;
}

/**
 * Kollegier past the periods of their results, document and links with no plan version or
 * handover left (those are kept longer, from their own dates): deleted whole, each in the one
 * transaction of deleteKollegium.
 */
async function removeWholeKollegier(deps: Deps, now: Date): Promise<number> {
	const { results, document, invitations } = deps.config.retention;
	const longest = Math.max(results, document, invitations);
	const candidates = await deps.db
		.selectFrom('kollegier')
		.select(['id', 'startsAt'])
		.where((eb) =>
			eb.and([
				eb.not(
					eb.exists(
						eb.selectFrom('planVersions').select('id').whereRef('kollegiumId', '=', 'kollegier.id')
					)
				),
				eb.not(
					eb.exists(
						eb
							.selectFrom('handovers')
							.select('subjectId')
							.whereRef('kollegiumId', '=', 'kollegier.id')
					)
				)
			])
		)
		.execute();
	const due = candidates.filter(
		(k) => retentionDueAt(k.startsAt, longest).getTime() <= now.getTime()
	);
	for (const kollegium of due) await deleteKollegium(deps, kollegium.id);
	return due.length;
}

async function count(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) {
	return Number((await query.executeTakeFirst()).numDeletedRows);
}

function chunks<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

/**
 * Runs retention once a day by the server's clock: looked at every hour, first an hour after
 * start (so a short-lived process, a test or a backup, never runs it; a restart runs it again,
 * and a run finds nothing twice); a failed run is tried again the next hour. Stopped on
 * shutdown, waiting for a run under way so nothing is left half-done.
 */
export class RetentionJob {
	readonly #deps: Deps;
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<void> | null = null;
	#lastRun = -Infinity;
	#closed = false;

	constructor(deps: Deps) {
		this.#deps = deps;
	}

	start(): void {
		if (this.#timer) return;
		this.#timer = setInterval(() => this.#tick(), HOUR);
		this.#timer.unref();
	}

	#tick(): void {
		const now = this.#deps.now().getTime();
		if (this.#closed || this.#running || now - this.#lastRun < DAY - HOUR) return;
		this.#running = runRetention(this.#deps)
			.then(() => {
				this.#lastRun = now;
			})
			.catch((error: unknown) => console.error('Retention (gallring) failed', error))
			.finally(() => {
				this.#running = null;
			});
	}

	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearInterval(this.#timer);
		await this.#running;
	}
}
