import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { hostileString } from './junk.ts';

/**
 * Who opens the document connection: the studierektor's session (writes), a participant
 * with a fresh ticket (writes, during the meeting), and connections that must be refused with
 * 4403 before anything of the document is sent.
 */
export type YjsTarget =
	| 'session'
	| 'ticket'
	| 'anonymous'
	| 'unknown-kollegium'
	| 'invitation-in-url'
	| 'junk-ticket'
	| 'spent-ticket'
	| 'foreign-origin';

export const writers: ReadonlySet<YjsTarget> = new Set(['session', 'ticket']);

export interface YjsInput {
	target: YjsTarget;
	messages: Uint8Array[];
}

const message = (write: (encoder: encoding.Encoder) => void) => {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
};

/** A document with some edits in it, as a real editor would have it. */
const edited = fc
	.tuple(
		// The client id comes from the seed too, so the same seed sends the same bytes.
		fc.integer({ min: 1, max: 2 ** 31 }),
		fc.array(fc.tuple(fc.constantFrom('text', 'map', 'xml'), fc.string({ maxLength: 12 })), {
			minLength: 1,
			maxLength: 5
		})
	)
	.map(([clientID, edits]) => {
		const doc = new Y.Doc();
		doc.clientID = clientID;
		for (const [kind, text] of edits) {
			if (kind === 'text') doc.getText('notes').insert(0, text);
			else if (kind === 'map') doc.getMap('plan:x').set(text || 'k', text);
			else doc.getXmlFragment('x:summary').insert(0, [new Y.XmlText(text)]);
		}
		return doc;
	});

/** Well-formed messages of every kind the endpoint reads: sync steps, updates, awareness. */
export const validMessage: fc.Arbitrary<Uint8Array> = fc
	.tuple(edited, fc.constantFrom('step1', 'step2', 'update', 'awareness', 'query'), fc.jsonValue())
	.map(([doc, kind, state]) => {
		switch (kind) {
			case 'step1':
				return message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, doc)));
			case 'step2':
				return message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, doc)));
			case 'update':
				return message(
					(e) => (
						encoding.writeVarUint(e, 0),
						syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))
					)
				);
			case 'awareness': {
				const awareness = new awarenessProtocol.Awareness(doc);
				awareness.setLocalState({ user: { name: 'Någon annan' }, state });
				const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
				awareness.destroy();
				return message(
					(e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, update))
				);
			}
			default:
				return Uint8Array.of(3);
		}
	});

/** Every prefix of a message shorter than itself. */
export const everyTruncation = (full: Uint8Array) =>
	Array.from({ length: full.length }, (_, n) => full.slice(0, n));

const varint = (value: number) => message((e) => encoding.writeVarUint(e, value));

/** Messages that are wrong: truncated, bit-flipped, with broken varints or lengths no one sent. */
export const brokenMessage: fc.Arbitrary<Uint8Array> = fc.oneof(
	{
		weight: 3,
		arbitrary: validMessage.chain((m) =>
			fc.nat(Math.max(0, m.length - 1)).map((n) => m.slice(0, n))
		)
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(validMessage, fc.nat(), fc.integer({ min: 1, max: 255 }))
			.map(([m, at, bits]) => {
				const copy = m.slice();
				if (copy.length > 0) copy[at % copy.length] = copy[at % copy.length]! ^ bits;
				return copy;
			})
	},
	{ weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
			Uint8Array.of(0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
			Uint8Array.of(0, 9),
			Uint8Array.of(0, 2),
			Uint8Array.of(0, 2, 0),
			Uint8Array.of(1, 0),
			Uint8Array.of(1, 1, 0),
			Uint8Array.of(7, 1, 2, 3)
		)
	},
	{
		// A length far larger than the message: the reader must not trust it.
		weight: 2,
		arbitrary: fc
			.tuple(
				fc.constantFrom([0, 0], [0, 1], [0, 2], [1]),
				fc.constantFrom(2 ** 31, 2 ** 32 + 5, 2 ** 50, 2 ** 53 - 1),
				fc.uint8Array({ maxLength: 8 })
			)
			.map(([head, length, rest]) => Uint8Array.from([...head, ...varint(length), ...rest]))
	},
	{
		weight: 1,
		arbitrary: hostileString.map((text) =>
			message((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(
					e,
					message((inner) => {
						encoding.writeVarUint(inner, 1);
						encoding.writeVarUint(inner, 123456);
						encoding.writeVarUint(inner, 1);
						encoding.writeVarString(inner, text);
					})
				);
			})
		)
	}
);

