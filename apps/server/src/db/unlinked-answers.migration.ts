import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * #13: an assessor's submitted answers once answering has closed for good, detached from their
 * author. The table has no column that could hold the link: no participant, no device, no
 * time. Rows already closed are moved in by the server's start-up sweep (domain/unlinking.ts),
 * which knows each form's free-text items.
 */
export const unlinkedAnswersMigration: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('unlinked_answers')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('kollegium_id', 'text', (c) =>
				c.notNull().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('subject_id', 'text', (c) =>
				c.notNull().references('subjects.id').onDelete('cascade')
			)
			.addColumn('declined', 'integer', (c) => c.notNull())
			.addColumn('answers', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('unlinked_answers_kollegium')
			.on('unlinked_answers')
			.column('kollegium_id')
			.execute();
		await db.schema
			.createIndex('unlinked_answers_subject')
			.on('unlinked_answers')
			.column('subject_id')
			.execute();
	}
};
