/**
 * A small HTTP client for API tests: keeps the session cookie like a browser would, and
 * sends an invitation token as a Bearer header when given one.
 */
export class ApiClient {
	readonly #base: string;
	/** Every cookie the server set, like a browser's jar (path and expiry aside). */
	readonly #cookies = new Map<string, string>();
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
				// Browsers send Origin on every non-GET request; the CSRF check expects it.
				Origin: this.#base,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...(this.#cookies.size > 0 ? { Cookie: this.cookieHeader } : {}),
				...(this.invitation ? { Authorization: `Bearer ${this.invitation}` } : {}),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		for (const cookie of response.headers.getSetCookie()) {
			const [pair = ''] = cookie.split(';');
			const name = pair.slice(0, pair.indexOf('='));
			const value = pair.slice(pair.indexOf('=') + 1);
			if (value === '' || /max-age=0/i.test(cookie)) this.#cookies.delete(name);
			else this.#cookies.set(name, value);
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

	get cookieHeader(): string {
		return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
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
