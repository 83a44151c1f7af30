import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/**
 * Opens the embedded database under dataDir and brings its schema up to date. A PostgreSQL
 * deployment would pass Kysely's PostgresDialect here; the queries stay as they are.
 */
export async function openDatabase(options: { dataDir: string }): Promise<Db> {
	mkdirSync(options.dataDir, { recursive: true });
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({
			database: openNodeSqlite(join(options.dataDir, 'kollegium.sqlite'))
		}),
		plugins: [new CamelCasePlugin()]
	});
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error } = await migrator.migrateToLatest();
	if (error) {
		await db.destroy();
		throw new Error('Database migration failed', { cause: error });
	}
	return db;
}
