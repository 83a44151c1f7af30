import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every setting comes from the environment; the README's configuration table lists them. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** The address people reach the app at; links in invitations are built from it. */
	publicUrl: string | null;
	templatesDir: string;
	/** Days an invitation stays valid after the meeting. */
	invitationGraceDays: number;
	/** Days a facilitator stays signed in. */
	sessionDays: number;
	/** Largest accepted request body, in bytes. */
	bodyLimit: number;
	/** Set cookies with Secure (behind HTTPS). */
	secureCookies: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	const publicUrl = env.PUBLIC_URL?.replace(/\/$/, '') || null;
	return {
		port: integer(env.PORT, 3000, 'PORT'),
		host: env.HOST || '0.0.0.0',
		dataDir: resolve(env.DATA_DIR || './data'),
		publicUrl,
		templatesDir: resolve(env.TEMPLATES_DIR || resolve(repoRoot, 'templates')),
		invitationGraceDays: integer(env.INVITATION_GRACE_DAYS, 14, 'INVITATION_GRACE_DAYS'),
		sessionDays: integer(env.SESSION_DAYS, 14, 'SESSION_DAYS'),
		bodyLimit: integer(env.BODY_LIMIT, 256 * 1024, 'BODY_LIMIT'),
		secureCookies: env.SECURE_COOKIES
			? env.SECURE_COOKIES === 'true'
			: Boolean(publicUrl?.startsWith('https:'))
	};
}

function integer(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0)
		throw new Error(`${name} must be a whole number, got "${value}"`);
	return parsed;
}
