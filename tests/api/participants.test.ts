import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { del, pathsOf, trainee } from './helpers.ts';

const day = 86_400_000;

describe('kollegier: subjects, participants and invitation links', () => {
	let server: TestServer;
	let eva: ApiClient;
	const create = async (overrides: Record<string, unknown> = {}) => {
		const response = await eva.post('/kollegier', kollegiumInput(server, overrides));
		expect(response.status).toBe(201);
		return response.json;
	};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(() => server.close());

	describe('subjects', () => {
		it('adds a trainee as a subject and as a participant with the role trainee', async () => {
			const k = await create();
			const response = await eva.post(`/kollegier/${k.id}/subjects`, trainee('Sara Lindholm'));
			expect(response.status).toBe(201);
			const [subject] = response.json.subjects;
			const [participant] = response.json.participants;
			expect(subject).toMatchObject({
				kind: 'trainee',
				name: 'Sara Lindholm',
				stStart: '2025-09-01'
			});
			expect(participant).toMatchObject({ name: 'Sara Lindholm', roles: ['trainee'] });
			expect(subject.participantId).toBe(participant.id);
			const remove = await del(
				eva,
				server.url,
				`/kollegier/${k.id}/participants/${participant.id}`
			);
			expect(remove.status).toBe(409);
		});

		it('refuses a supervisor subject in a specialistkollegium and an unknown supervisorId', async () => {
			const k = await create();
			const supervisor = await eva.post(`/kollegier/${k.id}/subjects`, {
				kind: 'supervisor',
				name: 'Dr Berg'
			});
			expect(supervisor.status).toBe(400);
			expect(pathsOf(supervisor.json)).toContain('kind');
			const unknown = await eva.post(
				`/kollegier/${k.id}/subjects`,
				trainee('Sara Lindholm', { supervisorId: crypto.randomUUID() })
			);
			expect(unknown.status).toBe(400);
			expect(pathsOf(unknown.json)).toContain('supervisorId');
		});

		it('gives an ST-läkarkollegium a fixed clinic subject and refuses trainee subjects', async () => {
			const k = await create({ kind: 'st-lakarkollegium' });
			expect(k.subjects).toEqual([
				expect.objectContaining({ kind: 'clinic', participantId: null })
			]);
			const refused = await eva.post(`/kollegier/${k.id}/subjects`, trainee('Sara Lindholm'));
			expect(refused.status).toBe(400);
			expect(pathsOf(refused.json)).toContain('kind');
			const removeClinic = await del(
				eva,
				server.url,
				`/kollegier/${k.id}/subjects/${k.subjects[0].id}`
			);
			expect(removeClinic.status).toBe(409);
			const supervisor = await eva.post(`/kollegier/${k.id}/subjects`, {
				kind: 'supervisor',
				name: 'Dr Berg'
			});
			expect(supervisor.status).toBe(201);
			expect(supervisor.json.participants).toEqual([]);
		});

		it.each([
			['a specialistkollegium with assessors but no trainees', 'specialistkollegium'],
			['an ST-läkarkollegium without trainees', 'st-lakarkollegium']
		])('refuses to open %s with 409 nothingToAnswer', async (_case, kind) => {
			const k = await create({ kind });
			await eva.post(`/kollegier/${k.id}/participants`, {
				name: 'Karin Holmlund',
				roles: ['assessor']
			});
			const response = await eva.post(`/kollegier/${k.id}/status`, { status: 'open' });
			expect(response.status).toBe(409);
			expect(response.json).toMatchObject({ error: 'nothingToAnswer' });
			expect((await eva.get(`/kollegier/${k.id}`)).json.status).toBe('draft');
		});
	});

	describe('participants and invitation links', () => {
		let k: any;
		let karinId: string;
		const issue = () => {
			server.clock.advance(1_000); // links are told apart by when they were made
			return eva.post(`/kollegier/${k.id}/participants/${karinId}/invitation`);
		};
		const respond = (url: string) =>
			new ApiClient(server.url, { invitation: tokenOf(url) }).get('/respond');

		beforeAll(async () => {
			k = await create();
			const added = await eva.post(`/kollegier/${k.id}/participants`, {
				name: 'Karin Holmlund',
				roles: ['assessor']
			});
			karinId = added.json.participants[0].id;
		});

		it('issues a link /svar/<43-character token> valid until two weeks after the meeting', async () => {
			const response = await issue();
			expect(response.status).toBe(201);
			expect(response.json.url).toMatch(new RegExp(`^${server.url}/svar/[A-Za-z0-9_-]{43}$`));
			expect(Date.parse(response.json.expiresAt)).toBe(Date.parse(k.startsAt) + 14 * day);
			expect(response.text).not.toContain('tokenHash');
			const view = await respond(response.json.url);
			expect(view.status).toBe(200);
			expect(view.json.participant).toMatchObject({ id: karinId, name: 'Karin Holmlund' });
		});

		it('revokes the old link when a new one is issued', async () => {
			const first = (await issue()).json.url;
			const second = (await issue()).json.url;
			expect(second).not.toBe(first);
			const old = await respond(first);
			expect(old.status).toBe(404);
			expect(old.json).toEqual({
				error: 'invitationInvalid',
				message: expect.any(String),
				issues: []
			});
			expect((await respond(second)).status).toBe(200);
		});

		it('revokes the link with DELETE', async () => {
			const url = (await issue()).json.url;
			const response = await del(
				eva,
				server.url,
				`/kollegier/${k.id}/participants/${karinId}/invitation`
			);
			expect(response.status).toBe(200);
			expect(response.json.participants[0].invitation).toMatchObject({ revoked: true });
			expect((await respond(url)).json).toEqual({
				error: 'invitationInvalid',
				message: expect.any(String),
				issues: []
			});
		});

		it('issues links in bulk only to those without a valid one', async () => {
			const karin = (await issue()).json.url;
			const added = await eva.post(`/kollegier/${k.id}/participants`, {
				name: 'Peter Sjövik',
				roles: ['assessor']
			});
			const bulk = await eva.post(`/kollegier/${k.id}/invitations`);
			expect(bulk.status).toBe(201);
			expect(bulk.json.map((link: { participantId: string }) => link.participantId)).toEqual([
				added.json.participants[1].id
			]);
			expect((await respond(karin)).status).toBe(200);
		});

		it('forgets the links of a removed participant', async () => {
			const url = (await issue()).json.url;
			expect(
				(await del(eva, server.url, `/kollegier/${k.id}/participants/${karinId}`)).status
			).toBe(200);
			const response = await respond(url);
			expect(response.status).toBe(404);
			expect(response.json).toEqual({
				error: 'invitationInvalid',
				message: expect.any(String),
				issues: []
			});
		});
	});
});
