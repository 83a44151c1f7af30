import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { closedStWithSupervisors } from '../support/supervisor-feedback.ts';

const ALVA = 'Alva Ahlström';
const BERTIL = 'Bertil Berglund';

// #11 point 5 in the browser: after an ST-läkarkollegium a supervisor opens their own link,
// downloads their own feedback and records "återkoppling mottagen"; the one fewer than k
// trainees answered about gets no PDF; the studierektor sees both in the handover.
describe('a supervisor’s own feedback through their link', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let seeded: Awaited<ReturnType<typeof closedStWithSupervisors>>;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		seeded = await closedStWithSupervisors(server, eva, {
			above: ALVA,
			below: BERTIL,
			comment: (index) => `Kommentar ${index + 1} om`
		});
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	async function supervisorPage(name: string): Promise<Page> {
		const { page } = await newPerson(browser, { mobile: true });
		await page.goto(seeded.urls[name] ?? '');
		await page.getByRole('heading', { name: 'Din återkoppling som handledare' }).waitFor();
		return page;
	}

	it('lets the supervisor download their feedback and record that it was received', async () => {
		const page = await supervisorPage(ALVA);
		// They answer nothing: no list of forms, and a word on why.
		expect(await page.getByRole('heading', { name: 'Dina formulär' }).count()).toBe(0);
		await page.getByText('Du svarar inte på något och ser inga svar').waitFor();
		await expectAccessible(page, 'a supervisor’s link with their feedback');
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Ladda ner din återkoppling (PDF)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(new RegExp(`${ALVA}.*\\.pdf$`));
		await page.getByRole('button', { name: 'Återkoppling mottagen' }).click();
		await page.getByRole('status').filter({ hasText: 'återkopplingen är mottagen' }).waitFor();
		await page.getByText(/Du tog emot återkopplingen \d/).waitFor();
		expect(await page.getByRole('button', { name: 'Återkoppling mottagen' }).count()).toBe(0);
		await page.reload();
		await page.getByText(/Du tog emot återkopplingen \d/).waitFor();
		await expectAccessible(page, 'a supervisor’s link after receipt');
	});

	it('tells the supervisor below k that there is no feedback, with no PDF', async () => {
		const page = await supervisorPage(BERTIL);
		await page.getByText('Färre än 4 ST-läkare svarade om dig').waitFor();
		expect(await page.getByRole('button', { name: /Ladda ner/ }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Återkoppling mottagen' }).count()).toBe(0);
		await expectAccessible(page, 'a supervisor’s link below k');
	});

	it('shows the studierektor each supervisor’s result and receipt', async () => {
		const { context, page } = await newPerson(browser);
		await context.addCookies(
			eva.cookieHeader.split('; ').map((pair) => {
				const at = pair.indexOf('=');
				return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.url };
			})
		);
		await page.goto(`${server.url}/kollegier/${seeded.id}`);
		// The page states both promises: the clinic's k and the supervisors'.
		const supervisorK = page.locator('dt', { hasText: 'Minsta antal svar om varje handledare' });
		expect(await supervisorK.locator('xpath=following-sibling::dd').textContent()).toBe('4');
		const table = page.locator('table[data-supervisor-feedback]');
		await table.waitFor();
		const row = (name: string) => table.getByRole('row').filter({ hasText: name });
		await row(ALVA).getByRole('cell', { name: 'Finns' }).waitFor();
		expect(await row(ALVA).textContent()).toMatch(/\d{1,2} \w+ \d{4}|\d{4}-\d{2}-\d{2}/);
		expect(await row(BERTIL).textContent()).toContain('Färre än 4 svar: inget resultat');
		expect(await row(BERTIL).textContent()).toContain('Inte än');
		const downloading = page.waitForEvent('download');
		await row(ALVA)
			.getByRole('button', { name: `Ladda ner PDF för ${ALVA}` })
			.click();
		expect((await downloading).suggestedFilename()).toMatch(/\.pdf$/);
		await expectAccessible(page, 'the handover with the supervisors');
	});
});
