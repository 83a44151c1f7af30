import { routePolicies, type EndpointKey } from '@kollegium/model';
import { z } from 'zod';
import type { Group } from './tally.ts';

export type JsonSchema = Record<string, unknown>;

/** One route of the JSON API as its OpenAPI document describes it. */
export interface Operation {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** The path under /api with `{name}` placeholders, as in the document. */
	path: string;
	params: string[];
	/** The JSON body's schema, or null when the route takes no body. */
	body: JsonSchema | null;
	/** Whether a body satisfies the schema (always false for a route without one). */
	accepts: (value: unknown) => boolean;
	/** Who the route is for: anyone, the signed-in studierektor, or an invitation holder. */
	auth: 'public' | 'session' | 'invitation';
	group: Group;
}

const groups: Group[] = ['/api/auth', '/api/catalog', '/api/kollegier', '/api/respond'];

export const groupOf = (path: string): Group =>
	groups.find((group) => `/api${path}`.startsWith(group)) ?? '/api/other';

/** Who a route is for, from the model's policy table (the server's own rule). */
function authOf(path: string, method: string): Operation['auth'] {
	if (path.startsWith('/respond')) return 'invitation';
	// Signing out goes by the session cookie.
	if (path === '/auth/logout' && method === 'POST') return 'session';
	const key = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}` as EndpointKey;
	return routePolicies[key] === 'public' ? 'public' : 'session';
}

/** Every operation in `GET /api/openapi.json`, with a validator for its body. */
export async function loadOperations(url: string): Promise<Operation[]> {
	const response = await fetch(`${url}/api/openapi.json`);
	if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
	const document = (await response.json()) as {
		paths: Record<string, Record<string, Record<string, any>>>;
	};
	const operations: Operation[] = [];
	for (const [path, methods] of Object.entries(document.paths)) {
		for (const [method, operation] of Object.entries(methods)) {
			const upper = method.toUpperCase() as Operation['method'];
			if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
			const body = (operation.requestBody?.content?.['application/json']?.schema ??
				null) as JsonSchema | null;
			const schema = body ? z.fromJSONSchema(body) : null;
			const params = ((operation.parameters ?? []) as { in: string; name: string }[])
				.filter((parameter) => parameter.in === 'path')
				.map((parameter) => parameter.name);
			operations.push({
				method: upper,
				path,
				params,
				body,
				accepts: (value) => schema?.safeParse(value).success ?? false,
				auth: authOf(path, upper),
				group: groupOf(path)
			});
		}
	}
	return operations;
}
