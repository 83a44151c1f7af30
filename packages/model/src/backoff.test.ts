import { describe, expect, it } from 'vitest';
import { jitteredBackoff } from './backoff.ts';

describe('reconnect backoff', () => {
	it('grows with each failed attempt up to the cap', () => {
		const middle = () => 0.5;
		expect([0, 1, 2, 3, 10].map((n) => jitteredBackoff(n, { random: middle }))).toEqual([
			250, 500, 1000, 2000, 5000
		]);
	});

	it('spreads clients over half to one and a half times the delay', () => {
		expect(jitteredBackoff(2, { random: () => 0 })).toBe(500);
		expect(jitteredBackoff(2, { random: () => 0.999 })).toBe(1499);
		const delays = new Set(Array.from({ length: 50 }, () => jitteredBackoff(3)));
		expect(delays.size).toBeGreaterThan(20);
	});
});
