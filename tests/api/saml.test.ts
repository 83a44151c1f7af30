import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import {
	startSamlIdp,
	throwawayKeys,
	type ResponseChanges,
	type TestSamlIdp
} from '../support/saml.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Sign-in through a real SAML 2.0 identity provider (samlify's) started here, driven without a
// browser: the redirect to the provider, the provider's signed response, the POST back. Every
// check a forger would have to get past is tried: signature, audience, time, InResponseTo, replay.

type AuditRow = { action: string; detail: string };

let idp: TestSamlIdp;
let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
	idp = await startSamlIdp({
		eva: { name: 'Eva Studierektorsson', email: 'EVA@example.org' },
		anna: { name: 'Anna Ahlström', email: 'anna@klinik.example', persistentId: 'anna-42' },
		mallory: { name: 'Mallory', email: 'mallory@evil.example' },
		// SITHS-like: an HSA-id and no e-mail.
		bo: { name: 'Bo Berg', hsaId: 'SE2321000016-B0B0' }
	});
	server = await startTestServer({ config: { saml: idp.config() } });
	await idp.register(server.url);
	admin = (await setUpFacilitator(server)).client;
});
afterAll(async () => {
	await server.close();
	await idp.close();
});

/** The browser's first step: to the provider, with the request id cookie. */
async function startSignIn(till = '/kollegier') {
	const response = await fetch(`${server.url}/auth/saml/start?till=${encodeURIComponent(till)}`, {
		redirect: 'manual'
	});
	expect(response.status).toBe(302);
	const location = response.headers.get('location') ?? '';
	const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('kollegium_saml='));
	return {
		location,
		setCookie: setCookie ?? '',
		cookie: (setCookie ?? '').split(';')[0] ?? '',
		requestId: await idp.requestIdOf(location)
	};
}

/** The provider's POST back, from its own site. */
async function postBack(samlResponse: string, cookie: string | null, relayState = '/kollegier') {
	const response = await fetch(`${server.url}/auth/saml/acs`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Origin: new URL(idp.entityId).origin,
			...(cookie ? { Cookie: cookie } : {})
		},
		body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState })
	});
	const session = response.headers
		.getSetCookie()
		.find((c) => c.startsWith('kollegium_session=') && !/max-age=0/i.test(c));
	return {
		status: response.status,
		location: response.headers.get('location'),
		session: session?.split(';')[0] ?? null
	};
}

/** Whose session it is, or null. */
async function whoIs(session: string | null): Promise<string | null> {
	if (!session) return null;
	const me = await fetch(`${server.url}/api/auth/me`, { headers: { Cookie: session } });
	return me.status === 200 ? ((await me.json()) as { email: string }).email : null;
}

async function signIn(login: string, changes: ResponseChanges = {}) {
	const started = await startSignIn();
	const response = await idp.respond(login, { inResponseTo: started.requestId, ...changes });
	return postBack(response, started.cookie);
}

