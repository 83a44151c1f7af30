import fc from 'fast-check';

/**
 * Hostile values, shared by every family: the strings, numbers and shapes that break parsers
 * and validators. Values here are JSON-representable unless said otherwise.
 */

/** `value` once in `times` draws, else null (fc.option's `freq` is the odds of null instead). */
export const sometimes = <T>(value: fc.Arbitrary<T>, times: number): fc.Arbitrary<T | null> =>
	fc.oneof({ weight: times - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });

/** Keys that reach an object's prototype when code merges objects carelessly. */
export const pollutingKeys = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty'
];

/** Text that is valid UTF-16 but unkind: controls, bidi overrides, lone surrogates, emoji. */
export const unicodeJunk = fc.constantFrom(
	'\u0000',
	'\u0000\u0001\u001f\u007f',
	'\u202e\u2066gnp.exe',
	'\ud800',
	'\udfff\ud800',
	'\ufeff',
	'\uffff\ufffe',
	'👩‍⚕️🏥'.repeat(20),
	'Z̸̡̛͓̥̮a̴̢͉l̷̙̀g̶o̵',
	'%00%ff%zz',
	'../../../etc/passwd',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'${7*7}{{7*7}}',
	'\r\nSet-Cookie: x=1'
);

/** Numbers JSON can carry that a schema's bounds or an integer column do not expect. */
export const hostileNumber = fc.oneof(
	fc.constantFrom(
		-1,
		-0,
		0.5,
		2 ** 31,
		2 ** 53 + 2,
		-(2 ** 63),
		1e308,
		-1e308,
		Number.MAX_SAFE_INTEGER,
		Number.MIN_VALUE
	),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer()
);

/** A string that is long enough to matter, but under the body limit. */
export const longString = fc
	.tuple(fc.constantFrom('a', 'å', '🏥', '\u0000', '"\\'), fc.integer({ min: 1_000, max: 60_000 }))
	.map(([unit, times]) => unit.repeat(times));

export const hostileString = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
	{ weight: 2, arbitrary: unicodeJunk },
	{ weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', 'true', '0', '-1', 'NaN') },
	{ weight: 1, arbitrary: longString }
);

/** Nested arrays or objects, as values: deep, but not so deep a client cannot encode them. */
export const deeplyNested = fc
	.tuple(fc.integer({ min: 20, max: 300 }), fc.boolean())
	.map(([depth, arrays]) => {
		let value: unknown = 1;
		for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { a: value };
		return value;
	});

/** Nested JSON text deep enough to exhaust a recursive reader (valid JSON, under the limit). */
export const deeplyNestedText = fc
	.tuple(fc.integer({ min: 1_000, max: 40_000 }), fc.boolean())
	.map(([depth, arrays]) =>
		arrays
			? `${'['.repeat(depth)}1${']'.repeat(depth)}`
			: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
	);

/** An object with prototype-polluting keys, as JSON.parse would produce it (own properties). */
export const pollutingObject = fc
	.tuple(fc.constantFrom(...pollutingKeys), fc.constantFrom(...pollutingKeys))
	.map(([outer, inner]) =>
		JSON.parse(`{"${outer}": {"${inner}": {"polluted": true}}, "isAdmin": true}`)
	);

/** Any hostile JSON value, with containers of hostile values. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ maxDepth: 3, depthIdentifier: 'hostile' },
		{ weight: 3, arbitrary: hostileString },
		{ weight: 2, arbitrary: hostileNumber },
		{ weight: 1, arbitrary: fc.constantFrom(null, true, false) },
		{ weight: 1, arbitrary: pollutingObject },
		{ weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
		{
			weight: 1,
			arbitrary: fc.dictionary(
				fc.oneof(fc.constantFrom(...pollutingKeys), fc.string({ maxLength: 8 })),
				tie('value'),
				{ maxKeys: 4 }
			)
		}
	)
})).value;

/** Text that is not JSON, or JSON a strict parser refuses. */
export const notJson = fc.oneof(
	fc.constantFrom(
		'{',
		'}',
		'[1,',
		'{"a":1,}',
		"{'a':1}",
		'nul',
		'NaN',
		'Infinity',
		'{"a":undefined}',
		'/* */ {}',
		'{"a":1} trailing',
		'\ufeff{}',
		'{"a":"\\u12"}',
		'{"a":"\\x00"}',
		'{"__proto__":',
		'"unterminated',
		'['.repeat(100_000),
		'{"a":'.repeat(20_000)
	),
	fc.string({ maxLength: 200, unit: 'binary' }).filter((text) => !isJson(text))
);

export function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
