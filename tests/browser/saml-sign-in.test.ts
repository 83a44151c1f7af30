import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { startSamlIdp, type TestSamlIdp } from '../support/saml.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A full sign-in through a real SAML 2.0 identity provider started here, on another site
// (127.0.0.1) than Kollegium (localhost): the browser is redirected to the provider, signs in
// there, and the provider's page posts the signed response back across sites. The request's
// cookie must come along on that POST, and the session cookie set in its answer must be there
// on the page the browser lands on.

let browser: Browser;
let idp: TestSamlIdp;
let server: TestServer;

beforeAll(async () => {
	browser = await launchBrowser();
	idp = await startSamlIdp({
		eva: { name: 'Eva Studierektorsson', email: 'eva@example.org' },
		mallory: { name: 'Mallory', email: 'mallory@evil.example' }
	});
	server = await startTestServer({ pages: true, config: { saml: idp.config() } });
	await idp.register(server.url);
	await setUpFacilitator(server);
});
afterAll(async () => {
	await browser.close();
	await server.close();
	await idp.close();
});

/** From Kollegium's sign-in page through the provider's pages, as the person with this login. */
async function signInAtProvider(page: Page, login: string, from = '/logga-in') {
	await page.goto(`${server.url}${from}`);
	await page.getByRole('link', { name: 'Logga in med Test-IdP' }).click();
	await page.waitForURL((url) => url.href.startsWith(idp.entryPoint));
	await page.getByLabel('Användarnamn').fill(login);
	await page.getByRole('button', { name: 'Logga in hos test-IdP' }).click();
	const sent = {
		SAMLResponse: await page.locator('input[name="SAMLResponse"]').inputValue(),
		RelayState: await page.locator('input[name="RelayState"]').inputValue()
	};
	await page.getByRole('button', { name: 'Fortsätt' }).click();
	await page.waitForURL((url) => url.href.startsWith(server.url));
	return sent;
}

/** Posts a response again from the provider's site, as a page there could. */
async function postFromProvider(page: Page, fields: Record<string, string>): Promise<void> {
	await page.goto(`${new URL(idp.entityId).origin}/elsewhere`);
	await page.evaluate(
		({ action, fields }) => {
			const form = document.createElement('form');
			form.method = 'post';
			form.action = action;
			for (const [name, value] of Object.entries(fields)) {
				const input = document.createElement('input');
				input.type = 'hidden';
				input.name = name;
				input.value = value;
				form.append(input);
			}
			document.body.append(form);
			form.submit();
		},
		{ action: `${server.url}/auth/saml/acs`, fields }
	);
}

describe('sign-in through SAML 2.0', () => {
	it('signs an existing account in across sites and lands signed in', async () => {
		const { page, context, errors } = await newPerson(browser);
		await page.goto(`${server.url}/logga-in`);
		await page.getByRole('link', { name: 'Logga in med Test-IdP' }).waitFor();
		await expectAccessible(page, 'the sign-in page with a SAML provider');
		await signInAtProvider(page, 'eva');
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		const me = await page.request.get(`${server.url}/api/auth/me`);
		expect(me.status()).toBe(200);
		// The request's cookie was used up on the way back.
		const cookies = await context.cookies(server.url);
		expect(cookies.map((c) => c.name)).not.toContain('kollegium_saml');
		expect(cookies.find((c) => c.name === 'kollegium_session')?.sameSite).toBe('Lax');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('comes back to the page the sign-in was started for', async () => {
		const { page, context } = await newPerson(browser);
		await signInAtProvider(page, 'eva', '/logga-in?till=%2Fadmin');
		expect(new URL(page.url()).pathname).toBe('/admin');
		await context.close();
	});

	it('tells someone without an account why, in Swedish', async () => {
		const { page, context } = await newPerson(browser);
		await signInAtProvider(page, 'mallory');
		await page.waitForURL(/\/logga-in\?fel=oidcNoAccount/);
		await expect
			.poll(() => page.locator('[data-external-error]').textContent())
			.toContain('det finns inget konto för dig här');
		await expectAccessible(page, 'the sign-in page with a refused SAML sign-in');
		expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);
		await context.close();
	});

	it('refuses the provider’s answer sent a second time', async () => {
		const { page, context } = await newPerson(browser);
		const sent = await signInAtProvider(page, 'eva');
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		const out = await page.request.post(`${server.url}/api/auth/logout`, {
			headers: { Origin: server.url }
		});
		expect(out.ok()).toBe(true);
		await postFromProvider(page, sent);
		await page.waitForURL(/\/logga-in\?fel=samlFailed/);
		await expect
			.poll(() => page.locator('[data-external-error]').textContent())
			.toContain('kunde inte godtas');
		expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);
		await context.close();
	});
});

describe('with password sign-in turned off', () => {
	it('offers only the SAML provider and the API refuses a password', async () => {
		const strict = await startTestServer({
			pages: true,
			config: { passwordSignIn: false, saml: idp.config({ label: 'SITHS eID' }) }
		});
		try {
			await setUpFacilitator(strict);
			const { page, context } = await newPerson(browser);
			await page.goto(`${strict.url}/logga-in`);
			await page.getByRole('link', { name: 'Logga in med SITHS eID' }).waitFor();
			expect(await page.getByLabel('Lösenord').count()).toBe(0);
			const login = await new ApiClient(strict.url).post('/auth/login', {
				email: 'eva@example.org',
				password: 'ett riktigt långt lösenord'
			});
			expect(login.status).toBe(403);
			await context.close();
		} finally {
			await strict.close();
		}
	});
});
