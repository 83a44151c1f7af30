import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, sql, SqliteAdapter, SqliteDialect, type Dialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider, type Engine } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import { postgresDialect } from './postgres.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/**
 * Opens the database and brings its schema up to date: PostgreSQL when `databaseUrl` is a
 * postgres:// URL, else the embedded SQLite file under dataDir. The queries are the same on both.
 * `db.destroy()` closes it (the SQLite file, or every pooled connection).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
	const db = await connectDatabase(options);
	const migrator = new Migrator({ db, provider: migrationProvider(engineOf(options.databaseUrl)) });
	const { error } = await migrator.migrateToLatest();
	if (error) {
		await db.destroy();
		throw new Error('Database migration failed', { cause: error });
	}
	return db;
}

export interface DatabaseOptions {
	dataDir: string;
	databaseUrl?: string | null;
}

/** The database as it is, schema not touched (openDatabase migrates; tests step through). */
export async function connectDatabase(options: DatabaseOptions): Promise<Db> {
	const dialect: Dialect =
		engineOf(options.databaseUrl) === 'postgres'
			? await postgresDialect(options.databaseUrl ?? '')
			: sqliteDialect(options.dataDir);
	return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

/**
 * After deleting what must not survive (answers unlinked from their authors, an erased person):
 * SQLite's write-ahead log still holds the pages as they were, so it is copied back into the
 * (securely deleted) file and truncated. PostgreSQL keeps dead rows until VACUUM reuses their
 * space; its files are the operator's to protect (README, Data protection).
 */
export async function eraseFreedSpace(db: Db): Promise<void> {
	if (db.getExecutor().adapter instanceof SqliteAdapter) {
		await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
	}
}

/** Which engine a DATABASE_URL names; none means the embedded one. */
export function engineOf(databaseUrl: string | null | undefined): Engine {
	if (!databaseUrl) return 'sqlite';
	if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
	throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL');
}

/** Where the embedded database lives under DATA_DIR. */
export function sqlitePath(dataDir: string): string {
	return join(dataDir, 'kollegium.sqlite');
}

function sqliteDialect(dataDir: string): SqliteDialect {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteDialect({ database: openNodeSqlite(sqlitePath(dataDir)) });
}
