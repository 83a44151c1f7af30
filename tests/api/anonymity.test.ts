import { SOCKET_IO_PATH, type MeetingFrame, type MeetingView } from '@kollegium/model';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import {
	PASSWORD,
	kollegiumInput,
	openSpecialistkollegium,
	setUpFacilitator
} from '../support/fixtures.ts';
import {
	connect,
	join,
	liveSpecialistkollegium,
	nextFrame,
	type MeetingSocket
} from '../support/meeting.ts';
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

// The whole meeting as the room's screens receive it: every event and every ack the shared
// screen, the participants' phones and the control get, from joining through hands, speaking
// orders, every reveal and a restart to the close. Inside a meeting people are handles: no
// participant id reaches any screen, and a name only where that screen shows it.
describe('anonymity: the whole meeting, every payload the screens receive', () => {
	const SPEAKERS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'];
	const GUEST = 'Olof Gäst';
	const HANDLE = /^[\w-]{22}$/;
	const viewOf: Record<string, MeetingView> = {
		control: 'control',
		screen: 'presenter',
		'Karin Holmlund': 'participant',
		'Peter Sjövik': 'participant'
	};
	type Event = 'meeting:command' | 'meeting:hand';
	let server: TestServer;
	let eva: ApiClient;
	let kollegiumId: string;
	let people: Record<string, ApiClient>;
	let participants: { id: string; name: string }[];
	/** Every frame, event and ack each socket received, as it arrived. */
	const received: { who: string; view: MeetingView; payload: unknown }[] = [];
	const sockets = new Map<string, MeetingSocket>();
	const latest = new Map<string, MeetingFrame>();
	/** Each speaker's handle, as the control's candidates name them. */
	const handles: Record<string, string> = {};
	const socket = (who: string) => sockets.get(who)!;
	const frameOf = (who: string) => latest.get(who)!;

	async function open(who: string): Promise<MeetingFrame> {
		const view = viewOf[who]!;
		const opened = connect(
			server,
			view === 'participant'
				? { invitation: people[who]!.invitation }
				: { cookie: eva.cookieHeader }
		);
		opened.onAny((event: string, ...args: unknown[]) => {
			received.push({ who, view, payload: { event, args } });
			if (event === 'meeting:frame') latest.set(who, args[0] as MeetingFrame);
		});
		sockets.set(who, opened);
		const frame = await join(opened, kollegiumId, view);
		received.push({ who, view, payload: { ack: 'meeting:join', frame } });
		latest.set(who, frame);
		return frame;
	}

	/** Sends, keeps the ack among what that socket received, and resolves with it. */
	async function ask(who: string, event: Event, command: object): Promise<unknown> {
		const emit = socket(who).emitWithAck as (e: string, c: object) => Promise<unknown>;
		const ack = await emit.call(socket(who), event, command);
		received.push({ who, view: viewOf[who]!, payload: { ack: event, result: ack } });
		return ack;
	}

	/** `sender` sends a command; resolves with the first frame `who` gets that passes `test`. */
	async function until(
		who: string,
		test: (frame: MeetingFrame) => boolean,
		[sender, event, command]: [string, Event, object]
	): Promise<MeetingFrame> {
		const arrived = nextFrame(socket(who), test);
		expect(await ask(sender, event, command)).toEqual({ ok: true });
		return arrived;
	}
	const command = (body: object): [string, Event, object] => ['control', 'meeting:command', body];
	const hand = (who: string, type: string): [string, Event, object] => [
		who,
		'meeting:hand',
		{ type }
	];

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		// Free texts without anyone's name: a name found in a frame is one the meeting put there.
		const live = await liveSpecialistkollegium(server, eva, {
			text: (_name, trainee) => `Fritext om ${trainee.split(' ')[0]}`
		});
		({ people } = live);
		kollegiumId = live.id;
		participants = live.detail.participants;
		expect(participants).toHaveLength(5);
	});
	afterAll(async () => {
		for (const s of sockets.values()) s.disconnect();
		await server?.close();
	});

	it('joins the control, the shared screen and two phones; each phone learns its own handle', async () => {
		await open('control');
		await open('screen');
		const karin = await open('Karin Holmlund');
		const arrived = nextFrame(socket('control'), (f) => f.present.length === 2);
		const peter = await open('Peter Sjövik');
		const control = await arrived;
		expect(control.present.map((p) => p.name).sort()).toEqual(['Karin Holmlund', 'Peter Sjövik']);
		// The assessed trainees are not in the draw: only the specialists, by handle.
		expect(control.candidates.map((c) => [c.name, c.connected])).toEqual([
			['Karin Holmlund', true],
			['Peter Sjövik', true],
			['Amira Nordqvist', false]
		]);
		for (const c of control.candidates) handles[c.name] = c.handle;
		expect(Object.values(handles).every((h) => HANDLE.test(h))).toBe(true);
		expect(new Set(Object.values(handles)).size).toBe(3);
		expect(karin.you).toBe(handles['Karin Holmlund']);
		expect(peter.you).toBe(handles['Peter Sjövik']);
		expect(frameOf('screen').you).toBeUndefined();
		expect(control.you).toBeUndefined();
	});

	it('raises hands from the phones; the control sees names and lowers one by its handle', async () => {
		await until('control', (f) => f.state.hands.length === 1, hand('Peter Sjövik', 'raiseHand'));
		const both = await until(
			'Peter Sjövik',
			(f) => f.state.hands.length === 2,
			hand('Karin Holmlund', 'raiseHand')
		);
		// Peter's phone finds his own hand by his handle, and sees nobody's name.
		expect(both.state.hands).toEqual([
			{ handle: handles['Peter Sjövik'] },
			{ handle: handles['Karin Holmlund'] }
		]);
		expect(frameOf('control').state.hands).toEqual([
			{ handle: handles['Peter Sjövik'], name: 'Peter Sjövik' },
			{ handle: handles['Karin Holmlund'], name: 'Karin Holmlund' }
		]);
		// The shared screen does not show hands, so it gets none.
		expect(frameOf('screen').state.hands).toEqual([]);
		const lowered = await until(
			'control',
			(f) => f.state.hands.length === 1,
			command({ type: 'lowerHand', handle: handles['Karin Holmlund'] })
		);
		expect(lowered.state.hands.map((h) => h.name)).toEqual(['Peter Sjövik']);
		// A participant id is no way to name anyone in a meeting.
		const karinId = participants.find((p) => p.name === 'Karin Holmlund')!.id;
		expect(
			await ask('control', 'meeting:command', { type: 'lowerHand', participantId: karinId })
		).toEqual({ ok: false, error: 'validation' });
	});

	it('draws speaking orders by handle, shown by name on the shared screen only', async () => {
		const drawn = await until(
			'screen',
			(f) => f.state.speakingOrder !== null,
			command({ type: 'drawSpeakingOrder' })
		);
		expect(drawn.state.speakingOrder?.map((p) => p.name).sort()).toEqual([
			'Karin Holmlund',
			'Peter Sjövik'
		]);
		const onPhone = nextFrame(socket('Karin Holmlund'), (f) => f.state.speakingOrder?.length === 4);
		const everyone = await until(
			'screen',
			(f) => f.state.speakingOrder?.length === 4,
			command({
				type: 'drawSpeakingOrder',
				handles: SPEAKERS.map((name) => handles[name]),
				guests: [GUEST]
			})
		);
		expect(everyone.state.speakingOrder?.map((p) => p.name).sort()).toEqual(
			[...SPEAKERS, GUEST].sort()
		);
		// On a phone: the order as handles, enough for "your place in the speaking order".
		const phone = await onPhone;
		expect(phone.state.speakingOrder?.every((p) => p.name === undefined)).toBe(true);
		expect(phone.state.speakingOrder?.map((p) => p.handle)).toContain(handles['Karin Holmlund']);
		expect(
			await ask('control', 'meeting:command', {
				type: 'drawSpeakingOrder',
				participantIds: participants.map((p) => p.id)
			})
		).toEqual({ ok: false, error: 'validation' });
	});

	it('keeps raised hands and the speaking order working across a restart mid-meeting', async () => {
		const order = frameOf('screen').state.speakingOrder;
		const place = frameOf('Peter Sjövik').state.speakingOrder!.findIndex(
			(p) => p.handle === handles['Peter Sjövik']
		);
		expect(place).toBeGreaterThanOrEqual(0);
		const { dataDir, port } = server;
		await server.close({ keepData: true });
		for (const s of sockets.values()) s.disconnect();
		// The same address, so the studierektor's client keeps talking to it.
		server = await startTestServer({ dataDir, port });
		const control = await open('control');
		await open('screen');
		const peter = await open('Peter Sjövik');
		await open('Karin Holmlund');
		// The same handle after the restart: his hand is still his, and so is his place.
		expect(peter.you).toBe(handles['Peter Sjövik']);
		expect(control.state.hands).toEqual([
			{ handle: handles['Peter Sjövik'], name: 'Peter Sjövik' }
		]);
		expect(peter.state.hands).toEqual([{ handle: handles['Peter Sjövik'] }]);
		expect(frameOf('screen').state.speakingOrder).toEqual(order);
		expect(peter.state.speakingOrder?.[place]?.handle).toBe(handles['Peter Sjövik']);
		// He lowers it himself, raises it again, and the control lowers it by the same handle.
		await until('control', (f) => f.state.hands.length === 0, hand('Peter Sjövik', 'lowerOwnHand'));
		const again = await until(
			'control',
			(f) => f.state.hands.length === 1,
			hand('Peter Sjövik', 'raiseHand')
		);
		expect(again.state.hands).toEqual([{ handle: handles['Peter Sjövik'], name: 'Peter Sjövik' }]);
		await until(
			'Peter Sjövik',
			(f) => f.state.hands.length === 0,
			command({ type: 'lowerHand', handle: handles['Peter Sjövik'] })
		);
	});

	it('reveals every step to the room, then closes the meeting and forgets who was in it', async () => {
		const agenda = frameOf('control').agenda;
		for (let position = 0; position < agenda.length; position += 1) {
			const at = (f: MeetingFrame) => f.state.position === position;
			if (!at(frameOf('screen'))) await until('screen', at, command({ type: 'goto', position }));
			if (frameOf('screen').current === null)
				await until('screen', (f) => at(f) && f.current !== null, command({ type: 'reveal' }));
		}
		const shown = received.flatMap(({ who, payload }) => {
			const { event, args } = payload as { event?: string; args?: MeetingFrame[] };
			return who === 'Karin Holmlund' && event === 'meeting:frame' ? [args![0]!] : [];
		});
		expect(new Set(shown.map((f) => f.current?.kind).filter(Boolean))).toEqual(
			new Set(agenda.map((entry) => entry.kind))
		);
		const ended = new Promise<void>((resolve) =>
			socket('screen').once('meeting:ended', () => resolve())
		);
		expect((await eva.post(`/kollegier/${kollegiumId}/status`, { status: 'closed' })).status).toBe(
			200
		);
		await ended;
		await expect
			.poll(async () =>
				server.deps.db
					.selectFrom('meetings')
					.select(['state', 'handles'])
					.where('kollegiumId', '=', kollegiumId)
					.executeTakeFirst()
			)
			.toMatchObject({ handles: null });
		const row = await server.deps.db
			.selectFrom('meetings')
			.select('state')
			.where('kollegiumId', '=', kollegiumId)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(row.state)).toMatchObject({ hands: [], speakingOrder: null });
		for (const name of [...SPEAKERS, GUEST]) expect(row.state).not.toContain(name);
	});

	it('sent no screen a participant id, anywhere in any frame, event or ack', () => {
		expect(received.length).toBeGreaterThan(60);
		for (const view of ['control', 'presenter', 'participant'] as const) {
			const json = JSON.stringify(received.filter((r) => r.view === view).map((r) => r.payload));
			for (const { id, name } of participants)
				expect(json.includes(id), `${view}: the id of ${name}`).toBe(false);
			expect(json, view).not.toMatch(/"participantId"/);
		}
	});

	it('sent the names of who is in the room only where a screen shows them', () => {
		const names = [...SPEAKERS, GUEST];
		const of = (view: MeetingView) => received.filter((r) => r.view === view).map((r) => r.payload);
		// A phone shows no one's name but the trainee discussed.
		expect(findSecrets(of('participant'), names)).toEqual([]);
		// The shared screen shows the speaking order, by name, and nothing else about anyone.
		const screen = of('presenter');
		expect(findSecrets(screen, names)).not.toEqual([]);
		expect(findSecrets(withoutPeople(screen, ['speakingOrder']), names)).toEqual([]);
		// The control shows who is connected, the draw's list, the hands and the order.
		const control = of('control');
		expect(findSecrets(control, names)).not.toEqual([]);
		expect(
			findSecrets(
				withoutPeople(control, ['present', 'candidates', 'hands', 'speakingOrder']),
				names
			)
		).toEqual([]);
	});
});

/** The payloads with the lists a screen shows people in emptied, wherever they are. */
function withoutPeople(value: unknown, keys: readonly string[]): unknown {
	if (Array.isArray(value)) return value.map((item) => withoutPeople(item, keys));
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [
			key,
			keys.includes(key) ? [] : withoutPeople(item, keys)
		])
	);
}
