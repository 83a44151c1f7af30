import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { hashPassword } from '../../apps/server/src/auth/passwords.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import { openSpecialistkollegium, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { findSecrets, fullAnswers, itemsFor, pathsOf } from './helpers.ts';

const TEXT_ITEMS = ['styrkor', 'utvecklingsomraden', 'ovrigt'];
/** The free text one specialist (K, P, A) wrote about one trainee in one item: no names. */
const said = (who: string, trainee: string, item: string) =>
	`Fritext ${who} om ${trainee}: ${item}`;
const NEVER = ['EFTERUTKAST-K', 'UTKAST-A-JONAS', 'AVBOJT-O', 'SJALVSKATTNING-SARA'];
const COLUMNS =
	'hidden id itemId kollegiumId mergedInto originalText position subjectId text theme';
const ASSESSORS = { K: 'Karin Holmlund', P: 'Peter Sjövik', A: 'Amira Nordqvist' } as const;

// Between answering and the meeting: the studierektor closes answering, curates the free text
// (which by then no longer knows its author) and previews what the room will see.
describe('preparing a specialistkollegium', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;
	let subjects: Record<string, string>;
	let form: any;
	let participantIds: string[];

	const prepare = async () => (await eva.get(`/kollegier/${id}/preparation`)).json;
	const comment = async (text: string) => {
		const prepared = await prepare();
		const all = prepared.subjects.flatMap((s: { comments: any[] }) => s.comments);
		return all.find((c: { text: string; originalText: string | null }) =>
			[c.text, c.originalText].includes(text)
		);
	};
	const edit = (commentId: string, body: unknown) =>
		eva.put(`/kollegier/${id}/comments/${commentId}`, body);
	const previewOf = (prepared: any, trainee: string) =>
		prepared.preview.filter((p: { subjectId: string }) => p.subjectId === subjects[trainee]);
	const commentsStep = (prepared: any, trainee: string) =>
		previewOf(prepared, trainee).find((p: any) => p.view?.kind === 'comments').view;
	const answersBy = (who: string, trainee: string, rating: number) => {
		const answers = fullAnswers(form, { about: 'trainee', role: 'assessor', rating });
		for (const item of TEXT_ITEMS) answers[item] = `  ${said(who, trainee, item)} `;
		return answers;
	};
	const submit = async (client: ApiClient, trainee: string, body: object) => {
		const response = await client.post(`/respond/responses/${subjects[trainee]}/submit`, body);
		if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
	};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const opened = await openSpecialistkollegium(server, eva);
		({ id, people } = opened);
		subjects = Object.fromEntries(
			opened.detail.subjects.map((s: { name: string; id: string }) => [s.name.split(' ')[0], s.id])
		);
		form = (await people['Karin Holmlund']!.get('/respond')).json.form;
		const ratings = { K: 2, P: 3, A: 4 } as const;
		for (const [who, name] of Object.entries(ASSESSORS)) {
			const person = people[name]!;
			await submit(person, 'Sara', { answers: answersBy(who, 'Sara', ratings[who as 'K']) });
			if (who !== 'A') await submit(person, 'Jonas', { answers: answersBy(who, 'Jonas', 3) });
		}
		// Amira only drafts about Jonas; Karin edits her draft after submitting.
		const draft = { ...answersBy('A', 'Jonas', 4), styrkor: NEVER[1] };
		await people['Amira Nordqvist']!.put(`/respond/responses/${subjects.Jonas}`, {
			answers: draft
		});
		const after = { ...answersBy('K', 'Sara', 2), styrkor: NEVER[0] };
		await people['Karin Holmlund']!.put(`/respond/responses/${subjects.Sara}`, { answers: after });
		// A fourth specialist declines both trainees, yet wrote something.
		const added = await eva.post(`/kollegier/${id}/participants`, {
			name: 'Olof Avböjsson',
			roles: ['assessor']
		});
		const olofId = added.json.participants.find((p: any) => p.name === 'Olof Avböjsson').id;
		const link = await eva.post(`/kollegier/${id}/participants/${olofId}/invitation`);
		const olof = new ApiClient(server.url, { invitation: tokenOf(link.json.url) });
		for (const trainee of ['Sara', 'Jonas'])
			await submit(olof, trainee, { answers: { styrkor: NEVER[2] }, declined: true });
		const self = fullAnswers(form, { about: 'trainee', role: 'self', rating: 5, text: NEVER[3] });
		await submit(people['Sara Lindholm']!, 'Sara', { answers: self });
		participantIds = [...opened.detail.participants.map((p: { id: string }) => p.id), olofId];
	});
	afterAll(() => server.close());

	it('has nothing to prepare and will not go live while answering is open', async () => {
		const response = await eva.get(`/kollegier/${id}/preparation`);
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ answeringClosed: false, subjects: [], preview: [] });
		const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
		expect(live.status).toBe(409);
		expect(live.json).toMatchObject({ error: 'answeringStillOpen' });
		expect(await server.deps.db.selectFrom('comments').selectAll().execute()).toEqual([]);
	});

	it('closes answering early: the deadline becomes now, nothing more is saved, comments appear', async () => {
		server.clock.advance(60_000);
		const closedAt = server.clock.now().toISOString();
		const closed = await eva.post(`/kollegier/${id}/close-answering`);
		expect(closed.status).toBe(200);
		expect(closed.json.answeringClosed).toBe(true);
		expect((await eva.get(`/kollegier/${id}`)).json.answerDeadline).toBe(closedAt);
		const karin = people['Karin Holmlund']!;
		const saved = await karin.put(`/respond/responses/${subjects.Sara}`, { answers: {} });
		expect(saved.status).toBe(409);
		expect(saved.json).toMatchObject({ error: 'answeringClosed' });
		const late = await people['Amira Nordqvist']!.post(
			`/respond/responses/${subjects.Jonas}/submit`,
			{ answers: answersBy('A', 'Jonas', 4) }
		);
		expect(late.status).toBe(409);
		expect(late.json).toMatchObject({ error: 'answeringClosed' });
		const counts = (await prepare()).subjects.map((s: any) => [s.name, s.comments.length]);
		expect(counts).toEqual([
			['Sara Lindholm', 9],
			['Jonas Bergstedt', 6]
		]);
	});

	it('copies only submitted free text into comments, with nothing that leads to its author', async () => {
		const rows = await server.deps.db.selectFrom('comments').selectAll().execute();
		for (const row of rows) expect(Object.keys(row).sort()).toEqual(COLUMNS.split(' '));
		const responses = await server.deps.db.selectFrom('responses').select('id').execute();
		const commentIds = new Set(rows.map((row) => row.id));
		expect(responses.filter((r) => commentIds.has(r.id))).toEqual([]);
		const expected = (['K', 'P', 'A'] as const).flatMap((who) =>
			['Sara', 'Jonas']
				.filter((trainee) => who !== 'A' || trainee === 'Sara')
				.flatMap((trainee) => TEXT_ITEMS.map((item) => said(who, trainee, item)))
		);
		expect(rows.map((row) => row.text).sort()).toEqual(expected.sort());
		expect(findSecrets(rows, NEVER)).toEqual([]);
		const prepared = await prepare();
		expect(
			findSecrets(prepared, [...NEVER, ...participantIds, ...Object.values(ASSESSORS)])
		).toEqual([]);
		expect(JSON.stringify(prepared)).not.toMatch(/"(author|participantId|responseId)"/);
	});

	it('rephrases a comment and keeps the first original wording only', async () => {
		const original = said('K', 'Sara', 'styrkor');
		const target = await comment(original);
		expect((await edit(target.id, { text: 'Tydlig och strukturerad.' })).status).toBe(200);
		const twice = await edit(target.id, { text: 'Tydlig, strukturerad och lugn.' });
		expect(twice.status).toBe(200);
		expect(await comment(original)).toMatchObject({
			id: target.id,
			text: 'Tydlig, strukturerad och lugn.',
			originalText: original
		});
		const shown = commentsStep(twice.json, 'Sara').comments;
		expect(shown.map((c: { text: string }) => c.text)).toContain('Tydlig, strukturerad och lugn.');
		expect(findSecrets(twice.json.preview, [original])).toEqual([]);
	});

	it('hides a comment, and the preview no longer shows it', async () => {
		const target = await comment(said('P', 'Sara', 'styrkor'));
		const hidden = await edit(target.id, { hidden: true });
		expect(hidden.status).toBe(200);
		expect(await comment(said('P', 'Sara', 'styrkor'))).toMatchObject({ hidden: true });
		const shown = commentsStep(hidden.json, 'Sara').comments;
		expect(shown.map((c: { id: string }) => c.id)).not.toContain(target.id);
		expect(findSecrets(hidden.json.preview, [said('P', 'Sara', 'styrkor')])).toEqual([]);
	});

	it('folds a merged duplicate into the comment it was merged into', async () => {
		const duplicate = await comment(said('P', 'Sara', 'utvecklingsomraden'));
		const kept = await comment(said('A', 'Sara', 'utvecklingsomraden'));
		const merged = await edit(duplicate.id, { mergedInto: kept.id });
		expect(merged.status).toBe(200);
		const shown = commentsStep(merged.json, 'Sara').comments;
		expect(shown.map((c: { id: string }) => c.id)).not.toContain(duplicate.id);
		expect(shown.find((c: { id: string }) => c.id === kept.id)).toMatchObject({ count: 2 });
	});

	it('refuses to merge a comment into a comment about another trainee', async () => {
		const sara = await comment(said('A', 'Sara', 'ovrigt'));
		const jonas = await comment(said('K', 'Jonas', 'ovrigt'));
		const response = await edit(sara.id, { mergedInto: jonas.id });
		expect(response.status).toBe(400);
		expect(pathsOf(response.json)).toEqual(['mergedInto']);
		expect((await comment(said('A', 'Sara', 'ovrigt'))).mergedInto).toBeNull();
	});

	it('groups comments with the same theme together in the preview', async () => {
		const first = await comment(said('K', 'Sara', 'ovrigt'));
		const second = await comment(said('P', 'Sara', 'ovrigt'));
		await edit(first.id, { theme: 'Kommunikation' });
		const themed = await edit(second.id, { theme: ' Kommunikation ' });
		expect(themed.status).toBe(200);
		const shown = commentsStep(themed.json, 'Sara').comments as { id: string; theme: string }[];
		const at = [first.id, second.id].map((cid) => shown.findIndex((c) => c.id === cid)).sort();
		expect(Math.abs(at[1]! - at[0]!)).toBe(1);
		expect(shown.filter((c) => c.theme === 'Kommunikation')).toHaveLength(2);
	});

	it('rejects an empty rephrasing and an unknown comment', async () => {
		const target = await comment(said('A', 'Sara', 'styrkor'));
		for (const text of ['', '   ']) {
			const response = await edit(target.id, { text });
			expect(response.status).toBe(400);
			expect(pathsOf(response.json)).toEqual(['text']);
		}
		expect((await edit(target.id, { hidden: 'ja' })).status).toBe(400);
		expect((await comment(said('A', 'Sara', 'styrkor'))).originalText).toBeNull();
		const unknown = await edit(crypto.randomUUID(), { hidden: true });
		expect(unknown.status).toBe(404);
	});

	it('marks a trainee ready, and only a subject of this kollegium', async () => {
		const ready = await eva.put(`/kollegier/${id}/subjects/${subjects.Sara}/ready`, { ready: 1 });
		expect(ready.status).toBe(400);
		const marked = await eva.put(`/kollegier/${id}/subjects/${subjects.Sara}/ready`, {
			ready: true
		});
		expect(marked.status).toBe(200);
		expect(marked.json.subjects.map((s: { ready: boolean }) => s.ready)).toEqual([true, false]);
		expect((await prepare()).subjects[0].ready).toBe(true);
		const other = await eva.put(`/kollegier/${id}/subjects/${crypto.randomUUID()}/ready`, {
			ready: true
		});
		expect(other.status).toBe(404);
	});

	it('previews a trainee only two specialists answered about with every item hidden', async () => {
		const steps = previewOf(await prepare(), 'Jonas');
		expect(steps.find((s: any) => s.view.kind === 'intro').view).toMatchObject({
			respondents: null,
			k: 3
		});
		const ratings = steps.filter((s: any) => s.view.kind === 'ratings');
		expect(ratings.length).toBeGreaterThan(0);
		for (const step of ratings) {
			expect(step.view.items.length).toBeGreaterThan(0);
			for (const item of step.view.items)
				expect(item.aggregate).toEqual(expect.objectContaining({ hidden: true }));
		}
		expect(JSON.stringify(steps)).not.toMatch(/"(distribution|median|counts)"/);
		expect(steps.find((s: any) => s.view.kind === 'comments').view.comments).toEqual([]);
	});

	it('previews a trainee three specialists answered about with the aggregates', async () => {
		const steps = previewOf(await prepare(), 'Sara');
		expect(steps.find((s: any) => s.view.kind === 'intro').view.respondents).toBe(3);
		const rated = steps
			.filter((s: any) => s.view.kind === 'ratings')
			.flatMap((s: any) => s.view.items);
		expect(rated).toHaveLength(
			itemsFor(form, 'trainee', 'assessor').filter((i) => i.type === 'rating').length
		);
		for (const item of rated)
			expect(item.aggregate).toMatchObject({ hidden: false, distribution: { n: 3, median: 3 } });
	});

	it('refuses these routes without a session, and hides them from another facilitator', async () => {
		const target = await comment(said('A', 'Sara', 'styrkor'));
		const routes = (client: ApiClient) => [
			client.get(`/kollegier/${id}/preparation`),
			client.post(`/kollegier/${id}/close-answering`),
			client.put(`/kollegier/${id}/comments/${target.id}`, { hidden: true }),
			client.put(`/kollegier/${id}/subjects/${subjects.Sara}/ready`, { ready: false })
		];
		for (const client of [new ApiClient(server.url), people['Karin Holmlund']!]) {
			for (const response of await Promise.all(routes(client))) expect(response.status).toBe(401);
		}
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
		await olle.post('/auth/login', { email: 'olle@example.org', password: PASSWORD });
		for (const response of await Promise.all(routes(olle))) expect(response.status).toBe(404);
		expect(await comment(said('A', 'Sara', 'styrkor'))).toMatchObject({ hidden: false });
		expect((await prepare()).subjects[0].ready).toBe(true);
	});

	it('keeps original wordings through the meeting and forgets them when it is closed', async () => {
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
		const during = await server.deps.db.selectFrom('comments').select('originalText').execute();
		expect(during.filter((row) => row.originalText !== null)).toHaveLength(1);
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'closed' })).status).toBe(200);
		const rows = await server.deps.db.selectFrom('comments').selectAll().execute();
		expect(rows.length).toBe(15);
		expect(rows.every((row) => row.originalText === null)).toBe(true);
		expect(rows.map((row) => row.text)).toContain('Tydlig, strukturerad och lugn.');
		const prepared = await prepare();
		for (const subject of prepared.subjects)
			for (const c of subject.comments) expect(c.originalText).toBeNull();
		expect(findSecrets(prepared, [said('K', 'Sara', 'styrkor')])).toEqual([]);
		const late = await edit(rows[0]!.id, { text: 'Ändrat efteråt' });
		expect(late.status).toBe(409);
	});
});

