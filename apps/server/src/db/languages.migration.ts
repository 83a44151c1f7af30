import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * #12: the language each person's e-mail is written in ('sv' or 'en'), on a register entry and
 * on the participant copied from it. Everyone already stored reads Swedish, as before.
 */
export const languagesMigration: Migration = {
	async up(db: Kysely<unknown>) {
		for (const table of ['people', 'participants']) {
			await db.schema
				.alterTable(table)
				.addColumn('language', 'text', (c) => c.notNull().defaultTo('sv'))
				.execute();
		}
	}
};
