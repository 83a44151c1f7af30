import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token, URL-safe. Handed out once; only its hash is stored. */
export function randomToken(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token. A fast hash suffices: the tokens are 256 random bits, so a stolen table
 * cannot be reversed by guessing, unlike a password.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}
