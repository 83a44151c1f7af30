import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/server/src/auth/passwords.ts';
import { ApiClient } from '../support/client.ts';
import { PASSWORD, kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { del, isolatedRequest, trainee } from './helpers.ts';

describe('kollegier: creating and editing', () => {
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

	describe('creating', () => {
		it.each([
			['a title under 3 characters', { title: 'ab' }, 'title', 'too_small'],
			['k below 2', { minRespondents: 1 }, 'minRespondents', 'too_small'],
			['a fractional k', { minRespondents: 2.5 }, 'minRespondents', undefined],
			[
				'a deadline after the meeting',
				{ answerDeadline: '2099-01-01T00:00:00Z' },
				'answerDeadline',
				'deadlineAfterMeeting'
			],
			[
				'a video link over plain http',
				{ videoLink: 'http://meet.example.org/abc' },
				'videoLink',
				undefined
			],
			['a start that is not a date', { startsAt: 'nästa tisdag' }, 'startsAt', undefined],
			['an unknown kind', { kind: 'fikakollegium' }, 'kind', undefined],
			[
				'a custom question about the clinic',
				{ customItems: [{ type: 'text', text: 'Hur är jouren?', about: 'clinic' }] },
				'customItems.0.about',
				'notForThisKind'
			],
			['an unknown template', { templateId: 'finns-inte' }, 'templateId', undefined],
			['a template of the other kind', { templateId: 'st-lakarkollegium' }, 'templateId', undefined]
		])('refuses %s with 400 naming the field', async (_case, overrides, path, code) => {
			const response = await eva.post('/kollegier', kollegiumInput(server, overrides));
			expect(response.status).toBe(400);
			expect(response.json.error).toBe('validation');
			const issue = response.json.issues.find((i: { path: string }) => i.path === path);
			expect(issue, JSON.stringify(response.json)).toBeDefined();
			expect(issue.message).toEqual(expect.any(String));
			if (code) expect(issue.code).toBe(code);
		});

		it('explains problems in Swedish by default and in English when asked', async () => {
			const bad = kollegiumInput(server, { title: 'ab', answerDeadline: '2099-01-01T00:00:00Z' });
			const sv = await eva.post('/kollegier', bad);
			const en = await eva.request('POST', '/kollegier', bad, {
				'Accept-Language': 'en-GB,en;q=0.9'
			});
			const message = (json: any, path: string) =>
				json.issues.find((i: { path: string }) => i.path === path)?.message;
			expect(message(sv.json, 'title')).toMatch(/minst 3 tecken/);
			expect(message(en.json, 'title')).toMatch(/at least 3 characters/i);
			expect(message(sv.json, 'answerDeadline')).toMatch(/Sista svarsdag/);
			expect(message(en.json, 'answerDeadline')).toMatch(/deadline must be before the meeting/i);
		});

		it('creates a draft with k = 3 by default and a snapshot of the form', async () => {
			const input: Record<string, unknown> = kollegiumInput(server);
			delete input.minRespondents;
			const response = await eva.post('/kollegier', input);
			expect(response.status).toBe(201);
			expect(response.json).toMatchObject({ status: 'draft', minRespondents: 3, videoLink: '' });
			expect(response.json.form.id).toBe('specialistkollegium-allman');
			expect(response.json.form.sections.length).toBeGreaterThan(0);
			expect((await eva.get('/kollegier')).json.map((k: { id: string }) => k.id)).toContain(
				response.json.id
			);
		});

		it('answers a malformed JSON body with a 400 JSON error, not a crash', async () => {
			const response = await eva.request('POST', '/kollegier', '{"title": "Kollegium", ');
			expect(response.status).toBe(400);
			expect(response.json).toMatchObject({ error: expect.any(String) });
		});

		it('refuses a body over the size limit with 413', async () => {
			const login = await new ApiClient(server.url).post('/auth/login', {
				email: 'eva@example.org',
				password: PASSWORD
			});
			const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
			const response = await isolatedRequest(`${server.url}/api/kollegier`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Cookie: cookie },
				body: JSON.stringify(kollegiumInput(server, { location: 'x'.repeat(300_000) }))
			});
			expect(response.status).toBe(413);
			expect(response.json).toMatchObject({ error: 'bodyTooLarge' });
		});

		it('refuses anyone without a session with 401', async () => {
			const response = await new ApiClient(server.url).post('/kollegier', kollegiumInput(server));
			expect(response.status).toBe(401);
			expect(response.json).toMatchObject({ error: 'unauthenticated' });
		});
	});

	describe('editing', () => {
		it('changes the title with PUT', async () => {
			const k = await create();
			const response = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { title: 'Nytt namn VT' })
			);
			expect(response.status).toBe(200);
			expect((await eva.get(`/kollegier/${k.id}`)).json.title).toBe('Nytt namn VT');
		});

		it('keeps its own snapshot of the form when the template changes later', async () => {
			const k = await create();
			const templates = server.deps.library.templates;
			const original = templates.get('specialistkollegium-allman')!;
			templates.set(original.id, {
				...original,
				title: { sv: 'Ändrad mall' },
				sections: original.sections.slice(0, 1)
			});
			try {
				const edited = await eva.put(
					`/kollegier/${k.id}`,
					kollegiumInput(server, { title: 'Bytt titel' })
				);
				expect(edited.json.form).toEqual(k.form);
				expect((await eva.get(`/kollegier/${k.id}`)).json.form).toEqual(k.form);
			} finally {
				templates.set(original.id, original);
			}
		});

		it('adds custom questions while a draft, and refuses form changes with 409 formLocked once open', async () => {
			const custom = [{ type: 'text', text: 'Hur fungerar jouren?' }];
			const k = await create();
			const drafted = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { customItems: custom })
			);
			expect(drafted.status).toBe(200);
			expect(drafted.json.form.sections.map((s: { id: string }) => s.id)).toContain(
				'egna-fragor-trainee'
			);
			await eva.post(`/kollegier/${k.id}/subjects`, trainee('Sara Lindholm'));
			expect((await eva.post(`/kollegier/${k.id}/status`, { status: 'open' })).status).toBe(200);
			const locked = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { customItems: [] })
			);
			expect(locked.status).toBe(409);
			expect(locked.json).toMatchObject({ error: 'formLocked' });
			const otherTemplate = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { customItems: custom, templateId: 'specialistkollegium-kirurgi' })
			);
			expect(otherTemplate.status).toBe(409);
			const titleOnly = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { customItems: custom, title: 'Bara titeln' })
			);
			expect(titleOnly.status).toBe(200);
			expect(titleOnly.json.form).toEqual(drafted.json.form);
		});

		it('refuses to change the kind with 409 and to skip a status step with 409', async () => {
			const k = await create();
			const kind = await eva.put(
				`/kollegier/${k.id}`,
				kollegiumInput(server, { kind: 'st-lakarkollegium' })
			);
			expect(kind.status).toBe(409);
			expect(kind.json).toMatchObject({ error: 'kindLocked' });
			const skip = await eva.post(`/kollegier/${k.id}/status`, { status: 'live' });
			expect(skip.status).toBe(409);
			expect(skip.json).toMatchObject({ error: 'statusNotAllowed' });
		});

		it('hides a kollegium from another facilitator as if it did not exist', async () => {
			const k = await create();
			await server.deps.db
				.insertInto('users')
				.values({
					id: crypto.randomUUID(),
					email: 'olle@example.org',
					name: 'Olle Annansson',
					passwordHash: await hashPassword(PASSWORD),
					createdAt: server.clock.now().toISOString()
				})
				.execute();
			const olle = new ApiClient(server.url);
			expect(
				(await olle.post('/auth/login', { email: 'olle@example.org', password: PASSWORD })).status
			).toBe(200);
			expect((await olle.get('/kollegier')).json).toEqual([]);
			const attempts = [
				olle.get(`/kollegier/${k.id}`),
				olle.get(`/kollegier/${k.id}/progress`),
				olle.put(`/kollegier/${k.id}`, kollegiumInput(server, { title: 'Kapad' })),
				olle.post(`/kollegier/${k.id}/status`, { status: 'open' }),
				olle.post(`/kollegier/${k.id}/participants`, { name: 'Mallory', roles: ['assessor'] }),
				olle.post(`/kollegier/${k.id}/subjects`, trainee('Mallory Mallorysson')),
				olle.post(`/kollegier/${k.id}/invitations`),
				del(olle, server.url, `/kollegier/${k.id}`)
			];
			for (const response of await Promise.all(attempts)) {
				expect(response.status).toBe(404);
				expect(response.json).toMatchObject({ error: 'kollegiumNotFound' });
			}
			const still = await eva.get(`/kollegier/${k.id}`);
			expect(still.json).toMatchObject({
				title: k.title,
				status: 'draft',
				participants: [],
				subjects: []
			});
		});

		it('answers 404 for an unknown id and 401 without a session', async () => {
			expect((await eva.get(`/kollegier/${crypto.randomUUID()}`)).status).toBe(404);
			const k = await create();
			expect((await new ApiClient(server.url).get(`/kollegier/${k.id}`)).status).toBe(401);
		});

		it('refuses a cross-site DELETE with 403 and keeps the kollegium', async () => {
			const k = await create();
			const forged = await eva.request('DELETE', `/kollegier/${k.id}`, undefined, {
				Origin: 'https://evil.example'
			});
			expect(forged.status).toBe(403);
			expect((await eva.get(`/kollegier/${k.id}`)).status).toBe(200);
			expect((await del(eva, server.url, `/kollegier/${k.id}`)).status).toBe(204);
			expect((await eva.get(`/kollegier/${k.id}`)).status).toBe(404);
		});
	});
});
