import fc from 'fast-check';
import { hostileNumber, hostileString, hostileValue, pollutingKeys } from './junk.ts';
import type { JsonSchema } from './openapi.ts';

/**
 * Values shaped by a route's JSON schema (the subset zod emits: objects, strings with
 * patterns and formats, integers with bounds, arrays, enums, anyOf/oneOf), and mutations of
 * them. The generated values aim at the schema; whether one is valid is for the route's
 * validator to say, not for this module.
 */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
	if (depth > 6) return fc.constant(null);
	const choices = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
	if (choices) return fc.oneof(...choices.map((choice) => fromSchema(choice, depth + 1)));
	if ('const' in schema) return fc.constant(schema.const);
	if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
	switch (schema.type) {
		case 'object':
			return objectOf(schema, depth);
		case 'array':
			return fc.array(fromSchema((schema.items ?? {}) as JsonSchema, depth + 1), {
				minLength: (schema.minItems as number | undefined) ?? 0,
				maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, 4)
			});
		case 'string':
			return stringOf(schema);
		case 'integer':
			return fc.integer({
				min: Math.max((schema.minimum as number | undefined) ?? -1000, -(2 ** 31)),
				max: Math.min((schema.maximum as number | undefined) ?? 1000, 2 ** 31)
			});
		case 'number':
			return fc.double({ noNaN: true, noDefaultInfinity: true });
		case 'boolean':
			return fc.boolean();
		case 'null':
			return fc.constant(null);
		default:
			return hostileValue;
	}
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
	const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
	const required = (schema.required ?? []) as string[];
	const record: Record<string, fc.Arbitrary<unknown>> = {};
	for (const [key, property] of Object.entries(properties))
		record[key] = fromSchema(property, depth + 1);
	const extra = schema.additionalProperties as JsonSchema | undefined;
	const fixed = fc.record(record, { requiredKeys: required });
	if (!extra || typeof extra !== 'object') return fixed;
	const keys = fc.string({ minLength: 1, maxLength: 12 });
	return fc
		.tuple(fixed, fc.dictionary(keys, fromSchema(extra, depth + 1), { maxKeys: 4 }))
		.map(([known, more]) => ({ ...more, ...(known as object) }));
}

const formats: Record<string, fc.Arbitrary<string>> = {
	email: fc.emailAddress(),
	uuid: fc.uuid({ version: 4 }),
	uri: fc.webUrl(),
	date: fc
		.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
		.map((date) => date.toISOString().slice(0, 10)),
	'date-time': fc
		.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
		.map((date) => date.toISOString())
};

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
	const format = formats[schema.format as string];
	if (format) return format;
	if (typeof schema.pattern === 'string')
		return fc.stringMatching(new RegExp(schema.pattern)).map((text) => text.slice(0, 200));
	return fc.string({
		minLength: (schema.minLength as number | undefined) ?? 0,
		maxLength: Math.min((schema.maxLength as number | undefined) ?? 40, 40)
	});
}

/** A value with one thing wrong: a key dropped, a value replaced, the whole thing retyped. */
export function mutated(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
	return fc
		.record({
			base: value,
			which: fc.nat(),
			how: fc.nat(),
			junk: fc.oneof(hostileValue, hostileNumber, hostileString),
			key: fc.constantFrom(...pollutingKeys)
		})
		.map(mutate);
}

function mutate(options: {
	base: unknown;
	which: number;
	how: number;
	junk: unknown;
	key: string;
}) {
	const { base, which, how, junk, key } = options;
	if (base === null || typeof base !== 'object' || Array.isArray(base)) {
		return [junk, [base], { value: base }, JSON.stringify(base) ?? ''][how % 4];
	}
	const object = { ...(base as Record<string, unknown>) };
	const keys = Object.keys(object);
	const target = keys.length > 0 ? keys[which % keys.length]! : 'missing';
	switch (how % 6) {
		case 0:
			delete object[target];
			return object;
		case 1:
			return { ...object, [target]: junk };
		case 2:
			return { ...object, [target]: null };
		case 3:
			return { ...object, [target]: [object[target]] };
		case 4: {
			// JSON.parse makes `__proto__` an own key; a merge that copies it pollutes Object.prototype.
			const rest = keys.length > 0 ? `, ${JSON.stringify(object).slice(1)}` : '}';
			return JSON.parse(`{"${key}": {"isAdmin": true}${rest}`);
		}
		default:
			return [object];
	}
}
