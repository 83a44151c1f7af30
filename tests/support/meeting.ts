import type {
	ClientToServerEvents,
	MeetingFrame,
	MeetingView,
	ServerToClientEvents
} from '@kollegium/model';
import { io, type Socket } from 'socket.io-client';
import { fullAnswers } from '../api/helpers.ts';
import type { ApiClient } from './client.ts';
import { openSpecialistkollegium } from './fixtures.ts';
import type { TestServer } from './server.ts';

export type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as a browser would open it: with the session cookie or an invitation. */
export function connect(
	server: TestServer,
	auth: { cookie?: string; invitation?: string }
): MeetingSocket {
	return io(server.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
		auth: auth.invitation ? { invitation: auth.invitation } : {}
	});
}

/** Connects and joins a meeting view; resolves with the first frame, rejects with the refusal. */
export function join(
	socket: MeetingSocket,
	kollegiumId: string,
	view: MeetingView
): Promise<MeetingFrame> {
	return new Promise((resolve, reject) => {
		socket.once('connect_error', (error) => reject(new Error(error.message)));
		socket.emit('meeting:join', { kollegiumId, view }, (result) =>
			result.ok && result.data
				? resolve(result.data)
				: reject(new Error(result.ok ? 'no frame' : result.error))
		);
	});
}

/** Sends a command and resolves with the ack's error (or null when accepted). */
export function send(
	socket: MeetingSocket,
	event: 'meeting:command' | 'meeting:hand',
	command: object
): Promise<string | null> {
	return new Promise((resolve) => {
		(
			socket.emit as (
				e: string,
				c: object,
				ack: (r: { ok: boolean; error?: string }) => void
			) => void
		)(event, command, (r) => resolve(r.ok ? null : (r.error ?? 'error')));
	});
}

/** Resolves with the next frame that satisfies `test`. */
export function nextFrame(
	socket: MeetingSocket,
	test: (frame: MeetingFrame) => boolean = () => true
): Promise<MeetingFrame> {
	return new Promise((resolve) => {
		const listener = (frame: MeetingFrame) => {
			if (!test(frame)) return;
			socket.off('meeting:frame', listener);
			resolve(frame);
		};
		socket.on('meeting:frame', listener);
	});
}

export const ASSESSOR_TEXT = (name: string, trainee: string) =>
	`Kommentar från ${name} om ${trainee}`;

/**
 * An open specialistkollegium where three specialists and one trainee have submitted, answering
 * closed early, and the meeting started (unless `start: false`). Returns who is who.
 */
export async function liveSpecialistkollegium(
	server: TestServer,
	facilitator: ApiClient,
	options: {
		start?: boolean;
		/** The free text each specialist writes about each trainee (default ASSESSOR_TEXT). */
		text?: (name: string, trainee: string) => string;
	} = {}
) {
	const text = options.text ?? ASSESSOR_TEXT;
	const opened = await openSpecialistkollegium(server, facilitator);
	const subjects: Record<string, string> = Object.fromEntries(
		opened.detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
	);
	const form = (await opened.people['Karin Holmlund']!.get('/respond')).json.form;
	const ratings: Record<string, number> = {
		'Karin Holmlund': 2,
		'Peter Sjövik': 3,
		'Amira Nordqvist': 4
	};
	for (const [name, rating] of Object.entries(ratings)) {
		for (const trainee of ['Sara Lindholm', 'Jonas Bergstedt']) {
			const answers = fullAnswers(form, {
				about: 'trainee',
				role: 'assessor',
				rating,
				text: text(name, trainee)
			});
			const response = await opened.people[name]!.post(
				`/respond/responses/${subjects[trainee]}/submit`,
				{ answers }
			);
			if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
		}
	}
	const self = fullAnswers(form, {
		about: 'trainee',
		role: 'self',
		rating: 5,
		text: 'Min egen text'
	});
	await opened.people['Sara Lindholm']!.post(
		`/respond/responses/${subjects['Sara Lindholm']}/submit`,
		{ answers: self }
	);
	if (options.start === false) return { ...opened, subjects, form };
	await facilitator.post(`/kollegier/${opened.id}/close-answering`);
	const live = await facilitator.post(`/kollegier/${opened.id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`going live failed: ${live.text}`);
	return { ...opened, subjects, form };
}
