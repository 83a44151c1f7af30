// npm run bench:reveal — the latency of a reveal in a meeting with 100 participants: from the
// studierektor's command to every participant's receipt of the revealed step, on the real
// server, beside a bare socket.io broadcast of the same payload as the baseline. Goals: p95 < 50 ms
// and within 1.5× of the bare broadcast's. Ends with one line of JSON (tests/bench/report.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { MeetingFrame } from '@kollegium/model';
import { Server } from 'socket.io';
import { io as connectRaw, type Socket } from 'socket.io-client';
import { fullAnswers } from '../api/helpers.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer } from '../support/server.ts';
import { printResult } from './report.ts';

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 40);

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(latencies: number[]) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

/** Resolves when every socket has seen a frame passing `test`, with each one's receipt time. */
function receipts(
	sockets: MeetingSocket[],
	test: (frame: MeetingFrame) => boolean
): Promise<number[]> {
	return Promise.all(
		sockets.map(
			(socket) =>
				new Promise<number>((resolve) => {
					const listener = (frame: MeetingFrame) => {
						if (!test(frame)) return;
						socket.off('meeting:frame', listener);
						resolve(performance.now());
					};
					socket.on('meeting:frame', listener);
				})
		)
	);
}

const TRAINEES = Math.ceil(ROUNDS / 6) + 1;
const ANSWERING = 8;

async function measureMeeting(): Promise<{ latencies: number[]; payload: string }> {
	const server = await startTestServer();
	try {
		const { client } = await setUpFacilitator(server);
		const id: string = (await client.post('/kollegier', kollegiumInput(server))).json.id;
		for (let i = 0; i < PARTICIPANTS; i += 1) {
			await client.post(`/kollegier/${id}/participants`, {
				name: `Specialist ${i + 1}`,
				roles: ['assessor']
			});
		}
		for (let i = 0; i < TRAINEES; i += 1) {
			await client.post(`/kollegier/${id}/subjects`, {
				kind: 'trainee',
				name: `ST-läkare ${i + 1}`,
				specialty: 'Internmedicin',
				stStart: '2025-09-01',
				regulation: 'HSLF-FS 2021:8'
			});
		}
		await client.post(`/kollegier/${id}/status`, { status: 'open' });
		const links = (await client.post(`/kollegier/${id}/invitations`)).json as {
			url: string;
			participantId: string;
		}[];
		const detail = (await client.get(`/kollegier/${id}`)).json as {
			participants: { id: string; roles: string[] }[];
			subjects: { id: string }[];
		};
		const assessors = links.filter((link) =>
			detail.participants.find((p) => p.id === link.participantId)?.roles.includes('assessor')
		);
		// Real answers from a few, so the revealed step carries real distributions and comments.
		for (const [index, link] of assessors.slice(0, ANSWERING).entries()) {
			const person = new ApiClient(server.url, { invitation: tokenOf(link.url) });
			const form = (await person.get('/respond')).json.form;
			for (const subject of detail.subjects) {
				const answers = fullAnswers(form, {
					about: 'trainee',
					role: 'assessor',
					rating: 1 + (index % 5),
					text: `Kommentar ${index}`
				});
				await person.post(`/respond/responses/${subject.id}/submit`, { answers });
			}
		}
		await client.post(`/kollegier/${id}/close-answering`);
		const live = await client.post(`/kollegier/${id}/status`, { status: 'live' });
		if (live.status !== 200) throw new Error(live.text);

		const control = connect(server, { cookie: client.cookieHeader });
		const first = await join(control, id, 'control');
		const participants = assessors.map((link) =>
			connect(server, { invitation: tokenOf(link.url) })
		);
		await Promise.all(participants.map((socket) => join(socket, id, 'participant')));
		const steps = first.agenda
			.flatMap((entry, index) => (entry.kind === 'ratings' ? [index] : []))
			.slice(0, ROUNDS);

		const latencies: number[] = [];
		let payload = '';
		for (const position of steps) {
			const arrived = receipts(participants, (f) => f.state.position === position);
			await send(control, 'meeting:command', { type: 'goto', position });
			await arrived;
			const revealed = receipts(
				participants,
				(f) => f.state.position === position && f.current !== null
			);
			const clicked = performance.now();
			control.emit('meeting:command', { type: 'reveal' }, () => undefined);
			for (const at of await revealed) latencies.push(at - clicked);
			payload ||= JSON.stringify(await join(control, id, 'control'));
		}
		for (const socket of [control, ...participants]) socket.disconnect();
		return { latencies, payload };
	} finally {
		await server.close();
	}
}

async function measureBareBroadcast(payload: string): Promise<number[]> {
	const http = createServer();
	const io = new Server(http, { path: '/socket.io/' });
	io.on('connection', (socket) => socket.on('go', (data: unknown) => io.emit('frame', data)));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const open = (): Promise<Socket> =>
		new Promise((resolve) => {
			const socket = connectRaw(url, {
				path: '/socket.io/',
				transports: ['websocket'],
				forceNew: true
			});
			socket.on('connect', () => resolve(socket));
		});
	const sender = await open();
	const receivers = await Promise.all(Array.from({ length: PARTICIPANTS }, open));
	const data = JSON.parse(payload) as unknown;
	const latencies: number[] = [];
	for (let round = 0; round < ROUNDS; round += 1) {
		const arrived = Promise.all(
			receivers.map(
				(s) => new Promise<number>((resolve) => s.once('frame', () => resolve(performance.now())))
			)
		);
		const clicked = performance.now();
		sender.emit('go', data);
		for (const at of await arrived) latencies.push(at - clicked);
	}
	for (const socket of [sender, ...receivers]) socket.disconnect();
	await io.close();
	return latencies;
}

const meeting = await measureMeeting();
const baseline = await measureBareBroadcast(meeting.payload);
const m = summary(meeting.latencies);
const b = summary(baseline);
const fmt = (n: number) => n.toFixed(2).padStart(8);
const fast = m.p95 < 50;
const nearBare = m.p95 <= 1.5 * b.p95;
console.log(
	`\nReveal latency, ${PARTICIPANTS} participant sockets, ${ROUNDS} reveals (ms; clients in the same process)`
);
console.log(`                          p50      p95      max`);
console.log(`kollegium reveal    ${fmt(m.p50)} ${fmt(m.p95)} ${fmt(m.max)}`);
console.log(`bare broadcast      ${fmt(b.p50)} ${fmt(b.p95)} ${fmt(b.max)}`);
console.log(`ratio (p95)         ${(m.p95 / b.p95).toFixed(2)}×`);
console.log(`payload             ${meeting.payload.length} bytes per frame (same payload in both)`);
console.log(
	`goal p95 < 50 ms: ${fast ? 'PASS' : 'FAIL'}   goal within 1.5× of the bare broadcast (p95): ${nearBare ? 'PASS' : 'FAIL'}`
);
printResult({
	bench: 'reveal',
	figures: {
		participants: PARTICIPANTS,
		reveals: ROUNDS,
		payloadBytes: meeting.payload.length,
		kollegium: m,
		bareBroadcast: b,
		p95Ratio: m.p95 / b.p95
	},
	goals: {
		fast: { target: 'reveal p95 < 50 ms', value: m.p95, pass: fast },
		nearBare: {
			target: 'reveal p95 ≤ 1.5 × the bare broadcast p95',
			value: m.p95 / b.p95,
			pass: nearBare
		}
	}
});
process.exit(0);
