import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Sign-in through the region's identity provider. An account is bound to the provider's subject
 * at its first sign-in (by verified e-mail or the configured claim) and recognised by it after.
 */
export const externalSignIn: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('users').addColumn('external_subject', 'text').execute();
		// The configured claim's value (for example an HSA-id), once seen.
		await db.schema.alterTable('users').addColumn('identity_claim', 'text').execute();
		await db.schema
			.createIndex('users_external_subject')
			.on('users')
			.column('external_subject')
			.unique()
			.where(sql.ref('external_subject'), 'is not', null)
			.execute();
		await db.schema
			.createIndex('users_identity_claim')
			.on('users')
			.column('identity_claim')
			.unique()
			.where(sql.ref('identity_claim'), 'is not', null)
			.execute();
	}
};
