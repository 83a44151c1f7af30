import fc from 'fast-check';
import WebSocket from 'ws';
import type { Family } from './batch.ts';
import { hostileValue } from './junk.ts';
import type { SocketInput } from './socket-inputs.ts';
import type { Outcome } from './tally.ts';
import type { World } from './world.ts';

/**
 * Raw engine.io/socket.io packets over a websocket to `/socket.io/?EIO=4&transport=websocket`,
 * below the client library: garbage, packets with broken types, ack ids and binary attachment
 * counts, events with no namespace connection, and oversized messages.
 */
export interface EngineInput {
	cookie: boolean;
	packets: (string | Uint8Array)[];
}

const garbage = fc.oneof(
	fc.constantFrom(
		'',
		'0',
		'1',
		'2probe',
		'3',
		'5',
		'6',
		'9',
		'4',
		'49',
		'40/nowhere,',
		`40/${'n'.repeat(5000)},`,
		'41',
		'44{"message":"x"}',
		'43[]',
		'4399999999999999999999[]',
		'42',
		'42[]',
		'42{}',
		'42["__proto__"]',
		'42["meeting:join"',
		'421-["meeting:join",{"_placeholder":true,"num":0}]',
		'451-["meeting:join",{"_placeholder":true,"num":0}]',
		'4599999-["meeting:join",{"_placeholder":true,"num":99}]',
		'451-["meeting:join",{"_placeholder":true,"num":"__proto__"}]',
		'461-[{"_placeholder":true,"num":0}]',
		`42${'['.repeat(10_000)}`,
		`42["meeting:command","${'x'.repeat(70_000)}"]`
	),
	fc.string({ maxLength: 60, unit: 'binary' }),
	fc.uint8Array({ maxLength: 64 })
);

/** An event as the client library would write it, with a made-up ack id. */
function eventPacket(event: SocketInput): fc.Arbitrary<string> {
	return fc
		.option(fc.oneof(fc.nat(), fc.constantFrom(-1, 2 ** 53)), { freq: 2 })
		.map((id) => `42${id ?? ''}${JSON.stringify([event.event, ...event.args], bytesAsText)}`);
}

const bytesAsText = (_key: string, value: unknown) =>
	value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value;

export function engineInput(events: fc.Arbitrary<SocketInput>): fc.Arbitrary<EngineInput> {
	const packet = fc.oneof(
		{ weight: 2, arbitrary: garbage },
		{ weight: 2, arbitrary: events.chain(eventPacket) }
	);
	const connectPacket = fc.oneof(
		fc.constant('40'),
		hostileValue.map((auth) => `40${JSON.stringify(auth) ?? ''}`)
	);
	return fc.record({
		cookie: fc.boolean(),
		packets: fc
			.tuple(
				fc.option(connectPacket, { freq: 4, nil: undefined }),
				fc.array(packet, { minLength: 1, maxLength: 6 })
			)
			.map(([first, rest]) => (first === undefined ? rest : [first, ...rest]))
	});
}

/** Sends the packets, then waits for the server to close or fall quiet. */
function sendEngine(world: World, input: EngineInput): Promise<Outcome> {
	const url = `${world.server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
	const described = `engine.io cookie=${input.cookie} packets=${JSON.stringify(
		input.packets.map((p) =>
			typeof p === 'string'
				? p.length > 120
					? `${p.slice(0, 120)}…(${p.length})`
					: p
				: `<${p.length} bytes>`
		)
	)}`;
	return new Promise((resolve) => {
		const headers = input.cookie ? { cookie: world.facilitator.cookieHeader } : undefined;
		const ws = new WebSocket(url, { headers, handshakeTimeout: 3000 });
		const received: string[] = [];
		let quiet: NodeJS.Timeout | undefined;
		const finish = (closedByServer: boolean, code?: number) => {
			clearTimeout(quiet);
			ws.removeAllListeners();
			ws.on('error', () => undefined);
			ws.terminate();
			const acks = received.filter((text) => /^43\d/.test(text));
			const internal = received.find((text) => text.includes('"internal"'));
			const status: Outcome['status'] = internal
				? '5xx'
				: acks.length > 0
					? acks.some((text) => text.includes('"ok":true'))
						? '2xx'
						: '4xx'
					: closedByServer
						? 'closed'
						: 'none';
			resolve({
				group: 'engine.io',
				status,
				input: described,
				answer: `${closedByServer ? `closed ${code ?? ''}` : 'open'}; received ${JSON.stringify(received.slice(0, 4)).slice(0, 300)}`,
				...(internal ? { failure: '5xx' } : {})
			});
		};
		const settle = () => {
			clearTimeout(quiet);
			quiet = setTimeout(() => finish(false), 60);
		};
		ws.on('open', () => {
			for (const packet of input.packets) ws.send(packet, { binary: typeof packet !== 'string' });
			settle();
		});
		ws.on('message', (data: Buffer, binary: boolean) => {
			if (!binary) received.push(data.toString('utf8'));
			settle();
		});
		ws.on('close', (code) => finish(true, code));
		ws.on('error', () => finish(true));
		ws.on('unexpected-response', (_request, response) => finish(true, response.statusCode));
	});
}

export function engineFamily(
	world: World,
	arbitrary: fc.Arbitrary<EngineInput>
): Family<EngineInput> {
	return {
		name: 'engine.io',
		arbitrary,
		concurrency: 8,
		open: () =>
			Promise.resolve({
				run: (input: EngineInput) => sendEngine(world, input),
				close: () => Promise.resolve()
			})
	};
}
