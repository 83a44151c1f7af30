import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { createDatabase } from '../../../../tests/support/postgres.ts';
import { DocStore } from '../realtime/yjs/doc-store.ts';
import { connectDatabase, openDatabase, type Db, type DatabaseOptions } from './database.ts';
import { FIRST_CLINIC_NAME } from './clinics.migration.ts';
import { migrationProvider } from './migrations.ts';

// The unit project runs these on SQLite; the api-postgres project, which has a cluster, on
// PostgreSQL. The same expectations for both engines.
const postgres = inject('postgres') as string | undefined;
const engine = postgres ? 'postgres' : 'sqlite';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Options for an empty database of the engine under test; removed after the test. */
async function emptyDatabase(): Promise<DatabaseOptions> {
	const dataDir = mkdtempSync(join(tmpdir(), 'kollegium-db-'));
	cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
	if (!postgres) return { dataDir };
	const database = await createDatabase(postgres);
	cleanups.push(() => database.drop());
	return { dataDir, databaseUrl: database.url };
}

function aDocument(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('notes').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

async function aKollegium(db: Db, id: string): Promise<void> {
	const at = new Date(0).toISOString();
	await db
		.insertInto('users')
		.values({ id: 'u', email: 'u@example.se', name: 'U', passwordHash: '-', createdAt: at })
		.execute();
	await db
		.insertInto('clinics')
		.values({ id: 'c', name: 'C', specialties: '[]', createdAt: at })
		.execute();
	await db
		.insertInto('kollegier')
		.values({ ...kollegiumColumns(id, at), clinicId: 'c', createdBy: 'u' })
		.execute();
}

/** A kollegium as the schema before clinics (0009) held it: owned by one account. */
async function anOwnedKollegium(
	db: Kysely<any>,
	options: { id: string; ownerId: string; email: string; createdAt: string }
): Promise<void> {
	const { id, ownerId, email, createdAt } = options;
	await db
		.insertInto('users')
		.values({ id: ownerId, email, name: ownerId, password_hash: '-', created_at: createdAt })
		.execute();
	const {
		createdAt: created,
		updatedAt,
		answerDeadline,
		startsAt,
		minRespondents,
		templateId,
		focusGoals,
		customItems,
		videoLink,
		...rest
	} = kollegiumColumns(id, createdAt);
	await db
		.insertInto('kollegier')
		.values({
			...rest,
			owner_id: ownerId,
			created_at: created,
			updated_at: updatedAt,
			answer_deadline: answerDeadline,
			starts_at: startsAt,
			min_respondents: minRespondents,
			template_id: templateId,
			focus_goals: focusGoals,
			custom_items: customItems,
			video_link: videoLink
		})
		.execute();
}

function kollegiumColumns(id: string, at: string) {
	return {
		id,
		kind: 'specialistkollegium',
		title: 'K',
		templateId: 't',
		startsAt: at,
		location: '',
		videoLink: '',
		answerDeadline: at,
		minRespondents: 3,
		status: 'draft',
		focusGoals: '[]',
		customItems: '[]',
		form: '{}',
		createdAt: at,
		updatedAt: at
	};
}

describe(`the database on ${engine}`, () => {
	it('turns stored base64 documents into bytes that load the same documents', async () => {
		const options = await emptyDatabase();
		const db = await connectDatabase(options);
		cleanups.push(() => db.destroy());
		const migrator = new Migrator({ db, provider: migrationProvider(engine) });
		expect((await migrator.migrateTo('0006-handovers')).error).toBeUndefined();
		const at0 = new Date(0).toISOString();
		await anOwnedKollegium(db.withoutPlugins(), {
			id: 'k',
			ownerId: 'u',
			email: 'u@example.se',
			createdAt: at0
		});
		// Before 0007 these columns held base64 text (schema.ts has the types after it).
		const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
		const at = new Date(0).toISOString();
		const snapshot = aDocument('snapshot ');
		await sql`insert into yjs_snapshots (kollegium_id, state, updated_at)
			values ('k', ${base64(snapshot)}, ${at})`.execute(db);
		// More than one page of the conversion (500 rows).
		const updates = Array.from({ length: 1201 }, (_, i) => aDocument(`${i} `));
		for (let i = 0; i < updates.length; i += 300) {
			const rows = updates
				.slice(i, i + 300)
				.map((update, j) => sql`(${`u${i + j}`}, 'k', ${base64(update)}, ${at})`);
			await sql`insert into yjs_updates (id, kollegium_id, data, created_at)
				values ${sql.join(rows)}`.execute(db);
		}

		expect((await migrator.migrateToLatest()).error).toBeUndefined();

		const stored = await db.selectFrom('yjsUpdates').select(['id', 'data']).execute();
		expect(stored).toHaveLength(updates.length);
		for (const row of stored) {
			expect(row.data).toBeInstanceOf(Uint8Array);
			expect([...row.data]).toEqual([...updates[Number(row.id.slice(1))]!]);
		}
		const doc = new Y.Doc();
		await new DocStore({ db, now: () => new Date() }).load('k', doc);
		const text = doc.getText('notes').toString();
		for (const part of ['snapshot ', '0 ', '600 ', '1200 ']) expect(text).toContain(part);
	});

	it('moves an installation from before clinics into one clinic, its first account administrator', async () => {
		const db = await connectDatabase(await emptyDatabase());
		cleanups.push(() => db.destroy());
		const migrator = new Migrator({ db, provider: migrationProvider(engine) });
		expect((await migrator.migrateTo('0008-one-live-invitation')).error).toBeUndefined();
		const raw = db.withoutPlugins();
		await anOwnedKollegium(raw, {
			id: 'k1',
			ownerId: 'first',
			email: 'a@example.se',
			createdAt: '2025-01-01T00:00:00.000Z'
		});
		await anOwnedKollegium(raw, {
			id: 'k2',
			ownerId: 'second',
			email: 'b@example.se',
			createdAt: '2025-06-01T00:00:00.000Z'
		});

		expect((await migrator.migrateToLatest()).error).toBeUndefined();

		const [clinic, ...others] = await db.selectFrom('clinics').selectAll().execute();
		expect(others).toEqual([]);
		expect(clinic?.name).toBe(FIRST_CLINIC_NAME);
		const kollegier = await db
			.selectFrom('kollegier')
			.select(['id', 'clinicId', 'createdBy'])
			.orderBy('id')
			.execute();
		expect(kollegier).toEqual([
			{ id: 'k1', clinicId: clinic?.id, createdBy: 'first' },
			{ id: 'k2', clinicId: clinic?.id, createdBy: 'second' }
		]);
		const users = await db.selectFrom('users').select(['id', 'isAdmin']).orderBy('id').execute();
		expect(users).toEqual([
			{ id: 'first', isAdmin: 1 },
			{ id: 'second', isAdmin: 0 }
		]);
		const members = await db
			.selectFrom('clinicMembers')
			.select(['userId', 'role'])
			.orderBy('userId')
			.execute();
		expect(members).toEqual([
			{ userId: 'first', role: 'studierektor' },
			{ userId: 'second', role: 'studierektor' }
		]);
	});

	it('appends, compacts and loads a shared document as bytes', async () => {
		const db = await openDatabase(await emptyDatabase());
		cleanups.push(() => db.destroy());
		await aKollegium(db, 'k');
		const store = new DocStore({ db, now: () => new Date() });
		const writer = new Y.Doc();
		writer.on('update', (update: Uint8Array) => void store.append('k', update));
		const text = writer.getText('notes');
		for (const word of ['Mål ', 'och ', 'åtgärder']) text.insert(text.length, word);
		await expect.poll(() => db.selectFrom('yjsUpdates').select('id').execute()).toHaveLength(3);
		await store.compact('k');
		const [snapshot] = await db.selectFrom('yjsSnapshots').select('state').execute();
		expect(snapshot?.state).toBeInstanceOf(Uint8Array);
		const reader = new Y.Doc();
		expect(await store.load('k', reader)).toBe(0);
		expect(reader.getText('notes').toString()).toBe('Mål och åtgärder');
	});

	it('loses no edit when compactions overlap each other and the typing', async () => {
		const db = await openDatabase(await emptyDatabase());
		cleanups.push(() => db.destroy());
		await aKollegium(db, 'k');
		const store = new DocStore({ db, now: () => new Date() });
		const writer = new Y.Doc();
		const appended: Promise<void>[] = [];
		writer.on('update', (update: Uint8Array) => appended.push(store.append('k', update)));
		const text = writer.getText('notes');
		for (let round = 0; round < 6; round += 1) {
			for (let i = 0; i < 20; i += 1) text.insert(text.length, `${round}.${i} `);
			await Promise.all(appended);
			const first = store.compact('k');
			for (let i = 0; i < 5; i += 1) text.insert(text.length, `${round}+${i} `);
			await Promise.all([first, store.compact('k'), ...appended]);
		}
		await Promise.all(appended);
		const reader = new Y.Doc();
		await store.load('k', reader);
		expect(reader.getText('notes').toString()).toBe(text.toString());
	});

	it('answers counts as numbers, as SQLite does', async () => {
		const db = await openDatabase(await emptyDatabase());
		cleanups.push(() => db.destroy());
		const { count } = await db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll().as('count'))
			.executeTakeFirstOrThrow();
		expect(count).toBe(0);
	});

	it('lets go of the file, or of every pooled connection, when destroyed', async () => {
		const options = await emptyDatabase();
		const db = await openDatabase(options);
		// Several at once, so a pool opens more than one connection.
		await Promise.all(Array.from({ length: 4 }, () => sql`select 1`.execute(db)));
		await db.destroy();
		if (!options.databaseUrl) {
			// SQLite folds the write-ahead log back into the file when its last connection closes.
			expect(existsSync(join(options.dataDir, 'kollegium.sqlite-wal'))).toBe(false);
			return;
		}
		const server = await connectDatabase({ dataDir: options.dataDir, databaseUrl: postgres });
		cleanups.push(() => server.destroy());
		const name = new URL(options.databaseUrl).pathname.slice(1);
		const { rows } = await sql<{ connections: number }>`
			select count(*) as connections from pg_stat_activity where datname = ${name}`.execute(server);
		expect(rows[0]?.connections).toBe(0);
	});
});
