import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { findSecrets, fullAnswers } from './helpers.ts';

const SECRETS = ['UNIK-ST-KLINIK-TOVE', 'UNIK-ST-BERG-TOVE'];

describe('anonymity in an ST-läkarkollegium: trainees giving feedback upwards', () => {
	let server: TestServer;
	let eva: ApiClient;
	let st: any;
	const trainees: Record<string, ApiClient> = {};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		st = (await eva.post('/kollegier', kollegiumInput(server, { kind: 'st-lakarkollegium' }))).json;
		for (const name of ['Dr Berg', 'Dr Dahl'])
			await eva.post(`/kollegier/${st.id}/subjects`, { kind: 'supervisor', name });
		for (const name of ['Tove Tidig', 'Ulf Ung', 'Vera Väg'])
			await eva.post(`/kollegier/${st.id}/participants`, { name, roles: ['trainee'] });
		expect((await eva.post(`/kollegier/${st.id}/status`, { status: 'open' })).status).toBe(200);
		const links: { participantId: string; url: string }[] = (
			await eva.post(`/kollegier/${st.id}/invitations`)
		).json;
		const detail = (await eva.get(`/kollegier/${st.id}`)).json;
		for (const link of links) {
			const { name } = detail.participants.find((p: { id: string }) => p.id === link.participantId);
			trainees[name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
		}
		const tove = trainees['Tove Tidig']!;
		const view = (await tove.get('/respond')).json;
		const [clinic, berg] = view.assignments;
		const answers = (about: string, text: string) =>
			fullAnswers(view.form, { about, role: 'trainee', rating: 2, text });
		for (const [subjectId, body] of [
			[clinic.subjectId, { answers: answers('clinic', SECRETS[0]!) }],
			[berg.subjectId, { answers: answers('supervisor', SECRETS[1]!) }]
		]) {
			const response = await tove.post(`/respond/responses/${subjectId}/submit`, body);
			if (response.status !== 200) throw new Error(`Submit failed: ${response.text}`);
		}
		const dahl = view.assignments[2].subjectId;
		await trainees['Ulf Ung']!.post(`/respond/responses/${dahl}/submit`, {
			answers: {},
			declined: true
		});
	});
	afterAll(() => server.close());

	it('gives every trainee the clinic and every supervisor to answer about', async () => {
		const view = (await trainees['Vera Väg']!.get('/respond')).json;
		expect(
			view.assignments.map((a: { role: string; subject: { name: string } }) => [
				a.role,
				a.subject.name
			])
		).toEqual([
			['trainee', 'Medicinkliniken'],
			['trainee', 'Dr Berg'],
			['trainee', 'Dr Dahl']
		]);
	});

	it('counts per subject without naming anyone, and lists pending people over the whole form', async () => {
		const progress = (await eva.get(`/kollegier/${st.id}/progress`)).json;
		for (const subject of progress.subjects) {
			expect(Object.keys(subject).sort()).toEqual([
				'invited',
				'name',
				'pending',
				'selfAssessment',
				'subjectId',
				'submitted'
			]);
			expect(subject.pending).toEqual([]);
			expect(subject.selfAssessment).toBeNull();
		}
		expect(
			progress.subjects.map((s: { name: string; invited: number; submitted: number }) => [
				s.name,
				s.invited,
				s.submitted
			])
		).toEqual([
			['Medicinkliniken', 3, 1],
			['Dr Berg', 3, 1],
			['Dr Dahl', 3, 1]
		]);
		expect(progress.pending.map((p: { name: string }) => p.name)).toEqual([
			'Tove Tidig',
			'Ulf Ung',
			'Vera Väg'
		]);
		for (const entry of progress.pending)
			expect(Object.keys(entry).sort()).toEqual(['name', 'participantId']);
		expect(findSecrets(progress, SECRETS)).toEqual([]);
	});

	it('shows the facilitator no answer in the kollegium or the list', async () => {
		for (const path of [`/kollegier/${st.id}`, '/kollegier']) {
			const response = await eva.get(path);
			expect(response.status).toBe(200);
			expect(findSecrets(response.json, SECRETS)).toEqual([]);
			expect(response.text).not.toMatch(/"(answers|declined|submittedAnswers)"/);
		}
	});

	it("shows another trainee none of Tove's answers, not even that she answered", async () => {
		const view = (await trainees['Vera Väg']!.get('/respond')).json;
		expect(findSecrets(view, SECRETS)).toEqual([]);
		expect(view.assignments.map((a: { response: unknown }) => a.response)).toEqual([
			null,
			null,
			null
		]);
	});
});
