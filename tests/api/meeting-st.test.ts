import type { MeetingFrame } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, nextFrame, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { findSecrets, fullAnswers, itemsFor } from './helpers.ts';

const TRAINEES = ['Tove Tidig', 'Ulf Ung', 'Vera Väg', 'Wilma Winter'];
const [A, B] = ['Dr Ahlström', 'Dr Berglund'];
/** Who answers about whom: all four about the clinic, three about A, only two about B. */
const ANSWERING: Record<string, string[]> = {
	Medicinkliniken: TRAINEES,
	[A]: TRAINEES.slice(0, 3),
	[B]: TRAINEES.slice(0, 2)
};
/** One trainee's free text about one subject in one item, unique and without the author's name. */
const wrote = (index: number, subject: string, item: string) =>
	`ST-fritext ${index + 1} om ${subject} (${item})`;

// An ST-läkarkollegium: trainees give feedback upwards, so a supervisor fewer than k trainees
// answered about must show nothing at all, and nobody's free text shows before its step.
describe('a live ST-läkarkollegium over socket.io', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let participantIds: string[];
	const trainees: Record<string, ApiClient> = {};
	const sockets: Record<string, MeetingSocket> = {};
	const frames: { who: string; frame: MeetingFrame }[] = [];
	/** Per agenda position, the frame Tove saw once the step was revealed. */
	const shown = new Map<number, MeetingFrame>();
	/** Every free text written per subject, and the part that was submitted (not declined). */
	let texts: Record<string, string[]>;
	let submitted: Record<string, string[]>;
	let agenda: MeetingFrame['agenda'];

	async function open(who: string, view: 'control' | 'participant', auth: object) {
		const socket = connect(server, auth);
		sockets[who] = socket;
		socket.on('meeting:frame', (frame) => frames.push({ who, frame }));
		const first = await join(socket, id, view);
		frames.push({ who, frame: first });
		return first;
	}

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		id = (await eva.post('/kollegier', kollegiumInput(server, { kind: 'st-lakarkollegium' }))).json
			.id;
		for (const name of [A, B])
			await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', name });
		for (const name of TRAINEES)
			await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		const links: { participantId: string; url: string }[] = (
			await eva.post(`/kollegier/${id}/invitations`)
		).json;
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		participantIds = detail.participants.map((p: { id: string }) => p.id);
		for (const link of links) {
			const { name } = detail.participants.find((p: { id: string }) => p.id === link.participantId);
			trainees[name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
		}
		const form = (await trainees[TRAINEES[0]!]!.get('/respond')).json.form;
		texts = {};
		submitted = {};
		for (const subject of detail.subjects as { id: string; name: string; kind: string }[]) {
			const textItems = itemsFor(form, subject.kind, 'trainee').filter((i) => i.type === 'text');
			texts[subject.name] = [];
			submitted[subject.name] = [];
			for (const [index, name] of TRAINEES.entries()) {
				const answering = ANSWERING[subject.name]!.includes(name);
				const answers = fullAnswers(form, { about: subject.kind, role: 'trainee', rating: 4 });
				for (const item of textItems) {
					answers[item.id] = wrote(index, subject.name, item.id);
					texts[subject.name]!.push(answers[item.id] as string);
					if (answering) submitted[subject.name]!.push(answers[item.id] as string);
				}
				// Those who decline have still written something, which must go nowhere.
				const body = answering ? { answers } : { answers, declined: true };
				const response = await trainees[name]!.post(
					`/respond/responses/${subject.id}/submit`,
					body
				);
				if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
			}
		}
		expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
		agenda = (await open('control', 'control', { cookie: eva.cookieHeader })).agenda;
	});
	afterAll(async () => {
		for (const socket of Object.values(sockets)) socket.disconnect();
		await server?.close();
	});

	it('lets trainees join an ST-läkarkollegium as participants', async () => {
		const seen = nextFrame(sockets.control!, (f) => f.present.length === 2);
		const tove = await open('tove', 'participant', {
			invitation: trainees['Tove Tidig']!.invitation
		});
		expect(tove.kollegiumId).toBe(id);
		await open('ulf', 'participant', { invitation: trainees['Ulf Ung']!.invitation });
		expect((await seen).present.map((p) => p.name).sort()).toEqual(['Tove Tidig', 'Ulf Ung']);
	});

	it('has an agenda with steps for the clinic and for both supervisors', () => {
		expect([...new Set(agenda.map((entry) => entry.subjectName))]).toEqual([
			'Medicinkliniken',
			A,
			B
		]);
		for (const name of [A, B]) {
			expect(agenda.filter((e) => e.subjectName === name).map((e) => e.kind)).toEqual([
				'intro',
				'ratings',
				'comments',
				'discussion'
			]);
		}
		const clinic = agenda.filter((e) => e.subjectName === 'Medicinkliniken').map((e) => e.kind);
		expect(clinic).toEqual(expect.arrayContaining(['intro', 'ratings', 'comments', 'discussion']));
	});

	it('does not let a trainee drive the meeting or join as control', async () => {
		expect(await send(sockets.tove!, 'meeting:command', { type: 'next' })).toBe('forbidden');
		expect(await send(sockets.ulf!, 'meeting:command', { type: 'reveal' })).toBe('forbidden');
		const sneaky = connect(server, { invitation: trainees['Vera Väg']!.invitation });
		await expect(join(sneaky, id, 'control')).rejects.toThrow('forbidden');
		sneaky.disconnect();
		const state = await join(sockets.control!, id, 'control');
		expect(state.state.position).toBe(0);
		expect(state.state.revealed).toEqual([agenda[0]!.id]);
	});

	it('walks through every step, revealing each one to the room', async () => {
		const tove = sockets.tove!;
		const control = sockets.control!;
		const hand = nextFrame(control, (f) => f.state.hands.length === 1);
		expect(await send(sockets.ulf!, 'meeting:hand', { type: 'raiseHand' })).toBeNull();
		await hand;
		for (let position = 0; position < agenda.length; position += 1) {
			const at = (f: MeetingFrame) => f.state.position === position;
			let frame = frames.filter((f) => f.who === 'tove' && at(f.frame)).at(-1)?.frame;
			if (position > 0) {
				const moved = nextFrame(tove, at);
				expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
				frame = await moved;
			}
			if (frame?.current === null) {
				const revealed = nextFrame(tove, (f) => at(f) && f.current !== null);
				expect(await send(control, 'meeting:command', { type: 'reveal' })).toBeNull();
				frame = await revealed;
			}
			shown.set(position, frame!);
			if (agenda[position]!.kind === 'discussion') {
				const drawn = nextFrame(tove, (f) => f.state.speakingOrder !== null);
				await send(control, 'meeting:command', { type: 'drawSpeakingOrder' });
				expect((await drawn).state.speakingOrder).toHaveLength(2);
			}
		}
		expect(shown.size).toBe(agenda.length);
	});

	it('shows nothing about the supervisor only two trainees answered about', () => {
		const steps = [...shown].filter(([p]) => agenda[p]!.subjectName === B);
		expect(steps).toHaveLength(4);
		for (const [, { current }] of steps) {
			expect(current?.subject.name).toBe(B);
			if (current?.kind === 'intro') expect(current.respondents).toBeNull();
			if (current?.kind === 'comments') expect(current.comments).toEqual([]);
			if (current?.kind === 'ratings') {
				expect(current.items.length).toBeGreaterThan(0);
				for (const item of current.items) expect(item.aggregate.hidden).toBe(true);
			}
		}
		const everything = frames.filter((f) => f.frame.current?.subject.name === B);
		expect(JSON.stringify(everything)).not.toMatch(/"(distribution|median|counts)"/);
	});

	it('shows the clinic and the supervisor three trainees answered about', () => {
		for (const [name, n] of [
			['Medicinkliniken', 4],
			[A, 3]
		] as const) {
			const views = [...shown]
				.filter(([p]) => agenda[p]!.subjectName === name)
				.map(([, f]) => f.current);
			expect(views.find((v) => v?.kind === 'intro')).toMatchObject({ respondents: n, k: 3 });
			const rated = views.flatMap((v) => (v?.kind === 'ratings' ? v.items : []));
			expect(rated.length).toBeGreaterThan(0);
			for (const item of rated)
				expect(item.aggregate).toMatchObject({ hidden: false, distribution: { n, median: 4 } });
			const comments = views.flatMap((v) => (v?.kind === 'comments' ? v.comments : []));
			expect(comments.map((c) => c.text).sort()).toEqual([...submitted[name]!].sort());
		}
	});

	it('sent no free text before its comments step was revealed', () => {
		expect(frames.length).toBeGreaterThan(2 * agenda.length);
		const all = Object.values(texts).flat();
		for (const { who, frame } of frames) {
			const current = frame.current;
			const allowed = current?.kind === 'comments' ? submitted[current.subject.name]! : [];
			const leaked = findSecrets(
				frame,
				all.filter((text) => !allowed.includes(text))
			);
			expect(leaked, `${who} v${frame.state.version}`).toEqual([]);
		}
		const declined = Object.keys(texts).flatMap((s) =>
			texts[s]!.filter((t) => !submitted[s]!.includes(t))
		);
		expect(findSecrets(frames, [...texts[B]!, ...declined])).toEqual([]);
	});

	it('carries no participant id anywhere, not even in who is present, hands or speaking order', () => {
		for (const { who, frame } of frames) {
			const json = JSON.stringify(frame);
			for (const pid of participantIds) expect(json.includes(pid), who).toBe(false);
			expect(json).not.toMatch(/"(author|participantId|respondent|responseId)"/);
		}
	});
});
