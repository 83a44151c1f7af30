import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

/** A hash as an older release (or another cost setting) would have stored it. */
function hashWith(password: string, cost: { N: number; r: number; p: number }, length = 64) {
	const salt = randomBytes(16);
	const key = scryptSync(password.normalize('NFKC'), salt, length, {
		...cost,
		maxmem: 256 * 1024 * 1024
	});
	return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('passwords', () => {
	it('verifies a hash made with other cost parameters than today’s', async () => {
		const stored = hashWith('ett långt lösenord', { N: 2 ** 14, r: 8, p: 2 }, 32);
		expect(await verifyPassword('ett långt lösenord', stored)).toBe(true);
		expect(await verifyPassword('ett annat lösenord', stored)).toBe(false);
		expect(needsRehash(stored)).toBe(true);
	});

	it('verifies its own hashes, which need no rehash', async () => {
		const stored = await hashPassword('ett långt lösenord');
		expect(await verifyPassword('ett långt lösenord', stored)).toBe(true);
		expect(await verifyPassword('ett långt lösenorD', stored)).toBe(false);
		expect(needsRehash(stored)).toBe(false);
	});

	it('refuses malformed hashes and costs that would exhaust memory, without throwing', async () => {
		const good = hashWith('x', { N: 2 ** 10, r: 8, p: 1 });
		const [, , , , salt, key] = good.split('$');
		for (const stored of [
			'',
			'bcrypt$10$abc',
			`scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
			`scrypt$${2 ** 30}$8$1$${salt}$${key}`, // 1 TiB of memory
			`scrypt$1024$0$1$${salt}$${key}`,
			`scrypt$1024$8$1$${salt}$`
		]) {
			expect(await verifyPassword('x', stored), stored).toBe(false);
		}
	});
});
