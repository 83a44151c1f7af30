import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeetingState } from '@kollegium/model';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../../../tests/support/postgres.ts';
import { connectDatabase, type Db } from './database.ts';
import { migrationProvider } from './migrations.ts';
import { stateWithHandles } from './presence.migration.ts';

const KARIN = '00000000-0000-4000-8000-0000000000a1';
const PETER = '00000000-0000-4000-8000-0000000000a2';
const GUEST = '00000000-0000-4000-8000-0000000000f1';
const AT = '2026-03-02T09:00:00.000Z';
/** A meeting state as stored before 0019: people by participant id. */
const stored = {
	position: 2,
	revealed: ['intro:s'],
	showSelf: false,
	splitByFamiliarity: false,
	stepStartedAt: AT,
	subjectStartedAt: AT,
	hands: [{ participantId: PETER, name: 'Peter Sjövik' }],
	speakingOrder: [
		{ participantId: KARIN, name: 'Karin Holmlund' },
		{ participantId: GUEST, name: 'Olof Gäst' },
		{ participantId: PETER, name: 'Peter Sjövik' }
	],
	version: 7
};

describe('0019: a meeting state stored before handles', () => {
	let n = 0;
	const newHandle = () => `handle-${(n += 1)}`.padEnd(22, 'x');

	it('gives a live meeting one handle per person in place of every participant id, and keeps the map', () => {
		const { state, handles } = stateWithHandles({
			state: stored,
			live: true,
			participantIds: new Set([KARIN, PETER]),
			newHandle
		});
		const json = JSON.stringify(state);
		for (const id of [KARIN, PETER, GUEST]) expect(json).not.toContain(id);
		const map = JSON.parse(handles ?? '{}') as Record<string, string>;
		// The guest was a typed name, not a participant: nothing to keep for them.
		expect(Object.keys(map).sort()).toEqual([KARIN, PETER]);
		expect(state.hands).toEqual([{ handle: map[PETER], name: 'Peter Sjövik' }]);
		expect(state.speakingOrder).toEqual([
			{ handle: map[KARIN], name: 'Karin Holmlund' },
			{ handle: expect.stringMatching(/^handle-/), name: 'Olof Gäst' },
			{ handle: map[PETER], name: 'Peter Sjövik' }
		]);
		expect(MeetingState.parse(state)).toMatchObject({ position: 2, version: 7 });
	});

	it('empties the hands and speaking order of a meeting no longer live, and keeps no map', () => {
		const { state, handles } = stateWithHandles({
			state: stored,
			live: false,
			participantIds: new Set([KARIN, PETER]),
			newHandle
		});
		expect(handles).toBeNull();
		expect(MeetingState.parse(state)).toMatchObject({ hands: [], speakingOrder: null, version: 7 });
	});
});

// The unit project runs this on SQLite; the api-postgres project, which has a cluster, on
// PostgreSQL.
const postgres = inject('postgres') as string | undefined;
const engine = postgres ? 'postgres' : 'sqlite';

describe(`0019 on ${engine}: meetings stored by participant id`, () => {
	const cleanups: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	async function migratedTo(name: string): Promise<{ db: Db; migrator: Migrator }> {
		const dataDir = mkdtempSync(join(tmpdir(), 'kollegium-presence-'));
		cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
		let databaseUrl: string | undefined;
		if (postgres) {
			const database = await createDatabase(postgres);
			cleanups.push(() => database.drop());
			databaseUrl = database.url;
		}
		const db = await connectDatabase({ dataDir, databaseUrl });
		cleanups.push(() => db.destroy());
		const migrator = new Migrator({ db, provider: migrationProvider(engine) });
		expect((await migrator.migrateTo(name)).error).toBeUndefined();
		return { db, migrator };
	}

	/** A kollegium in `status` with Karin and Peter, its meeting stored as before 0019. */
	async function aMeeting(db: Db, id: string, status: string, ids: [string, string]) {
		await db
			.insertInto('kollegier')
			.values({
				id,
				clinicId: 'c',
				createdBy: 'u',
				kind: 'specialistkollegium',
				title: 'K',
				templateId: 't',
				startsAt: AT,
				location: '',
				videoLink: '',
				answerDeadline: AT,
				minRespondents: 3,
				status,
				focusGoals: '[]',
				customItems: '[]',
				form: '{}',
				createdAt: AT,
				updatedAt: AT
			})
			.execute();
		const names = ['Karin Holmlund', 'Peter Sjövik'];
		for (const [position, participantId] of ids.entries())
			await db
				.insertInto('participants')
				.values({
					id: participantId,
					kollegiumId: id,
					name: names[position]!,
					email: '',
					roles: '["assessor"]',
					position,
					createdAt: AT
				})
				.execute();
		const state = JSON.stringify(stored).replaceAll(KARIN, ids[0]).replaceAll(PETER, ids[1]);
		await db.insertInto('meetings').values({ kollegiumId: id, state, updatedAt: AT }).execute();
	}

	it('keeps a live meeting’s hands and order under new handles, and empties a closed one’s', async () => {
		const { db, migrator } = await migratedTo('0018-saml');
		await db
			.insertInto('users')
			.values({ id: 'u', email: 'u@example.se', name: 'U', passwordHash: '-', createdAt: AT })
			.execute();
		await db
			.insertInto('clinics')
			.values({ id: 'c', name: 'C', specialties: '[]', createdAt: AT })
			.execute();
		const closedIds: [string, string] = [
			'00000000-0000-4000-8000-0000000000b1',
			'00000000-0000-4000-8000-0000000000b2'
		];
		await aMeeting(db, 'k-live', 'live', [KARIN, PETER]);
		await aMeeting(db, 'k-closed', 'closed', closedIds);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();

		const rows = await db.selectFrom('meetings').selectAll().orderBy('kollegiumId').execute();
		const [closed, live] = rows;
		const map = JSON.parse(live!.handles ?? '{}') as Record<string, string>;
		expect(Object.keys(map).sort()).toEqual([KARIN, PETER]);
		// The server reads it as it reads any state: the meeting resumes with the same people.
		expect(MeetingState.parse(JSON.parse(live!.state))).toMatchObject({
			hands: [{ handle: map[PETER], name: 'Peter Sjövik' }],
			speakingOrder: [{ handle: map[KARIN] }, { name: 'Olof Gäst' }, { handle: map[PETER] }]
		});
		for (const id of [KARIN, PETER, GUEST, ...closedIds])
			for (const row of rows) expect(row.state).not.toContain(id);
		expect(closed!.handles).toBeNull();
		expect(MeetingState.parse(JSON.parse(closed!.state))).toMatchObject({
			hands: [],
			speakingOrder: null
		});
	});
});
