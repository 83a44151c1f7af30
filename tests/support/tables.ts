import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/database.ts';

/** One stored row, and the same as one searchable string. */
export interface StoredRow {
	table: string;
	row: Record<string, unknown>;
	text: string;
}

/**
 * Every row of every table, as it lies in the database (SQLite, or PostgreSQL in the
 * api-postgres project), each also as one searchable string with bytes read as UTF-8: what
 * someone reading the database directly would find.
 */
export async function everyRow(db: Db): Promise<StoredRow[]> {
	const tables = (await db.introspection.getTables()).map((table) => table.name);
	const rows: StoredRow[] = [];
	for (const table of tables) {
		const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
			db
		);
		for (const row of result.rows) {
			// Bytes as text before JSON: pg's Buffer would turn itself into numbers (its toJSON).
			const readable = Object.fromEntries(
				Object.entries(row).map(([key, value]) => [
					key,
					value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value
				])
			);
			rows.push({ table, row, text: JSON.stringify(readable) });
		}
	}
	return rows;
}
