import {
	checkInput,
	endpointRequest,
	type BodyOf,
	type EndpointKey,
	type FieldIssue,
	type JsonEndpointKey,
	type ParamNameOf,
	type PdfEndpointKey,
	type QueryOf,
	type ResponseOf
} from '@kollegium/model';
import type { z } from 'zod';
import { hasMessage, i18n, t } from './i18n/i18n.svelte.ts';

/** An API answer other than 2xx, or no answer at all (status 0, code `network`). */
export class ApiFailure extends Error {
	readonly status: number;
	readonly code: string;
	readonly issues: FieldIssue[];

	constructor(status: number, code: string, issues: FieldIssue[] = []) {
		super(code);
		this.status = status;
		this.code = code;
		this.issues = issues;
	}
}

type ParamsPart<K extends EndpointKey> = [ParamNameOf<K>] extends [never]
	? { params?: undefined }
	: { params: Record<ParamNameOf<K>, string> };
type BodyPart<K extends EndpointKey> = [BodyOf<K>] extends [never]
	? { body?: undefined }
	: { body: BodyOf<K> };
type QueryPart<K extends EndpointKey> = [QueryOf<K>] extends [never]
	? { query?: undefined }
	: { query: QueryOf<K> };
/** What a call gives: exactly the parts its route has, each typed by the endpoint table. */
export type CallOptions<K extends EndpointKey> = { invitation?: string } & ParamsPart<K> &
	BodyPart<K> &
	QueryPart<K>;

/** The options argument, optional where a route needs none of them. */
export type CallArguments<K extends EndpointKey> =
	Record<string, never> extends CallOptions<K>
		? [options?: CallOptions<K>]
		: [options: CallOptions<K>];

interface AnyCallOptions {
	invitation?: string;
	params?: Record<string, string>;
	body?: unknown;
	query?: Record<string, string | number | boolean | null | undefined>;
}

/** Sends a call to our API. An invitation token goes in the Authorization header, never the URL. */
async function send(
	key: EndpointKey,
	options: AnyCallOptions,
	accept: 'application/json' | 'application/pdf'
): Promise<Response> {
	const { method, path } = endpointRequest(key, options);
	const headers: Record<string, string> = { Accept: accept };
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	if (options.invitation) headers.Authorization = `Bearer ${options.invitation}`;
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			credentials: 'same-origin'
		});
	} catch {
		throw new ApiFailure(0, 'network');
	}
	if (!response.ok) {
		const data: unknown = await response.json().catch(() => null);
		const body = (data ?? {}) as { error?: string; issues?: FieldIssue[] };
		throw new ApiFailure(response.status, body.error ?? 'generic', body.issues ?? []);
	}
	return response;
}

/**
 * Calls a JSON route of our API, named as in the model's endpoint table:
 * `api('GET /kollegier/:id', { params: { id } })`. Parameters, query and body are typed by the
 * table, and so is the answer: the output of the route's response schema.
 */
export const api = async <K extends JsonEndpointKey>(
	key: K,
	...[options]: CallArguments<K>
): Promise<ResponseOf<K>> => {
	const response = await send(key, (options ?? {}) as AnyCallOptions, 'application/json');
	if (response.status === 204) return undefined as ResponseOf<K>;
	return (await response.json().catch(() => null)) as ResponseOf<K>;
};

/** Fetches a PDF route of our API (see `api`), for a download. */
export async function apiPdf<K extends PdfEndpointKey>(
	key: K,
	...[options]: CallArguments<K>
): Promise<{ blob: Blob; disposition: string }> {
	const response = await send(key, (options ?? {}) as AnyCallOptions, 'application/pdf');
	return {
		blob: await response.blob(),
		disposition: response.headers.get('content-disposition') ?? ''
	};
}

/** A sentence for the person, in their language, for any failure. */
export function describeError(error: unknown): string {
	if (error instanceof ApiFailure) {
		const key = `error.${error.code}`;
		return hasMessage(key) ? t(key) : t('error.generic');
	}
	return t('error.generic');
}

/** Field messages keyed by dotted path, from server issues or local validation. */
export type FieldErrors = Record<string, string>;

export function toFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) errors[issue.path] ??= issue.message;
	return errors;
}

/**
 * Checks input with the same schema the server uses, before sending, so the person sees
 * the message beside the field at once.
 */
export function precheck<S extends z.ZodType>(schema: S, input: unknown) {
	const result = checkInput(schema, input, i18n.locale);
	return result.success
		? { ok: true as const, data: result.data, errors: {} }
		: { ok: false as const, errors: toFieldErrors(result.issues) };
}
