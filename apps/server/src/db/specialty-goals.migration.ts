import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Each specialty's c-delmål per regulation, for the whole installation (an administrator keeps
 * them). `specialty_key` is the specialty in lower case: one list per specialty and regulation.
 */
export const specialtyGoals: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('specialty_goals')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('regulation', 'text', (c) => c.notNull())
			.addColumn('specialty', 'text', (c) => c.notNull())
			.addColumn('specialty_key', 'text', (c) => c.notNull())
			.addColumn('goals', 'text', (c) => c.notNull())
			.addColumn('example', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('updated_at', 'text', (c) => c.notNull())
			// No foreign key: the list stays when the account that saved it goes.
			.addColumn('updated_by', 'text', (c) => c.notNull())
			.addUniqueConstraint('specialty_goals_specialty', ['regulation', 'specialty_key'])
			.execute();
	}
};
