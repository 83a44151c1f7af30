import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** What an installation from before clinics calls the clinic its kollegier move into. */
export const FIRST_CLINIC_NAME = 'Min klinik';

/**
 * Accounts, clinics and the people register. An installation from before keeps everything: its
 * first account becomes the administrator, one clinic holds every kollegium, and every account
 * is a studierektor of it (as each was of their own kollegier).
 */
export const clinics: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.alterTable('users')
			.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
		await db.schema
			.createTable('clinics')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('clinic_members')
			.addColumn('clinic_id', 'text', (c) =>
				c.notNull().references('clinics.id').onDelete('cascade')
			)
			.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('clinic_members_pk', ['clinic_id', 'user_id'])
			.execute();
		// One-time links to take up an invitation or choose a new password; only hashes are kept.
		await db.schema
			.createTable('account_links')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('token_hash', 'text', (c) => c.notNull().unique())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('email', 'text', (c) => c.notNull())
			.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
			.addColumn('clinic_id', 'text', (c) => c.references('clinics.id').onDelete('cascade'))
			.addColumn('role', 'text')
			.addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.addColumn('used_at', 'text')
			.execute();
		await db.schema
			.alterTable('kollegier')
			.addColumn('clinic_id', 'text', (c) => c.references('clinics.id'))
			.execute();
		await db.schema
			.alterTable('kollegier')
			.addColumn('ran_by', 'text', (c) => c.references('users.id'))
			.execute();
		await db.schema.alterTable('kollegier').renameColumn('owner_id', 'created_by').execute();
		await db.schema.createIndex('kollegier_clinic').on('kollegier').column('clinic_id').execute();

		// The people register: entered once per clinic, copied into each kollegium that uses them.
		await db.schema
			.createTable('people')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('clinic_id', 'text', (c) =>
				c.notNull().references('clinics.id').onDelete('cascade')
			)
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('specialty', 'text')
			.addColumn('st_start', 'text')
			.addColumn('regulation', 'text')
			.addColumn('months_of_leave', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('supervisor_id', 'text', (c) => c.references('people.id').onDelete('set null'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('people_clinic').on('people').column('clinic_id').execute();
		// Which register entry a kollegium's participant or trainee was taken from, if any.
		await db.schema.alterTable('participants').addColumn('person_id', 'text').execute();
		await db.schema.alterTable('subjects').addColumn('person_id', 'text').execute();

		const users = await sql<{ id: string }>`select id from users order by created_at, id`.execute(
			db
		);
		if (users.rows.length === 0) return;
		const now = new Date().toISOString();
		const clinicId = crypto.randomUUID();
		await sql`update users set is_admin = 1 where id = ${users.rows[0]!.id}`.execute(db);
		await sql`insert into clinics (id, name, specialties, created_at)
			values (${clinicId}, ${FIRST_CLINIC_NAME}, '[]', ${now})`.execute(db);
		for (const user of users.rows) {
			await sql`insert into clinic_members (clinic_id, user_id, role, created_at)
				values (${clinicId}, ${user.id}, 'studierektor', ${now})`.execute(db);
		}
		await sql`update kollegier set clinic_id = ${clinicId}`.execute(db);
	}
};
