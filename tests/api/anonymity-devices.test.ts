import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers } from './helpers.ts';

// The studierektor holds every link. Holding one must not let them read, or confirm a guess
// of, what its owner submitted; the only thing another browser can do is start over.
describe('anonymity: a link used from another browser', () => {
	let server: TestServer;
	let facilitator: ApiClient;
	let karin: ApiClient;
	let intruder: ApiClient;
	let kollegiumId: string;
	let sara: string;
	let submitted: Record<string, string | number>;

	beforeAll(async () => {
		server = await startTestServer();
		facilitator = (await setUpFacilitator(server)).client;
		const opened = await openSpecialistkollegium(server, facilitator);
		kollegiumId = opened.id;
		karin = opened.people['Karin Holmlund']!;
		intruder = new ApiClient(server.url, { invitation: karin.invitation });
		sara = opened.detail.subjects.find((s: { name: string }) => s.name === 'Sara Lindholm').id;
		const form = (await karin.get('/respond')).json.form;
		submitted = fullAnswers(form, {
			about: 'trainee',
			role: 'assessor',
			rating: 4,
			text: 'Karins hemliga text'
		});
		expect(
			(await karin.post(`/respond/responses/${sara}/submit`, { answers: submitted })).status
		).toBe(200);
	});
	afterAll(() => server?.close());

	it('cannot confirm a guess: saving over the answers is refused without saying anything about them', async () => {
		for (const guess of [submitted, { ...submitted, 'mk-anamnes': 1 }, {}]) {
			const response = await intruder.put(`/respond/responses/${sara}`, { answers: guess });
			expect(response.status).toBe(409);
			expect(response.json).toEqual({
				error: 'otherDevice',
				message: expect.any(String),
				issues: []
			});
		}
		const declinedGuess = await intruder.put(`/respond/responses/${sara}`, {
			answers: {},
			declined: true
		});
		expect(declinedGuess.json).toEqual({
			error: 'otherDevice',
			message: expect.any(String),
			issues: []
		});
	});

	it('does not tell another browser whether the working copy differs from the submitted one', async () => {
		await karin.put(`/respond/responses/${sara}`, {
			answers: { ...submitted, styrkor: 'Ändrat utkast' }
		});
		const view = await intruder.get('/respond');
		const response = view.json.assignments.find(
			(a: { subjectId: string }) => a.subjectId === sara
		).response;
		expect(response).toMatchObject({
			readable: false,
			answers: {},
			declined: false,
			changedSinceSubmit: false
		});
	});

	it('lets another browser start over only by withdrawing the earlier answers', async () => {
		const restarted = await intruder.put(`/respond/responses/${sara}`, {
			answers: {},
			startOver: true
		});
		expect(restarted.status).toBe(200);
		expect(restarted.json).toMatchObject({
			status: 'draft',
			submittedAt: null,
			changedSinceSubmit: false
		});
		const progress = (await facilitator.get(`/kollegier/${kollegiumId}/progress`)).json;
		expect(
			progress.subjects.find((s: { subjectId: string }) => s.subjectId === sara).submitted
		).toBe(0);
		const original = await karin.get('/respond');
		const own = original.json.assignments.find(
			(a: { subjectId: string }) => a.subjectId === sara
		).response;
		expect(own.readable).toBe(false);
		expect(JSON.stringify(original.json)).not.toContain('Karins hemliga text');
	});
});
