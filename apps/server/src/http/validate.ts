import { checkInput } from '@kollegium/model';
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
	return validator<S, T, AppEnv, string>(target, schema, (result, c) => {
		if (result.success) return;
		const checked = checkInput(schema, result.data, c.get('locale'));
		const issues = checked.success ? [] : checked.issues;
		return c.json(errorBody('validation', c.get('locale'), issues), 400);
	});
}
