import { execFileSync } from 'node:child_process';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerEveryQuestion,
	expectAccessible,
	launchBrowser,
	newPerson
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
	addParticipant,
	createKollegium,
	openAndCreateLinks,
	setUpThroughLink
} from '../support/ui.ts';

const TITLE = 'Specialistkollegium VT – hela flödet';
const TRAINEE = 'Sara Lindholm';
const SPECIALTY = 'Internmedicin';
const HANDLEDARE = 'Karin Holmlund';
const SPECIALISTS = [HANDLEDARE, 'Peter Sjövik', 'Åsa Öberg'];
const COMMENT = (name: string) => `Fritext från ${name}`;
const SUMMARY = 'Trygg i akuta lägen, tar ansvar på ronden och för samtal med närstående.';
const GOAL = 'Leda ronden självständigt på vårdavdelningen';
const RESPONSIBLE = 'Åsa Öberg';

/** The PDF's words in reading order, whitespace (and table-cell line breaks) collapsed. */
const pdfText = async (download: Download) =>
	execFileSync('pdftotext', [await download.path(), '-'])
		.toString()
		.replace(/\s+/g, ' ');

/** Clicks a download button and waits for the file. */
async function download(page: Page, button: string): Promise<Download> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: button }).click()
	]);
	return file;
}

/** The editor of a rich-text field, found by its visible label. */
const editor = (page: Page, label: string) =>
	page.getByRole('textbox', { name: label, exact: true }).first();

