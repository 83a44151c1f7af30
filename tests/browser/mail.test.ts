import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { PASSWORD, kollegiumInput, ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmtpServer, until } from '../support/smtp.ts';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser.close();
});

async function openKollegium(server: TestServer, facilitator: ApiClient): Promise<string> {
	const created = await facilitator.post(
		`/kollegier?clinicId=${await ownClinicOf(facilitator)}`,
		kollegiumInput(server)
	);
	const id: string = created.json.id;
	await facilitator.post(`/kollegier/${id}/participants`, {
		name: 'Karin Holmlund',
		email: 'karin@klinik.example',
		roles: ['assessor']
	});
	await facilitator.post(`/kollegier/${id}/participants`, {
		name: 'Peter Sjövik',
		roles: ['assessor']
	});
	await facilitator.post(`/kollegier/${id}/subjects`, {
		kind: 'trainee',
		name: 'Sara Lindholm',
		email: 'sara@klinik.example',
		specialty: 'Internmedicin',
		stStart: '2025-09-01',
		regulation: 'HSLF-FS 2021:8'
	});
	await facilitator.post(`/kollegier/${id}/status`, { status: 'open' });
	return id;
}

async function signIn(page: Page, server: TestServer) {
	await page.goto(`${server.url}/logga-in`);
	await page.getByLabel('E-postadress').fill('eva@example.org');
	await page.getByLabel('Lösenord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Logga in' }).click();
	await page.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
}

describe('invitations by e-mail in the browser', () => {
	it('the studierektor sends the invitations and follows each message', async () => {
		const smtp = await startSmtpServer();
		const server = await startTestServer({
			pages: true,
			config: { smtpUrl: smtp.url, mailPollMs: 50 }
		});
		try {
			const { client } = await setUpFacilitator(server);
			const id = await openKollegium(server, client);
			const { page, errors, context } = await newPerson(browser);
			await signIn(page, server);
			await page.goto(`${server.url}/kollegier/${id}`);
			const panel = page.getByRole('region', { name: 'Inbjudningar via e-post' });
			await panel.getByRole('button', { name: 'Skicka inbjudningar' }).click();
			await expect
				.poll(() => panel.locator('[data-mail-result]').textContent())
				.toContain('Inbjudningar på väg: 2. Saknar e-postadress: Peter Sjövik.');
			await until(() => smtp.received.length === 2);
			// The rows turn to "Skickat" by themselves.
			await expect
				.poll(() => panel.locator('[data-mail-entry="Karin Holmlund"]').textContent(), {
					timeout: 10_000
				})
				.toContain('Skickat');
			// The reminder schedule: a wrong entry is explained beside the field, a right one saved.
			const daysField = panel.getByLabel('Dagar före svarstiden, åtskilda med komma');
			await daysField.fill('40');
			await panel.getByRole('button', { name: 'Spara påminnelser' }).click();
			await expect
				.poll(() => panel.locator('#reminder-days-error').textContent())
				.toContain('mellan 0 och 30');
			expect(await daysField.getAttribute('aria-invalid')).toBe('true');
			await daysField.fill('5, 2');
			await panel.getByRole('button', { name: 'Spara påminnelser' }).click();
			await panel.getByText('Påminnelserna är sparade.').waitFor();
			expect(await daysField.inputValue()).toBe('5, 2');
			// "Påminn nu" for one of those who have not answered.
			await page.getByRole('button', { name: 'Påminn Karin Holmlund nu' }).click();
			await page.getByText('Påminnelser på väg: 1.').waitFor();
			await until(() => smtp.received.length === 3);
			expect(smtp.received[2]!.subject).toMatch(/^Påminnelse/);
			await expectAccessible(page, 'the kollegium page with the e-mail panel');
			expect(errors).toEqual([]);
			await context.close();
		} finally {
			await server.close();
			await smtp.close();
		}
	});

	it('without SMTP_URL the panel says e-mail is off', async () => {
		const server = await startTestServer({ pages: true });
		try {
			const { client } = await setUpFacilitator(server);
			const id = await openKollegium(server, client);
			const { page, context } = await newPerson(browser);
			await signIn(page, server);
			await page.goto(`${server.url}/kollegier/${id}`);
			await expect
				.poll(() => page.locator('[data-mail-off]').textContent())
				.toContain('E-post är avstängd');
			expect(await page.getByRole('button', { name: 'Skicka inbjudningar' }).count()).toBe(0);
			await context.close();
		} finally {
			await server.close();
		}
	});
});
