import { catalogues, type MessageKey } from '@kollegium/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Names without å, ä and ö, so an English page with them on it can be checked for Swedish.
const ADMIN = {
	name: 'Ingrid Berg',
	email: 'ingrid@example.org',
	password: 'ett riktigt långt lösenord'
};
const CLINIC = 'Medicinkliniken Lund';
const COLLEAGUE = {
	name: 'Jonas Lind',
	email: 'jonas@example.org',
	password: 'ett annat långt lösenord',
	newPassword: 'ett tredje långt lösenord'
};

/** Every piece of Swedish text in the catalogue that is not also the English one. */
const swedishFragments = (Object.keys(catalogues.sv) as MessageKey[])
	.filter((key) => catalogues.sv[key] !== catalogues.en[key])
	.flatMap((key) => catalogues.sv[key].split(/\{\w+\}/))
	.map((fragment) => fragment.trim())
	.filter((fragment) => fragment.length >= 4);

/** The page's text as a person or a screen reader meets it, the language picker aside. */
const pageText = (page: Page) =>
	page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		for (const picker of body.querySelectorAll('select[aria-label="Language"]')) picker.remove();
		const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder]')].map(
			(element) =>
				['aria-label', 'title', 'placeholder'].map((name) => element.getAttribute(name) ?? '')
		);
		return [document.title, body.textContent ?? '', ...attributes.flat()].join('\n');
	});

const banner = (page: Page) => page.getByRole('banner');
const accountRow = (page: Page, email: string) => page.locator(`tr[data-account="${email}"]`);

