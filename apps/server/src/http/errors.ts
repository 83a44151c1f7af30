import { errorMessage, type FieldIssue, type Locale } from '@kollegium/model';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.ts';

/** An expected failure: a stable code the UI translates, the fields at fault, extra headers. */
export class ApiFailure extends HTTPException {
	readonly code: string;
	readonly issues: FieldIssue[];
	readonly headers: Record<string, string>;

	constructor(
		status: ContentfulStatusCode,
		options: { code: string; issues: FieldIssue[]; headers: Record<string, string> }
	) {
		super(status, { message: options.code });
		this.code = options.code;
		this.issues = options.issues;
		this.headers = options.headers;
	}
}

/**
 * Stops a handler with a JSON error `{error, message, issues}`: `error` is a stable code the UI
 * may act on, `message` says it in the reader's language (onError adds it, knowing the locale).
 */
export function fail(
	status: ContentfulStatusCode,
	error: string,
	issues: FieldIssue[] = [],
	headers: Record<string, string> = {}
): never {
	throw new ApiFailure(status, { code: error, issues, headers });
}

/** The body of every API error. */
export function errorBody(code: string, locale: Locale, issues: FieldIssue[] = []) {
	return { error: code, message: errorMessage(code, locale), issues };
}

/** Expected errors keep their status; anything else is logged and becomes a bare 500. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
	// detectLocale sets it on every /api request; anything else (/healthz) reads Swedish.
	const locale = c.get('locale') ?? 'sv';
	if (error instanceof ApiFailure) {
		return c.json(errorBody(error.code, locale, error.issues), error.status, error.headers);
	}
	if (error instanceof HTTPException) {
		if (error.res) return error.res;
		return c.json(errorBody(errorCode(error.status), locale), error.status);
	}
	console.error('Unhandled error on', c.req.method, c.req.path, error);
	return c.json(errorBody('internal', locale), 500);
};

function errorCode(status: number): string {
	if (status === 413) return 'bodyTooLarge';
	if (status === 401) return 'unauthenticated';
	if (status === 403) return 'forbidden';
	return 'badRequest';
}
