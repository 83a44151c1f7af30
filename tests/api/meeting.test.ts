import type { MeetingFrame } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import {
	ASSESSOR_TEXT,
	connect,
	join,
	liveSpecialistkollegium,
	nextFrame,
	send,
	type MeetingSocket
} from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { findSecrets } from './helpers.ts';

// A whole meeting over real sockets: the studierektor drives, two specialists follow, an
// intruder and a trainee try to get in, and every frame anyone receives is kept and checked.
describe('the live meeting over socket.io', () => {
	let server: TestServer;
	let facilitator: ApiClient;
	let kollegiumId: string;
	let people: Record<string, ApiClient>;
	let participantIds: string[];
	let control: MeetingSocket;
	let karin: MeetingSocket;
	let peter: MeetingSocket;
	const frames: { who: string; frame: MeetingFrame }[] = [];
	const sockets: MeetingSocket[] = [];

	function record(who: string, socket: MeetingSocket) {
		socket.on('meeting:frame', (frame) => frames.push({ who, frame }));
		sockets.push(socket);
		return socket;
	}

	beforeAll(async () => {
		server = await startTestServer();
		facilitator = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, facilitator);
		({ people } = live);
		kollegiumId = live.id;
		participantIds = live.detail.participants.map((p: { id: string }) => p.id);
		control = record('control', connect(server, { cookie: facilitator.cookieHeader }));
		frames.push({ who: 'control', frame: await join(control, kollegiumId, 'control') });
		karin = record('karin', connect(server, { invitation: people['Karin Holmlund']!.invitation }));
		frames.push({ who: 'karin', frame: await join(karin, kollegiumId, 'participant') });
		peter = record('peter', connect(server, { invitation: people['Peter Sjövik']!.invitation }));
		frames.push({ who: 'peter', frame: await join(peter, kollegiumId, 'participant') });
	});
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	it('starts at the first trainee\u2019s introduction with the number of respondents', () => {
		const first = frames.find((f) => f.who === 'karin')!.frame;
		expect(first.agenda[first.state.position]?.kind).toBe('intro');
		expect(first.current).toMatchObject({
			kind: 'intro',
			respondents: 3,
			subject: { name: expect.any(String) }
		});
	});

	it('refuses a socket without a valid invitation or session', async () => {
		const intruder = connect(server, { invitation: 'not-a-real-token-not-a-real-token-not-a-rea' });
		await expect(join(intruder, kollegiumId, 'participant')).rejects.toThrow('unauthenticated');
		intruder.disconnect();
		const anonymous = connect(server, {});
		await expect(join(anonymous, kollegiumId, 'control')).rejects.toThrow('unauthenticated');
		anonymous.disconnect();
	});

	it('keeps the assessed trainee out of the specialistkollegium', async () => {
		const sara = connect(server, { invitation: people['Sara Lindholm']!.invitation });
		await expect(join(sara, kollegiumId, 'participant')).rejects.toThrow('notInThisMeeting');
		sara.disconnect();
	});

	it('does not let a participant drive the meeting or join as control', async () => {
		expect(await send(karin, 'meeting:command', { type: 'next' })).toBe('forbidden');
		expect(await send(karin, 'meeting:command', { type: 'reveal' })).toBe('forbidden');
		const sneaky = connect(server, { invitation: people['Amira Nordqvist']!.invitation });
		await expect(join(sneaky, kollegiumId, 'control')).rejects.toThrow('forbidden');
		sneaky.disconnect();
	});

	it('rejects a malformed command with a validation error', async () => {
		expect(await send(control, 'meeting:command', { type: 'goto', position: -4 })).toBe(
			'validation'
		);
		expect(await send(control, 'meeting:command', { type: 'explode' })).toBe('validation');
	});

	it('shows a ratings step only after the studierektor reveals it, to everyone at once', async () => {
		const moved = nextFrame(karin, (f) => f.agenda[f.state.position]?.kind === 'ratings');
		expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
		expect((await moved).current).toBeNull();
		const shown = Promise.all([
			nextFrame(karin, (f) => f.current !== null),
			nextFrame(peter, (f) => f.current !== null)
		]);
		expect(await send(control, 'meeting:command', { type: 'reveal' })).toBeNull();
		const [forKarin, forPeter] = await shown;
		expect(forKarin).toEqual(forPeter);
		const view = forKarin.current;
		if (view?.kind !== 'ratings') throw new Error('expected ratings');
		const rated = view.items.find((item) => !item.aggregate.hidden);
		expect(rated?.aggregate).toMatchObject({ hidden: false, distribution: { n: 3, median: 3 } });
		expect(view.items.every((item) => item.self === null)).toBe(true);
	});

	it('shows the trainee\u2019s self-assessment beside the ratings only when asked to', async () => {
		const withSelf = nextFrame(karin, (f) => f.state.showSelf);
		await send(control, 'meeting:command', { type: 'toggleSelf' });
		const view = (await withSelf).current;
		if (view?.kind !== 'ratings') throw new Error('expected ratings');
		expect(view.items.some((item) => item.self === 5)).toBe(true);
	});

	it('lets participants raise a hand and draws a speaking order among those present', async () => {
		const raised = nextFrame(control, (f) => f.state.hands.length === 1);
		expect(await send(peter, 'meeting:hand', { type: 'raiseHand' })).toBeNull();
		expect((await raised).state.hands).toEqual([
			{ handle: expect.stringMatching(/^[\w-]{22}$/), name: 'Peter Sjövik' }
		]);
		const drawn = nextFrame(control, (f) => f.state.speakingOrder !== null);
		await send(control, 'meeting:command', { type: 'drawSpeakingOrder' });
		const order = (await drawn).state.speakingOrder?.map((p) => p.name).sort();
		expect(order).toEqual(['Karin Holmlund', 'Peter Sjövik']);
	});

	it('reveals curated comments in an order that stays the same on reload', async () => {
		const frame = await new Promise<MeetingFrame>((resolve) =>
			control.emit(
				'meeting:join',
				{ kollegiumId, view: 'control' },
				(r) => r.ok && r.data && resolve(r.data)
			)
		);
		const commentsAt = frame.agenda.findIndex((entry) => entry.kind === 'comments');
		const arrived = nextFrame(karin, (f) => f.state.position === commentsAt && f.current !== null);
		await send(control, 'meeting:command', { type: 'goto', position: commentsAt });
		await send(control, 'meeting:command', { type: 'reveal' });
		const view = (await arrived).current;
		if (view?.kind !== 'comments') throw new Error('expected comments');
		expect(view.comments.length).toBeGreaterThanOrEqual(3);
		const again = connect(server, { invitation: people['Amira Nordqvist']!.invitation });
		record('amira', again);
		const rejoined = await join(again, kollegiumId, 'participant');
		expect(rejoined.current).toEqual(view);
	});

	it('resumes at the same step after a server restart, and clients come back', async () => {
		const before = await join(
			record('control-1', connect(server, { cookie: facilitator.cookieHeader })),
			kollegiumId,
			'control'
		);
		const dataDir = server.dataDir;
		for (const socket of sockets) socket.disconnect();
		sockets.length = 0;
		await server.close({ keepData: true });
		server = await startTestServer({ dataDir });
		const after = await join(
			record('control-2', connect(server, { cookie: facilitator.cookieHeader })),
			kollegiumId,
			'control'
		);
		expect(after.state.position).toBe(before.state.position);
		expect(after.state.revealed).toEqual(before.state.revealed);
		expect(after.current).toEqual(before.current);
	});

	it('never sent anyone a frame with an author, or content before it was revealed', () => {
		expect(frames.length).toBeGreaterThan(10);
		const texts = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'].flatMap((name) =>
			['Sara Lindholm', 'Jonas Bergstedt'].map((trainee) => ASSESSOR_TEXT(name, trainee))
		);
		for (const { who, frame } of frames) {
			const step = frame.agenda[frame.state.position];
			const revealed = step !== undefined && frame.state.revealed.includes(step.id);
			if (!revealed) expect(frame.current, `${who} v${frame.state.version}`).toBeNull();
			if (frame.current?.kind !== 'comments') expect(findSecrets(frame, texts), who).toEqual([]);
			// Everything, who is present, hands and the speaking order too: people are handles.
			const json = JSON.stringify(frame);
			for (const id of participantIds)
				expect(json.includes(id), `${who}: participant id in frame`).toBe(false);
			expect(json).not.toMatch(/"(author|participantId|respondent|responseId)"/);
		}
	});
});
