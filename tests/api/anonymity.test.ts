import { SOCKET_IO_PATH } from '@kollegium/model';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import {
	PASSWORD,
	kollegiumInput,
	openSpecialistkollegium,
	setUpFacilitator
} from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { allKeys, del, eachObject, findSecrets, fullAnswers, trainee } from './helpers.ts';

/** Keys that would carry what someone answered. */
const ANSWER_KEYS =
	'answers answer submittedAnswers rating ratings score declined response responses'.split(' ');
const ASSESSORS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'];
const TRAINEES = ['Sara Lindholm', 'Jonas Bergstedt'];
const first = (name: string) => name.split(' ')[0]!.toUpperCase();
const secretOf = (author: string, about: string) =>
	author === about
		? `UNIK-TEXT-SJALV-${first(about)}`
		: `UNIK-TEXT-${first(author)}-${first(about)}`;
const DRAFT_SECRET = 'UNIK-UTKAST-AMIRA';

describe('anonymity: attacks on who wrote what, all of which must fail', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;
	let subjects: Record<string, string>;
	let participantIds: string[];
	let itemIds: string[];
	const secrets: string[] = [];
	const person = (name: string) => people[name]!;

	/** No secret, no answer-carrying key, no item id used as a key, no participant paired with an answer. */
	function expectNoAnswers(json: unknown) {
		expect(findSecrets(json, [...secrets, DRAFT_SECRET])).toEqual([]);
		const keys = allKeys(json);
		expect(ANSWER_KEYS.filter((key) => keys.has(key))).toEqual([]);
		expect(itemIds.filter((key) => keys.has(key))).toEqual([]);
		eachObject(json, (object, path) => {
			const namesSomeone = Object.values(object).some(
				(v) => typeof v === 'string' && participantIds.includes(v)
			);
			if (namesSomeone)
				expect(
					Object.keys(object).filter((key) => ANSWER_KEYS.includes(key)),
					path
				).toEqual([]);
		});
	}

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const opened = await openSpecialistkollegium(server, eva);
		({ id, people } = opened);
		subjects = Object.fromEntries(
			opened.detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
		);
		participantIds = opened.detail.participants.map((p: { id: string }) => p.id);
		const form = (await person('Karin Holmlund').get('/respond')).json.form;
		itemIds = form.sections.flatMap((s: { items: { id: string }[] }) => s.items.map((i) => i.id));
		for (const [index, author] of [...ASSESSORS, ...TRAINEES].entries()) {
			for (const about of TRAINEES) {
				const self = author === about;
				if (TRAINEES.includes(author) && !self) continue;
				const text = secretOf(author, about);
				secrets.push(text);
				const answers = fullAnswers(form, {
					about: 'trainee',
					role: self ? 'self' : 'assessor',
					rating: 1 + (index % 5),
					text
				});
				const response = await person(author).post(`/respond/responses/${subjects[about]}/submit`, {
					answers
				});
				if (response.status !== 200) throw new Error(`Submit failed: ${response.text}`);
			}
		}
		// A working copy that differs from what was submitted.
		await person('Amira Nordqvist').put(`/respond/responses/${subjects['Jonas Bergstedt']}`, {
			answers: { styrkor: DRAFT_SECRET }
		});
	});
	afterAll(() => server.close());

	it('really has the answers stored (so the checks below are not vacuous)', async () => {
		const rows = await server.deps.db.selectFrom('responses').selectAll().execute();
		expect(rows.filter((row) => row.submittedAt !== null)).toHaveLength(8);
		expect(JSON.stringify(rows)).toContain('UNIK-TEXT-KARIN-SARA');
		expect((await person('Karin Holmlund').get('/respond')).text).toContain('UNIK-TEXT-KARIN-SARA');
	});

	describe('(a) the facilitator', () => {
		it.each([
			['GET /kollegier', () => eva.get('/kollegier')],
			['GET /kollegier/:id', () => eva.get(`/kollegier/${id}`)],
			['GET /kollegier/:id/progress', () => eva.get(`/kollegier/${id}/progress`)],
			[
				'PUT /kollegier/:id',
				() => eva.put(`/kollegier/${id}`, kollegiumInput(server, { title: 'Ändrad titel' }))
			],
			['POST /kollegier/:id/invitations', () => eva.post(`/kollegier/${id}/invitations`)]
		])('sees no answer and no author in %s', async (_route, call) => {
			const response = await call();
			expect(response.status).toBeLessThan(300);
			expectNoAnswers(response.json);
		});

		it('gets only progress, never answers, over the live socket', async () => {
			const login = await new ApiClient(server.url).post('/auth/login', {
				email: 'eva@example.org',
				password: PASSWORD
			});
			const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
			const socket = io(server.url, {
				path: SOCKET_IO_PATH,
				transports: ['websocket'],
				extraHeaders: { Cookie: cookie }
			});
			try {
				const ack = await socket.emitWithAck('kollegium:watch', id);
				expect(ack).toEqual({ ok: true });
				const event = new Promise<unknown>((resolve) => socket.once('progress', resolve));
				await person('Peter Sjövik').post(
					`/respond/responses/${subjects['Sara Lindholm']}/submit`,
					{
						answers: {},
						declined: true
					}
				);
				expectNoAnswers(await event);
			} finally {
				socket.disconnect();
			}
		});
	});

	describe('(b) another respondent', () => {
		it("sees only their own answers, none of the others'", async () => {
			const view = await person('Peter Sjövik').get('/respond');
			const own = secrets.filter((s) => s.startsWith('UNIK-TEXT-PETER-'));
			expect(findSecrets(view.json, own)).not.toEqual([]);
			const others = secrets.filter((s) => !own.includes(s));
			expect(findSecrets(view.json, [...others, DRAFT_SECRET])).toEqual([]);
			const myId = view.json.participant.id;
			expect(
				findSecrets(
					view.json,
					participantIds.filter((p) => p !== myId)
				)
			).toEqual([]);
		});

		it('gets a bare 404 for a form they are not assigned, and changes nothing', async () => {
			const jonas = subjects['Jonas Bergstedt']!;
			for (const response of [
				await person('Sara Lindholm').put(`/respond/responses/${jonas}`, {
					answers: { styrkor: 'intrång' }
				}),
				await person('Sara Lindholm').post(`/respond/responses/${jonas}/submit`, {
					answers: {},
					declined: true
				})
			]) {
				expect(response.status).toBe(404);
				expect(response.json).toEqual({
					error: 'notYourForm',
					message: expect.any(String),
					issues: []
				});
			}
			const rows = await server.deps.db
				.selectFrom('responses')
				.selectAll()
				.where('subjectId', '=', jonas)
				.execute();
			expect(JSON.stringify(rows)).not.toContain('intrång');
		});

		it("cannot overwrite another assessor's answers by writing about the same trainee", async () => {
			const sara = subjects['Sara Lindholm']!;
			await person('Peter Sjövik').put(`/respond/responses/${sara}`, {
				answers: { styrkor: 'PETERS-NYA' }
			});
			const karin = (await person('Karin Holmlund').get('/respond')).json;
			expect(JSON.stringify(karin)).toContain('UNIK-TEXT-KARIN-SARA');
			expect(JSON.stringify(karin)).not.toContain('PETERS-NYA');
		});
	});

	describe('(c) the trainee', () => {
		it("sees only their own self-assessment, none of the assessors' answers", async () => {
			const view = await person('Sara Lindholm').get('/respond');
			expect(view.json.assignments.map((a: { role: string }) => a.role)).toEqual(['self']);
			expect(findSecrets(view.json, [secretOf('Sara Lindholm', 'Sara Lindholm')])).not.toEqual([]);
			const others = secrets.filter((s) => s !== secretOf('Sara Lindholm', 'Sara Lindholm'));
			expect(findSecrets(view.json, [...others, DRAFT_SECRET, 'PETERS-NYA'])).toEqual([]);
		});

		it('cannot use the invitation on the facilitator API', async () => {
			for (const path of [`/kollegier/${id}`, `/kollegier/${id}/progress`, '/kollegier']) {
				expect((await person('Sara Lindholm').get(path)).status).toBe(401);
			}
		});
	});

	describe('(d) no credentials', () => {
		it.each([
			['GET', '/auth/me'],
			['GET', '/catalog/templates'],
			['GET', '/catalog/goals'],
			['GET', '/kollegier'],
			['POST', '/kollegier'],
			['GET', '/kollegier/:id'],
			['PUT', '/kollegier/:id'],
			['DELETE', '/kollegier/:id'],
			['POST', '/kollegier/:id/status'],
			['GET', '/kollegier/:id/progress'],
			['POST', '/kollegier/:id/participants'],
			['PUT', '/kollegier/:id/participants/:participant'],
			['DELETE', '/kollegier/:id/participants/:participant'],
			['POST', '/kollegier/:id/participants/:participant/invitation'],
			['DELETE', '/kollegier/:id/participants/:participant/invitation'],
			['POST', '/kollegier/:id/invitations'],
			['POST', '/kollegier/:id/subjects'],
			['PUT', '/kollegier/:id/subjects/:subject'],
			['DELETE', '/kollegier/:id/subjects/:subject'],
			['GET', '/respond'],
			['PUT', '/respond/responses/:subject'],
			['POST', '/respond/responses/:subject/submit']
		])('answers %s %s with 401 and nothing else', async (method, template) => {
			const path = template
				.replace(':id', id)
				.replace(':participant', participantIds[0]!)
				.replace(':subject', subjects['Sara Lindholm']!);
			const body = method === 'GET' || method === 'DELETE' ? undefined : {};
			const response = await new ApiClient(server.url).request(method, path, body, {
				Origin: server.url
			});
			expect(response.status).toBe(401);
			expectNoAnswers(response.json);
		});

		it('does not take a facilitator session as an invitation', async () => {
			expect((await eva.request('GET', '/respond')).status).toBe(401);
		});
	});

	describe('(e) crafted ids', () => {
		it("refuses another kollegium's subjects and participants with 404", async () => {
			const other = (
				await eva.post('/kollegier', kollegiumInput(server, { title: 'Annat kollegium' }))
			).json;
			const added = await eva.post(`/kollegier/${other.id}/subjects`, trainee('Bo Annansson'));
			const [otherSubject] = added.json.subjects;
			const [otherParticipant] = added.json.participants;
			await eva.post(`/kollegier/${other.id}/status`, { status: 'open' });
			const karin = person('Karin Holmlund');
			for (const response of [
				await karin.put(`/respond/responses/${otherSubject.id}`, {
					answers: { styrkor: 'UTANFÖR' }
				}),
				await karin.post(`/respond/responses/${otherSubject.id}/submit`, {
					answers: {},
					declined: true
				})
			]) {
				expect(response.status).toBe(404);
				expect(response.json).toEqual({
					error: 'notYourForm',
					message: expect.any(String),
					issues: []
				});
			}
			const rows = await server.deps.db
				.selectFrom('responses')
				.selectAll()
				.where('kollegiumId', '=', other.id)
				.execute();
			expect(rows).toEqual([]);
			for (const response of [
				await eva.put(`/kollegier/${id}/participants/${otherParticipant.id}`, {
					name: 'Bo',
					roles: ['assessor']
				}),
				await eva.post(`/kollegier/${id}/participants/${otherParticipant.id}/invitation`),
				await eva.put(`/kollegier/${id}/subjects/${otherSubject.id}`, trainee('Bo Kapad')),
				await del(eva, server.url, `/kollegier/${id}/subjects/${otherSubject.id}`)
			]) {
				expect(response.status).toBe(404);
			}
			expect((await eva.get(`/kollegier/${other.id}`)).json.subjects).toHaveLength(1);
		});
	});

	// The studierektor hands the links out, so they hold every token. Holding a link must not
	// be enough to read what its owner wrote: only the browser that wrote the answers sees them.
	it('keeps answers from the facilitator even though the facilitator holds every link', async () => {
		for (const name of ASSESSORS) {
			const token = person(name).invitation ?? '';
			const holder = new ApiClient(server.url, { invitation: token });
			const view = await holder.get('/respond');
			expect(view.status).toBe(200);
			expect(findSecrets(view.json, [...secrets, DRAFT_SECRET])).toEqual([]);
			for (const assignment of view.json.assignments) {
				if (!assignment.response) continue;
				expect(assignment.response.readable).toBe(false);
				expect(assignment.response.answers).toEqual({});
			}
		}
	});

	it('keeps answers from a re-issued link opened in another browser', async () => {
		const karin = (await eva.get(`/kollegier/${id}`)).json.participants.find(
			(p: { name: string }) => p.name === 'Karin Holmlund'
		);
		const issued = await eva.post(`/kollegier/${id}/participants/${karin.id}/invitation`);
		const holder = new ApiClient(server.url, { invitation: issued.json.url.split('/').pop() });
		const view = await holder.get('/respond');
		expect(view.status).toBe(200);
		expect(findSecrets(view.json, secrets)).toEqual([]);
		expect(
			view.json.assignments.every(
				(a: { response: { readable: boolean } | null }) => a.response?.readable === false
			)
		).toBe(true);
	});
});
