import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface Cost {
	N: number;
	r: number;
	p: number;
}

// OWASP's scrypt floor (N=2^17, r=8, p=1); 128 MiB of memory per hash makes guessing costly.
const current: Cost = { N: 2 ** 17, r: 8, p: 1 };
const keyLength = 64;
/** The most a stored hash may ask for: a raised cost later must not take the server down. */
const MAX_MEMORY = 1024 * 1024 * 1024;

function derive(password: string, salt: Buffer, cost: Cost, length: number): Promise<Buffer> {
	// scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default).
	const maxmem = 128 * cost.N * cost.r * 2;
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, length, { ...cost, maxmem }, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

/** Hashes a password with scrypt and a random salt, in a self-describing string. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, current, keyLength);
	return `scrypt$${current.N}$${current.r}$${current.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Checks a password against a stored hash in constant time, with the cost the hash was made
 * with: raising the cost for new hashes must not lock out everyone who set a password before.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored);
	if (!parsed) return false;
	const actual = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
	return timingSafeEqual(actual, parsed.key);
}

/** Whether a stored hash was made with less than today's cost (rehash at the next sign-in). */
export function needsRehash(stored: string): boolean {
	const parsed = parseHash(stored);
	return (
		!parsed || parsed.cost.N < current.N || parsed.cost.r < current.r || parsed.cost.p < current.p
	);
}

function parseHash(stored: string): { cost: Cost; salt: Buffer; key: Buffer } | null {
	const [scheme, n, r, p, saltText, keyText, ...rest] = stored.split('$');
	if (scheme !== 'scrypt' || !saltText || !keyText || rest.length > 0) return null;
	const cost = { N: Number(n), r: Number(r), p: Number(p) };
	const sane =
		Number.isInteger(cost.N) &&
		cost.N > 1 &&
		(cost.N & (cost.N - 1)) === 0 &&
		Number.isInteger(cost.r) &&
		cost.r > 0 &&
		Number.isInteger(cost.p) &&
		cost.p > 0 &&
		128 * cost.N * cost.r <= MAX_MEMORY;
	const key = Buffer.from(keyText, 'base64');
	if (!sane || key.length === 0) return null;
	return { cost, salt: Buffer.from(saltText, 'base64'), key };
}
