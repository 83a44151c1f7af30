import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * #12 saml: sign-in through a SAML 2.0 identity provider. An account is bound to the provider's
 * persistent NameID in a column of its own (beside the OpenID Connect subject, so one account
 * can be reached both ways), and every authentication request we sent is remembered until it is
 * answered once: a response that answers none, or one already answered, is refused.
 */
export const samlMigration: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('users').addColumn('saml_subject', 'text').execute();
		await db.schema
			.createIndex('users_saml_subject')
			.on('users')
			.column('saml_subject')
			.unique()
			.where(sql.ref('saml_subject'), 'is not', null)
			.execute();
		await db.schema
			.createTable('saml_requests')
			.addColumn('id', 'text', (col) => col.primaryKey())
			.addColumn('created_at', 'text', (col) => col.notNull())
			.addColumn('expires_at', 'text', (col) => col.notNull())
			.execute();
		await db.schema
			.createIndex('saml_requests_expires_at')
			.on('saml_requests')
			.column('expires_at')
			.execute();
	}
};
