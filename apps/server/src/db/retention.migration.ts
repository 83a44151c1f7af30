import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * 0016, #13 retention (gallring): the daily job looks rows up by the date each period is
 * measured from. The audit log (`audit_log_at`) and the per-kollegium tables have their index;
 * these are the dates that had none.
 */
export const retentionMigration: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createIndex('plan_versions_finalized')
			.on('plan_versions')
			.column('finalized_at')
			.execute();
		await db.schema
			.createIndex('handovers_recorded')
			.on('handovers')
			.column('recorded_at')
			.execute();
		await db.schema
			.createIndex('invitations_expires')
			.on('invitations')
			.column('expires_at')
			.execute();
	}
};
