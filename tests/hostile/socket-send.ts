import type fc from 'fast-check';
import { io } from 'socket.io-client';
import { connect, join, type MeetingSocket } from '../support/meeting.ts';
import type { Family } from './batch.ts';
import {
	clientEvents,
	type HandshakeInput,
	type SocketInput,
	type SocketWho
} from './socket-inputs.ts';
import type { Outcome } from './tally.ts';
import type { World } from './world.ts';

const ACK_MS = 5000;
/** How long to wait for an ack the server need not send (extra arguments, unknown events). */
const MAYBE_ACK_MS = 100;
const clientWho: SocketWho[] = ['control', 'control-joined', 'participant', 'participant-joined'];

const preview = (value: unknown) => {
	try {
		const text = JSON.stringify(value, (_key, v: unknown) =>
			v instanceof Uint8Array ? `<${v.length} bytes>` : v
		);
		return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
	} catch {
		return '(not JSON)';
	}
};

/** Emits one event and waits for its ack, the socket's end, or the time allowed. */
function emit(socket: MeetingSocket, input: SocketInput): Promise<Outcome> {
	const described = `${input.who} emits ${JSON.stringify(input.event)} ${preview(input.args)} ack=${input.ack}`;
	const outcome = (status: Outcome['status'], answer: string, failure?: string): Outcome => ({
		group: 'socket.io',
		status,
		input: described,
		answer,
		...(failure ? { failure } : {})
	});
	const raw = socket as unknown as {
		emit(event: string, ...args: unknown[]): void;
		timeout(ms: number): { emit(event: string, ...args: unknown[]): void };
	};
	if (!socket.connected)
		return Promise.resolve(outcome('closed', 'the server had closed the socket'));
	if (input.ack !== 'function') {
		raw.emit(input.event, ...input.args, ...(input.ack === 'none' ? [] : [42]));
		return Promise.resolve(outcome('none', 'no ack asked for'));
	}
	const expected = clientEvents.includes(input.event) && input.args.length === 1;
	return new Promise((resolve) => {
		raw
			.timeout(expected ? ACK_MS : MAYBE_ACK_MS)
			.emit(input.event, ...input.args, (error: Error | null, result: unknown) => {
				if (!error) {
					const answer = preview(result);
					const r = result as { ok?: unknown; error?: unknown } | undefined;
					if (r?.error === 'internal') return resolve(outcome('5xx', answer, '5xx'));
					return resolve(outcome(r?.ok === true ? '2xx' : '4xx', answer));
				}
				if (!socket.connected) return resolve(outcome('closed', 'the socket closed before an ack'));
				// socket.io hands the ack to the last argument; a listener that reads it from its second
				// parameter sees a non-function when there are extra arguments, and rightly stays silent.
				resolve(outcome('none', 'no ack', expected ? 'no ack' : undefined));
			});
	});
}

/** Connects with made-up credentials and reports whether the middleware let it in. */
function handshake(url: string, input: HandshakeInput): Promise<Outcome> {
	const described = `handshake auth=${preview(input.auth)} cookie=${preview(input.cookie)}`;
	return new Promise((resolve) => {
		const socket = io(url, {
			path: '/socket.io/',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: ACK_MS,
			extraHeaders: input.cookie ? { cookie: input.cookie } : {},
			auth: input.auth as Record<string, unknown>
		});
		let settled = false;
		const done = (status: Outcome['status'], answer: string, failure?: string) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			socket.disconnect();
			resolve({
				group: 'socket.io',
				status,
				input: described,
				answer,
				...(failure ? { failure } : {})
			});
		};
		const timer = setTimeout(() => done('none', 'no answer', 'handshake hung'), ACK_MS + 500);
		// A CONNECT packet the server cannot read ends the whole connection, without an error event.
		socket.io.on('close', (reason) => {
			// A refusal closes the connection ("forced close") just before connect_error names it.
			if (reason !== 'forced close') done('closed', `connection closed: ${reason}`);
		});
		socket.once('connect', () => done('2xx', 'connected'));
		socket.once('connect_error', (error) => {
			if (error.message === 'internal') return done('5xx', error.message, '5xx');
			if (error.message === 'timeout') return done('none', 'no answer', 'handshake hung');
			done('4xx', `refused: ${error.message}`);
		});
	});
}

/**
 * The batch's four sockets. An oversized or unreadable packet rightly ends a socket's whole
 * connection; the next input on it gets a fresh one, so one input does not void the rest.
 */
class BatchSockets {
	readonly #world: World;
	readonly #sockets = new Map<SocketWho, Promise<MeetingSocket>>();

	constructor(world: World) {
		this.#world = world;
	}

	readonly #all: Promise<MeetingSocket>[] = [];

	async get(who: SocketWho): Promise<MeetingSocket> {
		const current = this.#sockets.get(who);
		const socket = await current;
		if (socket?.connected) return socket;
		// Whoever finds it closed first opens the next one; the others wait for that one.
		if (this.#sockets.get(who) !== current) return this.get(who);
		const opening = this.#open(who);
		this.#sockets.set(who, opening);
		this.#all.push(opening);
		return opening;
	}

	async #open(who: SocketWho): Promise<MeetingSocket> {
		const world = this.#world;
		const auth = who.startsWith('control')
			? { cookie: world.facilitator.cookieHeader }
			: { invitation: who === 'participant' ? world.invitations.peter : world.invitations.amira };
		const socket = connect(world.asTestServer, auth);
		if (who === 'control-joined') await join(socket, world.liveId, 'control');
		else if (who === 'participant-joined') await join(socket, world.liveId, 'participant');
		else await new Promise<void>((resolve) => socket.once('connect', resolve));
		return socket;
	}

	async close(): Promise<void> {
		for (const socket of await Promise.all(this.#all)) socket.disconnect();
		this.#sockets.clear();
	}
}

/** socket.io events on four sockets per batch, and handshakes with made-up credentials. */
export function socketFamily(
	world: World,
	arbitrary: fc.Arbitrary<SocketInput | HandshakeInput>
): Family<SocketInput | HandshakeInput> {
	return {
		name: 'socket.io',
		arbitrary,
		concurrency: 8,
		async open() {
			const sockets = new BatchSockets(world);
			await Promise.all(clientWho.map((who) => sockets.get(who)));
			return {
				run: async (input) =>
					input.kind === 'handshake'
						? handshake(world.server.url, input)
						: emit(await sockets.get(input.who), input),
				close: async () => {
					await sockets.close();
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
			};
		}
	};
}
