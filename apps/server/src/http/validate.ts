import { checkInput, fieldIssue } from '@kollegium/model';
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono-openapi';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './env.ts';
import { errorBody } from './errors.ts';

/**
 * Validates a request part with a model schema (which also documents it in OpenAPI). On
 * failure: 400 with `{error: 'validation', issues}`, messages in the caller's language.
 */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(
	target: T,
	schema: S
) {
	const check = validator<S, T, AppEnv, string>(target, schema, (result, c) => {
		const nul = result.success ? nulAt(result.data, '') : null;
		if (result.success && nul === null) return;
		if (nul !== null) {
			const issue = fieldIssue({ path: nul, message: 'invalid', locale: c.get('locale') });
			return c.json(errorBody('validation', c.get('locale'), [issue]), 400);
		}
		const checked = checkInput(schema, result.data, c.get('locale'));
		const issues = checked.success ? [] : checked.issues;
		return c.json(errorBody('validation', c.get('locale'), issues), 400);
	});
	if (target !== 'json') return check;
	// Hono reads a body of any other type as {}, which a schema of optional fields would pass.
	const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
		const type = c.req.header('content-type') ?? '';
		if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) {
			return c.json(errorBody('unsupportedMediaType', c.get('locale')), 415);
		}
		return check(c, next);
	});
	// Keeps what hono-openapi reads off the validator to document the body.
	Object.defineProperty(jsonOnly, 'name', { value: check.name, configurable: true });
	return Object.assign(jsonOnly, check) as unknown as typeof check;
}

/**
 * Where a string holds U+0000, if anywhere. PostgreSQL text cannot store it, and no person
 * types it: refused as invalid input on both engines, rather than a 500 on one of them.
 */
function nulAt(value: unknown, path: string): string | null {
	if (typeof value === 'string') return value.includes('\u0000') ? path : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, inner] of Object.entries(value)) {
		const found = nulAt(inner, path ? `${path}.${key}` : key);
		if (found !== null) return found;
	}
	return null;
}
