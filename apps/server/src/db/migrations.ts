import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { auditLog } from './audit.migration.ts';
import { clinics } from './clinics.migration.ts';
import { documentsAsBytes } from './documents-as-bytes.migration.ts';
import { specialtyGoals } from './specialty-goals.migration.ts';
import { outbox } from './outbox.migration.ts';
import { externalSignIn } from './sign-in.migration.ts';
import { unlinkedAnswersMigration } from './unlinked-answers.migration.ts';
import { retentionMigration } from './retention.migration.ts';
import { languagesMigration } from './languages.migration.ts';
import { samlMigration } from './saml.migration.ts';
import { presenceMigration } from './presence.migration.ts';

/** The two engines the migrations are written for. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Migrations live in code (not a folder scanned at run time) so the server starts the same
 * from a checkout and from a bundle. Schema builder only, portable types only (text, integer,
 * and bytes, which is the one type the engines spell differently): the same migrations run on
 * SQLite and PostgreSQL.
 */
const migrations: Record<string, Migration> = {
	'0001-initial': {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('users')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('email', 'text', (c) => c.notNull().unique())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('password_hash', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('sessions')
				.addColumn('token_hash', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('setup_tokens')
				.addColumn('token_hash', 'text', (c) => c.primaryKey())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('kollegier')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('title', 'text', (c) => c.notNull())
				.addColumn('template_id', 'text', (c) => c.notNull())
				.addColumn('starts_at', 'text', (c) => c.notNull())
				.addColumn('location', 'text', (c) => c.notNull())
				.addColumn('video_link', 'text', (c) => c.notNull())
				.addColumn('answer_deadline', 'text', (c) => c.notNull())
				.addColumn('min_respondents', 'integer', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull())
				.addColumn('focus_goals', 'text', (c) => c.notNull())
				.addColumn('custom_items', 'text', (c) => c.notNull())
				.addColumn('form', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('participants')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('kollegium_id', 'text', (c) =>
					c.notNull().references('kollegier.id').onDelete('cascade')
				)
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('email', 'text', (c) => c.notNull())
				.addColumn('roles', 'text', (c) => c.notNull())
				.addColumn('position', 'integer', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('subjects')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('kollegium_id', 'text', (c) =>
					c.notNull().references('kollegier.id').onDelete('cascade')
				)
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('participant_id', 'text', (c) =>
					c.references('participants.id').onDelete('cascade')
				)
				.addColumn('specialty', 'text')
				.addColumn('st_start', 'text')
				.addColumn('months_of_leave', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('regulation', 'text')
				.addColumn('supervisor_id', 'text', (c) =>
					c.references('participants.id').onDelete('set null')
				)
				.addColumn('position', 'integer', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('invitations')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('kollegium_id', 'text', (c) =>
					c.notNull().references('kollegier.id').onDelete('cascade')
				)
				.addColumn('participant_id', 'text', (c) =>
					c.notNull().references('participants.id').onDelete('cascade')
				)
				.addColumn('token_hash', 'text', (c) => c.notNull().unique())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('revoked_at', 'text')
				.execute();
			await db.schema
				.createTable('responses')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('kollegium_id', 'text', (c) =>
					c.notNull().references('kollegier.id').onDelete('cascade')
				)
				.addColumn('subject_id', 'text', (c) =>
					c.notNull().references('subjects.id').onDelete('cascade')
				)
				.addColumn('participant_id', 'text', (c) =>
					c.notNull().references('participants.id').onDelete('cascade')
				)
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('declined', 'integer', (c) => c.notNull())
				.addColumn('answers', 'text', (c) => c.notNull())
				.addColumn('submitted_declined', 'integer')
				.addColumn('submitted_answers', 'text')
				.addColumn('revision', 'integer', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addColumn('submitted_at', 'text')
				.addUniqueConstraint('responses_subject_participant', ['subject_id', 'participant_id'])
				.execute();
			await db.schema
				.createIndex('participants_kollegium')
				.on('participants')
				.column('kollegium_id')
				.execute();
			await db.schema
				.createIndex('subjects_kollegium')
				.on('subjects')
				.column('kollegium_id')
				.execute();
			await db.schema
				.createIndex('invitations_participant')
				.on('invitations')
				.column('participant_id')
				.execute();
			await db.schema
				.createIndex('responses_kollegium')
				.on('responses')
				.column('kollegium_id')
				.execute();
		}
	}
};

const deviceBinding: Migration = {
	// Answers are readable only from the browser that wrote them (see requireInvitation).
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('responses').addColumn('device_hash', 'text').execute();
	}
};
migrations['0002-response-device'] = deviceBinding;

migrations['0003-meeting'] = {
	async up(db: Kysely<unknown>) {
		// Free-text answers copied out when answering closes. No author column, on purpose.
		await db.schema
			.createTable('comments')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('kollegium_id', 'text', (c) =>
				c.notNull().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('subject_id', 'text', (c) =>
				c.notNull().references('subjects.id').onDelete('cascade')
			)
			.addColumn('item_id', 'text', (c) => c.notNull())
			.addColumn('text', 'text', (c) => c.notNull())
			.addColumn('original_text', 'text')
			.addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('merged_into', 'text')
			.addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('position', 'integer', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('comments_kollegium')
			.on('comments')
			.column('kollegium_id')
			.execute();
		await db.schema
			.createTable('meetings')
			.addColumn('kollegium_id', 'text', (c) =>
				c.primaryKey().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.alterTable('subjects')
			.addColumn('ready', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema.alterTable('kollegier').addColumn('comments_taken_at', 'text').execute();
	}
};

migrations['0004-shared-documents'] = {
	async up(db: Kysely<unknown>) {
		// One compacted snapshot per document, plus the updates since; Yjs updates commute, so
		// the log needs no order, only the exact rows a compaction replayed.
		await db.schema
			.createTable('yjs_snapshots')
			.addColumn('kollegium_id', 'text', (c) =>
				c.primaryKey().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('yjs_updates')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('kollegium_id', 'text', (c) =>
				c.notNull().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('data', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('yjs_updates_kollegium')
			.on('yjs_updates')
			.column('kollegium_id')
			.execute();
	}
};

migrations['0005-plan-versions'] = {
	async up(db: Kysely<unknown>) {
		// A plan marked final is frozen here; the shared document goes on changing.
		await db.schema
			.createTable('plan_versions')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('kollegium_id', 'text', (c) =>
				c.notNull().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('subject_id', 'text', (c) =>
				c.notNull().references('subjects.id').onDelete('cascade')
			)
			.addColumn('version', 'integer', (c) => c.notNull())
			.addColumn('plan', 'text', (c) => c.notNull())
			.addColumn('finalized_at', 'text', (c) => c.notNull())
			.addUniqueConstraint('plan_versions_subject_version', ['subject_id', 'version'])
			.execute();
	}
};

migrations['0006-handovers'] = {
	async up(db: Kysely<unknown>) {
		// Whether each trainee's feedback has been passed on; the kollegium is delivered when all are.
		await db.schema
			.createTable('handovers')
			.addColumn('subject_id', 'text', (c) =>
				c.primaryKey().references('subjects.id').onDelete('cascade')
			)
			.addColumn('kollegium_id', 'text', (c) =>
				c.notNull().references('kollegier.id').onDelete('cascade')
			)
			.addColumn('plan_version', 'integer', (c) => c.notNull())
			.addColumn('given_on', 'text', (c) => c.notNull())
			.addColumn('recorded_by', 'text', (c) => c.notNull())
			.addColumn('shared_with_trainee', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('recorded_at', 'text', (c) => c.notNull())
			.execute();
	}
};

migrations['0008-one-live-invitation'] = {
	async up(db: Kysely<unknown>) {
		// Before this index two re-issues at once could leave two valid links; keep the newest.
		await sql`
			update invitations set revoked_at = created_at
			where revoked_at is null and exists (
				select 1 from invitations newer
				where newer.participant_id = invitations.participant_id
					and newer.revoked_at is null
					and (newer.created_at > invitations.created_at
						or (newer.created_at = invitations.created_at and newer.id > invitations.id))
			)`.execute(db);
		// At most one live link per participant, enforced by the database on either engine.
		await db.schema
			.createIndex('invitations_one_live')
			.on('invitations')
			.column('participant_id')
			.unique()
			.where(sql.ref('revoked_at'), 'is', null)
			.execute();
	}
};

migrations['0009-clinics'] = clinics;
migrations['0010-audit-log'] = auditLog;
migrations['0011-specialty-goals'] = specialtyGoals;
migrations['0012-supervisor-feedback'] = {
	async up(db: Kysely<unknown>) {
		// #11 D: each supervisor's k in an ST-läkarkollegium, never below the clinic's k.
		await db.schema
			.alterTable('kollegier')
			.addColumn('supervisor_min_respondents', 'integer', (c) => c.notNull().defaultTo(3))
			.execute();
		// A kollegium already open or held keeps the k its answers were given under, for every
		// subject: a higher one now would hide in a new PDF what the room was shown.
		await sql`update kollegier set supervisor_min_respondents = min_respondents
			where min_respondents > supervisor_min_respondents or status <> 'draft'`.execute(db);
	}
};
migrations['0013-outbox'] = outbox;
migrations['0014-external-sign-in'] = externalSignIn;
migrations['0015-unlinked-answers'] = unlinkedAnswersMigration;
migrations['0016-retention'] = retentionMigration;
migrations['0017-languages'] = languagesMigration;
migrations['0018-saml'] = samlMigration;
migrations['0019-presence'] = presenceMigration;

/** Every migration, in order, with the types of `engine`. */
export function migrationProvider(engine: Engine): MigrationProvider {
	// Kysely runs them in the order of their names.
	const all = { ...migrations, '0007-documents-as-bytes': documentsAsBytes(engine) };
	return { getMigrations: () => Promise.resolve(all) };
}
