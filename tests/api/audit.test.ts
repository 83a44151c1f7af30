import { endpoints } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { ASSESSOR_TEXT, connect, join, liveSpecialistkollegium, send } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Entry {
	actor: { kind: string; id: string | null; name: string };
	action: string;
	target: Record<string, string>;
	detail: string;
	address: string;
	at: string;
}

describe('the audit log', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	const log = async (): Promise<Entry[]> => (await eva.get('/audit?limit=500')).json as Entry[];

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva, { start: false });
	});
	afterAll(() => server.close());

	it('records sign-ins, and failed ones with the address tried from and the e-mail typed', async () => {
		const wrong = await new ApiClient(server.url).post('/auth/login', {
			email: 'eva@example.org',
			password: 'inte alls rätt lösenord'
		});
		expect(wrong.status).toBe(401);
		const right = await new ApiClient(server.url).post('/auth/login', {
			email: 'eva@example.org',
			password: PASSWORD
		});
		expect(right.status).toBe(200);
		const entries = await log();
		const failed = entries.find((entry) => entry.action === 'signInFailed');
		expect(failed).toMatchObject({ actor: { kind: 'unknown', name: 'eva@example.org' } });
		expect(failed?.address).toMatch(/127\.0\.0\.1/);
		expect(entries.find((entry) => entry.action === 'signedIn')).toMatchObject({
			actor: { kind: 'colleague', name: 'Eva Studierektorsson' }
		});
		expect(JSON.stringify(entries)).not.toContain('inte alls rätt lösenord');
	});

	it('records opening, links and closing answering with who and which kollegium', async () => {
		const entries = await log();
		const opened = entries.find(
			(entry) => entry.action === 'statusChanged' && entry.detail === 'open'
		);
		expect(opened).toMatchObject({
			actor: { kind: 'colleague', name: 'Eva Studierektorsson' },
			target: { id: live.id }
		});
		expect(entries.some((entry) => entry.action === 'linkIssued')).toBe(true);
		expect(entries.some((entry) => entry.action === 'accountCreated')).toBe(true);
		await eva.post(`/kollegier/${live.id}/close-answering`);
		expect((await log()).some((entry) => entry.action === 'answeringClosed')).toBe(true);
	});

	it('never says who answered, nor what', async () => {
		const entries = await log();
		// Every respondent saved and submitted answers, yet no entry is about a response.
		expect(entries.some((entry) => entry.actor.kind === 'participant')).toBe(false);
		const all = JSON.stringify(entries);
		for (const name of ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist']) {
			expect(all).not.toContain(ASSESSOR_TEXT(name, 'Sara Lindholm'));
		}
		expect(all).not.toContain('Min egen text');
	});

	it('is for administrators only, and no route changes or deletes an entry', async () => {
		const stranger = await new ApiClient(server.url).get('/audit');
		expect(stranger.status).toBe(401);
		const writes = Object.keys(endpoints).filter(
			(key) => key.includes(' /audit') && !key.startsWith('GET ')
		);
		expect(writes).toEqual([]);
		const before = (await log()).length;
		for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
			expect((await eva.request(method, '/audit', {})).status).toBe(404);
		}
		expect((await log()).length).toBeGreaterThanOrEqual(before);
	});

	it('exports as CSV in the reader’s language, and the export is itself recorded', async () => {
		server.clock.advance(1000); // the test's clock stands still otherwise: newest first needs time
		const csv = await eva.request('GET', '/audit.csv', undefined, { 'Accept-Language': 'sv' });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const [header, ...rows] = csv.text
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(header).toBe('tid;vem;händelse;gäller;detalj;adress');
		expect(rows.some((row) => row.includes('Misslyckad inloggning'))).toBe(true);
		expect((await log())[0]).toMatchObject({ action: 'auditExported' });
	});
});

describe('the audit log in a meeting', () => {
	it('records each step shown to the room, with who showed it', async () => {
		const server = await startTestServer();
		try {
			const { client: eva } = await setUpFacilitator(server);
			const live = await liveSpecialistkollegium(server, eva);
			const control = connect(server, { cookie: eva.cookieHeader });
			await join(control, live.id, 'control');
			// Onto the first step with answers, shown once: showing it again records nothing.
			expect(await send(control, 'meeting:command', { type: 'goto', position: 1 })).toBeNull();
			expect(await send(control, 'meeting:command', { type: 'reveal' })).toBeNull();
			expect(await send(control, 'meeting:command', { type: 'reveal' })).toBeNull();
			control.disconnect();
			await expect
				.poll(async () =>
					((await eva.get('/audit')).json as Entry[]).filter((e) => e.action === 'revealed')
				)
				.toHaveLength(1);
			const [shown] = ((await eva.get('/audit')).json as Entry[]).filter(
				(e) => e.action === 'revealed'
			);
			expect(shown).toMatchObject({
				actor: { kind: 'colleague', name: 'Eva Studierektorsson' },
				target: { id: live.id }
			});
			expect(shown?.target.stepId).toBeTruthy();
		} finally {
			await server.close();
		}
	});
});
