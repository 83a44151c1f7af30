/**
 * A small HTTP client for API tests: keeps the session cookie like a browser would, and
 * sends an invitation token as a Bearer header when given one.
 */
export class ApiClient {
	readonly #base: string;
	#cookie = '';
	readonly invitation: string | undefined;

	constructor(base: string, options: { invitation?: string } = {}) {
		this.#base = base;
		this.invitation = options.invitation;
	}

	async request(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	) {
		const response = await fetch(`${this.#base}/api${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...(this.#cookie ? { Cookie: this.#cookie } : {}),
				...(this.invitation ? { Authorization: `Bearer ${this.invitation}` } : {}),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		const setCookie = response.headers.getSetCookie();
		for (const cookie of setCookie) {
			const [pair] = cookie.split(';');
			if (pair?.startsWith('kollegium_session=')) this.#cookie = pair.endsWith('=') ? '' : pair;
		}
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			json = null;
		}
		return { status: response.status, headers: response.headers, text, json: json as any };
	}

	get = (path: string) => this.request('GET', path);
	post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
	put = (path: string, body: unknown) => this.request('PUT', path, body);
	delete = (path: string) => this.request('DELETE', path);
}

/** The token at the end of an invitation or setup URL. */
export function tokenOf(url: string): string {
	return url.split('/').pop() ?? '';
}
