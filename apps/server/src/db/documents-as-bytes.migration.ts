import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Engine } from './migrations.ts';

/** Bytes: SQLite's blob, PostgreSQL's bytea. Kysely writes a type name as given. */
const bytesType = { sqlite: 'blob', postgres: 'bytea' } as const;

/** The tables this migration reads and writes, before and after (Kysely sees camelCase). */
interface Tables {
	yjsSnapshots: { kollegiumId: string; state: string; updatedAt: string };
	yjsSnapshotsBytes: { kollegiumId: string; state: Uint8Array; updatedAt: string };
	yjsUpdates: { id: string; kollegiumId: string; data: string; createdAt: string };
	yjsUpdatesBytes: { id: string; kollegiumId: string; data: Uint8Array; createdAt: string };
}

/**
 * 0007: the shared documents' state and updates as bytes instead of base64 text (a quarter
 * smaller, and nothing to encode on every keystroke). SQLite cannot change a column's type, so
 * both tables are built anew beside the old ones, every row converted, and then swapped in; in
 * one transaction on both engines.
 */
export function documentsAsBytes(engine: Engine): Migration {
	return {
		up: (db: Kysely<unknown>) =>
			inOneTransaction(db as Kysely<Tables>, async (trx) => {
				await createTables(trx, bytesType[engine]);
				await copySnapshots(trx);
				await copyUpdates(trx);
				await trx.schema.dropTable('yjs_snapshots').execute();
				await trx.schema.dropTable('yjs_updates').execute();
				await trx.schema.alterTable('yjs_snapshots_bytes').renameTo('yjs_snapshots').execute();
				await trx.schema.alterTable('yjs_updates_bytes').renameTo('yjs_updates').execute();
				await trx.schema
					.createIndex('yjs_updates_kollegium')
					.on('yjs_updates')
					.column('kollegium_id')
					.execute();
			})
	};
}

async function createTables(db: Kysely<Tables>, bytes: 'blob' | 'bytea'): Promise<void> {
	await db.schema
		.createTable('yjs_snapshots_bytes')
		.addColumn('kollegium_id', 'text', (c) =>
			c.primaryKey().references('kollegier.id').onDelete('cascade')
		)
		.addColumn('state', bytes, (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('yjs_updates_bytes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kollegium_id', 'text', (c) =>
			c.notNull().references('kollegier.id').onDelete('cascade')
		)
		.addColumn('data', bytes, (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

const pageSize = 500;
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function copySnapshots(db: Kysely<Tables>): Promise<void> {
	return eachPage(async (after) => {
		const rows = await db
			.selectFrom('yjsSnapshots')
			.selectAll()
			.where('kollegiumId', '>', after)
			.orderBy('kollegiumId')
			.limit(pageSize)
			.execute();
		if (rows.length === 0) return undefined;
		await db
			.insertInto('yjsSnapshotsBytes')
			.values(rows.map((row) => ({ ...row, state: fromBase64(row.state) })))
			.execute();
		return rows.at(-1)?.kollegiumId;
	});
}

function copyUpdates(db: Kysely<Tables>): Promise<void> {
	return eachPage(async (after) => {
		const rows = await db
			.selectFrom('yjsUpdates')
			.selectAll()
			.where('id', '>', after)
			.orderBy('id')
			.limit(pageSize)
			.execute();
		if (rows.length === 0) return undefined;
		await db
			.insertInto('yjsUpdatesBytes')
			.values(rows.map((row) => ({ ...row, data: fromBase64(row.data) })))
			.execute();
		return rows.at(-1)?.id;
	});
}

/** A page at a time, so memory stays one page: each call returns the last key it copied. */
async function eachPage(copyPage: (after: string) => Promise<string | undefined>): Promise<void> {
	let after: string | undefined = '';
	while (after !== undefined) after = await copyPage(after);
}

/**
 * PostgreSQL's migrator already runs each migration in a transaction (Kysely knows its DDL is
 * transactional); SQLite's does not, though SQLite's DDL is transactional too. So this migration
 * opens its own there: a crash half-way leaves the old tables as they were.
 */
async function inOneTransaction<T>(
	db: Kysely<T>,
	work: (trx: Kysely<T>) => Promise<void>
): Promise<void> {
	if (db.isTransaction) return work(db);
	await db.transaction().execute(work);
}
