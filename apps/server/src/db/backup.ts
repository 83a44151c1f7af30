import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite';
import { engineOf, sqlitePath, type DatabaseOptions } from './database.ts';

/** Why a backup or restore could not be made, in words for the person at the terminal. */
export class BackupError extends Error {}

/** The file a backup goes to when none is named: under DATA_DIR/backups, by date and time. */
export function defaultBackupFile(options: DatabaseOptions, now = new Date()): string {
	const stamp = now.toISOString().replace(/[:.]/g, '-');
	const extension = engineOf(options.databaseUrl) === 'postgres' ? 'pgdump' : 'sqlite';
	return `${options.dataDir}/backups/kollegium-${stamp}.${extension}`;
}

/**
 * Writes a consistent copy of the database while the server may be running. SQLite: the online
 * backup API, which copies one committed state page by page (other connections keep writing;
 * WAL lets the copy read beside them). PostgreSQL: pg_dump, which reads one snapshot.
 */
export async function backupDatabase(options: DatabaseOptions, file: string): Promise<void> {
	if (existsSync(file)) throw new BackupError(`${file} exists already; name a new file.`);
	mkdirSync(dirname(file), { recursive: true });
	if (engineOf(options.databaseUrl) === 'postgres') {
		run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, options.databaseUrl ?? '']);
		return;
	}
	const source = sqlitePath(options.dataDir);
	if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
	const db = new DatabaseSync(source, { readOnly: true });
	try {
		await sqliteBackup(db, file);
	} finally {
		db.close();
	}
	checkSqlite(file);
}

/**
 * Brings a backup back. SQLite: into DATA_DIR, which must hold no database unless `replace`
 * (the server must then be stopped: it would keep writing to the file it has open).
 * PostgreSQL: pg_restore into the database DATABASE_URL names, in one transaction, replacing
 * what is there. The next start migrates the schema if the backup is older than the code.
 */
export async function restoreDatabase(
	options: DatabaseOptions,
	file: string,
	restoring: { replace: boolean }
): Promise<void> {
	if (!existsSync(file) || !statSync(file).isFile())
		throw new BackupError(`There is no backup at ${file}.`);
	if (engineOf(options.databaseUrl) === 'postgres') {
		run('pg_restore', [
			'--clean',
			'--if-exists',
			'--no-owner',
			'--single-transaction',
			'--exit-on-error',
			`--dbname=${options.databaseUrl ?? ''}`,
			file
		]);
		return;
	}
	checkSqlite(file);
	const target = sqlitePath(options.dataDir);
	if (existsSync(target) && !restoring.replace)
		throw new BackupError(
			`${options.dataDir} already holds a database. Stop the server and restore with --replace ` +
				'to overwrite it, or restore into an empty DATA_DIR.'
		);
	mkdirSync(options.dataDir, { recursive: true });
	// A write-ahead log left beside the old file would be replayed onto the restored one.
	for (const stale of [target, `${target}-wal`, `${target}-shm`]) rmSync(stale, { force: true });
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		await sqliteBackup(db, target);
	} finally {
		db.close();
	}
}

/** Fails unless the file is a whole, readable SQLite database of ours. */
function checkSqlite(file: string): void {
	let db: DatabaseSync | undefined;
	try {
		db = new DatabaseSync(file, { readOnly: true });
		const [result] = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
		const tables = db
			.prepare("select name from sqlite_master where type = 'table' and name = 'kollegier'")
			.all();
		if (result?.integrity_check !== 'ok' || tables.length === 0)
			throw new BackupError(`${file} is not a whole Kollegium database.`);
	} catch (error) {
		if (error instanceof BackupError) throw error;
		throw new BackupError(`${file} is not a readable SQLite database.`);
	} finally {
		db?.close();
	}
}

function run(command: string, args: string[]): void {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'pipe'],
		encoding: 'utf8'
	});
	if (result.error)
		throw new BackupError(
			`${command} could not be run (${result.error.message}); is it installed?`
		);
	if (result.status !== 0)
		throw new BackupError(`${command} failed: ${result.stderr.trim() || `exit ${result.status}`}`);
}
