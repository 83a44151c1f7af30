import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The outbox: every e-mail is a row before it is sent, so a restart neither loses nor doubles
 * one. No foreign keys: the cancellation of a deleted kollegium must still go out. The body,
 * which holds the personal link, is emptied once the message has gone or been given up.
 */
export const outbox: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('outbox')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
			.addColumn('kollegium_id', 'text')
			.addColumn('participant_id', 'text')
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('recipient_name', 'text', (c) => c.notNull())
			.addColumn('recipient_email', 'text', (c) => c.notNull())
			.addColumn('subject', 'text', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('calendar', 'text')
			.addColumn('calendar_method', 'text')
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('next_attempt_at', 'text', (c) => c.notNull())
			.addColumn('lease_until', 'text')
			.addColumn('last_error', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('sent_at', 'text')
			.execute();
		await db.schema
			.createIndex('outbox_due')
			.on('outbox')
			.columns(['status', 'next_attempt_at'])
			.execute();
		await db.schema.createIndex('outbox_kollegium').on('outbox').column('kollegium_id').execute();
		// The calendar event's SEQUENCE: each change of time or place sends a higher one.
		await db.schema
			.alterTable('kollegier')
			.addColumn('calendar_sequence', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		// Days before the deadline those who have not submitted are reminded (JSON array).
		await db.schema
			.alterTable('kollegier')
			.addColumn('reminder_days', 'text', (c) => c.notNull().defaultTo('[3,1]'))
			.execute();
	}
};
