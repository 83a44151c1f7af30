import { catalogues, type MessageKey } from '@kollegium/model';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colleagueClient, inviteColleague } from '../support/accounts.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { secondKollegium } from '../support/follow-up.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { closedStWithSupervisors, SUPERVISOR_TRAINEES } from '../support/supervisor-feedback.ts';

// #12 point 6: every page of the app in English, as each role that reaches it sees it, with no
// Swedish left: neither a catalogue text nor a word written into a page by hand.

const { sv, en } = catalogues;

/** The Swedish texts of the catalogue (not also English), split at their placeholders. */
const swedishFragments = [
	...new Set(
		(Object.keys(sv) as MessageKey[])
			.filter((key) => sv[key] !== en[key])
			.flatMap((key) =>
				sv[key]
					.split(/\{\w+\}/)
					.map((part) => part.trim().replace(/\s+/g, ' '))
					.filter((part) => part.length >= 4 && !en[key].includes(part))
			)
	)
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const allEnglish = Object.values(en).join('\n');
const fragmentPatterns = swedishFragments
	.map((fragment) => ({
		fragment,
		// Whole words only: "Plan" is no Swedish inside "Planned".
		pattern: new RegExp(`(^|[^\\p{L}])${escape(fragment)}($|[^\\p{L}])`, 'u')
	}))
	// A Swedish term the English texts use too ("Trainee (ST-läkare)") is no slip.
	.filter(({ pattern }) => !pattern.test(allEnglish));

/** Words with å, ä or ö that English pages use on purpose: the glossary's Swedish terms. */
const englishSwedishWords = new Set(
	Object.values(en).flatMap((text) => text.match(/[\p{L}-]*[åäöÅÄÖ][\p{L}-]*/gu) ?? [])
);

/** What the test itself wrote in: names, titles and comments, Swedish because people are. */
const DATA = [
	'Karin Holmlund',
	'Peter Sjövik',
	'Amira Nordqvist',
	'Sara Lindholm',
	'Jonas Bergstedt',
	'Alva Ahlström',
	'Bertil Berglund',
	...SUPERVISOR_TRAINEES,
	'Medicinkliniken',
	'Konferensrum Ugglan',
	'Specialistkollegium VT',
	'Specialistkollegium HT',
	'ST-läkarkollegium HT',
	'Internmedicin',
	'Överläkare',
	// The plan and comments written by tests/support/follow-up.ts.
	'Kommentar från',
	'Leda ronden självständigt',
	'Genomgång med handledaren'
];

/** Swedish on a page's text: catalogue texts, and words with å, ä or ö no English text uses. */
function swedishOn(text: string): string[] {
	let rest = text.replace(/\s+/g, ' ');
	for (const data of DATA) rest = rest.split(data).join(' ');
	const fragments = fragmentPatterns
		.filter(({ pattern }) => pattern.test(rest))
		.map(({ fragment }) => fragment);
	// Elements next to each other may run together in the text ("målbeskrivningSTc1").
	const allowed = [...englishSwedishWords];
	const words = (rest.match(/[\p{L}-]*[åäöÅÄÖ][\p{L}-]*/gu) ?? []).filter(
		(word) => !allowed.some((known) => word.startsWith(known) || word.endsWith(known))
	);
	return [...new Set([...fragments, ...words])];
}

/** The page's text as a person or a screen reader meets it, the language picker aside. */
const pageText = (page: Page) =>
	page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		for (const picker of body.querySelectorAll('select[aria-label="Language"]')) picker.remove();
		for (const hidden of body.querySelectorAll('[hidden], template, script, style'))
			hidden.remove();
		const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder]')].map(
			(element) =>
				['aria-label', 'title', 'placeholder'].map((name) => element.getAttribute(name) ?? '')
		);
		return [document.title, body.innerText, ...attributes.flat()].join('\n');
	});

