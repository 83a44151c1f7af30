/**
 * Slows down password guessing: after a few failures for the same key (account or address),
 * each further attempt must wait, doubling up to a cap. In memory: one process serves all.
 */
export class LoginThrottle {
	readonly #failures = new Map<string, { count: number; last: number }>();
	readonly #freeAttempts: number;
	readonly #freeAttemptsPerAddress: number;
	readonly #maxDelayMs: number;

	/**
	 * An account gets few free attempts; an address many more, since behind a clinic's proxy
	 * every colleague shares one, and one person's typos must not lock everyone out.
	 */
	constructor(
		options: { freeAttempts?: number; freeAttemptsPerAddress?: number; maxDelayMs?: number } = {}
	) {
		this.#freeAttempts = options.freeAttempts ?? 5;
		this.#freeAttemptsPerAddress = options.freeAttemptsPerAddress ?? 50;
		this.#maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
	}

	/** Milliseconds to wait before the next attempt for these keys may be tried; 0 if none. */
	retryAfterMs(keys: readonly string[], now: number): number {
		return Math.max(0, ...keys.map((key) => this.#waitFor(key, now)));
	}

	recordFailure(keys: readonly string[], now: number): void {
		for (const key of keys) {
			const entry = this.#failures.get(key);
			this.#failures.set(key, { count: (entry?.count ?? 0) + 1, last: now });
		}
		if (this.#failures.size > 10_000) this.#forgetOld(now);
	}

	recordSuccess(keys: readonly string[]): void {
		for (const key of keys) this.#failures.delete(key);
	}

	#waitFor(key: string, now: number): number {
		const entry = this.#failures.get(key);
		const free = key.startsWith('address:') ? this.#freeAttemptsPerAddress : this.#freeAttempts;
		if (!entry || entry.count < free) return 0;
		const delay = Math.min(this.#maxDelayMs, 1000 * 2 ** (entry.count - free));
		return Math.max(0, entry.last + delay - now);
	}

	#forgetOld(now: number): void {
		for (const [key, entry] of this.#failures) {
			if (now - entry.last > this.#maxDelayMs) this.#failures.delete(key);
		}
	}
}
