import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as samlify from 'samlify';
import { generate } from 'selfsigned';
import type { SamlConfig } from '../../apps/server/src/config.ts';

/** A person the test identity provider knows, by the login typed on its sign-in page. */
export interface IdpAccount {
	name: string;
	email?: string;
	/** An HSA-id, sent as the `hsaIdentity` attribute (SITHS-like). */
	hsaId?: string;
	/** A persistent NameID; without one the provider sends a fresh transient NameID each time. */
	persistentId?: string;
}

/** What a test may change in a response, to see it refused. */
export interface ResponseChanges {
	audience?: string;
	/** Shifts NotBefore, NotOnOrAfter and IssueInstant by this many minutes. */
	shiftMinutes?: number;
	/** The request answered; null leaves InResponseTo out (an unsolicited response). */
	inResponseTo?: string | null;
	/** Signed by another key than the one Kollegium trusts (a forger claiming the same name). */
	forged?: boolean;
}

const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

// The test provider takes the requests its own test sends; a real provider checks the schema.
samlify.setSchemaValidator({
	validate: (xml: string) =>
		xml.includes('AuthnRequest') ? Promise.resolve('ok') : Promise.reject(new Error('not SAML'))
});

/** A throwaway RSA key and self-signed certificate, made for this test run. */
export async function throwawayKeys(commonName: string) {
	const pems = await generate([{ name: 'commonName', value: commonName }], {
		keySize: 2048,
		notAfterDate: new Date(Date.now() + 2 * 86_400_000),
		algorithm: 'sha256'
	});
	return { privateKey: pems.private, cert: pems.cert };
}

/**
 * A real SAML 2.0 identity provider (samlify's IdentityProvider) on a random port of this
 * machine, reached as 127.0.0.1: another site than Kollegium's localhost, so its POST back is
 * cross-site as it is in a region. Its pages: a sign-in form (type a login), then a "Fortsätt"
 * button that posts the signed response to Kollegium. Kollegium's metadata is read once its
 * address is known, through `register`.
 */
