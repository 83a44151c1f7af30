import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Takes the write lock on one row for the rest of the transaction, on both engines: a no-op
 * update. PostgreSQL then makes a second transaction wait at this statement until the first
 * commits, so its later reads see what the first wrote (read committed takes a new snapshot
 * per statement); SQLite has one writer at a time anyway. This keeps a read-check-write
 * (the next version number, the one live link) right on a connection pool.
 */
export async function lockRow(
	trx: Transaction<Database>,
	table: 'kollegier' | 'participants' | 'subjects' | 'users' | 'clinics',
	id: string
): Promise<void> {
	await sql`update ${sql.table(table)} set id = id where id = ${id}`.execute(trx);
}
