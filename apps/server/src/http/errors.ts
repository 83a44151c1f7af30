import type { FieldIssue } from '@kollegium/model';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stops a handler with a JSON error `{error, issues}`; `error` is a stable code the UI translates. */
export function fail(
	status: ContentfulStatusCode,
	error: string,
	issues: FieldIssue[] = [],
	headers: Record<string, string> = {}
): never {
	throw new HTTPException(status, { res: Response.json({ error, issues }, { status, headers }) });
}

/** Expected errors keep their status; anything else is logged and becomes a bare 500. */
export const onError: ErrorHandler = (error, c) => {
	if (error instanceof HTTPException) {
		if (error.res) return error.res;
		return c.json({ error: errorCode(error.status), issues: [] }, error.status);
	}
	console.error('Unhandled error on', c.req.method, c.req.path, error);
	return c.json({ error: 'internal', issues: [] }, 500);
};

function errorCode(status: number): string {
	if (status === 413) return 'bodyTooLarge';
	if (status === 401) return 'unauthenticated';
	if (status === 403) return 'forbidden';
	return 'badRequest';
}
