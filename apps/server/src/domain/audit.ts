import { AuditAction, type AuditEntry, type AuditQuery } from '@kollegium/model';
import { z } from 'zod';
import type { Db } from '../db/database.ts';

export interface AuditRecord {
	actor: AuditEntry['actor'];
	action: AuditAction;
	target: Record<string, string>;
	detail?: string;
	address: string;
}

/** Appends one entry. The log is append-only: nothing here or in any route changes an entry. */
export async function recordAudit(
	deps: { db: Db; now: () => Date },
	record: AuditRecord
): Promise<void> {
	await deps.db
		.insertInto('auditLog')
		.values({
			id: crypto.randomUUID(),
			at: deps.now().toISOString(),
			actorKind: record.actor.kind,
			actorId: record.actor.id,
			actorName: record.actor.name,
			action: record.action,
			target: JSON.stringify(record.target),
			detail: record.detail ?? '',
			address: record.address
		})
		.execute();
}

const Target = z.record(z.string(), z.string());
const ActorKind = z.enum(['colleague', 'participant', 'unknown']);

/** The log, newest first, a page at a time (`before` an entry's time). */
export async function auditEntries(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
	const rows = await db
		.selectFrom('auditLog')
		.selectAll()
		.$if(query.before !== undefined, (q) => q.where('at', '<', query.before ?? ''))
		.orderBy('at', 'desc')
		.orderBy('id', 'desc')
		.limit(query.limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		at: row.at,
		actor: { kind: ActorKind.parse(row.actorKind), id: row.actorId, name: row.actorName },
		action: AuditAction.parse(row.action),
		target: Target.parse(JSON.parse(row.target)),
		detail: row.detail,
		address: row.address
	}));
}
