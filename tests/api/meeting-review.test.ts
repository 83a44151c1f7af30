import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import {
	connect,
	join,
	liveSpecialistkollegium,
	nextFrame,
	send,
	type MeetingSocket
} from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Found in review: ways around the rules that the meeting must close.
describe('the live meeting holds when people try the edges', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;
	let participantId: (name: string) => string;
	const sockets: MeetingSocket[] = [];
	const open = (auth: { cookie?: string; invitation?: string }) => {
		const socket = connect(server, auth);
		sockets.push(socket);
		return socket;
	};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, eva);
		({ id, people } = live);
		participantId = (name) =>
			live.detail.participants.find((p: { name: string }) => p.name === name).id;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	it('refuses to remove a participant once answering has closed (the difference would show their answers)', async () => {
		const removed = await eva.delete(
			`/kollegier/${id}/participants/${participantId('Amira Nordqvist')}`
		);
		expect(removed.status).toBe(409);
		expect(removed.json.error).toBe('answersLocked');
	});

	it('does not send participants the list of who is connected', async () => {
		const karin = await join(
			open({ invitation: people['Karin Holmlund']!.invitation }),
			id,
			'participant'
		);
		const control = await join(open({ cookie: eva.cookieHeader }), id, 'control');
		expect(karin.present).toEqual([]);
		expect(control.present.map((p) => p.name)).toContain('Karin Holmlund');
	});

	it('keeps the assessed trainee out even after giving them another role', async () => {
		const sara = participantId('Sara Lindholm');
		await eva.put(`/kollegier/${id}/participants/${sara}`, {
			name: 'Sara Lindholm',
			roles: ['trainee', 'assessor']
		});
		await expect(
			join(open({ invitation: people['Sara Lindholm']!.invitation }), id, 'participant')
		).rejects.toThrow('notInThisMeeting');
	});

	it('lowers a hand when its owner leaves', async () => {
		const control = open({ cookie: eva.cookieHeader });
		await join(control, id, 'control');
		const peter = open({ invitation: people['Peter Sjövik']!.invitation });
		await join(peter, id, 'participant');
		const raised = nextFrame(control, (f) => f.state.hands.some((h) => h.name === 'Peter Sjövik'));
		await send(peter, 'meeting:hand', { type: 'raiseHand' });
		await raised;
		const lowered = nextFrame(
			control,
			(f) => !f.state.hands.some((h) => h.name === 'Peter Sjövik')
		);
		peter.disconnect();
		expect((await lowered).state.hands).toEqual([]);
	});

	it('cuts off a participant at once when their link is revoked', async () => {
		const amira = open({ invitation: people['Amira Nordqvist']!.invitation });
		await join(amira, id, 'participant');
		const gone = new Promise<string>((resolve) =>
			amira.on('disconnect', (reason) => resolve(reason))
		);
		await eva.delete(
			`/kollegier/${id}/participants/${participantId('Amira Nordqvist')}/invitation`
		);
		expect(await gone).toBe('io server disconnect');
	});

	it('tells every view that the meeting has ended', async () => {
		const karin = open({ invitation: people['Karin Holmlund']!.invitation });
		await join(karin, id, 'participant');
		const ended = new Promise<boolean>((resolve) => karin.on('meeting:ended', () => resolve(true)));
		await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
		expect(await ended).toBe(true);
	});
});