describe('accounts and clinics: invitation, reset link, deactivation, in the browser', () => {
	let server: TestServer;
	let browser: Browser;
	let admin: Page;
	let colleague: Page;
	const errors: string[] = [];
	const dialogs: string[] = [];
	/** Every URL the colleague's browser asked for. */
	const requests: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		admin = (await newPerson(browser)).page;
		admin.on('pageerror', (error) => errors.push(`admin: ${error.message}`));
		admin.on('dialog', (dialog) => dialogs.push(dialog.message()));
		colleague = (await newPerson(browser)).page;
		colleague.on('pageerror', (error) => errors.push(`colleague: ${error.message}`));
		colleague.on('request', (request) => requests.push(request.url()));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	async function signIn(page: Page, email: string, password: string) {
		await page.getByLabel('E-postadress').fill(email);
		await page.getByLabel('Lösenord').fill(password);
		await page.getByRole('button', { name: 'Logga in' }).click();
	}

	it('sets up the administrator with the clinic’s name, which the header then shows', async () => {
		await admin.goto(server.setupLink);
		await admin.getByLabel('Ditt namn').fill(ADMIN.name);
		await admin.getByLabel('E-postadress').fill(ADMIN.email);
		await admin.getByLabel('Lösenord').fill(ADMIN.password);
		await admin.getByRole('button', { name: 'Skapa konto' }).click();
		// The clinic's name is asked for, beside its field.
		expect(await admin.locator('#clinicName-error').textContent()).toBe('Fyll i det här fältet.');
		await admin.getByLabel('Klinikens namn').fill(CLINIC);
		await admin.getByLabel(/egen exempelklinik/).uncheck();
		await admin.getByRole('button', { name: 'Skapa konto' }).click();
		await admin.getByText('Kontot är skapat.').waitFor();
		await admin.getByRole('link', { name: 'Gå till startsidan' }).click();
		await banner(admin).getByText(CLINIC).waitFor();
		await banner(admin).getByRole('link', { name: 'Mitt konto' }).waitFor();
		expect(await banner(admin).getByRole('link', { name: 'Administration' }).isVisible()).toBe(
			true
		);
	});

	let invitation = '';

	it('invites a studierektor from /admin with a link shown once, valid 7 days', async () => {
		await banner(admin).getByRole('link', { name: 'Administration' }).click();
		await admin.getByRole('heading', { level: 1, name: 'Administrera Kollegium' }).waitFor();
		await admin.getByLabel('Kollegans e-postadress').fill(COLLEAGUE.email);
		await admin.getByRole('radio', { name: 'Studierektor' }).check();
		await admin.getByLabel('Klinik', { exact: true }).selectOption({ label: CLINIC });
		await admin.getByRole('button', { name: 'Skapa inbjudan' }).click();
		const link = admin.getByLabel(`Inbjudningslänk till ${COLLEAGUE.email}`);
		await link.waitFor();
		invitation = await link.inputValue();
		expect(invitation).toMatch(/\/konto\/[A-Za-z0-9_-]{43}$/);
		const inSevenDays = new Date(Date.now() + 7 * 86_400_000).getDate();
		expect(await admin.getByText('Länken visas bara nu och gäller till').textContent()).toMatch(
			new RegExp(`gäller till ${inSevenDays} `)
		);
		const pending = admin.locator(`tr[data-invitation="${COLLEAGUE.email}"]`);
		expect(await pending.textContent()).toMatch(/Studierektor.*Medicinkliniken Lund/);
		await expectAccessible(admin, '/admin');
	});

	it('lets the colleague open the link, choose a name and password, and land signed in', async () => {
		await colleague.goto(invitation);
		await colleague.getByRole('heading', { name: 'Skapa ditt konto' }).waitFor();
		await colleague.getByText(`Du är inbjuden till ${CLINIC} som studierektor.`).waitFor();
		expect(await colleague.getByLabel('E-postadress').inputValue()).toBe(COLLEAGUE.email);
		await expectAccessible(colleague, '/konto/<token>');

		await colleague.getByLabel('Ditt namn').fill(COLLEAGUE.name);
		await colleague.getByLabel('Lösenord', { exact: true }).fill(COLLEAGUE.password);
		await colleague.getByLabel('Upprepa lösenordet').fill(`${COLLEAGUE.password}!`);
		await colleague.getByRole('button', { name: 'Skapa konto och logga in' }).click();
		expect(await colleague.locator('#password-repeat-error').textContent()).toContain(
			'Lösenorden är inte lika.'
		);
		await colleague.getByLabel('Upprepa lösenordet').fill(COLLEAGUE.password);
		await colleague.getByRole('button', { name: 'Skapa konto och logga in' }).click();
		await colleague.waitForURL(`${server.url}/`);
		await banner(colleague).getByText(CLINIC).waitFor();
		// A studierektor does not administer: no link to it, and the page says so.
		expect(await banner(colleague).getByRole('link', { name: 'Administration' }).count()).toBe(0);
		await colleague.goto(`${server.url}/admin`);
		await colleague.getByText('Du har inte behörighet till det här.').waitFor();

		const token = invitation.split('/').pop() ?? '';
		const leaks = requests.filter(
			(url) => url.includes(token) && !new URL(url).pathname.startsWith('/konto/')
		);
		expect(leaks).toEqual([]);

		// The invitation is used: the administrator no longer sees it pending.
		await admin.reload();
		await accountRow(admin, COLLEAGUE.email).waitFor();
		expect(await admin.locator(`tr[data-invitation="${COLLEAGUE.email}"]`).count()).toBe(0);
		expect(await accountRow(admin, COLLEAGUE.email).textContent()).toContain(
			`${CLINIC}: Studierektor`
		);
	});

	it('issues a reset link; the colleague chooses a new password and the old one stops working', async () => {
		await accountRow(admin, COLLEAGUE.email)
			.getByRole('button', { name: /Skapa länk för nytt lösenord/ })
			.click();
		const field = admin.getByLabel(`Länk för nytt lösenord till ${COLLEAGUE.name}`);
		await field.waitFor();
		const reset = await field.inputValue();
		expect(reset).toMatch(/\/konto\/[A-Za-z0-9_-]{43}$/);

		await colleague.goto(reset);
		await colleague.getByRole('heading', { name: 'Välj ett nytt lösenord' }).waitFor();
		await colleague.getByLabel('Nytt lösenord').fill(COLLEAGUE.newPassword);
		await colleague.getByLabel('Upprepa lösenordet').fill(COLLEAGUE.newPassword);
		await colleague.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
		await colleague.getByText('Lösenordet är bytt och du är inloggad.').waitFor();

		// Used once, the link is spent.
		await colleague.goto(reset);
		await colleague.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
		await colleague.getByText(/Länken gäller inte längre/).waitFor();
		await expectAccessible(colleague, '/konto/<token> of a spent link');

		await colleague.getByRole('link', { name: 'Till inloggningen' }).click();
		await signIn(colleague, COLLEAGUE.email, COLLEAGUE.password);
		await colleague.getByText('Fel e-postadress eller lösenord.').waitFor();
		await signIn(colleague, COLLEAGUE.email, COLLEAGUE.newPassword);
		await colleague.waitForURL(`${server.url}/`);
		await banner(colleague).getByText(CLINIC).waitFor();
	});

	it('shows Mitt konto with the clinics and roles, and says a wrong current password beside its field', async () => {
		await banner(colleague).getByRole('link', { name: 'Mitt konto' }).click();
		await colleague.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
		await colleague.getByText(COLLEAGUE.email).waitFor();
		expect(await colleague.getByRole('row', { name: new RegExp(CLINIC) }).textContent()).toContain(
			'Studierektor'
		);
		await expectAccessible(colleague, '/konto');

		await colleague.getByLabel('Nuvarande lösenord').fill('inte det här lösenordet');
		await colleague.getByLabel('Nytt lösenord').fill('ett fjärde långt lösenord');
		await colleague.getByLabel('Upprepa lösenordet').fill('ett fjärde långt lösenord');
		await colleague.getByRole('button', { name: 'Byt lösenord' }).click();
		const error = colleague.locator('#current-password-error');
		await error.waitFor();
		expect(await error.textContent()).toBe('Det nuvarande lösenordet stämmer inte.');
		await expectAccessible(colleague, '/konto with an error');

		await colleague.getByLabel('Nuvarande lösenord').fill(COLLEAGUE.newPassword);
		await colleague.getByRole('button', { name: 'Byt lösenord' }).click();
		await colleague.getByText(/Lösenordet är bytt. Dina andra inloggningar är avslutade/).waitFor();
		COLLEAGUE.newPassword = 'ett fjärde långt lösenord';
	});

	it('deactivates the colleague, whose open page’s next call sends them to sign in', async () => {
		await admin.reload();
		const row = accountRow(admin, COLLEAGUE.email);
		await row.getByRole('button', { name: /^Inaktivera/ }).click();
		await row.getByText('Inaktiverat').waitFor();
		expect(dialogs.at(-1)).toMatch(/inloggningar avslutas direkt.*stannar hos kliniken/);

		// The colleague's Mitt konto is still open; the next thing they do needs a session.
		await colleague.getByLabel('Nuvarande lösenord').fill(COLLEAGUE.newPassword);
		await colleague.getByLabel('Nytt lösenord').fill('ett femte långt lösenord');
		await colleague.getByLabel('Upprepa lösenordet').fill('ett femte långt lösenord');
		await colleague.getByRole('button', { name: 'Byt lösenord' }).click();
		await colleague.waitForURL(`${server.url}/logga-in`);
		await signIn(colleague, COLLEAGUE.email, COLLEAGUE.newPassword);
		await colleague.getByText('Kontot är inaktiverat.').waitFor();
	});

	it('shows the API’s refusal when the administrator would deactivate themselves', async () => {
		await accountRow(admin, ADMIN.email)
			.getByRole('button', { name: /^Inaktivera/ })
			.click();
		await admin.getByText(/Du kan inte inaktivera ditt eget konto/).waitFor();
		expect(await accountRow(admin, ADMIN.email).getByText('Inaktiverat').count()).toBe(0);
	});

	it('creates a clinic, renames it, adds the administrator, who then switches clinic in the header', async () => {
		await admin.getByLabel('Klinikens namn').fill('Kirurgkliniken');
		await admin.getByLabel(/Specialiteter/).fill('Kirurgi, Urologi\nKarlkirurgi');
		await admin.getByRole('button', { name: 'Skapa klinik' }).click();
		await admin.getByText('Kliniken Kirurgkliniken är skapad.').waitFor();
		const listed = admin.locator('tr[data-clinic="Kirurgkliniken"]');
		expect(await listed.textContent()).toMatch(/Kirurgi, Urologi, Karlkirurgi.*Inte medlem/);

		await listed.getByRole('link', { name: 'Kirurgkliniken' }).click();
		await admin.getByRole('heading', { level: 1, name: 'Kirurgkliniken' }).waitFor();
		await admin.getByLabel('Klinikens namn').fill('Kirurgkliniken Malmo');
		await admin.getByRole('button', { name: 'Spara' }).click();
		await admin.getByRole('heading', { level: 1, name: 'Kirurgkliniken Malmo' }).waitFor();

		await admin
			.getByLabel('Konto', { exact: true })
			.selectOption({ label: `${ADMIN.name} (${ADMIN.email})` });
		await admin.getByLabel('Roll', { exact: true }).selectOption({ label: 'Läsare' });
		await admin.getByRole('button', { name: 'Lägg till medlem' }).click();
		await admin.locator(`tr[data-member="${ADMIN.email}"]`).waitFor();
		expect(await admin.getByLabel(`Roll för ${ADMIN.name}`).inputValue()).toBe('reader');
		await expectAccessible(admin, 'a clinic’s page');

		// Two clinics now: the header asks which one the pages show.
		const switcher = banner(admin).getByLabel('Klinik', { exact: true });
		await switcher.waitFor();
		await admin.goto(`${server.url}/konto`);
		await switcher.selectOption({ label: 'Kirurgkliniken Malmo' });
		await admin.waitForURL(`${server.url}/`);
		// The choice is remembered in this browser.
		await admin.reload();
		await switcher.waitFor();
		expect(await switcher.locator('option:checked').textContent()).toBe('Kirurgkliniken Malmo');
		await admin.goto(`${server.url}/konto`);
		expect(await admin.getByRole('row', { name: /Kirurgkliniken Malmo/ }).textContent()).toContain(
			'Läsare'
		);
	});

	it('has no Swedish left on /admin in English', async () => {
		await admin.goto(`${server.url}/admin`);
		await admin.getByLabel('Språk').selectOption('en');
		await admin.getByRole('heading', { level: 1, name: 'Administer Kollegium' }).waitFor();
		await admin.getByRole('heading', { name: 'Invite a colleague' }).waitFor();
		const text = await pageText(admin);
		expect(swedishFragments.filter((fragment) => text.includes(fragment))).toEqual([]);
		expect(text.match(/[åäöÅÄÖ]/g) ?? []).toEqual([]);
		await banner(admin).getByRole('link', { name: 'My account' }).waitFor();
		await expectAccessible(admin, '/admin in English');
		await admin.getByLabel('Language').selectOption('sv');
		expect(errors).toEqual([]);
	});
});
