import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';

/** What the provider said about the person, from the verified ID token. */
export interface ExternalIdentity {
	/** `issuer|sub`: stable for the person at this provider. */
	subject: string;
	email: string | null;
	emailVerified: boolean;
	name: string | null;
	/** The configured claim's value (OIDC_MATCH_CLAIM), if the provider sent it. */
	claim: string | null;
}

/** What the browser carries between the redirect to the provider and the way back. */
export interface PendingSignIn {
	state: string;
	nonce: string;
	verifier: string;
	returnTo: string;
}

/**
 * The region's identity provider over OpenID Connect, through openid-client: discovery once
 * (kept, and tried again after a failure), authorization code with PKCE, state and nonce.
 */
export class OidcClient {
	readonly #settings: OidcConfig;
	#configuration: Promise<client.Configuration> | null = null;

	constructor(settings: OidcConfig) {
		this.#settings = settings;
	}

	get label(): string {
		return this.#settings.label;
	}

	#discover(): Promise<client.Configuration> {
		if (!this.#configuration) {
			const issuer = new URL(this.#settings.issuer);
			this.#configuration = client
				.discovery(
					issuer,
					this.#settings.clientId,
					undefined,
					client.ClientSecretBasic(this.#settings.clientSecret),
					// Plain http only for a provider on this machine (config.ts refuses any other).
					issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined
				)
				.catch((error: unknown) => {
					this.#configuration = null;
					throw error;
				});
		}
		return this.#configuration;
	}

	/** Where to send the browser, and what it must bring back. */
	async start(options: {
		redirectUri: string;
		returnTo: string;
	}): Promise<{ url: URL; pending: PendingSignIn }> {
		const configuration = await this.#discover();
		const verifier = client.randomPKCECodeVerifier();
		const pending: PendingSignIn = {
			state: client.randomState(),
			nonce: client.randomNonce(),
			verifier,
			returnTo: options.returnTo
		};
		const url = client.buildAuthorizationUrl(configuration, {
			redirect_uri: options.redirectUri,
			scope: 'openid email profile',
			code_challenge: await client.calculatePKCECodeChallenge(verifier),
			code_challenge_method: 'S256',
			state: pending.state,
			nonce: pending.nonce
		});
		return { url, pending };
	}

	/** Exchanges the code the provider sent back; throws if anything does not match. */
	async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ExternalIdentity> {
		const configuration = await this.#discover();
		const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
			pkceCodeVerifier: pending.verifier,
			expectedState: pending.state,
			expectedNonce: pending.nonce,
			idTokenExpected: true
		});
		const claims = tokens.claims();
		if (!claims) throw new Error('The provider sent no ID token');
		const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
		const claim = this.#settings.matchClaim ? claims[this.#settings.matchClaim] : undefined;
		return {
			subject: `${claims.iss}|${claims.sub}`,
			email: text(claims.email)?.toLowerCase() ?? null,
			emailVerified: claims.email_verified === true,
			name: text(claims.name),
			claim: text(claim)
		};
	}
}
