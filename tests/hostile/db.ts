import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

/** Per table: how many rows, and a hash of their content. */
export type Snapshot = Map<string, { rows: number; hash: string }>;

const plain = (_key: string, value: unknown) =>
	typeof value === 'bigint'
		? value.toString()
		: value instanceof Uint8Array
			? Buffer.from(value).toString('base64')
			: value;

/**
 * What the server's database holds right now, read from another process: the database runs
 * in WAL mode, so a read-only connection sees every committed row.
 */
export function snapshot(path: string): Snapshot {
	const db = new DatabaseSync(path, { readOnly: true });
	try {
		const tables = db
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
			)
			.all() as { name: string }[];
		const result: Snapshot = new Map();
		for (const { name } of tables) {
			const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
			const hash = createHash('sha256').update(JSON.stringify(rows, plain)).digest('hex');
			result.set(name, { rows: rows.length, hash });
		}
		return result;
	} finally {
		db.close();
	}
}

/** The tables whose rows changed between two snapshots, as `table: 12 → 13 rows` lines. */
export function changes(before: Snapshot, after: Snapshot): string[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	const changed: string[] = [];
	for (const name of names) {
		const a = before.get(name);
		const b = after.get(name);
		if (a?.hash === b?.hash) continue;
		const rows = `${a?.rows ?? 0} → ${b?.rows ?? 0} rows`;
		changed.push(`${name}: ${a?.rows === b?.rows ? `${rows}, content changed` : rows}`);
	}
	return changed;
}
