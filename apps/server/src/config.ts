import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every setting comes from the environment; the README's configuration table lists them. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** postgres://… to store everything in PostgreSQL; null keeps the SQLite file in dataDir. */
	databaseUrl: string | null;
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
	/** smtp(s)://user:password@host:port to send e-mail through; null switches e-mail off. */
	smtpUrl: string | null;
	/** The sender of every message, for example "Kollegium <kollegium@region.se>". */
	mailFrom: string;
	/** How often the outbox is looked through for messages due, in milliseconds. */
	mailPollMs: number;
	/** Days after a plan is final before the handledare is reminded to pass the feedback on. */
	handoverReminderDays: number;
	/** Sign-in through the region's identity provider (OpenID Connect); null when not set up. */
	oidc: OidcConfig | null;
	/** Whether colleagues may sign in with a password (PASSWORD_SIGN_IN=off turns it off). */
	passwordSignIn: boolean;
}

export interface OidcConfig {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** What the sign-in button calls the provider, for example "SITHS eID". */
	label: string;
	/**
	 * The claim an account is recognised by besides the verified e-mail, for example an
	 * HSA-id; recorded at the first sign-in by e-mail.
	 */
	matchClaim: string | null;
}

/** A setting that cannot work as given; start-up stops with this message. */
export class ConfigError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	const publicUrl = publicOrigin(env.PUBLIC_URL);
	// Without PUBLIC_URL the links say localhost, which only this machine can follow; so only
	// this machine may connect, and links are never built from a request's Host header.
	const host = env.HOST || (publicUrl ? '0.0.0.0' : '127.0.0.1');
	if (!publicUrl && !isLoopback(host)) {
		throw new ConfigError(
			`HOST=${host} would let other devices connect, but without PUBLIC_URL their links would ` +
				'point at localhost. Set PUBLIC_URL to the address people reach Kollegium at ' +
				'(for example PUBLIC_URL=https://kollegium.example.se), or leave HOST unset.'
		);
	}
	return {
		port: integer(env.PORT, 3000, 'PORT'),
		host,
		dataDir: resolve(env.DATA_DIR || './data'),
		databaseUrl: databaseUrl(env.DATABASE_URL),
		publicUrl,
		templatesDir: resolve(env.TEMPLATES_DIR || resolve(repoRoot, 'templates')),
		invitationGraceDays: integer(env.INVITATION_GRACE_DAYS, 14, 'INVITATION_GRACE_DAYS'),
		sessionDays: integer(env.SESSION_DAYS, 14, 'SESSION_DAYS'),
		bodyLimit: integer(env.BODY_LIMIT, 256 * 1024, 'BODY_LIMIT'),
		secureCookies: env.SECURE_COOKIES
			? env.SECURE_COOKIES === 'true'
			: Boolean(publicUrl?.startsWith('https:')),
		// Checked when a message is sent, not here: a mistyped address leaves every message
		// failed with the reason to read, and the meeting runs on.
		smtpUrl: env.SMTP_URL || null,
		mailFrom:
			env.MAIL_FROM ||
			`Kollegium <kollegium@${publicUrl ? new URL(publicUrl).hostname : 'localhost'}>`,
		mailPollMs: integer(env.MAIL_POLL_MS, 2000, 'MAIL_POLL_MS'),
		handoverReminderDays: integer(env.HANDOVER_REMINDER_DAYS, 14, 'HANDOVER_REMINDER_DAYS'),
		oidc: oidcConfig(env),
		passwordSignIn: passwordSignIn(env)
	};
}

function publicOrigin(value: string | undefined): string | null {
	if (!value) return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(
			`PUBLIC_URL must be an address such as https://kollegium.example.se, got "${value}"`
		);
	}
	if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search)
		throw new ConfigError(
			`PUBLIC_URL must be an http(s) address without a path, such as https://kollegium.example.se, got "${value}"`
		);
	return url.origin;
}

function passwordSignIn(env: NodeJS.ProcessEnv): boolean {
	if (env.PASSWORD_SIGN_IN !== 'off') return true;
	// Without another way in, nobody could sign in at all.
	if (!env.OIDC_ISSUER)
		throw new ConfigError(
			'PASSWORD_SIGN_IN=off needs sign-in through an identity provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET'
		);
	return false;
}

function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
	const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
	if (!issuer && !clientId && !clientSecret) return null;
	if (!issuer || !clientId || !clientSecret)
		throw new ConfigError(
			'Sign-in through an identity provider needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET'
		);
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		throw new ConfigError(`OIDC_ISSUER must be the provider's address, got "${issuer}"`);
	}
	// Plain http only to this machine (a provider in a test); anything else must be https.
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname)))
		throw new ConfigError(`OIDC_ISSUER must be an https address, got "${issuer}"`);
	return {
		issuer,
		clientId,
		clientSecret,
		label: env.OIDC_LABEL || 'e-legitimation',
		matchClaim: env.OIDC_MATCH_CLAIM || null
	};
}

function databaseUrl(value: string | undefined): string | null {
	if (!value) return null;
	// Never echo the value: it carries the password.
	if (!/^postgres(ql)?:\/\//.test(value))
		throw new ConfigError(
			'DATABASE_URL must be a PostgreSQL address such as postgres://user:password@host/kollegium'
		);
	return value;
}

/** Whether an address to listen on is reachable from this machine only. */
export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function integer(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0)
		throw new ConfigError(`${name} must be a whole number, got "${value}"`);
	return parsed;
}
