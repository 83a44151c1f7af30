import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The audit log: one row per recorded action, appended and never changed. No foreign keys, so
 * an entry outlives what it was about (a deleted kollegium is still in the log as deleted).
 */
export const auditLog: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('audit_log')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('actor_kind', 'text', (c) => c.notNull())
			.addColumn('actor_id', 'text')
			.addColumn('actor_name', 'text', (c) => c.notNull())
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('target', 'text', (c) => c.notNull())
			.addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('address', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
	}
};
