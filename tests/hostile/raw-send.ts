import { connect, type Socket } from 'node:net';
import type fc from 'fast-check';
import type { Family } from './batch.ts';
import { upgradeRequest, type RawInput } from './frames.ts';
import { classOf, type Outcome } from './tally.ts';
import type { World } from './world.ts';

const QUIET_MS = 80;
const LONGEST_MS = 3000;

function pathOf(world: World, input: RawInput): { path: string; cookie: string | null } {
	const cookie = world.facilitator.cookieHeader;
	switch (input.target) {
		case 'yjs-session':
			return { path: `/yjs/${world.liveId}`, cookie };
		case 'yjs-unknown':
			return { path: `/yjs/${crypto.randomUUID()}`, cookie };
		case 'yjs-anonymous':
			return { path: `/yjs/${world.liveId}`, cookie: null };
		case 'socket.io':
			return { path: '/socket.io/?EIO=4&transport=websocket', cookie };
		case 'elsewhere':
			return { path: '/yjs', cookie };
	}
}

/** What the server sent back: an HTTP status line, and for a 101 the first close code it sent. */
function readAnswer(bytes: Buffer): {
	status: number | null;
	close: number | null;
	frames: number;
} {
	const text = bytes.toString('latin1');
	const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
	if (!status) return { status: null, close: null, frames: 0 };
	const end = text.indexOf('\r\n\r\n');
	let at = end < 0 ? bytes.length : end + 4;
	let frames = 0;
	while (Number(status[1]) === 101 && at + 2 <= bytes.length) {
		const opcode = bytes[at]! & 0x0f;
		let length = bytes[at + 1]! & 0x7f;
		let start = at + 2;
		if (length === 126 && start + 2 <= bytes.length)
			[length, start] = [bytes.readUInt16BE(start), start + 2];
		else if (length === 127) break;
		frames += 1;
		if (opcode === 8)
			return {
				status: 101,
				close: length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : 1005,
				frames
			};
		at = start + length;
	}
	return { status: Number(status[1]), close: null, frames };
}

function judge(
	input: RawInput,
	bytes: Buffer,
	closedByServer: boolean,
	described: string
): Outcome {
	const answer = readAnswer(bytes);
	const status: Outcome['status'] =
		answer.status !== null && answer.status !== 101
			? classOf(answer.status)
			: answer.close === 1011
				? '5xx'
				: closedByServer
					? 'closed'
					: 'none';
	const summary = `${answer.status ?? 'no HTTP answer'}${answer.close !== null ? `, close ${answer.close}` : ''}${closedByServer ? ', closed by the server' : ''}`;
	const outcome: Outcome = { group: 'raw frames', status, input: described, answer: summary };
	const refusedTarget = input.target === 'yjs-unknown' || input.target === 'yjs-anonymous';
	const plain =
		input.preamble === null && input.handshake === 'complete' && input.ending === 'wait';
	if (status === '5xx') outcome.failure = '5xx';
	else if (mustAnswer(input) && answer.status === null)
		outcome.failure = 'garbage before the request line got no 4xx answer';
	else if (
		refusedTarget &&
		plain &&
		answer.status === 101 &&
		answer.frames > 0 &&
		answer.close !== 4403
	)
		outcome.failure = 'a refused document connection was sent something other than close 4403';
	return outcome;
}

/** Writes the upgrade and the frames over a plain TCP socket, then ends as the input says. */
/**
 * Garbage before the request line, with nothing after it, must get a 4xx. Only then: bytes
 * still unread when the server closes make its kernel send a reset, which may overtake the 400.
 */
const mustAnswer = (input: RawInput) =>
	input.preamble !== null && input.ending === 'wait' && input.frames.length === 0;

export function sendRaw(world: World, input: RawInput, held: Socket[]): Promise<Outcome> {
	const { path, cookie } = pathOf(world, input);
	const request = upgradeRequest({ input, path, host: `127.0.0.1:${world.server.port}`, cookie });
	const described = `raw ${input.target} handshake=${input.handshake} preamble=${input.preamble ? Buffer.from(input.preamble).toString('hex') : '-'} frames=[${input.frames.map((f) => f.subarray(0, 16).toString('hex')).join(' ')}] ending=${input.ending}`;
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port: world.server.port });
		const chunks: Buffer[] = [];
		let settled = false;
		let quiet: NodeJS.Timeout | undefined;
		const longest = setTimeout(() => finish(false), LONGEST_MS);
		const finish = (closedByServer: boolean) => {
			if (settled) return;
			settled = true;
			clearTimeout(quiet);
			clearTimeout(longest);
			if (input.ending === 'hold' && !closedByServer) held.push(socket);
			else socket.destroy();
			resolve(judge(input, Buffer.concat(chunks), closedByServer, described));
		};
		const settle = () => {
			clearTimeout(quiet);
			quiet = setTimeout(() => finish(false), QUIET_MS);
		};
		socket.on('error', () => finish(true));
		socket.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			settle();
		});
		socket.on('close', () => finish(true));
		socket.on('connect', () => {
			socket.write(request);
			for (const bytes of input.frames) socket.write(bytes);
			if (input.ending === 'end') socket.end();
			if (input.ending === 'destroy') return void (socket.destroy(), finish(false));
			if (input.ending === 'reset') return void (socket.resetAndDestroy(), finish(false));
			// An answer that must come is waited for (up to LONGEST_MS), however busy the server.
			if (!mustAnswer(input)) settle();
		});
	});
}

export function rawFamily(world: World, arbitrary: fc.Arbitrary<RawInput>): Family<RawInput> {
	return {
		name: 'raw frames',
		arbitrary,
		concurrency: 16,
		open() {
			const held: Socket[] = [];
			return Promise.resolve({
				run: (input: RawInput) => sendRaw(world, input, held),
				close: () => {
					for (const socket of held) socket.destroy();
					return Promise.resolve();
				}
			});
		}
	};
}
