import fc from 'fast-check';
import {
	deeplyNested,
	deeplyNestedText,
	hostileValue,
	notJson,
	pollutingObject,
	sometimes,
	unicodeJunk
} from './junk.ts';
import type { Operation } from './openapi.ts';
import { fromSchema, mutated } from './schema.ts';
import type { Group } from './tally.ts';
import type { Ids } from './world.ts';

/**
 * One HTTP request to the API and what it must get: `reject` a 4xx, `forbidden` exactly 403,
 * `any` anything but a 5xx (a GET the caller may make). No input here may be one the server
 * should carry out: those are filtered out, so no answer may write a row.
 */
export interface HttpInput {
	group: Group;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Buffer;
	expect: 'reject' | 'forbidden' | 'any';
}

/** What the inputs are aimed at: the routes, the fixture's ids and credentials. */
export interface HttpTarget {
	url: string;
	operations: Operation[];
	ids: Ids;
	cookie: string;
	/** A valid invitation of the same kollegium as `ids`. */
	invitation: string;
	/** Invitations that must behave like none: unknown, revoked, expired. */
	deadInvitations: string[];
}

type Auth = 'none' | 'session' | 'invitation' | 'both' | 'dead-bearer' | 'junk-cookie';

/** An id of the right form that names nothing here. */
const strangerId = fc.oneof(
	fc.uuid({ version: 4 }),
	fc.constant('00000000-0000-0000-0000-000000000000')
);

/** Not an id at all. */
const malformedId = fc.oneof(
	fc.constantFrom(
		'not-a-uuid',
		'%',
		'%zz',
		'%E0%A4%A',
		'..%2F..%2Fetc',
		'__proto__',
		'constructor',
		'-1',
		'1e309',
		'x'.repeat(2000)
	),
	unicodeJunk.map((text) => percentEncoded(text))
);

interface Param {
	value: string;
	valid: boolean;
	/** The right form (a uuid), so only whether it exists is in question. */
	wellFormed: boolean;
}

/** Every byte of the UTF-8 (lone surrogates become U+FFFD) as %XX; encodeURIComponent throws. */
function percentEncoded(text: string): string {
	return [...Buffer.from(text, 'utf8')]
		.map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)
		.join('');
}

const jsonType = fc.constantFrom(
	'application/json',
	'application/json; charset=utf-8',
	'APPLICATION/JSON',
	'application/vnd.kollegium+json',
	'application/json; charset=utf-16'
);
const wrongType = fc.constantFrom(
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'application/xml',
	'application/jsonx',
	'json',
	''
);

const isJsonType = (type: string) =>
	/^application\/([\w.-]+\+)?json$/i.test(type.split(';')[0]!.trim());

/** A body as bytes: JSON of a hostile value, text that is not JSON, nothing, or too much. */
function bodyFor(operation: Operation): fc.Arbitrary<{ text: Buffer | undefined; value: unknown }> {
	const json = (value: fc.Arbitrary<unknown>) =>
		value.map((v) => ({ text: Buffer.from(JSON.stringify(v) ?? 'null'), value: v }));
	const shaped = operation.body ? fromSchema(operation.body) : hostileValue;
	return fc.oneof(
		{ weight: 5, arbitrary: json(mutated(shaped)) },
		{ weight: 2, arbitrary: json(shaped) },
		{ weight: 2, arbitrary: json(hostileValue) },
		{ weight: 1, arbitrary: json(deeplyNested) },
		{
			weight: 1,
			arbitrary: deeplyNestedText.map((t) => ({ text: Buffer.from(t), value: undefined }))
		},
		{ weight: 1, arbitrary: json(pollutingObject) },
		{ weight: 2, arbitrary: notJson.map((t) => ({ text: Buffer.from(t), value: undefined })) },
		{ weight: 1, arbitrary: fc.constant({ text: Buffer.alloc(0), value: undefined }) },
		{ weight: 1, arbitrary: fc.constant({ text: undefined, value: undefined }) },
		{
			weight: 1,
			arbitrary: fc
				.uint8Array({ maxLength: 64 })
				.map((b) => ({ text: Buffer.from(b), value: undefined }))
		},
		{
			// Over the 256 KiB body limit.
			weight: 1,
			arbitrary: fc
				.integer({ min: 262_145, max: 400_000 })
				.map((n) => ({ text: Buffer.from(`{"a":"${'x'.repeat(n)}"}`), value: undefined }))
		}
	);
}

function parsed(text: Buffer | undefined): { ok: boolean; value?: unknown } {
	if (!text) return { ok: false };
	try {
		return { ok: true, value: JSON.parse(text.toString('utf8')) };
	} catch {
		return { ok: false };
	}
}

