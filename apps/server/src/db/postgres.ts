import { PostgresDialect } from 'kysely';
import type { CustomTypesConfig, PoolClient } from 'pg';

/**
 * Kysely's PostgresDialect over a `pg` pool, for DATABASE_URL=postgres://…. `db.destroy()` ends
 * the pool. Loaded only when asked for, so the embedded default never loads the driver.
 */
export async function postgresDialect(url: string): Promise<PostgresDialect> {
	const { default: pg } = await import('pg');
	// Counts and sums are int8 in PostgreSQL, which pg hands back as strings; SQLite gives numbers.
	// Numbers on both, so a query means the same on either engine (our counts stay far below 2^53).
	const types: CustomTypesConfig = {
		getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
			oid === pg.types.builtins.INT8
				? Number
				: pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser']
	};
	const pool = new pg.Pool({ connectionString: url, application_name: 'kollegium', types });
	// A pooled connection that dies while idle (the server restarted, a network blip) is reported
	// here; without a listener that event would end the process. The pool opens a new one.
	pool.on('error', (error) => console.error('PostgreSQL: an idle connection failed', error));
	// pg's end() resolves once it has asked every connection to close, not once they have; waiting
	// for the last one means a destroyed database holds no connection at all.
	const open = new Set<PoolClient>();
	pool.on('connect', (client) => {
		open.add(client);
		client.once('end', () => open.delete(client));
	});
	const end = pool.end.bind(pool);
	const endFully = async () => {
		const closing = [...open].map((client) => new Promise((ended) => client.once('end', ended)));
		await end();
		await Promise.all(closing);
	};
	return new PostgresDialect({ pool: Object.assign(pool, { end: endFully }) });
}
