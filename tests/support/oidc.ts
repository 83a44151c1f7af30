import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test identity provider knows, by the login typed on its sign-in page. */
export interface ProviderAccount {
	email: string;
	emailVerified: boolean;
	name: string;
	hsaId?: string;
}

export const CLIENT = {
	id: 'kollegium',
	secret: 'ett-hemligt-klientlosenord-for-testet-0123456789'
};

/**
 * A real OpenID Connect provider (the oidc-provider package) on a random port of this machine,
 * with its development sign-in pages: type a login, press Sign-in, then Continue. The issuer is
 * known before Kollegium starts; the client (with Kollegium's redirect URI) is registered once
 * Kollegium's address is known, through `register`.
 */
export async function startOidcProvider(accounts: Record<string, ProviderAccount>) {
	const http: Server = createServer();
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	return {
		issuer,
		register(appUrl: string) {
			const provider = new Provider(issuer, {
				clients: [
					{
						client_id: CLIENT.id,
						client_secret: CLIENT.secret,
						redirect_uris: [`${appUrl}/auth/oidc/callback`],
						grant_types: ['authorization_code'],
						response_types: ['code'],
						token_endpoint_auth_method: 'client_secret_basic'
					}
				],
				claims: {
					openid: ['sub'],
					email: ['email', 'email_verified'],
					profile: ['name', 'hsa_id']
				},
				// The claims asked for by scope go into the ID token, which Kollegium reads.
				conformIdTokenClaims: false,
				features: { devInteractions: { enabled: true } },
				cookies: { keys: ['en nyckel bara för testet'] },
				findAccount: (_ctx, id) => {
					const account = accounts[id];
					if (!account) return undefined;
					return {
						accountId: id,
						claims: () => ({
							sub: id,
							email: account.email,
							email_verified: account.emailVerified,
							name: account.name,
							...(account.hsaId ? { hsa_id: account.hsaId } : {})
						})
					};
				}
			});
			// Koa's handler answers by itself; its promise only settles when the answer is sent.
			const handle = provider.callback();
			http.on('request', (req, res) => void handle(req, res));
		},
		close: () =>
			new Promise<void>((resolve) => {
				http.closeAllConnections();
				http.close(() => resolve());
			})
	};
}
