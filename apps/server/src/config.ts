import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// #13 privacy
import { retentionFromEnv, type RetentionConfig } from './retention/config.ts';

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
	/** #12 saml: sign-in through the region's identity provider over SAML 2.0; null when not set up. */
	saml: SamlConfig | null;
	/** Whether colleagues may sign in with a password (PASSWORD_SIGN_IN=off turns it off). */
	passwordSignIn: boolean;
	/** #13 privacy: each kind of data's retention period in days (RETENTION_*_DAYS). */
	retention: RetentionConfig;
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

// #12 saml
export interface SamlConfig {
	/** The identity provider's single sign-on address (SAML_ENTRY_POINT, HTTP-Redirect binding). */
	entryPoint: string;
	/** The identity provider's signing certificates (PEM); more than one while it rolls keys over. */
	idpCerts: string[];
	/** The identity provider's entity id (SAML_IDP_ISSUER); when set, no other issuer is taken. */
	idpIssuer: string | null;
	/** Our entity id (SAML_ISSUER); null: `<PUBLIC_URL>/auth/saml/metadata`. */
	issuer: string | null;
	/** What the sign-in button calls the provider (SAML_LABEL). */
	label: string;
	/** The attribute an account is recognised by besides the e-mail, for example an HSA-id. */
	matchAttribute: string | null;
	/** The attribute holding the e-mail address; null: `mail`, `email` or an e-mail NameID. */
	emailAttribute: string | null;
	/** Our key and certificate (PEM) to sign authentication requests with; null: unsigned. */
	signing: { privateKey: string; cert: string } | null;
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
		saml: samlConfig(env, publicUrl),
		passwordSignIn: passwordSignIn(env),
		// #13 privacy
		retention: retentionFromEnv(env)
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
	if (!env.OIDC_ISSUER && !env.SAML_ENTRY_POINT)
		throw new ConfigError(
			'PASSWORD_SIGN_IN=off needs sign-in through an identity provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or SAML_ENTRY_POINT and SAML_IDP_CERT'
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

// #12 saml
function samlConfig(env: NodeJS.ProcessEnv, publicUrl: string | null): SamlConfig | null {
	const { SAML_ENTRY_POINT: entryPoint, SAML_IDP_CERT: idpCert } = env;
	if (!entryPoint && !idpCert) return null;
	if (!entryPoint || !idpCert)
		throw new ConfigError('Sign-in through SAML 2.0 needs both SAML_ENTRY_POINT and SAML_IDP_CERT');
	if (!isSecureOrLocal(entryPoint))
		throw new ConfigError(
			`SAML_ENTRY_POINT must be the identity provider's https address, got "${entryPoint}"`
		);
	// The provider posts the assertion across sites: the browser keeps the request's cookie for
	// that only when it is Secure, so the app itself must be reached over https.
	if (publicUrl && !isSecureOrLocal(publicUrl))
		throw new ConfigError('Sign-in through SAML 2.0 needs PUBLIC_URL to be an https address');
	const { SAML_PRIVATE_KEY: key, SAML_CERT: cert } = env;
	if (Boolean(key) !== Boolean(cert))
		throw new ConfigError('SAML_PRIVATE_KEY and SAML_CERT go together: set both or neither');
	return {
		entryPoint,
		idpCerts: certificates(idpCert, 'SAML_IDP_CERT'),
		idpIssuer: env.SAML_IDP_ISSUER || null,
		issuer: env.SAML_ISSUER || (publicUrl ? `${publicUrl}/auth/saml/metadata` : null),
		label: env.SAML_LABEL || 'e-legitimation',
		matchAttribute: env.SAML_MATCH_ATTRIBUTE || null,
		emailAttribute: env.SAML_EMAIL_ATTRIBUTE || null,
		signing:
			key && cert
				? {
						privateKey: privateKeyOf(key),
						cert: certificates(cert, 'SAML_CERT')[0] ?? ''
					}
				: null
	};
}

/** https, or plain http to this machine only (a provider started by a test). */
function isSecureOrLocal(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
	} catch {
		return false;
	}
}

/** PEM given inline, as bare base64, or as the path of a file holding it. */
function pemOf(value: string, name: string): string {
	const inline = value.replace(/\\n/g, '\n').trim();
	if (inline.startsWith('-----BEGIN')) return inline;
	if (/^[A-Za-z0-9+/=\s]{200,}$/.test(inline))
		return `-----BEGIN CERTIFICATE-----\n${inline.replace(/\s+/g, '')}\n-----END CERTIFICATE-----`;
	try {
		return readFileSync(inline, 'utf8');
	} catch {
		throw new ConfigError(
			`${name} must be PEM text or the path of a PEM file; cannot read "${value}"`
		);
	}
}

function certificates(value: string, name: string): string[] {
	const found = pemOf(value, name).match(
		/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
	);
	if (!found) throw new ConfigError(`${name} holds no certificate (-----BEGIN CERTIFICATE-----)`);
	for (const pem of found) {
		try {
			new X509Certificate(pem);
		} catch {
			throw new ConfigError(`${name} holds a certificate that cannot be read`);
		}
	}
	return found;
}

function privateKeyOf(value: string): string {
	const pem = pemOf(value, 'SAML_PRIVATE_KEY');
	try {
		createPrivateKey(pem);
	} catch {
		// Never echo the value: it is the key.
		throw new ConfigError('SAML_PRIVATE_KEY is not a readable private key (PEM)');
	}
	return pem;
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
