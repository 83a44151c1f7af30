/**
 * Slows down password guessing: after a few failures for the same key (account or address),
 * each further attempt must wait, doubling up to a cap. In memory: one process serves all.
 */
export class LoginThrottle {
	readonly #failures = new Map<string, { count: number; last: number }>();
	readonly #freeAttempts: number;
	readonly #maxDelayMs: number;

	constructor(options: { freeAttempts?: number; maxDelayMs?: number } = {}) {
		this.#freeAttempts = options.freeAttempts ?? 5;
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
		if (!entry || entry.count < this.#freeAttempts) return 0;
		const delay = Math.min(this.#maxDelayMs, 1000 * 2 ** (entry.count - this.#freeAttempts));
		return Math.max(0, entry.last + delay - now);
	}

	#forgetOld(now: number): void {
		for (const [key, entry] of this.#failures) {
			if (now - entry.last > this.#maxDelayMs) this.#failures.delete(key);
		}
	}
}