// The whole specialistkollegium through the browser: the studierektor's setup link, three
// specialists and the trainee answering on their phones, the meeting revealed step by step,
// the notes and the plan written on the control page, the PDF, and the handledare's handover.
describe('a whole specialistkollegium, from the form to the downloaded PDF and the handover', () => {
	let server: TestServer;
	let browser: Browser;
	let facilitator: Page;
	let kollegiumUrl = '';
	let links: Record<string, string> = {};
	const errors: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		browser = await launchBrowser();
		const person = await newPerson(browser);
		facilitator = person.page;
		facilitator.on('pageerror', (error) => errors.push(`studierektor: ${error.message}`));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/** A participant on their phone, whose page errors count too. */
	async function phone(who: string): Promise<Page> {
		const { page } = await newPerson(browser, { mobile: true });
		page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
		return page;
	}

	it('lets the studierektor set up her account, create the kollegium and send the links', async () => {
		await setUpThroughLink(facilitator, server.setupLink);
		await createKollegium(facilitator, { kind: 'specialistkollegium', title: TITLE });
		kollegiumUrl = facilitator.url();

		// Two specialists, then Karin, who is also a handledare.
		await addParticipant(facilitator, 'Peter Sjövik');
		await addParticipant(facilitator, 'Åsa Öberg');
		await facilitator.locator('#participant-name').fill(HANDLEDARE);
		await facilitator.getByRole('checkbox', { name: 'Handledare' }).check();
		await facilitator.getByRole('button', { name: 'Lägg till deltagare' }).click();
		await facilitator
			.locator(`tr[data-participant="${HANDLEDARE}"]`, { hasText: 'Handledare' })
			.waitFor();

		// The trainee, with Karin as her handledare.
		await facilitator.locator('#subject-name').fill(TRAINEE);
		await facilitator.locator('#subject-specialty').fill(SPECIALTY);
		await facilitator.locator('#subject-stStart').fill('2024-09-01');
		await facilitator.locator('#subject-supervisorId').selectOption({ label: HANDLEDARE });
		await facilitator.getByRole('button', { name: 'Lägg till ST-läkare' }).click();
		await facilitator
			.getByRole('row', { name: new RegExp(`${TRAINEE}.*${SPECIALTY}.*${HANDLEDARE}`) })
			.waitFor();

		links = await openAndCreateLinks(facilitator);
		expect(Object.keys(links).sort()).toEqual([...SPECIALISTS, TRAINEE].sort());
		await facilitator.screenshot({ path: '/tmp/kollegium-flow-1-kollegium.png', fullPage: true });
	});

	it('takes the three specialists’ answers and the trainee’s self-assessment on their phones', async () => {
		for (const name of SPECIALISTS) {
			const page = await phone(name);
			await page.goto(links[name] ?? '');
			// One trainee: the link opens her form directly.
			await page.getByRole('heading', { name: `Om ${TRAINEE}` }).waitFor();
			await answerEveryQuestion(page);
			await page.locator('#q-styrkor').fill(COMMENT(name));
			if (name === HANDLEDARE) await page.screenshot({ path: '/tmp/kollegium-flow-2-form.png' });
			await page.getByRole('button', { name: /Skicka in/ }).click();
			await page.getByText(/Tack! Dina svar är inskickade/).waitFor();
			await page.context().close();
		}
		const page = await phone(TRAINEE);
		await page.goto(links[TRAINEE] ?? '');
		await page.getByRole('heading', { name: `Självskattning: ${TRAINEE}` }).waitFor();
		await answerEveryQuestion(page, 3);
		await page.getByRole('button', { name: 'Skicka in' }).click();
		await page.getByText(/Tack! Dina svar är inskickade/).waitFor();
		await page.context().close();

		const progress = facilitator.locator(`[data-progress-subject="${TRAINEE}"]`);
		await expect.poll(() => progress.textContent()).toContain('3 av 3 har svarat');
	});

	it('closes answering early, prepares and starts the meeting, and reveals every step', async () => {
		await facilitator.getByRole('link', { name: 'Förbered mötet' }).click();
		await facilitator.getByRole('button', { name: 'Stäng svarstiden nu' }).click();
		await facilitator.locator('[data-comment]').first().waitFor();
		const prepared = facilitator
			.getByRole('region', { name: TRAINEE })
			.getByRole('checkbox', { name: 'Förberedd' });
		await prepared.check();
		await expect.poll(() => prepared.isChecked()).toBe(true);
		await facilitator.getByRole('button', { name: 'Starta mötet' }).first().click();
		await facilitator.getByRole('heading', { name: 'Dagordning' }).waitFor();
		expect(facilitator.url()).toBe(`${kollegiumUrl}/mote`);

		const reveal = facilitator.getByRole('button', { name: 'Visa för rummet' });
		const seen: string[] = [];
		for (let step = 0; step < 30; step += 1) {
			const heading = facilitator.getByRole('heading', { level: 1 });
			const title = (await heading.textContent()) ?? '';
			seen.push(title);
			if (await reveal.isEnabled()) {
				await reveal.click();
				await expect.poll(() => reveal.isEnabled()).toBe(false);
			}
			if (title.includes('Diskussion')) break;
			await facilitator.getByRole('button', { name: 'Nästa →' }).click();
			await facilitator
				.getByRole('heading', { level: 1, name: title, exact: true })
				.waitFor({ state: 'detached' });
		}
		expect(seen[0]).toContain(`${TRAINEE} – Introduktion`);
		expect(seen.at(-1)).toBe(`${TRAINEE} – Diskussion`);
		expect(new Set(seen).size).toBe(seen.length);
		// Every step of the agenda is ticked as revealed.
		const agenda = facilitator.getByRole('navigation', { name: 'Dagordning' });
		expect(await agenda.getByRole('listitem').count()).toBe(seen.length);
		expect(await agenda.getByText('(Visa för rummet)').count()).toBe(seen.length);

		// The comments were revealed: the room saw every specialist's words.
		await facilitator
			.getByRole('button', { name: /^Kommentarer/ })
			.first()
			.click();
		await facilitator.getByRole('heading', { level: 1, name: /Kommentarer/ }).waitFor();
		for (const name of SPECIALISTS) await facilitator.getByText(COMMENT(name)).first().waitFor();
		await facilitator.screenshot({ path: '/tmp/kollegium-flow-3-comments.png' });
		await facilitator.getByRole('button', { name: 'Diskussion' }).click();
		await facilitator
			.getByRole('heading', { level: 1, name: `${TRAINEE} – Diskussion`, exact: true })
			.waitFor();
	});

	it('writes the notes and the development plan on the control page, and marks it final', async () => {
		await editor(facilitator, 'Sammanfattning av diskussionen').click();
		await facilitator.keyboard.type(SUMMARY);
		await editor(facilitator, 'Styrkor').click();
		await facilitator.keyboard.type('Lugn och strukturerad');
		await editor(facilitator, 'Utvecklingsområden').click();
		await facilitator.keyboard.type('Delegera mer till AT-läkare');

		// Beside the meeting's controls the plan starts folded; the studierektor unfolds it.
		await facilitator.locator('summary', { hasText: 'Utvecklingsplan' }).click();
		await facilitator.getByRole('button', { name: '+ Lägg till mål' }).click();
		const goal = facilitator.getByRole('group', { name: 'Mål 1' });
		await goal.getByLabel('Vad ska uppnås?').fill(GOAL);
		await goal.getByText('Välj delmål').click();
		await goal.getByRole('checkbox', { name: /^STa5\b/ }).check();
		await goal.getByLabel('Typ av aktivitet').selectOption({ label: 'Handledning' });
		await goal.getByLabel('Beskrivning').fill('Handledd rond en gång i veckan');
		await goal.getByLabel('Ansvarig').fill(RESPONSIBLE);
		await goal.getByLabel('Klart senast').fill('2027-03-01');
		await goal.getByLabel('Hur följs det upp?').fill('Vid nästa handledarsamtal');
		await facilitator.getByLabel('Nästa uppföljning').fill('2027-04-15');

		await facilitator.getByRole('button', { name: 'Markera planen som klar' }).click();
		await facilitator.getByText(/Version 1 markerad som klar/).waitFor();
		await facilitator.screenshot({ path: '/tmp/kollegium-flow-4-control.png', fullPage: true });
		await expectAccessible(facilitator, 'control page with the document and the plan');
	});

	it('downloads the feedback PDF with the revealed comments, the notes and the plan', async () => {
		const file = await download(facilitator, 'Ladda ner återkopplingen (PDF)');
		expect(file.suggestedFilename()).toMatch(new RegExp(`^Återkoppling ${TRAINEE} .*\\.pdf$`));
		await file.saveAs('/tmp/kollegium-flow-feedback.pdf');
		const text = await pdfText(file);
		expect(text).toContain('Återkoppling från specialistkollegium');
		expect(text).toContain(TRAINEE);
		expect(text).toContain(SPECIALTY);
		expect(text).toContain(HANDLEDARE);
		for (const name of SPECIALISTS) expect(text).toContain(COMMENT(name));
		expect(text).toContain(SUMMARY);
		expect(text).toContain('Delegera mer till AT-läkare');
		expect(text).toContain(GOAL);
		expect(text).toContain(RESPONSIBLE);
		expect(text).toMatch(/Sida 1 av \d+/);
		// Swedish letters survive the font: å, ä, ö and their capitals.
		for (const word of ['närstående', 'självständigt', 'vårdavdelningen', 'Åsa Öberg', 'för'])
			expect(text).toContain(word);
	});

	it('ends the meeting', async () => {
		await facilitator.getByRole('button', { name: 'Avsluta mötet' }).click();
		await facilitator.waitForURL(kollegiumUrl);
		await facilitator.locator('.badge', { hasText: 'Avslutat' }).waitFor();
		// The handover is next: the plan is final, the feedback not yet given.
		const handover = facilitator.getByRole('region', { name: 'Återkoppling' });
		const row = handover.getByRole('row', { name: new RegExp(TRAINEE) });
		expect(await row.textContent()).toMatch(/Klar \(version 1\).*Inte än/);
	});

	it('lets the handledare download the PDF and record the feedback given, and shares it', async () => {
		const karin = await phone(HANDLEDARE);
		await karin.goto(links[HANDLEDARE] ?? '');
		await karin.getByRole('heading', { name: 'Återkoppling att ge' }).waitFor();
		const file = await download(karin, `Ladda ner PDF för ${TRAINEE}`);
		expect(file.suggestedFilename()).toMatch(/\.pdf$/);
		const text = await pdfText(file);
		expect(text).toContain(TRAINEE);
		expect(text).toContain(GOAL);
		await expectAccessible(karin, 'handledare’s handover');
		await karin.getByLabel('Ge ST-läkaren en egen kopia att ladda ner').check();
		await karin.getByRole('button', { name: /Markera återkopplingen som given/ }).click();
		await karin.getByText(/^Återkopplingen gavs /).waitFor();
		await karin.getByText('ST-läkaren har fått en egen kopia').waitFor();
		await karin.getByRole('heading', { name: 'Återkoppling att ge' }).scrollIntoViewIfNeeded();
		await karin.screenshot({ path: '/tmp/kollegium-flow-5-handledare.png' });
		await karin.context().close();

		const sara = await phone(TRAINEE);
		await sara.goto(links[TRAINEE] ?? '');
		await sara.getByRole('heading', { name: 'Din återkoppling' }).waitFor();
		const own = await download(sara, 'Ladda ner PDF');
		const ownText = await pdfText(own);
		expect(ownText).toContain(TRAINEE);
		expect(ownText).toContain(SUMMARY);
		await sara.screenshot({ path: '/tmp/kollegium-flow-6-trainee.png' });
		await sara.context().close();
	});

	it('shows the studierektor the kollegium as återkopplat', async () => {
		await facilitator.reload();
		await facilitator.locator('.badge', { hasText: 'Återkopplat' }).waitFor();
		await facilitator.getByText('All återkoppling är given. Kollegiet är återkopplat.').waitFor();
		await facilitator.screenshot({ path: '/tmp/kollegium-flow-7-delivered.png', fullPage: true });
		await expectAccessible(facilitator, 'delivered kollegium');
		expect(errors).toEqual([]);
	});
});
