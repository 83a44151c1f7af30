import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { PASSWORD, kollegiumInput } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const EMAIL = 'eva@example.org';
const hour = 3_600_000;

/** The value of the session cookie a response sets, or null. */
function sessionCookieOf(headers: Headers): { header: string; value: string } | null {
	const header = headers.getSetCookie().find((cookie) => cookie.startsWith('kollegium_session='));
	if (!header) return null;
	return { header, value: header.split(';')[0]!.slice('kollegium_session='.length) };
}

describe('accounts: first-run setup, sign-in, sessions and stored secrets', () => {
	let server: TestServer;
	let eva: ApiClient;
	const setupBody = (overrides: Record<string, unknown> = {}) => ({
		token: tokenOf(server.setupLink),
		name: 'Eva Studierektorsson',
		email: EMAIL,
		password: PASSWORD,
		clinicName: 'Medicinkliniken',
		...overrides
	});
	const login = (password: string, client = new ApiClient(server.url)) =>
		client
			.post('/auth/login', { email: EMAIL, password })
			.then((response) => ({ response, client }));

	beforeAll(async () => {
		server = await startTestServer();
		eva = new ApiClient(server.url);
	});
	afterAll(() => server.close());

	describe('the setup link', () => {
		it('reports that setup is needed on a fresh installation', async () => {
			const response = await new ApiClient(server.url).get('/auth/setup');
			expect(response.status).toBe(200);
			expect(response.json).toEqual({ needed: true });
		});

		it('stores only a hash of the setup token', async () => {
			const rows = await server.deps.db.selectFrom('setupTokens').selectAll().execute();
			expect(rows).toHaveLength(1);
			expect(JSON.stringify(rows)).not.toContain(tokenOf(server.setupLink));
		});

		it('refuses a wrong token with 403 setupLinkInvalid', async () => {
			const wrong = randomBytes(32).toString('base64url');
			const response = await new ApiClient(server.url).post(
				'/auth/setup',
				setupBody({ token: wrong })
			);
			expect(response.status).toBe(403);
			expect(response.json).toMatchObject({ error: 'setupLinkInvalid' });
			expect(sessionCookieOf(response.headers)).toBeNull();
		});

		it('refuses the right token once it is more than a day old', async () => {
			server.clock.advance(25 * hour);
			const response = await new ApiClient(server.url).post('/auth/setup', setupBody());
			server.clock.advance(-25 * hour);
			expect(response.status).toBe(403);
			expect(response.json).toMatchObject({ error: 'setupLinkInvalid' });
		});

		it.each([
			['a password under 12 characters', { password: 'elva tecken' }, 'password'],
			['an email address that is not one', { email: 'eva-at-example' }, 'email'],
			['a one-letter name', { name: 'E' }, 'name']
		])('refuses %s with 400 naming the field', async (_case, overrides, path) => {
			const response = await new ApiClient(server.url).post('/auth/setup', setupBody(overrides));
			expect(response.status).toBe(400);
			expect(response.json.error).toBe('validation');
			expect(response.json.issues.map((issue: { path: string }) => issue.path)).toContain(path);
			expect(sessionCookieOf(response.headers)).toBeNull();
		});

		it('creates the administrator and their clinic with the right token and signs in with an HttpOnly, SameSite=Lax cookie', async () => {
			const response = await eva.post('/auth/setup', setupBody());
			expect(response.status).toBe(201);
			expect(response.json.user).toMatchObject({ name: 'Eva Studierektorsson', email: EMAIL });
			const cookie = sessionCookieOf(response.headers);
			expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(cookie?.header).toMatch(/;\s*HttpOnly/i);
			expect(cookie?.header).toMatch(/;\s*SameSite=Lax/i);
			expect(cookie?.header).toMatch(/;\s*Path=\//i);
			const me = await eva.get('/auth/me');
			expect(me.status).toBe(200);
			// No password hash or other secret: who they are, and the clinic they set up and run.
			expect(Object.keys(me.json).sort()).toEqual(['admin', 'clinics', 'email', 'id', 'name']);
			expect(me.json).toMatchObject({
				admin: true,
				clinics: [{ name: 'Medicinkliniken', role: 'studierektor' }]
			});
		});

		it('cannot be used a second time, and setup is no longer needed', async () => {
			const again = await new ApiClient(server.url).post(
				'/auth/setup',
				setupBody({ email: 'mallory@example.org' })
			);
			expect(again.status).toBe(403);
			expect(again.json).toMatchObject({ error: 'setupLinkInvalid' });
			expect((await new ApiClient(server.url).get('/auth/setup')).json).toEqual({ needed: false });
			expect(await server.deps.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
		});

		it('stores the password as a salted scrypt hash, never in plaintext', async () => {
			const [user, ...others] = await server.deps.db.selectFrom('users').selectAll().execute();
			expect(others).toHaveLength(0);
			expect(user?.passwordHash.startsWith('scrypt$')).toBe(true);
			expect(JSON.stringify(user)).not.toContain(PASSWORD);
		});
	});

	describe('signing in and out', () => {
		it('signs in with the right password, case-insensitively on the address', async () => {
			const client = new ApiClient(server.url);
			const response = await client.post('/auth/login', {
				email: EMAIL.toUpperCase(),
				password: PASSWORD
			});
			expect(response.status).toBe(200);
			expect(response.json).toMatchObject({ email: EMAIL });
			expect(response.text).not.toContain('scrypt');
			expect((await client.get('/auth/me')).status).toBe(200);
		});

		it.each([
			['a wrong password', EMAIL, 'fel lösenord helt och hållet'],
			['an unknown address', 'nobody@example.org', PASSWORD]
		])('refuses %s with 401 wrongCredentials and no cookie', async (_case, email, password) => {
			const response = await new ApiClient(server.url).post('/auth/login', { email, password });
			expect(response.status).toBe(401);
			expect(response.json).toMatchObject({ error: 'wrongCredentials' });
			expect(sessionCookieOf(response.headers)).toBeNull();
		});

		it('answers /auth/me with 401 without a session or with a made-up cookie', async () => {
			expect((await new ApiClient(server.url).get('/auth/me')).status).toBe(401);
			const forged = await new ApiClient(server.url).request('GET', '/auth/me', undefined, {
				Cookie: `kollegium_session=${randomBytes(32).toString('base64url')}`
			});
			expect(forged.status).toBe(401);
		});

		it('stores only a hash of the session token', async () => {
			const { response } = await login(PASSWORD);
			const raw = sessionCookieOf(response.headers)?.value ?? '';
			expect(raw).not.toBe('');
			const sessions = await server.deps.db.selectFrom('sessions').selectAll().execute();
			expect(sessions.length).toBeGreaterThan(0);
			expect(JSON.stringify(sessions)).not.toContain(raw);
		});

		it('ends the session on logout, so replaying the old cookie value gets 401', async () => {
			const { response, client } = await login(PASSWORD);
			const raw = sessionCookieOf(response.headers)?.value ?? '';
			expect((await client.get('/auth/me')).status).toBe(200);
			const out = await client.post('/auth/logout');
			expect(out.status).toBe(204);
			expect((await client.get('/auth/me')).status).toBe(401);
			const replay = await new ApiClient(server.url).request('GET', '/auth/me', undefined, {
				Cookie: `kollegium_session=${raw}`
			});
			expect(replay.status).toBe(401);
			const list = await new ApiClient(server.url).request('GET', '/kollegier', undefined, {
				Cookie: `kollegium_session=${raw}`
			});
			expect(list.status).toBe(401);
		});

		it('ends a session when it expires', async () => {
			const { client } = await login(PASSWORD);
			server.clock.advance(15 * 24 * hour);
			const me = await client.get('/auth/me');
			server.clock.advance(-15 * 24 * hour);
			expect(me.status).toBe(401);
		});
	});

	it('stores invitation tokens only as hashes', async () => {
		const created = await eva.post('/kollegier', kollegiumInput(server));
		expect(created.status).toBe(201);
		const added = await eva.post(`/kollegier/${created.json.id}/participants`, {
			name: 'Karin Holmlund',
			roles: ['assessor']
		});
		const participantId: string = added.json.participants[0].id;
		const issued = await eva.post(
			`/kollegier/${created.json.id}/participants/${participantId}/invitation`
		);
		expect(issued.status).toBe(201);
		const token = tokenOf(issued.json.url);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const rows = await server.deps.db.selectFrom('invitations').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(token);
		const detail = await eva.get(`/kollegier/${created.json.id}`);
		expect(detail.text).not.toContain(token);
	});

	describe('throttling password guesses', () => {
		it('after 5 failed sign-ins answers 429 with Retry-After, even with the right password', async () => {
			expect((await login(PASSWORD)).response.status).toBe(200); // a success clears the count
			for (let attempt = 1; attempt <= 5; attempt++) {
				const { response } = await login(`fel lösenord nummer ${attempt}`);
				expect(response.status).toBe(401);
			}
			const { response, client } = await login(PASSWORD);
			expect(response.status).toBe(429);
			expect(response.json).toMatchObject({ error: 'tooManyAttempts' });
			expect(response.headers.get('retry-after') ?? 'no Retry-After header').toMatch(
				/^[1-9][0-9]*$/
			);
			expect(sessionCookieOf(response.headers)).toBeNull();
			expect((await client.get('/auth/me')).status).toBe(401);
		});

		it('lets the right password through once the wait is over', async () => {
			server.clock.advance(2_000);
			const { response } = await login(PASSWORD);
			expect(response.status).toBe(200);
		});
	});
});