describe('SAML sign-in', () => {
	it('offers the provider on the sign-in page, by its label', async () => {
		const methods = await new ApiClient(server.url).get('/auth/methods');
		expect(methods.json.saml).toEqual({ label: 'Test-IdP', matchAttribute: 'hsaIdentity' });
	});

	it('publishes service provider metadata with the ACS address', async () => {
		const response = await fetch(`${server.url}/auth/saml/metadata`);
		expect(response.headers.get('content-type')).toContain('samlmetadata+xml');
		const xml = await response.text();
		expect(xml).toContain(`entityID="${server.url}/auth/saml/metadata"`);
		expect(xml).toContain(`Location="${server.url}/auth/saml/acs"`);
		expect(xml).toContain('WantAssertionsSigned="true"');
	});

	it('sends a redirect-binding request and remembers it in a short-lived cross-site cookie', async () => {
		const started = await startSignIn('/kollegier/abc');
		const url = new URL(started.location);
		expect(url.origin + url.pathname).toBe(idp.entryPoint);
		expect(url.searchParams.get('RelayState')).toBe('/kollegier/abc');
		expect(started.requestId).toMatch(/^_[0-9a-f]{40}$/);
		expect(started.setCookie).toMatch(/HttpOnly/i);
		expect(started.setCookie).toMatch(/SameSite=None/i);
		expect(started.setCookie).toMatch(/Secure/i);
		expect(started.setCookie).toMatch(/Path=\/auth\/saml/);
		expect(started.setCookie).toMatch(/Max-Age=600/);
		// A return address on another site goes home instead.
		const hostile = await startSignIn('//evil.example/');
		expect(new URL(hostile.location).searchParams.get('RelayState')).toBe('/');
	});

	it('signs an existing account in by the e-mail the provider signed, and returns it home', async () => {
		const result = await signIn('eva');
		expect(result.status).toBe(303);
		expect(result.location).toBe('/kollegier');
		expect(await whoIs(result.session)).toBe('eva@example.org');
		const entries = (await admin.get('/audit')).json as AuditRow[];
		expect(entries.some((e) => e.action === 'signedIn' && e.detail === 'saml')).toBe(true);
	});

	it('never leaves the site for a RelayState of another site', async () => {
		const started = await startSignIn();
		const response = await idp.respond('eva', { inResponseTo: started.requestId });
		const result = await postBack(response, started.cookie, 'https://evil.example/');
		expect(result.status).toBe(303);
		expect(result.location).toBe('/');
	});

	it('turns an invitation into the account, bound to the persistent NameID', async () => {
		const invited = await admin.post('/accounts/invitations', {
			email: 'anna@klinik.example',
			role: 'studierektor',
			clinicId: await ownClinicOf(admin)
		});
		expect(invited.status).toBe(201);
		const first = await signIn('anna');
		expect(await whoIs(first.session)).toBe('anna@klinik.example');
		const accounts = (await admin.get('/accounts')).json as { name: string; email: string }[];
		expect(accounts.find((a) => a.email === 'anna@klinik.example')?.name).toBe('Anna Ahlström');
		expect((await admin.get('/accounts/invitations')).json).toEqual([]);
		// Found again by the NameID once bound, whatever address the provider sends later.
		const again = await signIn('anna');
		expect(await whoIs(again.session)).toBe('anna@klinik.example');
	});

	it('recognises an account by the HSA-id an administrator entered', async () => {
		const refused = await signIn('bo');
		expect(refused.location).toBe('/logga-in?fel=oidcNoAccount');
		const invited = await admin.post('/accounts/invitations', {
			email: 'bo@klinik.example',
			role: 'reader',
			clinicId: await ownClinicOf(admin)
		});
		const token = new URL(invited.json.url as string).pathname.split('/').pop() ?? '';
		const accepted = await new ApiClient(server.url).post('/auth/accept', {
			token,
			name: 'Bo Berg',
			password: 'ett riktigt långt lösenord'
		});
		expect(accepted.status).toBe(201);
		const accounts = (await admin.get('/accounts')).json as { id: string; email: string }[];
		const bo = accounts.find((a) => a.email === 'bo@klinik.example');
		const patched = await admin.request('PATCH', `/accounts/${bo?.id}`, {
			identityClaim: 'SE2321000016-B0B0'
		});
		expect(patched.status).toBe(200);
		const result = await signIn('bo');
		expect(result.status).toBe(303);
		expect(await whoIs(result.session)).toBe('bo@klinik.example');
	});

	it('gives nobody else an account', async () => {
		const result = await signIn('mallory');
		expect(result.location).toBe('/logga-in?fel=oidcNoAccount');
		expect(result.session).toBeNull();
		const accounts = (await admin.get('/accounts')).json as { email: string }[];
		expect(accounts.map((a) => a.email)).not.toContain('mallory@evil.example');
	});
});