/** Hostile requests to every route of the document, from anyone, signed in or with a link. */
export function httpInput(target: HttpTarget): fc.Arbitrary<HttpInput> {
	return fc
		.constantFrom(...target.operations)
		.chain((operation) =>
			fc.record({
				operation: fc.constant(operation),
				params: fc.tuple(
					...operation.params.map((name): fc.Arbitrary<Param> => {
						const valid = target.ids[name] ?? [];
						const stranger = strangerId.map((value) => ({ value, valid: false, wellFormed: true }));
						const good =
							valid.length > 0
								? fc
										.constantFrom(...valid)
										.map((value) => ({ value, valid: true, wellFormed: true }))
								: stranger;
						return fc.oneof(
							{ weight: 4, arbitrary: good },
							{ weight: 1, arbitrary: stranger },
							{
								weight: 1,
								arbitrary: malformedId.map((value) => ({ value, valid: false, wellFormed: false }))
							}
						);
					})
				),
				auth: fc.constantFrom<Auth>(
					'none',
					'session',
					'invitation',
					'both',
					'dead-bearer',
					'junk-cookie'
				),
				body: bodyFor(operation),
				type: fc.oneof({ weight: 4, arbitrary: jsonType }, { weight: 1, arbitrary: wrongType }),
				dead: fc.constantFrom(...target.deadInvitations),
				query: sometimes(
					fc.constantFrom('?__proto__[isAdmin]=1', '?a=%zz', `?x=${'y'.repeat(3000)}`, '?=&&=='),
					5
				),
				language: sometimes(
					fc.constantFrom('*;q=NaN', 'sv'.repeat(2000), 'en-US,en;q=0.9,sv;q=x', '\u00e5'),
					5
				)
			})
		)
		.map((choice) => build(target, choice))
		.filter((input): input is HttpInput => input !== null);
}

function build(
	target: HttpTarget,
	choice: {
		operation: Operation;
		params: Param[];
		auth: Auth;
		body: { text: Buffer | undefined; value: unknown };
		type: string;
		dead: string;
		query: string | null;
		language: string | null;
	}
): HttpInput | null {
	const { operation, auth } = choice;
	let path = operation.path;
	operation.params.forEach((name, index) => {
		path = path.replace(`{${name}}`, choice.params[index]!.value);
	});
	const headers: Record<string, string> = { Origin: target.url };
	if (auth === 'session' || auth === 'both') headers.Cookie = target.cookie;
	if (auth === 'junk-cookie') headers.Cookie = 'kollegium_session=AAAA; __proto__=x';
	if (auth === 'invitation' || auth === 'both')
		headers.Authorization = `Bearer ${target.invitation}`;
	if (auth === 'dead-bearer') headers.Authorization = `Bearer ${choice.dead}`;
	if (choice.language) headers['Accept-Language'] = choice.language;
	const sendsBody = operation.method !== 'GET' && choice.body.text !== undefined;
	if (sendsBody && choice.type) headers['Content-Type'] = choice.type;
	const fits =
		operation.auth === 'public' ||
		(operation.auth === 'session' && (auth === 'session' || auth === 'both')) ||
		(operation.auth === 'invitation' && (auth === 'invitation' || auth === 'both'));
	const validIds = choice.params.every((param) => param.valid);
	const json = sendsBody && isJsonType(choice.type) ? parsed(choice.body.text) : { ok: false };
	const validBody = operation.body ? json.ok && operation.accepts(json.value) : true;
	let expect: HttpInput['expect'] = 'reject';
	if (operation.method === 'GET') {
		// Reading something that does not exist may answer 404 or an empty list; not a 5xx.
		if (fits && choice.params.every((param) => param.valid || param.wellFormed)) expect = 'any';
	} else if (operation.auth === 'public') {
		// Anyone may try to sign in or set up; with made-up credentials it must fail.
		if (operation.body === null) expect = 'any';
	} else if (fits && validIds && validBody) {
		return null; // the server should carry it out: not a hostile input
	} else if (operation.path === '/auth/logout' && !fits) {
		expect = 'any'; // signing out without a session does nothing, successfully
	}
	return {
		group: operation.group,
		method: operation.method,
		path: `/api${path}${choice.query ?? ''}`,
		headers,
		body: sendsBody ? choice.body.text : undefined,
		expect
	};
}

/** One of each kind of malformed body, with valid credentials and ids, on every JSON route. */
export function sweep(target: HttpTarget): HttpInput[] {
	const bodies: [string, Buffer][] = [
		['application/json', Buffer.from('{"a":')],
		['application/json', Buffer.alloc(0)],
		['text/plain', Buffer.from('{}')],
		['application/x-www-form-urlencoded', Buffer.from('a=1')],
		['application/json', Buffer.from('[]')],
		['application/json', Buffer.from('"just a string"')],
		['application/json', Buffer.from(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)],
		['application/json', Buffer.from(`{"a":"${'x'.repeat(300_000)}"}`)]
	];
	return target.operations
		.filter((operation) => operation.body && operation.auth !== 'public')
		.flatMap((operation) => {
			let path = operation.path;
			for (const name of operation.params)
				path = path.replace(`{${name}}`, target.ids[name]?.[0] ?? crypto.randomUUID());
			const credentials: Record<string, string> =
				operation.auth === 'session'
					? { Cookie: target.cookie }
					: { Authorization: `Bearer ${target.invitation}` };
			return bodies.map(([type, body]) => ({
				group: operation.group,
				method: operation.method,
				path: `/api${path}`,
				headers: { Origin: target.url, 'Content-Type': type, ...credentials },
				body,
				expect: 'reject' as const
			}));
		});
}
