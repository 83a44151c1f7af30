import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { PASSWORD, kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const day = 86_400_000;

describe('what a studierektor expects when things change', () => {
	let server: TestServer;
	let eva: ApiClient;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(() => server?.close());

	it('refuses a new meeting in the past, saying so beside the date in Swedish', async () => {
		const startsAt = new Date(server.clock.now().getTime() - 2 * day).toISOString();
		const answerDeadline = new Date(server.clock.now().getTime() - 3 * day).toISOString();
		const response = await eva.post(
			'/kollegier',
			kollegiumInput(server, { startsAt, answerDeadline })
		);
		expect(response.status).toBe(400);
		expect(response.json.issues).toEqual([
			{
				path: 'startsAt',
				code: 'inThePast',
				message: 'Mötet ligger i det förflutna. Kontrollera datum och tid.'
			}
		]);
	});

	it('keeps the invitation links valid until after the meeting when the meeting is moved', async () => {
		const input = kollegiumInput(server);
		const created = (await eva.post('/kollegier', input)).json;
		const added = (
			await eva.post(`/kollegier/${created.id}/participants`, {
				name: 'Karin Holmlund',
				roles: ['assessor']
			})
		).json;
		const karin = added.participants[0].id;
		await eva.post(`/kollegier/${created.id}/participants/${karin}/invitation`);
		const later = new Date(Date.parse(input.startsAt) + 60 * day).toISOString();
		await eva.put(`/kollegier/${created.id}`, { ...input, startsAt: later });
		const detail = (await eva.get(`/kollegier/${created.id}`)).json;
		const expiresAt = Date.parse(detail.participants[0].invitation.expiresAt);
		expect(expiresAt).toBeGreaterThan(Date.parse(later));
	});

	it('makes the chosen main supervisor a supervisor of the kollegium', async () => {
		const created = (await eva.post('/kollegier', kollegiumInput(server))).json;
		const added = (
			await eva.post(`/kollegier/${created.id}/participants`, {
				name: 'Peter Sjövik',
				roles: ['assessor']
			})
		).json;
		const peter = added.participants[0].id;
		const withTrainee = (
			await eva.post(`/kollegier/${created.id}/subjects`, {
				kind: 'trainee',
				name: 'Sara Lindholm',
				specialty: 'Internmedicin',
				stStart: '2025-09-01',
				regulation: 'HSLF-FS 2021:8',
				supervisorId: peter
			})
		).json;
		const roles = withTrainee.participants.find((p: { id: string }) => p.id === peter).roles;
		expect(roles.sort()).toEqual(['assessor', 'supervisor']);
	});

	it('does not lock everyone out when colleagues behind one proxy mistype their passwords', async () => {
		for (let attempt = 0; attempt < 8; attempt += 1) {
			const someone = new ApiClient(server.url);
			const failed = await someone.post('/auth/login', {
				email: `kollega${attempt}@example.org`,
				password: 'fel'
			});
			expect(failed.status).toBe(401);
		}
		const eva2 = new ApiClient(server.url);
		expect(
			(await eva2.post('/auth/login', { email: 'eva@example.org', password: PASSWORD })).status
		).toBe(200);
	});
});