export async function startSamlIdp(
	accounts: Record<string, IdpAccount>,
	options: { wantSignedRequests?: boolean } = {}
) {
	const http: Server = createServer();
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const entityId = `${base}/metadata`;
	const [keys, forgerKeys] = await Promise.all([
		throwawayKeys('Test-IdP'),
		throwawayKeys('Förfalskad IdP')
	]);
	const identityProvider = (signing: typeof keys) =>
		samlify.IdentityProvider({
			entityID: entityId,
			privateKey: signing.privateKey,
			signingCert: signing.cert,
			requestSignatureAlgorithm: RSA_SHA256,
			wantAuthnRequestsSigned: options.wantSignedRequests ?? false,
			nameIDFormat: [PERSISTENT, TRANSIENT],
			singleSignOnService: [
				{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${base}/sso` }
			]
		});
	const idp = identityProvider(keys);
	const forger = identityProvider(forgerKeys);
	let sp: samlify.ServiceProviderInstance | null = null;
	const serviceProvider = () => {
		if (!sp) throw new Error('startSamlIdp: call register(appUrl) first');
		return sp;
	};

	/** A signed response for the account, as the provider would post it (base64). */
	async function respond(login: string, changes: ResponseChanges = {}): Promise<string> {
		const account = accounts[login];
		if (!account) throw new Error(`No test account ${login}`);
		const signer = changes.forged ? forger : idp;
		const target = serviceProvider();
		const result = await signer.createLoginResponse(
			target,
			{ extract: { request: { id: changes.inResponseTo ?? '' } } },
			'post',
			{},
			{ customTagReplacement: () => responseXml(account, target, changes) }
		);
		return result.context;
	}

	function responseXml(
		account: IdpAccount,
		target: samlify.ServiceProviderInstance,
		changes: ResponseChanges
	) {
		const now = Date.now() + (changes.shiftMinutes ?? 0) * 60_000;
		const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
		const id = `_${crypto.randomUUID()}`;
		const acs = target.entityMeta.getAssertionConsumerService('post') as string;
		const answers = changes.inResponseTo ? ` InResponseTo="${escape(changes.inResponseTo)}"` : '';
		const nameId = account.persistentId
			? { format: PERSISTENT, value: account.persistentId }
			: { format: TRANSIENT, value: `_${crypto.randomUUID()}` };
		const attributes = [
			['displayName', account.name],
			['mail', account.email],
			['hsaIdentity', account.hsaId]
		]
			.filter((pair): pair is [string, string] => pair[1] !== undefined)
			.map(
				([name, value]) =>
					`<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue></saml:Attribute>`
			)
			.join('');
		const context =
			`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${at(0)}" Destination="${escape(acs)}"${answers}>` +
			`<saml:Issuer>${escape(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${STATUS_SUCCESS}"/></samlp:Status>` +
			`<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${id}-a" Version="2.0" IssueInstant="${at(0)}">` +
			`<saml:Issuer>${escape(entityId)}</saml:Issuer>` +
			`<saml:Subject><saml:NameID Format="${nameId.format}">${escape(nameId.value)}</saml:NameID>` +
			`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${at(5)}" Recipient="${escape(acs)}"${answers}/></saml:SubjectConfirmation></saml:Subject>` +
			`<saml:Conditions NotBefore="${at(-1)}" NotOnOrAfter="${at(5)}"><saml:AudienceRestriction><saml:Audience>${escape(changes.audience ?? target.entityMeta.getEntityID())}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
			`<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${id}-s"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
			`<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
		return { id, context };
	}

	/**
	 * The id of the authentication request in a redirect to the provider, checked by samlify
	 * (and its signature, against the certificate in Kollegium's metadata, when it wants one).
	 */
	async function requestIdOf(location: string): Promise<string> {
		const url = new URL(location);
		const query = Object.fromEntries(url.searchParams);
		// What was signed: the parameters as sent, in this order (SAML bindings §3.4.4.1).
		const raw = new Map(
			url.search
				.slice(1)
				.split('&')
				.map((pair) => [pair.split('=')[0], pair])
		);
		const octetString = ['SAMLRequest', 'RelayState', 'SigAlg']
			.map((name) => raw.get(name))
			.filter(Boolean)
			.join('&');
		const parsed = await idp.parseLoginRequest(serviceProvider(), 'redirect', {
			query,
			octetString
		});
		return (parsed.extract as { request: { id: string } }).request.id;
	}

	http.on('request', (req, res) => {
		void serve(req)
			.then(({ status, html }) =>
				res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(html)
			)
			.catch((error: unknown) => res.writeHead(500).end(String(error)));
	});

	async function serve(req: IncomingMessage): Promise<{ status: number; html: string }> {
		const url = new URL(req.url ?? '/', base);
		if (req.method === 'GET' && url.pathname === '/sso') {
			const id = await requestIdOf(url.href);
			const relay = url.searchParams.get('RelayState') ?? '';
			return {
				status: 200,
				html: page(
					'Test-IdP: logga in',
					`<form method="post" action="/login"><label for="login">Användarnamn</label> <input id="login" name="login"><input type="hidden" name="id" value="${escape(id)}"><input type="hidden" name="relay" value="${escape(relay)}"> <button>Logga in hos test-IdP</button></form>`
				)
			};
		}
		if (req.method === 'POST' && url.pathname === '/login') {
			const form = new URLSearchParams(await bodyOf(req));
			const login = form.get('login') ?? '';
			if (!accounts[login]) return { status: 403, html: page('Okänd användare', '') };
			const response = await respond(login, { inResponseTo: form.get('id') });
			const acs = serviceProvider().entityMeta.getAssertionConsumerService('post') as string;
			return {
				status: 200,
				html: page(
					'Test-IdP: skicka tillbaka',
					`<form method="post" action="${escape(acs)}"><input type="hidden" name="SAMLResponse" value="${escape(response)}"><input type="hidden" name="RelayState" value="${escape(form.get('relay') ?? '')}"><button>Fortsätt</button></form>`
				)
			};
		}
		return { status: 404, html: page('Saknas', '') };
	}

	return {
		entityId,
		entryPoint: `${base}/sso`,
		cert: keys.cert,
		/** Kollegium's settings for this provider. */
		config(changes: Partial<SamlConfig> = {}): SamlConfig {
			return {
				entryPoint: `${base}/sso`,
				idpCerts: [keys.cert],
				idpIssuer: entityId,
				issuer: null,
				label: 'Test-IdP',
				matchAttribute: 'hsaIdentity',
				emailAttribute: null,
				signing: null,
				...changes
			};
		},
		/** Reads Kollegium's SP metadata, as a provider's administrator would load it. */
		async register(appUrl: string) {
			const metadata = await (await fetch(`${appUrl}/auth/saml/metadata`)).text();
			sp = samlify.ServiceProvider({ metadata });
		},
		respond,
		requestIdOf,
		close: () =>
			new Promise<void>((resolve) => {
				http.closeAllConnections();
				http.close(() => resolve());
			})
	};
}

export type TestSamlIdp = Awaited<ReturnType<typeof startSamlIdp>>;

function page(title: string, body: string): string {
	return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escape(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function bodyOf(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (text += chunk));
		req.on('end', () => resolve(text));
		req.on('error', reject);
	});
}
