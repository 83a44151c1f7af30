import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import type { SamlConfig } from '../config.ts';
import type { SignInIdentity } from '../domain/external-sign-in.ts';

/** Minutes a sign-in may take at the provider before it has to start again. */
export const SAML_PENDING_MINUTES = 10;

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
/** Where providers usually put a display name (eduPerson/inetOrgPerson and their OIDs). */
const NAME_ATTRIBUTES = ['displayName', 'urn:oid:2.16.840.1.113730.3.1.241', 'cn', 'name'];

/** The one request a response may answer: the one this browser started, from the database. */
export interface PendingRequest {
	id: string;
	createdAt: string;
}

/**
 * Kollegium as a SAML 2.0 service provider, through node-saml: authentication requests over the
 * HTTP-Redirect binding, responses over HTTP-POST. A response must answer the request this
 * browser started (InResponseTo), carry a signed assertion from the configured certificate,
 * name us as its audience and be inside its time conditions; node-saml checks each of those.
 */
export class SamlServiceProvider {
	readonly #settings: SamlConfig;
	readonly #origin: () => string;

	/** `origin` is read late: the port may be chosen by the OS once the server listens. */
	constructor(settings: SamlConfig, origin: () => string) {
		this.#settings = settings;
		this.#origin = origin;
	}

	get label(): string {
		return this.#settings.label;
	}

	get matchAttribute(): string | null {
		return this.#settings.matchAttribute;
	}

	/** Our entity id: SAML_ISSUER, else the address of our metadata. */
	get entityId(): string {
		return this.#settings.issuer ?? `${this.#origin()}/auth/saml/metadata`;
	}

	get acsUrl(): string {
		return `${this.#origin()}/auth/saml/acs`;
	}

	#saml(options: { requestId: string; pending?: PendingRequest }): SAML {
		const { signing } = this.#settings;
		return new SAML({
			entryPoint: this.#settings.entryPoint,
			idpCert: this.#settings.idpCerts,
			idpIssuer: this.#settings.idpIssuer ?? undefined,
			issuer: this.entityId,
			audience: this.entityId,
			callbackUrl: this.acsUrl,
			// The provider decides how a person proves who they are (SITHS card, BankID …).
			identifierFormat: null,
			disableRequestedAuthnContext: true,
			wantAssertionsSigned: true,
			// Many providers sign only the assertion; a signed response is checked all the same.
			wantAuthnResponseSigned: false,
			acceptedClockSkewMs: 60_000,
			validateInResponseTo: ValidateInResponseTo.always,
			requestIdExpirationPeriodMs: SAML_PENDING_MINUTES * 60_000,
			generateUniqueId: () => options.requestId,
			cacheProvider: onlyRequest(options.pending),
			signatureAlgorithm: 'sha256',
			...(signing ? { privateKey: signing.privateKey, publicCert: signing.cert } : {})
		});
	}

	/** Where to send the browser (HTTP-Redirect binding), and the request id it must answer. */
	async start(options: { relayState: string }): Promise<{ url: string; requestId: string }> {
		const requestId = newId();
		const url = await this.#saml({ requestId }).getAuthorizeUrlAsync(
			options.relayState,
			undefined,
			{}
		);
		return { url, requestId };
	}

	/** Checks a response posted back; throws if anything does not hold. */
	async finish(samlResponse: string, pending: PendingRequest): Promise<SignInIdentity> {
		const saml = this.#saml({ requestId: pending.id, pending });
		const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
		if (!profile) throw new Error('The SAML response holds no assertion');
		return this.#identityOf(profile);
	}

	#identityOf(profile: Profile): SignInIdentity {
		const email =
			(this.#settings.emailAttribute
				? text(profile[this.#settings.emailAttribute])
				: (text(profile.email) ??
					(profile.nameIDFormat === EMAIL_FORMAT ? text(profile.nameID) : null))) ?? null;
		const name = NAME_ATTRIBUTES.map((key) => text(profile[key])).find(Boolean) ?? null;
		const claim = this.#settings.matchAttribute
			? text(profile[this.#settings.matchAttribute])
			: null;
		return {
			provider: 'saml',
			// Only a persistent NameID names the same person next time; transient ones do not.
			subject:
				profile.nameIDFormat === PERSISTENT && profile.nameID
					? `${profile.issuer}|${profile.nameID}`
					: null,
			email: email?.toLowerCase() ?? null,
			// What the region's provider signs about its staff comes from its own catalogue.
			emailVerified: email !== null,
			name,
			claim
		};
	}

	/** Our metadata for the provider's administrator: entity id, ACS address, signing certificate. */
	metadata(): string {
		const cert = this.#settings.signing?.cert ?? null;
		return this.#saml({ requestId: newId() }).generateServiceProviderMetadata(null, cert);
	}
}

/** A SAML id: an xs:ID, which must not start with a digit. */
function newId(): string {
	return `_${randomBytes(20).toString('hex')}`;
}

/** An attribute's value as one string; the first of several. */
function text(value: unknown): string | null {
	const first: unknown = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() ? first.trim() : null;
}

/**
 * node-saml's memory of requests, narrowed to the one this browser started: it knows that id and
 * no other, so a response to another browser's request (or to none) is refused. Answering once is
 * enforced by the caller, in the database.
 */
function onlyRequest(pending: PendingRequest | undefined): CacheProvider {
	return {
		saveAsync: (_key, value) => Promise.resolve({ value, createdAt: Date.now() }),
		getAsync: (key) => Promise.resolve(pending && key === pending.id ? pending.createdAt : null),
		removeAsync: () => Promise.resolve(null)
	};
}
