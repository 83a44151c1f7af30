import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt floor (N=2^17, r=8, p=1); 128 MiB of memory per hash makes guessing costly.
const params: ScryptOptions = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const keyLength = 64;

function derive(password: string, salt: Buffer): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, keyLength, params, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

/** Hashes a password with scrypt and a random salt, in a self-describing string. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt);
	return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, , , , saltText, keyText] = stored.split('$');
	if (scheme !== 'scrypt' || !saltText || !keyText) return false;
	const expected = Buffer.from(keyText, 'base64');
	const actual = await derive(password, Buffer.from(saltText, 'base64'));
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}
