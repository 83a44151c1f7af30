import * as Y from 'yjs';
import type { Db } from '../../db/database.ts';

const encode = (update: Uint8Array) => Buffer.from(update).toString('base64');
const decode = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Where a shared document lives: a snapshot and the updates appended since. Every update is
 * appended before it is broadcast, so what anyone has seen survives a crash.
 */
export class DocStore {
	readonly #db: Db;
	readonly #now: () => Date;

	constructor(options: { db: Db; now: () => Date }) {
		this.#db = options.db;
		this.#now = options.now;
	}

	/** The stored state, applied to `doc` (snapshot first, then the log). */
	async load(kollegiumId: string, doc: Y.Doc): Promise<number> {
		const [snapshot, updates] = await Promise.all([
			this.#db
				.selectFrom('yjsSnapshots')
				.select('state')
				.where('kollegiumId', '=', kollegiumId)
				.executeTakeFirst(),
			this.#db
				.selectFrom('yjsUpdates')
				.select('data')
				.where('kollegiumId', '=', kollegiumId)
				.execute()
		]);
		Y.transact(
			doc,
			() => {
				if (snapshot) Y.applyUpdate(doc, decode(snapshot.state));
				for (const update of updates) Y.applyUpdate(doc, decode(update.data));
			},
			this
		);
		return updates.length;
	}

	async append(kollegiumId: string, update: Uint8Array): Promise<void> {
		await this.#db
			.insertInto('yjsUpdates')
			.values({
				id: crypto.randomUUID(),
				kollegiumId,
				data: encode(update),
				createdAt: this.#now().toISOString()
			})
			.execute();
	}

	/**
	 * Replays the snapshot and the logged updates into a fresh document and stores it as the new
	 * snapshot, deleting exactly the rows it replayed, in one transaction. Rows appended meanwhile
	 * stay in the log. Memory stays that of one document, not of one huge merged update.
	 */
	async compact(kollegiumId: string): Promise<void> {
		await this.#db.transaction().execute(async (trx) => {
			const snapshot = await trx
				.selectFrom('yjsSnapshots')
				.select('state')
				.where('kollegiumId', '=', kollegiumId)
				.executeTakeFirst();
			const rows = await trx
				.selectFrom('yjsUpdates')
				.select(['id', 'data'])
				.where('kollegiumId', '=', kollegiumId)
				.execute();
			if (rows.length === 0) return;
			const doc = new Y.Doc({ gc: true });
			if (snapshot) Y.applyUpdate(doc, decode(snapshot.state));
			for (const row of rows) Y.applyUpdate(doc, decode(row.data));
			const state = encode(Y.encodeStateAsUpdate(doc));
			doc.destroy();
			const updatedAt = this.#now().toISOString();
			await trx
				.insertInto('yjsSnapshots')
				.values({ kollegiumId, state, updatedAt })
				.onConflict((conflict) => conflict.column('kollegiumId').doUpdateSet({ state, updatedAt }))
				.execute();
			const ids = rows.map((row) => row.id);
			for (let i = 0; i < ids.length; i += 500) {
				await trx
					.deleteFrom('yjsUpdates')
					.where('id', 'in', ids.slice(i, i + 500))
					.execute();
			}
		});
	}
}
