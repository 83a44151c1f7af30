import { MeetingCommand, ParticipantCommand } from '@kollegium/model';
import fc from 'fast-check';
import { deeplyNested, hostileString, hostileValue, pollutingObject, sometimes } from './junk.ts';
import { mutated } from './schema.ts';

/** The four sockets of a batch: signed in or with a link, before and after joining the meeting. */
export type SocketWho = 'control' | 'control-joined' | 'participant' | 'participant-joined';

/** One event emitted on one of a batch's sockets. */
export interface SocketInput {
	kind: 'event';
	who: SocketWho;
	event: string;
	args: unknown[];
	/** A function as the last argument (the client asks for an answer), none, or a non-function. */
	ack: 'function' | 'none' | 'not-a-function';
}

/** A connection attempt with made-up credentials: the middleware must refuse or accept it. */
export interface HandshakeInput {
	kind: 'handshake';
	auth: unknown;
	cookie: string | null;
}

export const clientEvents = ['meeting:join', 'meeting:command', 'meeting:hand', 'kollegium:watch'];

/** Event names no listener has, some of them an object's own property names. */
const strangeEvents = fc.constantFrom(
	'__proto__',
	'constructor',
	'toString',
	'meeting:frame',
	'x'.repeat(500),
	''
);

function payloadFor(event: string, kollegiumIds: string[]): fc.Arbitrary<unknown> {
	const id = fc.oneof(fc.constantFrom(...kollegiumIds), fc.uuid({ version: 4 }), hostileString);
	const shaped: Record<string, fc.Arbitrary<unknown>> = {
		'meeting:join': fc.record({
			kollegiumId: id,
			view: fc.constantFrom('control', 'presenter', 'participant', 'admin', '')
		}),
		'meeting:command': fc.record({
			type: fc.constantFrom('next', 'goto', 'lowerHand', 'reveal', 'explode', '__proto__'),
			position: fc.oneof(fc.integer(), hostileValue),
			handle: fc.oneof(fc.stringMatching(/^[\w-]{22}$/), fc.uuid({ version: 4 }), hostileValue)
		}),
		'meeting:hand': fc.record({ type: fc.constantFrom('raiseHand', 'lowerOwnHand', 'raise') }),
		'kollegium:watch': id
	};
	// `shaped['__proto__']` is Object.prototype: look up own keys only.
	const base = Object.hasOwn(shaped, event) ? shaped[event]! : hostileValue;
	return fc.oneof(
		{ weight: 3, arbitrary: mutated(base) },
		{ weight: 3, arbitrary: hostileValue },
		{ weight: 1, arbitrary: deeplyNested },
		{ weight: 1, arbitrary: pollutingObject },
		{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
		{ weight: 1, arbitrary: base }
	);
}

/**
 * Whether the server should carry this event out with a change to the meeting (a valid
 * command or hand): such inputs are not hostile and would write the meeting's state.
 */
export function changesMeeting(event: string, payload: unknown): boolean {
	if (event === 'meeting:command') return MeetingCommand.safeParse(payload).success;
	if (event === 'meeting:hand') return ParticipantCommand.safeParse(payload).success;
	return false;
}

export function socketInput(kollegiumIds: string[]): fc.Arbitrary<SocketInput | HandshakeInput> {
	const event = fc.oneof(
		{ weight: 8, arbitrary: fc.constantFrom(...clientEvents) },
		{ weight: 1, arbitrary: strangeEvents }
	);
	const emitted = event
		.chain((name) =>
			fc.record({
				kind: fc.constant('event' as const),
				who: fc.constantFrom<SocketWho>(
					'control',
					'control-joined',
					'participant',
					'participant-joined'
				),
				event: fc.constant(name),
				args: fc
					.tuple(
						payloadFor(name, kollegiumIds),
						sometimes(fc.array(hostileValue, { minLength: 1, maxLength: 2 }), 5)
					)
					.map(([first, extra]) => [first, ...(extra ?? [])]),
				ack: fc.constantFrom<SocketInput['ack']>('function', 'function', 'none', 'not-a-function')
			})
		)
		.filter((input) => !changesMeeting(input.event, input.args[0]));
	const handshake = fc.record({
		kind: fc.constant('handshake' as const),
		auth: fc.oneof(
			fc.record({ invitation: hostileValue }),
			hostileValue,
			fc.record({ invitation: fc.constantFrom('a'.repeat(43), '', 'Bearer x') })
		),
		cookie: fc.option(
			fc.oneof(
				hostileString.map(
					(text) => `kollegium_session=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}`
				),
				fc.constantFrom('kollegium_session=', '=;;=', 'kollegium_session="unterminated')
			)
		)
	});
	return fc.oneof({ weight: 9, arbitrary: emitted }, { weight: 1, arbitrary: handshake });
}
