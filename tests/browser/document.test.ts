import { execFileSync } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** The PDF's words in reading order, whitespace (and table-cell line breaks) collapsed. */
const pdfText = (path: string) =>
	execFileSync('pdftotext', [path, '-']).toString().replace(/\s+/g, ' ');

const JONAS_PLAN = {
	summary: 'Stabil utveckling.',
	strengths: ['Noggrann'],
	developmentAreas: ['Tempo på mottagningen'],
	goals: [
		{
			description: 'Korta mottagningsbesök',
			goals: ['STa1'],
			activities: [
				{ kind: 'course' as const, description: 'Kurs i konsultation', instrument: null }
			],
			responsible: 'Peter Sjövik',
			dueDate: '2027-05-01',
			followUp: 'Medsittning i maj'
		}
	],
	nextFollowUp: '2027-06-01',
	atRisk: false,
	actionPlan: null
};

/** What an editor holds, without the other editors' name labels at their cursors. */
const editorText = (field: Locator) =>
	field.evaluate((element) => {
		const copy = element.cloneNode(true) as HTMLElement;
		for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		// ProseMirror pads a widget with invisible characters where a caret sat.
		return (copy.textContent ?? '').replace(/[\u2060\s]+/g, ' ').trim();
	});

/** The editor of a rich-text field, found by its visible label. */
const editor = (page: Page, label: string) =>
	page.getByRole('textbox', { name: label, exact: true }).first();