// Comments are copied out of the answers once. If answering can be opened again afterwards,
// what was submitted then must still reach the comments, and a withdrawn text must not.
describe('answering opened again after the comments were taken', () => {
	it('curates the free text as finally submitted, or refuses to reopen answering', async () => {
		const server = await startTestServer();
		onTestFinished(() => server.close());
		const eva = (await setUpFacilitator(server)).client;
		const { id, people, detail } = await openSpecialistkollegium(server, eva);
		const sara = detail.subjects[0].id;
		const form = (await people['Karin Holmlund']!.get('/respond')).json.form;
		const submit = (name: string, text: string) =>
			people[name]!.post(`/respond/responses/${sara}/submit`, {
				answers: fullAnswers(form, { about: 'trainee', role: 'assessor', text })
			});
		await submit('Karin Holmlund', 'Karin före');
		await submit('Peter Sjövik', 'Peter före');
		await eva.post(`/kollegier/${id}/close-answering`);
		const later = new Date(server.clock.now().getTime() + 86_400_000).toISOString();
		const { kind, title, templateId, startsAt, location, minRespondents } = detail;
		const reopened = await eva.put(`/kollegier/${id}`, {
			...{ kind, title, templateId, startsAt, location, minRespondents },
			answerDeadline: later
		});
		expect([200, 409]).toContain(reopened.status);
		if (reopened.status === 200) {
			expect((await submit('Karin Holmlund', 'Karin ändrad')).status).toBe(200);
			expect((await submit('Amira Nordqvist', 'Amira sen')).status).toBe(200);
			await eva.post(`/kollegier/${id}/close-answering`);
			const prepared = (await eva.get(`/kollegier/${id}/preparation`)).json;
			const texts = [...new Set(prepared.subjects[0].comments.map((c: any) => c.text))].sort();
			expect(texts).toEqual(['Amira sen', 'Karin ändrad', 'Peter före']);
		}
	});
});