describe('English on every page', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let reader: ApiClient;
	let setupLink: string;
	let seeded: Awaited<ReturnType<typeof secondKollegium>>;
	let st: Awaited<ReturnType<typeof closedStWithSupervisors>>;
	let open: Awaited<ReturnType<typeof openSpecialistkollegium>>;
	let accountInvitation: string;
	const contexts: BrowserContext[] = [];
	const errors: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		setupLink = server.setupLink;
		browser = await launchBrowser();
	});
	afterAll(async () => {
		for (const context of contexts) await context.close();
		await browser?.close();
		await server?.close();
	});

	/** A browser for one person, in English, signed in as `who` (or signed out). */
	async function english(who: ApiClient | null): Promise<Page> {
		const { context, page, errors: own } = await newPerson(browser);
		contexts.push(context);
		const cookies = [
			{ name: 'kollegium_locale', value: 'en' },
			...(who?.cookieHeader.split('; ').filter(Boolean) ?? []).map((pair) => ({
				name: pair.slice(0, pair.indexOf('=')),
				value: pair.slice(pair.indexOf('=') + 1)
			}))
		];
		await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: server.url })));
		page.on('pageerror', (error) => errors.push(error.message));
		void own;
		return page;
	}

	/** Opens a page, waits until it has loaded, and checks it has no Swedish and passes axe. */
	async function check(page: Page, path: string, heading: string | RegExp, ready?: string) {
		await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
		await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
		if (ready) await page.locator(ready).first().waitFor();
		await page.waitForLoadState('networkidle');
		expect.soft(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
		const text = await pageText(page);
		const swedish = swedishOn(text);
		if (swedish.length > 0 && process.env.ENGLISH_DEBUG) {
			for (const word of swedish) {
				const at = text.replace(/\s+/g, ' ').indexOf(word);
				console.log(
					path,
					JSON.stringify(word),
					text.replace(/\s+/g, ' ').slice(Math.max(0, at - 60), at + 60)
				);
			}
		}
		expect.soft(swedish, `Swedish on ${path}`).toEqual([]);
		try {
			await expectAccessible(page, `${path} in English`);
		} catch (error) {
			expect.soft(String(error), `axe on ${path}`).toBe('');
		}
	}

	it('shows the setup page in English before anyone has an account', async () => {
		const page = await english(null);
		await check(page, new URL(setupLink).pathname, /.+/);
		// The rest of the test needs the installation set up.
		eva = (await setUpFacilitator(server)).client;
		const clinicId = (await eva.get('/auth/me')).json.clinics[0].clinicId as string;
		reader = await colleagueClient(server, eva, {
			name: 'Vera Reader',
			email: 'reader@example.org',
			role: 'reader',
			clinicId
		});
		accountInvitation = (
			await inviteColleague(eva, { email: 'new@example.org', role: 'studierektor', clinicId })
		).url;
		seeded = await secondKollegium(server, eva);
		st = await closedStWithSupervisors(server, eva, {
			above: 'Alva Ahlström',
			below: 'Bertil Berglund',
			comment: (index) => `Comment ${index + 1} about`
		});
		open = await openSpecialistkollegium(server, eva);
	});

	it('shows a signed-out visitor the sign-in page, an account invitation and the accessibility statement in English', async () => {
		const page = await english(null);
		await check(page, '/logga-in', /.+/);
		await check(page, new URL(accountInvitation).pathname, /.+/);
		await check(page, '/tillganglighet', /.+/);
	});

	it('shows the studierektor and administrator every page of theirs in English', async () => {
		const page = await english(eva);
		const { first, second, register } = seeded;
		const clinicId = register.clinicId;
		const pages: [string, string | RegExp][] = [
			['/', /.+/],
			['/kollegier/ny', /.+/],
			[`/kollegier/${first.id}`, 'Specialistkollegium VT'],
			[`/kollegier/${second.id}`, 'Specialistkollegium HT'],
			[`/kollegier/${st.id}`, 'ST-läkarkollegium HT'],
			[`/kollegier/${open.id}`, 'Specialistkollegium HT'],
			[`/kollegier/${second.id}/forberedelse`, /.+/],
			[`/kollegier/${second.id}/dokument`, /.+/],
			[`/kollegier/${second.id}/mote`, /.+/],
			[`/kollegier/${second.id}/visning`, /.+/],
			['/personer', /.+/],
			['/st-lakare', /.+/],
			[`/st-lakare/${register.people['Sara Lindholm']}`, /Sara Lindholm/],
			['/rapport', /.+/],
			['/konto', /.+/],
			['/admin', /.+/],
			['/admin/delmal', /.+/],
			[`/admin/kliniker/${clinicId}`, /.+/],
			['/admin/logg', /.+/]
		];
		for (const [path, heading] of pages) await check(page, path, heading);
	});

	it('lets the studierektor choose the language of a person’s and a participant’s e-mail', async () => {
		const page = await english(eva);
		const clinicId = seeded.register.clinicId;
		await page.goto(`${server.url}/personer`, { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Add person' }).first().click();
		const form = page.locator('form').filter({ has: page.locator('#person-language') });
		await form.getByLabel('Name', { exact: true }).fill('Greta Guest');
		await form.getByLabel('E-mails written in').selectOption({ label: 'English' });
		await expectAccessible(page, 'the person form with its language');
		await form.getByRole('button', { name: 'Add person' }).click();
		await page.getByText('Greta Guest').first().waitFor();
		const people = (await eva.get(`/clinics/${clinicId}/people`)).json;
		expect(people.find((p: { name: string }) => p.name === 'Greta Guest')?.language).toBe('en');

		await page.goto(`${server.url}/kollegier/${open.id}`, { waitUntil: 'networkidle' });
		await page.locator('#participant-name').fill('Hugo Visitor');
		const language = page.getByLabel('E-mails written in');
		expect(await language.inputValue()).toBe('sv');
		await language.selectOption({ label: 'English' });
		await page.getByRole('button', { name: 'Add participant' }).click();
		const row = page.locator('tr[data-participant="Hugo Visitor"]');
		await row.waitFor();
		const detail = (await eva.get(`/kollegier/${open.id}`)).json;
		const hugo = detail.participants.find((p: { name: string }) => p.name === 'Hugo Visitor');
		expect(hugo?.language).toBe('en');
		// The form starts afresh: the next person is Swedish unless chosen otherwise.
		expect(await language.inputValue()).toBe('sv');
		// Editing shows the stored language.
		await row.getByRole('button', { name: /Edit/ }).click();
		expect(await language.inputValue()).toBe('en');
		await expectAccessible(page, 'the participant form with its language');
	});

	it('shows a läsare their pages in English', async () => {
		const page = await english(reader);
		await check(page, '/', /.+/);
		await check(page, `/kollegier/${seeded.first.id}`, 'Specialistkollegium VT');
		await check(page, '/rapport', /.+/);
	});

	it('shows a respondent, the handledare and a supervisor their links in English', async () => {
		const page = await english(null);
		const link = (client: ApiClient) => `/svar/${client.invitation ?? ''}`;
		const { first, second } = seeded;
		// An assessor of the live meeting: their forms, and the meeting on their phone.
		await check(page, link(second.people['Peter Sjövik']!), /.+/);
		await check(page, `${link(second.people['Peter Sjövik']!)}/mote`, /.+/);
		// While answering is open: an assessor's form, and a trainee's self-assessment.
		const about = open.detail.subjects.find((s: { name: string }) => s.name === 'Sara Lindholm');
		for (const name of ['Karin Holmlund', 'Sara Lindholm']) {
			const form = `${link(open.people[name]!)}?formular=${about.id}`;
			await check(page, form, /.+/, 'fieldset.choices');
		}
		// The trainee's handledare after the first meeting: the plan to pass on.
		await check(page, link(first.people['Karin Holmlund']!), /.+/);
		// A supervisor of the ST-läkarkollegium: their own feedback.
		await check(page, new URL(st.urls['Alva Ahlström']!).pathname, /.+/);
		expect(errors).toEqual([]);
	});
});
