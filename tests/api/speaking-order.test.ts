import type { MeetingFrame } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
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

const OBSERVER = 'Lena Verksamhetschef';

// The studierektor draws who speaks first. In the room: Karin and Peter with their phones,
// Amira without one, a guest who is not on the list, and the verksamhetschef, who observes.
describe('the speaking order drawn on the control', () => {
	let server: TestServer;
	let facilitator: ApiClient;
	let kollegiumId: string;
	let ids: Record<string, string>;
	/** Each candidate's handle in this meeting, as the control's frame names them. */
	let handles: Record<string, string>;
	let control: MeetingSocket;
	let karin: MeetingSocket;
	const sockets: MeetingSocket[] = [];

	const open = (socket: MeetingSocket) => (sockets.push(socket), socket);
	async function draw(command: object): Promise<MeetingFrame['state']['speakingOrder']> {
		const drawn = nextFrame(control, (f) => f.state.speakingOrder !== null);
		expect(await send(control, 'meeting:command', command)).toBeNull();
		const order = (await drawn).state.speakingOrder;
		// Cleared again, so the next draw's frame is told apart from this one.
		const cleared = nextFrame(control, (f) => f.state.speakingOrder === null);
		await send(control, 'meeting:command', { type: 'clearSpeakingOrder' });
		await cleared;
		return order;
	}
	const names = (order: { name?: string }[] | null) => (order ?? []).map((p) => p.name).sort();

	beforeAll(async () => {
		server = await startTestServer();
		facilitator = (await setUpFacilitator(server)).client;
		const opened = await liveSpecialistkollegium(server, facilitator, { start: false });
		kollegiumId = opened.id;
		const added = await facilitator.post(`/kollegier/${kollegiumId}/participants`, {
			name: OBSERVER,
			roles: ['observer']
		});
		expect(added.status).toBe(201);
		const links = (await facilitator.post(`/kollegier/${kollegiumId}/invitations`)).json as {
			participantId: string;
			url: string;
		}[];
		await facilitator.post(`/kollegier/${kollegiumId}/close-answering`);
		expect(
			(await facilitator.post(`/kollegier/${kollegiumId}/status`, { status: 'live' })).status
		).toBe(200);
		const detail = (await facilitator.get(`/kollegier/${kollegiumId}`)).json as {
			participants: { id: string; name: string }[];
		};
		ids = Object.fromEntries(detail.participants.map((p) => [p.name, p.id]));
		const observerLink = links.find((link) => link.participantId === ids[OBSERVER]);
		const observer = new ApiClient(server.url, { invitation: tokenOf(observerLink?.url ?? '') });

		control = open(connect(server, { cookie: facilitator.cookieHeader }));
		await join(control, kollegiumId, 'control');
		const phones: MeetingSocket[] = [];
		for (const invitation of [
			opened.people['Karin Holmlund']!.invitation,
			opened.people['Peter Sjövik']!.invitation,
			observer.invitation
		]) {
			const arrived = nextFrame(control);
			const phone = open(connect(server, { invitation }));
			await join(phone, kollegiumId, 'participant');
			await arrived;
			phones.push(phone);
		}
		karin = phones[0]!;
		const { candidates } = await join(control, kollegiumId, 'control');
		handles = Object.fromEntries(candidates.map((c) => [c.name, c.handle]));
	});
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	it('draws by default among the connected who speak, leaving the connected observer out', async () => {
		const { present } = await join(control, kollegiumId, 'control');
		expect(present.map((p) => p.name).sort()).toEqual(['Karin Holmlund', OBSERVER, 'Peter Sjövik']);
		expect(names(await draw({ type: 'drawSpeakingOrder' }))).toEqual([
			'Karin Holmlund',
			'Peter Sjövik'
		]);
	});

	it('draws among the people ticked, with or without a device, and a name typed in', async () => {
		const order = await draw({
			type: 'drawSpeakingOrder',
			handles: [handles['Karin Holmlund'], handles['Peter Sjövik'], handles['Amira Nordqvist']],
			guests: ['Olof Gäst']
		});
		expect(names(order)).toEqual([
			'Amira Nordqvist',
			'Karin Holmlund',
			'Olof Gäst',
			'Peter Sjövik'
		]);
		const guest = order?.find((p) => p.name === 'Olof Gäst');
		expect(guest?.handle).toMatch(/^[\w-]{22}$/);
		expect(Object.values(handles)).not.toContain(guest?.handle);
		expect(order?.find((p) => p.name === 'Amira Nordqvist')?.handle).toBe(
			handles['Amira Nordqvist']
		);
	});

	it('never puts an assessed trainee in the draw: they have no handle to tick', async () => {
		const { candidates } = await join(control, kollegiumId, 'control');
		expect(candidates.map((c) => c.name)).toEqual([
			'Karin Holmlund',
			'Peter Sjövik',
			'Amira Nordqvist',
			OBSERVER
		]);
		const order = await draw({
			type: 'drawSpeakingOrder',
			handles: ['Zz9_aa1Bb2Cc3Dd4Ee5Ff6', handles['Karin Holmlund']]
		});
		expect(names(order)).toEqual(['Karin Holmlund']);
	});

	it('sends the order to the phones, with each typed name once', async () => {
		const seen = nextFrame(karin, (f) => f.state.speakingOrder !== null);
		const order = await draw({
			type: 'drawSpeakingOrder',
			handles: [handles['Karin Holmlund']],
			guests: ['Olof Gäst', 'olof  gäst']
		});
		expect(names(order)).toEqual(['Karin Holmlund', 'Olof Gäst']);
		// The phone finds Karin's place by her handle; it is shown no one's name.
		const onPhone = (await seen).state.speakingOrder ?? [];
		expect(onPhone.some((p) => p.handle === handles['Karin Holmlund'])).toBe(true);
		expect(onPhone.every((p) => p.name === undefined)).toBe(true);
	});

	it('refuses a draw with a blank name, or naming people by anything but their handles', async () => {
		for (const command of [
			{ type: 'drawSpeakingOrder', guests: ['   '] },
			{ type: 'drawSpeakingOrder', handles: ['karin'] },
			{ type: 'drawSpeakingOrder', handles: [ids['Karin Holmlund']] },
			{ type: 'drawSpeakingOrder', participantIds: [ids['Karin Holmlund']] }
		]) {
			expect(await send(control, 'meeting:command', command)).toBe('validation');
		}
	});
});
