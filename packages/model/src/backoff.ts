/**
 * How long a client waits before its next reconnect attempt: exponential, capped, and spread
 * by ±50 % so that after a server restart every client does not come back in the same
 * millisecond. `attempt` counts failed attempts since the last good connection, from 0.
 */
export function jitteredBackoff(
	attempt: number,
	options: { base?: number; max?: number; random?: () => number } = {}
): number {
	const { base = 250, max = 5000, random = Math.random } = options;
	const delay = Math.min(base * 2 ** Math.max(0, attempt), max);
	return Math.round(delay * (0.5 + random()));
}
