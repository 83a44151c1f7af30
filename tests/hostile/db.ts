import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

/** Per table: how many rows, a hash of their content, and for the audit log each row. */
export type Snapshot = Map<string, { rows: number; hash: string; each?: string[] }>;

/**
 * Tables that record attempts by design: a failed sign-in or an export is written to the audit
 * log. They may grow, but no row of theirs may change or go.
 */
const APPEND_ONLY = new Set(['audit_log']);

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
			const each = APPEND_ONLY.has(name)
				? rows.map((row) => JSON.stringify(row, plain))
				: undefined;
			result.set(name, { rows: rows.length, hash, ...(each ? { each } : {}) });
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
		if (a?.each && b?.each && a.each.every((row, index) => b.each?.[index] === row)) continue;
		const rows = `${a?.rows ?? 0} → ${b?.rows ?? 0} rows`;
		changed.push(`${name}: ${a?.rows === b?.rows ? `${rows}, content changed` : rows}`);
	}
	return changed;
}
