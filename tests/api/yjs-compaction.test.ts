import { afterAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { ApiClient } from '../support/client.ts';
import { openDocument, pause } from '../support/documents.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const WRITERS = 30;
const EDITS = 12;

// 30 editors typing at once push the log past the compaction threshold several times while
// they write; on a pool, compactions and appends interleave. Nothing acknowledged may be lost,
// which a restart (reading only what was stored) shows.
describe('the shared document under 30 writers', () => {
	let server: TestServer | undefined;
	const providers: WebsocketProvider[] = [];
	afterAll(async () => {
		for (const provider of providers) provider.destroy();
		await server?.close();
	});

	it('keeps every edit through the compactions, as stored and read back after a restart', async () => {
		server = await startTestServer();
		const eva = (await setUpFacilitator(server)).client;
		const { id } = await liveSpecialistkollegium(server, eva);
		const editors = await Promise.all(
			Array.from({ length: WRITERS }, () => openDocument(server!, id, { cookie: eva.cookieHeader }))
		);
		providers.push(...editors.map((e) => e.provider));
		for (let round = 0; round < EDITS; round += 1) {
			editors.forEach(({ doc }, writer) =>
				doc.getArray<string>('log').push([`${writer}:${round}`])
			);
			await pause(15);
		}
		const total = WRITERS * EDITS;
		for (
			let i = 0;
			i < 400 && editors.some(({ doc }) => doc.getArray('log').length < total);
			i += 1
		)
			await pause(25);
		expect(editors.map(({ doc }) => doc.getArray('log').length)).toEqual(
			Array(WRITERS).fill(total)
		);
		for (const provider of providers.splice(0)) provider.destroy();

		const { dataDir, port } = server;
		await server.close({ keepData: true });
		server = await startTestServer({ dataDir, port });
		const again = new ApiClient(server.url);
		await again.post('/auth/login', { email: 'eva@example.org', password: PASSWORD });
		const reopened = await openDocument(server, id, { cookie: again.cookieHeader });
		providers.push(reopened.provider);
		const stored = new Set(reopened.doc.getArray<string>('log').toArray());
		const expected = editors.flatMap((_, writer) =>
			Array.from({ length: EDITS }, (_, round) => `${writer}:${round}`)
		);
		expect(expected.filter((edit) => !stored.has(edit))).toEqual([]);
		expect(reopened.doc.getArray('log').length).toBe(total);
		const updates = await server.deps.db
			.selectFrom('yjsUpdates')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('kollegiumId', '=', id)
			.executeTakeFirstOrThrow();
		// The log was folded into the snapshot along the way, not left to grow.
		expect(Number(updates.n)).toBeLessThan(total);
	});
});
