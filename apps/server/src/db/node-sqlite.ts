import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in SQLite to the small interface Kysely's SqliteDialect expects (the
 * better-sqlite3 subset). Built in means no native addon to compile on install.
 */
export function openNodeSqlite(path: string): SqliteDatabase {
	const db = new DatabaseSync(path);
	// WAL with synchronous=NORMAL: a commit survives the process being killed (kill -9, a crash),
	// which is the promise "acknowledged means stored" rests on; only an OS crash or power loss
	// may lose the last commits, never consistency. FULL would fsync every keystroke of the
	// shared document before it could be broadcast.
	// secure_delete: a deleted row is overwritten, not left in a free page for anyone who reads
	// the file directly (#13: unlinked answers and erased people must be gone from the disk too).
	db.exec(
		'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;'
	);
	// Kysely asks for a statement per query; the same SQL text comes back again and again, so
	// each is prepared once and reused (node:sqlite statements are reusable with new parameters).
	const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
	return {
		close: () => {
			statements.clear();
			db.close();
		},
		prepare(sql: string): SqliteStatement {
			let statement = statements.get(sql);
			if (!statement) {
				statement = db.prepare(sql);
				if (statements.size > 500) statements.clear();
				statements.set(sql, statement);
			}
			const args = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
			return {
				reader: statement.columns().length > 0,
				all: (parameters) => statement.all(...args(parameters)),
				run: (parameters) => statement.run(...args(parameters)),
				iterate: (parameters) => statement.iterate(...args(parameters))
			};
		}
	};
}