// From the meeting to the trainee's hands: the room writes together, the studierektor completes
// and finalises the plan, the handledare downloads the PDF and records the feedback as given.
describe('the shared document, the plan, the PDF and the handover', () => {
	let server: TestServer;
	let browser: Browser;
	let control: Page;
	let karin: Page;
	let kollegiumId: string;
	let people: Record<string, ApiClient>;
	let subjects: Record<string, string>;
	let facilitator: ApiClient;
	const errors: string[] = [];

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		facilitator = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, facilitator);
		({ id: kollegiumId, people, subjects } = live);
		// Karin is Sara's handledare.
		const detail = (await facilitator.get(`/kollegier/${kollegiumId}`)).json;
		const karinId = detail.participants.find(
			(p: { name: string }) => p.name === 'Karin Holmlund'
		).id;
		const sara = detail.subjects.find((s: { name: string }) => s.name === 'Sara Lindholm');
		const updated = await facilitator.put(`/kollegier/${kollegiumId}/subjects/${sara.id}`, {
			kind: 'trainee',
			name: sara.name,
			specialty: sara.specialty,
			stStart: sara.stStart,
			regulation: sara.regulation,
			supervisorId: karinId
		});
		expect(updated.status).toBe(200);
		browser = await launchBrowser();
		const studierektor = await newPerson(browser);
		control = studierektor.page;
		errors.push(...studierektor.errors);
		await control.goto(`${server.url}/logga-in`);
		await control.getByLabel('E-postadress').fill('eva@example.org');
		await control.getByLabel('Lösenord').fill(PASSWORD);
		await control.getByRole('button', { name: 'Logga in' }).click();
		await control.getByRole('heading', { name: 'Mina kollegier' }).waitFor();
		const specialist = await newPerson(browser, { mobile: true });
		karin = specialist.page;
		specialist.page.on('pageerror', (error) => errors.push(error.message));
		studierektor.page.on('pageerror', (error) => errors.push(error.message));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('lets the room write the notes together, showing who is typing', async () => {
		await control.goto(`${server.url}/kollegier/${kollegiumId}/mote`);
		await karin.goto(`${server.url}/svar/${people['Karin Holmlund']!.invitation}/mote`);
		// Participants write in the notes during the discussion: earlier they would prime the room.
		await karin
			.getByText('Väntar på att studierektorn visar nästa steg…')
			.or(karin.getByText('3 har svarat'))
			.first()
			.waitFor();
		expect(
			await karin.getByRole('textbox', { name: 'Sammanfattning av diskussionen' }).count()
		).toBe(0);
		await control.getByRole('button', { name: 'Diskussion' }).first().click();
		await editor(control, 'Sammanfattning av diskussionen').waitFor();
		await editor(karin, 'Sammanfattning av diskussionen').waitFor();
		await control.getByText('Sparas automatiskt').waitFor();
		await karin.getByText('Sparas automatiskt').first().waitFor();

		await editor(karin, 'Sammanfattning av diskussionen').click();
		await karin.keyboard.type('Trygg i akuta lägen, tar ansvar på ronden.');
		// The studierektor sees Karin's words, and that it is Karin typing.
		await control.getByText('Trygg i akuta lägen, tar ansvar på ronden.').waitFor();
		await control.locator('.typing', { hasText: 'Karin Holmlund' }).first().waitFor();
		// The shared screen shows the subject's notes, read-only and large, during its discussion.
		const presenter = await control.context().newPage();
		await presenter.setViewportSize({ width: 1920, height: 1080 });
		await presenter.goto(`${server.url}/kollegier/${kollegiumId}/visning`);
		const notes = presenter.getByRole('textbox', { name: 'Sammanfattning av diskussionen' });
		await expect.poll(() => editorText(notes)).toBe('Trygg i akuta lägen, tar ansvar på ronden.');
		expect(await notes.getAttribute('contenteditable')).toBe('false');
		await presenter.screenshot({ path: '/tmp/kollegium-document-presenter.png' });
		await expectAccessible(presenter, 'presenter with notes');
		await presenter.close();

		// Keys pressed in the document never drive the meeting: a reveal cannot be taken back.
		await control.getByRole('button', { name: 'Skattningar: Etik' }).first().click();
		const reveal = control.getByRole('button', { name: 'Visa för rummet' });
		await expect.poll(() => reveal.isEnabled()).toBe(true);
		const bold = control.getByRole('button', { name: 'Fet' }).first();
		await bold.focus();
		// In a toolbar the arrows move between its buttons, one tab stop for all three.
		await control.keyboard.press('ArrowRight');
		expect(await control.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
			'Kursiv'
		);
		await bold.focus();
		await control.keyboard.press(' ');
		await control.locator('summary', { hasText: 'Utvecklingsplan' }).focus();
		await control.keyboard.press(' ');
		await pause(300);
		expect(await reveal.isEnabled()).toBe(true);
		await control.getByRole('heading', { level: 1, name: /Etik/ }).waitFor();
		await control.getByRole('button', { name: 'Diskussion' }).first().click();
		await control.screenshot({ path: '/tmp/kollegium-document-control.png', fullPage: true });
		await karin.screenshot({ path: '/tmp/kollegium-document-participant.png', fullPage: true });
		await expectAccessible(control, 'control with document');
		await expectAccessible(karin, 'participant with document');
	});

	it('merges what a participant wrote while the server was down', async () => {
		const { port, dataDir } = server;
		await server.close({ keepData: true });
		await karin
			.getByText(/Ingen anslutning/)
			.first()
			.waitFor({ timeout: 10_000 });
		// Karin goes on writing with no server at all.
		await editor(karin, 'Styrkor').click();
		await karin.keyboard.type('Skriven utan anslutning');
		server = await startTestServer({ pages: true, dataDir, port });
		await control.getByText('Skriven utan anslutning').waitFor({ timeout: 20_000 });
		await karin.getByText('Sparas automatiskt').first().waitFor({ timeout: 20_000 });
		// And nothing written before the restart was lost.
		expect(await editorText(editor(control, 'Sammanfattning av diskussionen'))).toBe(
			'Trygg i akuta lägen, tar ansvar på ronden.'
		);
	});

	it('points out what a plan lacks, beside the field, and freezes it once complete', async () => {
		await control.goto(`${server.url}/kollegier/${kollegiumId}/dokument`);
		await control.getByLabel('Välj vem dokumentet gäller').selectOption({ label: 'Sara Lindholm' });
		await control.getByText('Trygg i akuta lägen, tar ansvar på ronden.').waitFor();
		await editor(control, 'Utvecklingsområden').click();
		await control.keyboard.type('Delegera mer till AT-läkare');
		await control.getByRole('button', { name: '+ Lägg till mål' }).click();
		const goal = control.getByRole('group', { name: 'Mål 1' });
		// Focus lands in the new goal, where the studierektor goes on writing.
		await expect
			.poll(() => goal.getByLabel('Vad ska uppnås?').evaluate((e) => e === document.activeElement))
			.toBe(true);
		await goal.getByLabel('Vad ska uppnås?').fill('Leda ronden självständigt');
		await goal.getByText('Välj delmål').click();
		await goal.getByRole('checkbox', { name: /^STa1\b/ }).check();
		await goal.getByLabel('Typ av aktivitet').selectOption({ label: 'Bedömningsinstrument' });
		await goal.getByLabel('Beskrivning').fill('Observerad rond');
		await control.getByLabel('Nästa uppföljning').fill('2027-04-15');

		await control.getByRole('button', { name: 'Markera planen som klar' }).click();
		await control.getByRole('alert').waitFor();
		await goal
			.getByText('Ange vilket bedömningsinstrument som ska visa framstegen.')
			.first()
			.waitFor();
		expect(await goal.getByLabel('Ansvarig').getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(control, 'plan with errors');
		await control.screenshot({ path: '/tmp/kollegium-plan-errors.png', fullPage: true });

		await goal.getByLabel('Bedömningsinstrument').selectOption({ label: 'Mini-CEX' });
		await goal.getByLabel('Ansvarig').fill('Karin Holmlund');
		await goal.getByLabel('Klart senast').fill('2027-03-01');
		await goal.getByLabel('Hur följs det upp?').fill('Vid nästa handledarsamtal');
		await control.getByRole('button', { name: 'Markera planen som klar' }).click();
		await control.getByText(/Version 1 markerad som klar/).waitFor();

		const [download] = await Promise.all([
			control.waitForEvent('download'),
			control.getByRole('button', { name: 'Ladda ner återkopplingen (PDF)' }).click()
		]);
		const text = pdfText(await download.path());
		expect(text).toContain('Sara Lindholm');
		expect(text).toContain('Leda ronden självständigt');
		expect(text).toContain('Delegera mer till AT-läkare');
		expect(text).toContain('Skriven utan anslutning');

		// The room follows the plan on the shared screen, read-only, as it is written.
		const presenter = await control.context().newPage();
		await presenter.setViewportSize({ width: 1920, height: 1080 });
		await presenter.goto(`${server.url}/kollegier/${kollegiumId}/visning`);
		const table = presenter.getByRole('region', { name: 'Utvecklingsplan' }).getByRole('table');
		await table.getByText('Leda ronden självständigt').waitFor();
		await table.getByText('Karin Holmlund').waitFor();
		await presenter.screenshot({ path: '/tmp/kollegium-presenter-plan.png' });
		await expectAccessible(presenter, 'presenter with the plan');
		await presenter.close();
	});

	it('lets the handledare download the PDF and record the feedback, and the kollegium is delivered', async () => {
		await karin.goto(`${server.url}/svar/${people['Karin Holmlund']!.invitation}`);
		await karin.getByRole('heading', { name: 'Återkoppling att ge' }).waitFor();
		const [download] = await Promise.all([
			karin.waitForEvent('download'),
			karin.getByRole('button', { name: 'Ladda ner PDF för Sara Lindholm' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^Återkoppling Sara Lindholm .*\.pdf$/);
		expect(pdfText(await download.path())).toContain('Handledare');
		await expectAccessible(karin, 'handover for the handledare');
		await karin.getByLabel('Ge ST-läkaren en egen kopia att ladda ner').check();
		await karin.getByRole('button', { name: /Markera återkopplingen som given/ }).click();
		await karin.getByText(/^Återkopplingen gavs /).waitFor();

		// The trainee now has her own copy.
		const sara = await newPerson(browser, { mobile: true });
		await sara.page.goto(`${server.url}/svar/${people['Sara Lindholm']!.invitation}`);
		await sara.page.getByRole('heading', { name: 'Din återkoppling' }).waitFor();

		// Jonas's plan (written by the room, here through the document directly) is marked final;
		// he has no handledare named, so the studierektor records his feedback herself.
		const jonas = subjects['Jonas Bergstedt']!;
		const { doc, provider } = await openDocument(server, kollegiumId, {
			cookie: facilitator.cookieHeader
		});
		writeDevelopmentPlan(doc, jonas, JONAS_PLAN);
		await pause(200);
		provider.destroy();
		expect(
			(await facilitator.post(`/kollegier/${kollegiumId}/subjects/${jonas}/plan/final`)).status
		).toBe(201);
		await control.goto(`${server.url}/kollegier/${kollegiumId}/dokument`);
		const panel = control.getByRole('region', { name: 'Återkoppling' });
		await panel.getByText(/^Återkopplingen gavs /).waitFor();
		await panel
			.getByRole('button', { name: /Markera återkopplingen som given\W+Jonas Bergstedt/ })
			.click();
		await panel.getByRole('button', { name: 'Spara' }).click();
		await expect.poll(() => panel.getByText(/^Återkopplingen gavs /).count()).toBe(2);
		// Closing the meeting with every feedback given delivers the kollegium.
		expect(
			(await facilitator.post(`/kollegier/${kollegiumId}/status`, { status: 'closed' })).json.status
		).toBe('delivered');
		await control.reload();
		await control.getByText('All återkoppling är given. Kollegiet är återkopplat.').waitFor();
		// The kollegium's own page says so too, with each trainee's handover.
		await control.goto(`${server.url}/kollegier/${kollegiumId}`);
		await control.locator('.badge', { hasText: 'Återkopplat' }).waitFor();
		const overview = control.getByRole('region', { name: 'Återkoppling' });
		expect(await overview.getByText(/^Återkopplingen gavs /).count()).toBe(2);
		await control.screenshot({ path: '/tmp/kollegium-handover.png', fullPage: true });
		await expectAccessible(control, 'document page with handover');
		expect(errors).toEqual([]);
	});
});
