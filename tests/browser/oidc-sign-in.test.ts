import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { CLIENT, startOidcProvider } from '../support/oidc.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A full sign-in through a real OpenID Connect provider started here: the browser goes to the
// provider, signs in there, and comes back signed in; nobody the administrator did not create
// or invite gets an account.

let browser: Browser;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
	browser = await launchBrowser();
	provider = await startOidcProvider({
		eva: { email: 'EVA@example.org', emailVerified: true, name: 'Eva Studierektorsson' },
		anna: { email: 'anna@klinik.example', emailVerified: true, name: 'Anna Ahlström' },
		mallory: { email: 'mallory@evil.example', emailVerified: true, name: 'Mallory' },
		unverified: { email: 'eva@example.org', emailVerified: false, name: 'Eva kanske' },
		// SITHS-like: no verified e-mail, only an HSA-id.
		bo: {
			email: 'bo.berg@region.example',
			emailVerified: false,
			name: 'Bo Berg',
			hsaId: 'SE2321000016-B0B0'
		}
	});
	server = await startTestServer({
		pages: true,
		config: {
			oidc: {
				issuer: provider.issuer,
				clientId: CLIENT.id,
				clientSecret: CLIENT.secret,
				label: 'SITHS eID',
				matchClaim: 'hsa_id'
			}
		}
	});
	provider.register(server.url);
	admin = (await setUpFacilitator(server)).client;
});
afterAll(async () => {
	await browser.close();
	await server.close();
	await provider.close();
});

/** Through the provider's own sign-in pages, as the person with this login. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
	await page.goto(`${server.url}/logga-in`);
	await page.getByRole('link', { name: 'Logga in med SITHS eID' }).click();
	await page.waitForURL((url) => url.href.startsWith(provider.issuer));
	await page.locator('input[name="login"]').fill(login);
	// The development pages take any password; the provider vouches for the login.
	await page.locator('input[name="password"]').fill('vilket som helst');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForURL((url) => url.href.startsWith(server.url));
}

describe('sign-in through the identity provider', () => {
	it('signs an existing account in by its verified e-mail address', async () => {
		const { page, context, errors } = await newPerson(browser);
		await page.goto(`${server.url}/logga-in`);
		await page.getByRole('link', { name: 'Logga in med SITHS eID' }).waitFor();
		await expectAccessible(page, 'the sign-in page with an identity provider');
		await signInAtProvider(page, 'eva');
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		expect(errors).toEqual([]);
		await context.close();
	});

	it('turns an administrator’s invitation into the account, with the provider’s name', async () => {
		const invited = await admin.post('/accounts/invitations', {
			email: 'anna@klinik.example',
			role: 'studierektor',
			clinicId: await ownClinicOf(admin)
		});
		expect(invited.status).toBe(201);
		const { page, context } = await newPerson(browser);
		await signInAtProvider(page, 'anna');
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		const accounts = (await admin.get('/accounts')).json as { name: string; email: string }[];
		expect(accounts.find((a) => a.email === 'anna@klinik.example')?.name).toBe('Anna Ahlström');
		// The invitation is used up.
		expect((await admin.get('/accounts/invitations')).json).toEqual([]);
		await context.close();
	});

	it('gives nobody else an account, and says why', async () => {
		for (const [login, reason] of [
			['mallory', 'det finns inget konto för dig här'],
			['unverified', 'inte bekräftat din e-postadress']
		] as const) {
			const { page, context } = await newPerson(browser);
			await signInAtProvider(page, login);
			await page.waitForURL(/\/logga-in\?fel=/);
			await expect
				.poll(() => page.locator('[data-external-error]').textContent())
				.toContain(reason);
			const me = await page.request.get(`${server.url}/api/auth/me`);
			expect(me.status()).toBe(401);
			await context.close();
		}
		const accounts = (await admin.get('/accounts')).json as { email: string }[];
		expect(accounts.map((a) => a.email).sort()).toEqual(['anna@klinik.example', 'eva@example.org']);
	});

	it('recognises an account by the HSA-id an administrator entered, without an e-mail', async () => {
		const invited = await admin.post('/accounts/invitations', {
			email: 'bo@klinik.example',
			role: 'reader',
			clinicId: await ownClinicOf(admin)
		});
		const token = new URL(invited.json.url as string).pathname.split('/').pop()!;
		const accepted = await new ApiClient(server.url).post('/auth/accept', {
			token,
			name: 'Bo Berg',
			password: 'ett riktigt långt lösenord'
		});
		expect(accepted.status).toBe(201);
		// The administrator enters Bo's HSA-id on Administration.
		const { page: adminPage, context: adminContext } = await newPerson(browser);
		await signInAtProvider(adminPage, 'eva');
		await adminPage.goto(`${server.url}/admin`);
		const row = adminPage.locator('[data-account="bo@klinik.example"]');
		await row.getByLabel('hsa_id för Bo Berg').fill('SE2321000016-B0B0');
		await row.getByRole('button', { name: /^Spara hsa_id/ }).click();
		await expect
			.poll(async () => {
				const accounts = (await admin.get('/accounts')).json as {
					email: string;
					identityClaim: string | null;
				}[];
				return accounts.find((a) => a.email === 'bo@klinik.example')?.identityClaim;
			})
			.toBe('SE2321000016-B0B0');
		await expectAccessible(adminPage, '/admin with the identity claim');
		await adminContext.close();

		const { page, context } = await newPerson(browser);
		await signInAtProvider(page, 'bo');
		await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		const me = await page.request.get(`${server.url}/api/auth/me`);
		expect(((await me.json()) as { email: string }).email).toBe('bo@klinik.example');
		await context.close();
	});

	it('a forged or replayed callback signs nobody in', async () => {
		const { page, context } = await newPerson(browser);
		await page.goto(`${server.url}/auth/oidc/callback?code=forged&state=forged`);
		await page.waitForURL(/\/logga-in\?fel=oidcFailed/);
		expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);
		await context.close();
	});
});

describe('with password sign-in turned off', () => {
	it('the page offers only the identity provider and the API refuses a password', async () => {
		const strict = await startTestServer({
			pages: true,
			config: {
				passwordSignIn: false,
				oidc: {
					issuer: provider.issuer,
					clientId: CLIENT.id,
					clientSecret: CLIENT.secret,
					label: 'SITHS eID',
					matchClaim: null
				}
			}
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
			expect(login.json.error).toBe('passwordSignInOff');
			await context.close();
		} finally {
			await strict.close();
		}
	});
});
