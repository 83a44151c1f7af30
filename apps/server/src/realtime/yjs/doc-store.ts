import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { lockRow } from '../../domain/locks.ts';

/**
 * Where a shared document lives: a snapshot and the updates appended since, stored as bytes
 * (both engines hand back a Uint8Array; pg's Buffer is one). Every update is appended before it
 * is broadcast, so what anyone has seen survives a crash.
 */
export class DocStore {
	readonly #db: Db;
	readonly #now: () => Date;

	constructor(options: { db: Db; now: () => Date }) {
		this.#db = options.db;
		this.#now = options.now;
	}

	/** The stored state, applied to `doc`; returns how many updates the log held. */
	async load(kollegiumId: string, doc: Y.Doc): Promise<number> {
		const rows = await stored(this.#db, kollegiumId);
		// Yjs updates commute: snapshot and log apply in any order.
		Y.transact(doc, () => rows.forEach((row) => Y.applyUpdate(doc, row.data)), this);
		return rows.filter((row) => row.id !== null).length;
	}

	async append(kollegiumId: string, update: Uint8Array): Promise<void> {
		await this.#db
			.insertInto('yjsUpdates')
			.values({
				id: crypto.randomUUID(),
				kollegiumId,
				data: update,
				createdAt: this.#now().toISOString()
			})
			.execute();
	}

	/**
	 * Replays the snapshot and the logged updates into a fresh document and stores it as the new
	 * snapshot, deleting exactly the rows it replayed, in one transaction. Rows appended meanwhile
	 * stay in the log. Memory stays that of one document, not of one huge merged update.
	 * Compactions of one document take turns (the kollegium's row lock): on a pool, one that read
	 * earlier could otherwise store its older snapshot over a newer one whose rows are gone.
	 */
	async compact(kollegiumId: string): Promise<void> {
		await this.#db.transaction().execute(async (trx) => {
			await lockRow(trx, 'kollegier', kollegiumId);
			const rows = await stored(trx, kollegiumId);
			const ids = rows.flatMap((row) => (row.id === null ? [] : [row.id]));
			if (ids.length === 0) return;
			const doc = new Y.Doc({ gc: true });
			for (const row of rows) Y.applyUpdate(doc, row.data);
			const state = Y.encodeStateAsUpdate(doc);
			doc.destroy();
			const updatedAt = this.#now().toISOString();
			await trx
				.insertInto('yjsSnapshots')
				.values({ kollegiumId, state, updatedAt })
				.onConflict((conflict) => conflict.column('kollegiumId').doUpdateSet({ state, updatedAt }))
				.execute();
			for (let i = 0; i < ids.length; i += 500) {
				await trx
					.deleteFrom('yjsUpdates')
					.where('id', 'in', ids.slice(i, i + 500))
					.execute();
			}
		});
	}
}

/**
 * The snapshot (id null) and the logged updates in one statement, so both are from the same
 * moment even on a pool: read apart, a compaction committed in between would hide the rows it
 * folded into the snapshot that was read before it.
 */
function stored(db: Kysely<Database>, kollegiumId: string) {
	return db
		.selectFrom('yjsSnapshots')
		.select([sql<string | null>`null`.as('id'), 'state as data'])
		.where('kollegiumId', '=', kollegiumId)
		.unionAll((eb) =>
			eb.selectFrom('yjsUpdates').select(['id', 'data']).where('kollegiumId', '=', kollegiumId)
		)
		.execute();
}
