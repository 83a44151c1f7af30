import { request as httpRequest } from 'node:http';
import type { ApiClient } from '../support/client.ts';

/**
 * Helpers shared by the API tests: building complete answers from a form snapshot, and
 * scanning any JSON value for text or keys that must not be there.
 */

interface FormItem {
	id: string;
	type: 'rating' | 'text' | 'choice';
	audience?: 'all' | 'assessor' | 'self';
	required?: boolean;
	scale?: string;
	options?: { value: string }[];
}

interface FormSnapshot {
	scales: { id: string; steps: { value: number }[] }[];
	sections: { about: string; items: FormItem[] }[];
}

/** The items one respondent sees about one kind of subject, as the server decides them. */
export function itemsFor(form: FormSnapshot, about: string, role: 'assessor' | 'self' | 'trainee') {
	return form.sections
		.filter((section) => section.about === about)
		.flatMap((section) => section.items)
		.filter((item) => {
			const audience = item.audience ?? 'all';
			return audience === 'all' || audience === role;
		});
}

/**
 * An answer to every item: the given rating on each scale item, the first option of each
 * choice, and `text` in every free-text item.
 */
export function fullAnswers(
	form: FormSnapshot,
	options: { about: string; role: 'assessor' | 'self' | 'trainee'; rating?: number; text?: string }
): Record<string, string | number> {
	const answers: Record<string, string | number> = {};
	for (const item of itemsFor(form, options.about, options.role)) {
		if (item.type === 'rating') {
			const steps = form.scales.find((scale) => scale.id === item.scale)?.steps ?? [];
			const wanted = options.rating ?? steps[0]?.value ?? 1;
			answers[item.id] = steps.some((step) => step.value === wanted)
				? wanted
				: (steps[0]?.value ?? 1);
		} else if (item.type === 'choice') {
			answers[item.id] = item.options?.[0]?.value ?? '';
		} else {
			answers[item.id] = options.text ?? 'Ingen kommentar.';
		}
	}
	return answers;
}

/** Calls `visit` on every object (not array) inside a JSON value, with its path. */
export function eachObject(
	value: unknown,
	visit: (object: Record<string, unknown>, path: string) => void,
	path = '$'
): void {
	if (Array.isArray(value)) {
		value.forEach((entry, index) => eachObject(entry, visit, `${path}[${index}]`));
	} else if (value !== null && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		visit(object, path);
		for (const [key, entry] of Object.entries(object)) eachObject(entry, visit, `${path}.${key}`);
	}
}

/**
 * Every place in a JSON value (keys and string values, at any depth) where one of the secrets
 * occurs, as `path: secret`. Empty when the value is clean.
 */
export function findSecrets(value: unknown, secrets: readonly string[], path = '$'): string[] {
	const hits: string[] = [];
	const check = (text: string, where: string) => {
		for (const secret of secrets) if (text.includes(secret)) hits.push(`${where}: ${secret}`);
	};
	if (typeof value === 'string') check(value, path);
	else if (Array.isArray(value)) {
		value.forEach((entry, index) => hits.push(...findSecrets(entry, secrets, `${path}[${index}]`)));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			check(key, `${path} (key)`);
			hits.push(...findSecrets(entry, secrets, `${path}.${key}`));
		}
	}
	return hits;
}

/** Every key anywhere in a JSON value. */
export function allKeys(value: unknown): Set<string> {
	const keys = new Set<string>();
	eachObject(value, (object) => Object.keys(object).forEach((key) => keys.add(key)));
	return keys;
}

function parseJson(text: string): unknown {
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return null;
	}
}

/**
 * One request on its own connection (no keep-alive pool), for requests the server may cut
 * short, such as an oversized body, so they cannot disturb the next test's requests.
 */
export function isolatedRequest(
	url: string,
	options: { method: string; headers?: Record<string, string>; body?: string }
): Promise<{ status: number; text: string; json: any }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			url,
			{ method: options.method, headers: options.headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: response.statusCode ?? 0, text, json: parseJson(text) });
				});
			}
		);
		// The server may answer and close before the whole body is written.
		request.on('error', (error: NodeJS.ErrnoException) =>
			error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)
		);
		request.end(options.body);
	});
}

/** A trainee subject as the facilitator adds one. */
export const trainee = (name: string, extra: Record<string, unknown> = {}) => ({
	kind: 'trainee',
	name,
	specialty: 'Internmedicin',
	stStart: '2025-09-01',
	regulation: 'HSLF-FS 2021:8',
	...extra
});

/** The paths of a 400 answer's issues. */
export const pathsOf = (json: { issues: { path: string }[] }) =>
	json.issues.map((issue) => issue.path);

/**
 * DELETE as a same-origin page sends it: a request without a body has no JSON content type,
 * so the CSRF check wants to see the page's Origin.
 */
export const del = (client: ApiClient, base: string, path: string) =>
	client.request('DELETE', path, undefined, { Origin: base });
