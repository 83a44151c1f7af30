import { checkInput } from '@kollegium/model';
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
		if (result.success) return;
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
