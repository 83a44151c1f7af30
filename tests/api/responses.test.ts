import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers, trainee } from './helpers.ts';

const day = 86_400_000;

describe('answering: the respondent forms, drafts, submission and progress', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;
	let form: any;
	let sara: string;
	let jonas: string;
	const person = (name: string) => people[name]!;
	const save = (who: string, subjectId: string, body: Record<string, unknown>) =>
		person(who).put(`/respond/responses/${subjectId}`, body);
	const submit = (who: string, subjectId: string, body: Record<string, unknown>) =>
		person(who).post(`/respond/responses/${subjectId}/submit`, body);
	const assessorAnswers = (text: string) =>
		fullAnswers(form, { about: 'trainee', role: 'assessor', rating: 4, text });
	const progress = async () => (await eva.get(`/kollegier/${id}/progress`)).json;
	const subjectProgress = async (subjectId: string) =>
		(await progress()).subjects.find((s: { subjectId: string }) => s.subjectId === subjectId);

	beforeAll(async () => {
		server = await startTestServer();
		// A fixed date, so the meeting is on 2026-03-24 and a trainee who started 2025-09-01 is in month 7.
		server.clock.set(new Date('2026-03-10T09:00:00Z'));
		eva = (await setUpFacilitator(server)).client;
		const opened = await openSpecialistkollegium(server, eva);
		({ id, people } = opened);
		const subjectNamed = (name: string) =>
			opened.detail.subjects.find((s: { name: string }) => s.name === name).id as string;
		sara = subjectNamed('Sara Lindholm');
		jonas = subjectNamed('Jonas Bergstedt');
		form = (await person('Karin Holmlund').get('/respond')).json.form;
	});
	afterAll(() => server.close());

	describe('what a link shows', () => {
		it('shows an assessor one assessor form per trainee, with the month of training', async () => {
			const view = await person('Karin Holmlund').get('/respond');
			expect(view.status).toBe(200);
			expect(view.json).toMatchObject({ participant: { name: 'Karin Holmlund' }, answering: true });
			expect(view.json.assignments).toEqual([
				expect.objectContaining({
					subjectId: sara,
					role: 'assessor',
					subject: {
						kind: 'trainee',
						name: 'Sara Lindholm',
						specialty: 'Internmedicin',
						monthOfTraining: 7
					},
					response: null
				}),
				expect.objectContaining({ subjectId: jonas, role: 'assessor', response: null })
			]);
		});

		it('shows a trainee only their own self-assessment', async () => {
			const view = await person('Sara Lindholm').get('/respond');
			expect(view.json.assignments).toHaveLength(1);
			expect(view.json.assignments[0]).toMatchObject({
				subjectId: sara,
				role: 'self',
				subject: { name: 'Sara Lindholm', monthOfTraining: 7 }
			});
		});

		it.each([
			['no token', undefined, 401, 'invitationMissing'],
			['an unknown token', 'a'.repeat(43), 404, 'invitationInvalid']
		])('refuses %s', async (_case, token, status, error) => {
			const response = await new ApiClient(server.url, { invitation: token }).get('/respond');
			expect(response.status).toBe(status);
			expect(response.json).toMatchObject({ error });
		});

		it('refuses writes with 409 notOpenYet while the kollegium is a draft', async () => {
			const draft = (await eva.post('/kollegier', kollegiumInput(server))).json;
			const added = await eva.post(`/kollegier/${draft.id}/subjects`, trainee('Ella Draftsson'));
			const participantId = added.json.participants[0].id;
			const link = await eva.post(
				`/kollegier/${draft.id}/participants/${participantId}/invitation`
			);
			const ella = new ApiClient(server.url, { invitation: tokenOf(link.json.url) });
			expect((await ella.get('/respond')).json.answering).toBe(false);
			const response = await ella.put(`/respond/responses/${added.json.subjects[0].id}`, {
				answers: {}
			});
			expect(response.status).toBe(409);
			expect(response.json).toMatchObject({ error: 'notOpenYet' });
		});
	});

	describe('saving and submitting', () => {
		it('saves a partial draft and returns its revision', async () => {
			const first = await save('Karin Holmlund', sara, { answers: { 'mk-anamnes': 3 } });
			expect(first.status).toBe(200);
			expect(first.json).toMatchObject({
				status: 'draft',
				revision: 1,
				submittedAt: null,
				changedSinceSubmit: false
			});
			const second = await save('Karin Holmlund', sara, {
				answers: { 'mk-anamnes': 3, 'mk-kunskap': 2 },
				baseRevision: 1
			});
			expect(second.json).toMatchObject({ status: 'draft', revision: 2 });
			const view = await person('Karin Holmlund').get('/respond');
			expect(view.json.assignments[0].response).toMatchObject({
				status: 'draft',
				revision: 2,
				answers: { 'mk-anamnes': 3, 'mk-kunskap': 2 },
				declined: false
			});
		});

		it('refuses to submit without a required answer, naming the item', async () => {
			const answers = assessorAnswers('Strukturerad.');
			delete answers['mk-beslut'];
			const response = await submit('Karin Holmlund', sara, { answers });
			expect(response.status).toBe(400);
			expect(response.json.error).toBe('validation');
			expect(response.json.issues).toEqual([
				{ path: 'answers.mk-beslut', code: 'required', message: 'Frågan behöver ett svar.' }
			]);
			expect(
				(await person('Karin Holmlund').get('/respond')).json.assignments[0].response.status
			).toBe('draft');
		});

		it.each([
			['a rating not on the scale', 'Karin Holmlund', 'mk-anamnes', 7, 'invalidOption'],
			['a word for a rating', 'Karin Holmlund', 'mk-anamnes', 'bra', 'wrongType'],
			['a choice that is not offered', 'Karin Holmlund', 'samarbete', 'ofta', 'invalidOption'],
			['an item not on the form', 'Karin Holmlund', 'finns-inte', 3, 'unknownItem'],
			['a free text over its length', 'Karin Holmlund', 'styrkor', 'x'.repeat(2001), 'tooLong'],
			[
				'an assessor-only item in a self-assessment',
				'Sara Lindholm',
				'samarbete',
				'mycket',
				'unknownItem'
			]
		])('refuses %s with 400 naming the item', async (_case, who, item, value, code) => {
			const subjectId = who === 'Sara Lindholm' ? sara : jonas;
			const response = await save(who, subjectId, { answers: { [item]: value } });
			expect(response.status).toBe(400);
			expect(response.json.issues).toEqual([
				expect.objectContaining({ path: `answers.${item}`, code })
			]);
		});

		it('refuses a form that is not yours with 404', async () => {
			const attempts = [
				save('Sara Lindholm', jonas, { answers: {} }),
				submit('Sara Lindholm', jonas, { answers: {}, declined: true }),
				save('Karin Holmlund', crypto.randomUUID(), { answers: {} })
			];
			for (const response of await Promise.all(attempts)) {
				expect(response.status).toBe(404);
				expect(response.json).toMatchObject({ error: 'notYourForm' });
			}
		});

		it('submits a complete form', async () => {
			const response = await submit('Karin Holmlund', sara, {
				answers: assessorAnswers('Strukturerad.')
			});
			expect(response.status).toBe(200);
			expect(response.json).toMatchObject({
				status: 'submitted',
				revision: 3,
				changedSinceSubmit: false
			});
			expect(response.json.submittedAt).toBe(server.clock.now().toISOString());
		});

		it('keeps a submission when the draft changes afterwards, and says it has changed', async () => {
			const changed = { ...assessorAnswers('Strukturerad.'), 'mk-anamnes': 5 };
			const edited = await save('Karin Holmlund', sara, { answers: changed, baseRevision: 3 });
			expect(edited.json).toMatchObject({
				status: 'submitted',
				revision: 4,
				changedSinceSubmit: true
			});
			const reverted = await save('Karin Holmlund', sara, {
				answers: assessorAnswers('Strukturerad.')
			});
			expect(reverted.json).toMatchObject({
				status: 'submitted',
				revision: 5,
				changedSinceSubmit: false
			});
		});

		it('refuses a save based on an old revision with 409 staleRevision', async () => {
			const response = await save('Karin Holmlund', sara, {
				answers: { 'mk-anamnes': 1 },
				baseRevision: 2
			});
			expect(response.status).toBe(409);
			expect(response.json).toMatchObject({ error: 'staleRevision' });
			const view = await person('Karin Holmlund').get('/respond');
			expect(view.json.assignments[0].response).toMatchObject({
				revision: 5,
				answers: { 'mk-anamnes': 4 }
			});
		});
	});

	describe('progress', () => {
		it('counts submissions per trainee and lists who is still to answer', async () => {
			const now = await progress();
			expect(now.subjects).toEqual([
				{
					subjectId: sara,
					name: 'Sara Lindholm',
					invited: 3,
					submitted: 1,
					pending: [
						{ participantId: expect.any(String), name: 'Peter Sjövik' },
						{ participantId: expect.any(String), name: 'Amira Nordqvist' }
					],
					selfAssessment: 'none'
				},
				{
					subjectId: jonas,
					name: 'Jonas Bergstedt',
					invited: 3,
					submitted: 0,
					pending: ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'].map((name) => ({
						participantId: expect.any(String),
						name
					})),
					selfAssessment: 'none'
				}
			]);
			expect(now.pending.map((p: { name: string }) => p.name).sort()).toEqual([
				'Amira Nordqvist',
				'Jonas Bergstedt',
				'Karin Holmlund',
				'Peter Sjövik',
				'Sara Lindholm'
			]);
		});

		it("follows the trainee's self-assessment from none to draft to submitted", async () => {
			const self = fullAnswers(form, {
				about: 'trainee',
				role: 'self',
				rating: 3,
				text: 'Jag vill bli säkrare.'
			});
			await save('Sara Lindholm', sara, { answers: { 'mk-anamnes': 3 } });
			expect((await subjectProgress(sara)).selfAssessment).toBe('draft');
			const submitted = await submit('Sara Lindholm', sara, { answers: self });
			expect(submitted.status).toBe(200);
			expect(await subjectProgress(sara)).toMatchObject({
				submitted: 1,
				selfAssessment: 'submitted'
			});
			const pending = (await progress()).pending.map((p: { name: string }) => p.name);
			expect(pending).not.toContain('Sara Lindholm');
		});

		it('counts a declined form as answered, and a mere draft as not', async () => {
			const declined = await submit('Peter Sjövik', sara, { answers: {}, declined: true });
			expect(declined.json).toMatchObject({ status: 'submitted' });
			await save('Amira Nordqvist', sara, { answers: { 'mk-anamnes': 2 } });
			expect(await subjectProgress(sara)).toMatchObject({ invited: 3, submitted: 2 });
			await submit('Karin Holmlund', jonas, { answers: assessorAnswers('Lugn.') });
			const pending = (await progress()).pending.map((p: { name: string }) => p.name);
			expect(pending).not.toContain('Karin Holmlund');
			expect(pending).toContain('Peter Sjövik');
		});
	});

	describe('when time runs out', () => {
		it('refuses every write after the deadline with 409 answeringClosed, but still shows the forms', async () => {
			const deadline = Date.parse((await eva.get(`/kollegier/${id}`)).json.answerDeadline);
			server.clock.set(new Date(deadline + 60_000));
			for (const response of [
				await save('Karin Holmlund', sara, { answers: { 'mk-anamnes': 1 } }),
				await submit('Amira Nordqvist', sara, { answers: assessorAnswers('Sent.') })
			]) {
				expect(response.status).toBe(409);
				expect(response.json).toMatchObject({ error: 'answeringClosed' });
			}
			const view = await person('Karin Holmlund').get('/respond');
			expect(view.status).toBe(200);
			expect(view.json.answering).toBe(false);
			expect(view.json.assignments[0].response.answers['mk-anamnes']).toBe(4);
		});

		it('refuses a link more than 14 days after the meeting exactly as an unknown one', async () => {
			const view = await person('Karin Holmlund').get('/respond');
			server.clock.set(new Date(Date.parse(view.json.kollegium.startsAt) + 14 * day + 60_000));
			const expired = await person('Karin Holmlund').get('/respond');
			const unknown = await new ApiClient(server.url, { invitation: 'a'.repeat(43) }).get(
				'/respond'
			);
			expect(expired.status).toBe(404);
			expect(expired.json).toEqual({
				error: 'invitationInvalid',
				message: expect.any(String),
				issues: []
			});
			expect({ status: expired.status, body: expired.text }).toEqual({
				status: unknown.status,
				body: unknown.text
			});
		});
	});
});