describe('responses that sign nobody in', () => {
	const refusals: { name: string; changes: ResponseChanges }[] = [
		{ name: 'signed by another key than the configured certificate', changes: { forged: true } },
		{ name: 'meant for another service provider', changes: { audience: 'https://other.example' } },
		{ name: 'expired', changes: { shiftMinutes: -30 } },
		{ name: 'not yet valid', changes: { shiftMinutes: 30 } },
		{ name: 'unsolicited (no InResponseTo)', changes: { inResponseTo: null } },
		{ name: 'answering a request never sent', changes: { inResponseTo: '_made-up' } }
	];
	for (const { name, changes } of refusals)
		it(`refuses a response ${name}`, async () => {
			const result = await signIn('eva', changes);
			expect(result.location).toBe('/logga-in?fel=samlFailed');
			expect(result.session).toBeNull();
		});

	it('refuses a response with its signature taken off', async () => {
		const started = await startSignIn();
		const signed = await idp.respond('eva', { inResponseTo: started.requestId });
		const xml = Buffer.from(signed, 'base64').toString('utf8');
		const unsigned = xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
		expect(unsigned).not.toBe(xml);
		const result = await postBack(Buffer.from(unsigned).toString('base64'), started.cookie);
		expect(result.location).toBe('/logga-in?fel=samlFailed');
		expect(result.session).toBeNull();
	});

	it('refuses a signed response whose e-mail was changed after signing', async () => {
		const started = await startSignIn();
		const signed = await idp.respond('mallory', { inResponseTo: started.requestId });
		const xml = Buffer.from(signed, 'base64').toString('utf8');
		const tampered = xml.replace('mallory@evil.example', 'eva@example.org');
		expect(tampered).not.toBe(xml);
		const result = await postBack(Buffer.from(tampered).toString('base64'), started.cookie);
		expect(result.location).toBe('/logga-in?fel=samlFailed');
		expect(result.session).toBeNull();
	});

	it('refuses the same response posted a second time', async () => {
		const started = await startSignIn();
		const response = await idp.respond('eva', { inResponseTo: started.requestId });
		const first = await postBack(response, started.cookie);
		expect(await whoIs(first.session)).toBe('eva@example.org');
		const replayed = await postBack(response, started.cookie);
		expect(replayed.location).toBe('/logga-in?fel=samlFailed');
		expect(replayed.session).toBeNull();
	});

	it('refuses a response to a request another browser started (login CSRF)', async () => {
		const attacker = await startSignIn();
		const response = await idp.respond('mallory', { inResponseTo: attacker.requestId });
		const victim = await startSignIn();
		for (const cookie of [victim.cookie, null]) {
			const result = await postBack(response, cookie);
			expect(result.location).toBe('/logga-in?fel=samlFailed');
			expect(result.session).toBeNull();
		}
	});

	it('refuses a request older than ten minutes', async () => {
		const started = await startSignIn();
		const response = await idp.respond('eva', { inResponseTo: started.requestId });
		server.clock.advance(11 * 60_000);
		try {
			const result = await postBack(response, started.cookie);
			expect(result.location).toBe('/logga-in?fel=samlFailed');
		} finally {
			server.clock.advance(-11 * 60_000);
		}
	});

	it('records a refused response in the audit log', async () => {
		await signIn('eva', { forged: true });
		const entries = (await admin.get('/audit')).json as AuditRow[];
		expect(entries.some((e) => e.action === 'signInFailed' && e.detail === 'samlFailed')).toBe(
			true
		);
	});
});

describe('with SAML off', () => {
	it('says so on the sign-in page and has no metadata', async () => {
		const plain = await startTestServer();
		try {
			const start = await fetch(`${plain.url}/auth/saml/start`, { redirect: 'manual' });
			expect(start.headers.get('location')).toBe('/logga-in?fel=samlOff');
			expect((await fetch(`${plain.url}/auth/saml/metadata`)).status).toBe(404);
			expect((await new ApiClient(plain.url).get('/auth/methods')).json.saml).toBeNull();
		} finally {
			await plain.close();
		}
	});
});

describe('with our own signing key', () => {
	it('signs its requests and publishes the certificate for the provider to check them', async () => {
		const strict = await startSamlIdp(
			{ eva: { name: 'Eva Studierektorsson', email: 'eva@example.org' } },
			{ wantSignedRequests: true }
		);
		const ours = await throwawayKeys('Kollegium');
		const signing = await startTestServer({ config: { saml: strict.config({ signing: ours }) } });
		try {
			await strict.register(signing.url);
			const metadata = await (await fetch(`${signing.url}/auth/saml/metadata`)).text();
			expect(metadata).toContain('AuthnRequestsSigned="true"');
			const body = ours.cert.replace(/-----[A-Z ]+-----|\s/g, '');
			expect(metadata.replace(/\s/g, '')).toContain(body);
			const start = await fetch(`${signing.url}/auth/saml/start`, { redirect: 'manual' });
			const location = start.headers.get('location') ?? '';
			expect(new URL(location).searchParams.get('Signature')).toBeTruthy();
			// samlify checks the signature against the certificate in our metadata.
			expect(await strict.requestIdOf(location)).toMatch(/^_[0-9a-f]{40}$/);
			const forged = new URL(location);
			forged.searchParams.set('RelayState', '/annat');
			await expect(strict.requestIdOf(forged.href)).rejects.toThrow();
		} finally {
			await signing.close();
			await strict.close();
		}
	});
});
