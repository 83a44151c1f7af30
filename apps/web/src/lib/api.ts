import { checkInput, type FieldIssue } from '@kollegium/model';
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

/** Calls our JSON API. An invitation token goes in the Authorization header, never the URL. */
export async function api<T>(
	path: string,
	options: { method?: string; body?: unknown; invitation?: string } = {}
): Promise<T> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	if (options.invitation) headers.Authorization = `Bearer ${options.invitation}`;
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method: options.method ?? 'GET',
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			credentials: 'same-origin'
		});
	} catch {
		throw new ApiFailure(0, 'network');
	}
	if (response.status === 204) return undefined as T;
	const data: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const body = (data ?? {}) as { error?: string; issues?: FieldIssue[] };
		throw new ApiFailure(response.status, body.error ?? 'generic', body.issues ?? []);
	}
	return data as T;
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
