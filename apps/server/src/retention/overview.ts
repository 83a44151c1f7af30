import {
	RetentionKind,
	retentionDue,
	type RetentionKindOverview,
	type RetentionOverview
} from '@kollegium/model';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Deps } from '../http/env.ts';

type Row = { from: string; label: string | null; count?: number };

/**
 * What the administrator sees: each kind's period and the soonest items due, grouped by day
 * and kollegium, counted; never their content. Read with the same dates the job measures from.
 */
export async function retentionOverview(deps: Deps): Promise<RetentionOverview> {
	const { db } = deps;
	const now = deps.now();
	const kollegier = await db.selectFrom('kollegier').select(['id', 'title', 'startsAt']).execute();
	const titles = new Map(kollegier.map((k) => [k.id, k.title]));
	const title = (id: string | null) => (id === null ? null : (titles.get(id) ?? null));
	const perMeeting = (counts: Map<string, number>): Row[] =>
		kollegier.flatMap((k) => {
			const found = counts.get(k.id) ?? 0;
			return found > 0 ? [{ from: k.startsAt, label: k.title, count: found }] : [];
		});
	const rows: Record<RetentionKind, Row[]> = {
		results: perMeeting(
			await countsByKollegium(db, ['unlinkedAnswers', 'responses', 'comments', 'meetings'])
		),
		plans: await planRows(db, title),
		document: perMeeting(await countsByKollegium(db, ['yjsSnapshots', 'yjsUpdates'])),
		invitations: await linkRows(db, title),
		outbox: (
			await db.selectFrom('outbox').select(['kollegiumId', 'sentAt', 'createdAt']).execute()
		).map((row) => ({ from: row.sentAt ?? row.createdAt, label: title(row.kollegiumId) })),
		audit: await auditRows(db)
	};
	const kinds = RetentionKind.options.map((kind): RetentionKindOverview => ({
		kind,
		days: deps.config.retention[kind],
		...retentionDue({ rows: rows[kind], days: deps.config.retention[kind], now })
	}));
	const last = await db
		.selectFrom('auditLog')
		.select('at')
		.where('action', '=', 'retentionRun')
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return { kinds, lastRunAt: last?.at ?? null };
}

type KollegiumTable =
	'unlinkedAnswers' | 'responses' | 'comments' | 'meetings' | 'yjsSnapshots' | 'yjsUpdates';

/** How many rows of these tables each kollegium has. */
async function countsByKollegium(
	db: Db,
	tables: readonly KollegiumTable[]
): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const table of tables) {
		const rows = await db
			.selectFrom(table)
			.select((eb) => ['kollegiumId', eb.fn.countAll<string | number>().as('n')])
			.groupBy('kollegiumId')
			.execute();
		for (const row of rows) {
			counts.set(row.kollegiumId, (counts.get(row.kollegiumId) ?? 0) + Number(row.n));
		}
	}
	return counts;
}

async function planRows(db: Db, title: (id: string | null) => string | null): Promise<Row[]> {
	const versions = await db
		.selectFrom('planVersions')
		.select(['kollegiumId', 'finalizedAt'])
		.execute();
	const handovers = await db
		.selectFrom('handovers')
		.select(['kollegiumId', 'recordedAt'])
		.execute();
	return [
		...versions.map((row) => ({ from: row.finalizedAt, label: title(row.kollegiumId) })),
		...handovers.map((row) => ({ from: row.recordedAt, label: title(row.kollegiumId) }))
	];
}

/** A link goes from whichever came first: its expiry, or its revocation or use. */
async function linkRows(db: Db, title: (id: string | null) => string | null): Promise<Row[]> {
	const earliest = (a: string, b: string | null) => (b !== null && b < a ? b : a);
	const invitations = await db
		.selectFrom('invitations')
		.select(['kollegiumId', 'expiresAt', 'revokedAt'])
		.execute();
	const accountLinks = await db
		.selectFrom('accountLinks')
		.select(['expiresAt', 'usedAt'])
		.execute();
	return [
		...invitations.map((row) => ({
			from: earliest(row.expiresAt, row.revokedAt),
			label: title(row.kollegiumId)
		})),
		...accountLinks.map((row) => ({ from: earliest(row.expiresAt, row.usedAt), label: null }))
	];
}

/** The log counted per day of entry, in the database: it is the largest table. */
async function auditRows(db: Db): Promise<Row[]> {
	const day = sql<string>`substr(${sql.ref('at')}, 1, 10)`;
	const rows = await db
		.selectFrom('auditLog')
		.select((eb) => [day.as('day'), eb.fn.countAll<string | number>().as('n')])
		.groupBy(day)
		.orderBy(day)
		.execute();
	return rows.map((row) => ({
		from: `${row.day}T00:00:00.000Z`,
		label: null,
		count: Number(row.n)
	}));
}
