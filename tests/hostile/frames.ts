import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sometimes } from './junk.ts';

/**
 * Websocket frames written by hand (RFC 6455 §5.2), correct or broken on purpose, and the
 * HTTP upgrade requests before them: what no client library would send.
 */
export interface FrameOptions {
	fin?: boolean;
	/** The three reserved bits, 0–7; only an extension may set them. */
	rsv?: number;
	opcode: number;
	/** Clients must mask every frame. */
	masked?: boolean;
	payload?: Uint8Array;
	/** A payload length to claim instead of the real one. */
	claimed?: bigint;
}

export function frame(options: FrameOptions): Buffer {
	const payload = Buffer.from(options.payload ?? []);
	const masked = options.masked ?? true;
	const length = options.claimed ?? BigInt(payload.length);
	const head = [((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode];
	const bit = masked ? 0x80 : 0;
	let extended = Buffer.alloc(0);
	if (length < 126n) head.push(bit | Number(length));
	else if (length < 65536n) {
		head.push(bit | 126);
		extended = Buffer.alloc(2);
		extended.writeUInt16BE(Number(length));
	} else {
		head.push(bit | 127);
		extended = Buffer.alloc(8);
		extended.writeBigUInt64BE(length);
	}
	if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
	const key = randomBytes(4);
	const body = payload.map((byte, i) => byte ^ key[i % 4]!);
	return Buffer.concat([Buffer.from(head), extended, key, Buffer.from(body)]);
}

/**
 * A payload the Yjs endpoint reads and ignores (an unknown message type): a well-formed frame
 * that reaches the application changes nothing, so only the framing is under test.
 */
const inert = fc.uint8Array({ maxLength: 40 }).map((bytes) => Uint8Array.from([0x7e, ...bytes]));

const closePayload = (code: number, reason: Uint8Array = new Uint8Array()) => {
	const payload = Buffer.alloc(2 + reason.length);
	payload.writeUInt16BE(code);
	payload.set(reason, 2);
	return payload;
};

export const brokenFrame: fc.Arbitrary<Buffer[]> = fc.oneof<fc.Arbitrary<Buffer[]>[]>(
	fc.constant([Buffer.from([0x82, 0x01, 0x00])]),
	inert.map((payload) => [frame({ opcode: 2, masked: false, payload })]),
	fc
		.tuple(fc.constantFrom(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf), inert)
		.map(([opcode, payload]) => [frame({ opcode, payload })]),
	fc
		.tuple(fc.integer({ min: 1, max: 7 }), inert)
		.map(([rsv, payload]) => [frame({ opcode: 2, rsv, payload })]),
	fc
		.tuple(fc.constantFrom(2n ** 63n - 1n, 2n ** 53n, 2n ** 32n, 70_000n, 3_000_000n), inert)
		.map(([claimed, payload]) => [frame({ opcode: 2, claimed, payload })]),
	fc
		.constantFrom(9, 8, 10)
		.map((opcode) => [frame({ opcode, fin: false, payload: Uint8Array.of(1, 2) })]),
	fc.constant([frame({ opcode: 9, payload: new Uint8Array(126) })]),
	fc.constant([frame({ opcode: 8, payload: Uint8Array.of(3) })]),
	fc
		.constantFrom(0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535)
		.map((code) => [frame({ opcode: 8, payload: closePayload(code) })]),
	fc.constant([frame({ opcode: 8, payload: closePayload(1000, Uint8Array.of(0xff, 0xfe)) })]),
	inert.map((payload) => [frame({ opcode: 0, payload })]),
	inert.map((payload) => [
		frame({ opcode: 2, fin: false, payload }),
		frame({ opcode: 2, payload })
	]),
	fc.constant([frame({ opcode: 1, payload: Uint8Array.of(0xff, 0xfe, 0xfd) })]),
	fc.uint8Array({ minLength: 1, maxLength: 32 }).map((bytes) => [Buffer.from(bytes)])
);

export const goodFrames: fc.Arbitrary<Buffer[]> = fc.oneof<fc.Arbitrary<Buffer[]>[]>(
	inert.map((payload) => [frame({ opcode: 2, payload })]),
	fc
		.tuple(inert, inert)
		.map(([a, b]) => [
			frame({ opcode: 2, fin: false, payload: a }),
			frame({ opcode: 9 }),
			frame({ opcode: 0, payload: b })
		]),
	fc.constant([frame({ opcode: 9, payload: Uint8Array.of(1) }), frame({ opcode: 10 })]),
	fc.constant([frame({ opcode: 8, payload: closePayload(1000) })])
);

export type RawTarget = 'yjs-session' | 'yjs-unknown' | 'yjs-anonymous' | 'socket.io' | 'elsewhere';
export type Handshake =
	'complete' | 'unfinished' | 'bad-key' | 'bad-version' | 'no-key' | 'http/1.0' | 'huge-header';
export type Ending = 'wait' | 'end' | 'destroy' | 'reset' | 'hold';

export interface RawInput {
	target: RawTarget;
	/** Bytes before the request line. */
	preamble: Uint8Array | null;
	handshake: Handshake;
	/** Where an unfinished request is cut off, as a fraction of its length. */
	cut: number;
	frames: Buffer[];
	ending: Ending;
}

export const rawInput: fc.Arbitrary<RawInput> = fc.record({
	target: fc.constantFrom<RawTarget>(
		'yjs-session',
		'yjs-session',
		'yjs-unknown',
		'yjs-anonymous',
		'socket.io',
		'elsewhere'
	),
	preamble: sometimes(
		fc.oneof(
			fc.uint8Array({ minLength: 1, maxLength: 40 }),
			fc.constantFrom(
				Buffer.from('\r\n\r\nGARBAGE / HTTP/9.9\r\n'),
				Buffer.from([0x16, 0x03, 0x01, 0x00])
			)
		),
		6
	),
	handshake: fc.constantFrom<Handshake>(
		'complete',
		'complete',
		'complete',
		'unfinished',
		'bad-key',
		'bad-version',
		'no-key',
		'http/1.0',
		'huge-header'
	),
	cut: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
	frames: fc
		.array(fc.oneof({ weight: 3, arbitrary: brokenFrame }, { weight: 1, arbitrary: goodFrames }), {
			maxLength: 3
		})
		.map((groups) => groups.flat()),
	ending: fc.constantFrom<Ending>('wait', 'wait', 'end', 'destroy', 'reset', 'hold')
});

/** The upgrade request for a target, as raw bytes, possibly broken in the way asked for. */
export function upgradeRequest(options: {
	input: RawInput;
	path: string;
	host: string;
	cookie: string | null;
}): Buffer {
	const { input } = options;
	const version = input.handshake === 'http/1.0' ? 'HTTP/1.0' : 'HTTP/1.1';
	const lines = [
		`GET ${options.path} ${version}`,
		`Host: ${options.host}`,
		'Upgrade: websocket',
		'Connection: Upgrade'
	];
	if (input.handshake !== 'no-key')
		lines.push(
			`Sec-WebSocket-Key: ${input.handshake === 'bad-key' ? 'not base64 at all' : randomBytes(16).toString('base64')}`
		);
	lines.push(`Sec-WebSocket-Version: ${input.handshake === 'bad-version' ? '99' : '13'}`);
	if (options.cookie) lines.push(`Cookie: ${options.cookie}`);
	if (input.handshake === 'huge-header') lines.push(`X-Pad: ${'p'.repeat(20_000)}`);
	const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
	const whole = input.preamble ? Buffer.concat([Buffer.from(input.preamble), request]) : request;
	if (input.handshake !== 'unfinished') return whole;
	return whole.subarray(0, Math.max(1, Math.floor((whole.length - 4) * input.cut)));
}