/**
 * Whether a message could change the document if the server applied it (a sync step 2 or an
 * update that decodes): sent only on connections that must not apply anything.
 */
export function mayWrite(data: Uint8Array): boolean {
	try {
		const decoder = decoding.createDecoder(data);
		if (decoding.readVarUint(decoder) !== 0) return false;
		const kind = decoding.readVarUint(decoder);
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate)
			return false;
		const update = decoding.readVarUint8Array(decoder);
		return (
			decodes(() => Y.decodeUpdate(update)) || decodes(() => Y.applyUpdate(new Y.Doc(), update))
		);
	} catch {
		return false;
	}
}

/**
 * Whether applying this message's update throws only after changing the document: Yjs
 * integrates the structs before it reads the delete set, so an update cut short there is half
 * applied, and a server that stores every change it sees stores that half.
 */
export function halfApplies(data: Uint8Array): boolean {
	const update = updateOf(data);
	if (!update) return false;
	const doc = new Y.Doc();
	let changed = false;
	doc.on('update', () => (changed = true));
	try {
		Y.applyUpdate(doc, update);
		return false;
	} catch {
		return changed;
	} finally {
		doc.destroy();
	}
}

/** The update inside a sync step 2 or update message, if it has one. */
function updateOf(data: Uint8Array): Uint8Array | null {
	try {
		const decoder = decoding.createDecoder(data);
		if (decoding.readVarUint(decoder) !== 0) return null;
		const kind = decoding.readVarUint(decoder);
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate)
			return null;
		return decoding.readVarUint8Array(decoder);
	} catch {
		return null;
	}
}

/** Whether the server answers this message with a sync step 2 (it is a readable step 1). */
export function asksForState(data: Uint8Array): boolean {
	try {
		const decoder = decoding.createDecoder(data);
		if (decoding.readVarUint(decoder) !== 0) return false;
		if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return false;
		Y.decodeStateVector(decoding.readVarUint8Array(decoder));
		return true;
	} catch {
		return false;
	}
}

function decodes(attempt: () => unknown): boolean {
	try {
		attempt();
		return true;
	} catch {
		return false;
	}
}

export function yjsInput(): fc.Arbitrary<YjsInput> {
	const anyMessage = fc.oneof(
		{ weight: 3, arbitrary: brokenMessage },
		{ weight: 1, arbitrary: validMessage }
	);
	return fc
		.record({
			target: fc.constantFrom<YjsTarget>(
				'session',
				'session',
				'session',
				'ticket',
				'anonymous',
				'unknown-kollegium',
				'invitation-in-url',
				'junk-ticket',
				'spent-ticket',
				'foreign-origin'
			),
			messages: fc.array(anyMessage, { minLength: 1, maxLength: 4 })
		})
		.map((input) =>
			writers.has(input.target)
				? { ...input, messages: input.messages.filter((m) => !mayWrite(m)) }
				: input
		);
}

/**
 * Every truncation of one message of each kind (step 1, step 2, update, awareness), sent by
 * the studierektor's writing connection: none may crash the endpoint or store anything.
 */
export function truncations(seed: number): YjsInput[] {
	const kinds = fc.sample(validMessage, { seed, numRuns: 40 });
	const byType = new Map<string, Uint8Array>();
	for (const m of kinds) byType.set(`${m[0]}:${m[1]}`, m);
	const messages = [...byType.values()];
	// The update inside a well-framed message cut short, so the reader gets past the framing.
	const inner = messages.flatMap((m) => {
		const update = updateOf(m);
		if (!update) return [];
		return everyTruncation(update).map((part) =>
			message((e) => {
				encoding.writeVarUint(e, 0);
				encoding.writeVarUint(e, m[1]!);
				encoding.writeVarUint8Array(e, part);
			})
		);
	});
	return [...messages.flatMap(everyTruncation), ...inner]
		.filter((m) => !mayWrite(m))
		.map((m) => ({ target: 'session' as const, messages: [m] }));
}
