import { pageOf, type MeetingFrame, type StepView } from '@kollegium/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullAnswers, itemsFor } from '../api/helpers.ts';
import { expectAccessible, launchBrowser, newPerson } from '../support/browser.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, nextFrame, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Free text as specialists write it: a sentence or three, some long. */
const TEXTS = [
	'Strukturerad och lugn på akuten, prioriterar rätt även när det är många patienter samtidigt och ber om hjälp i tid.',
	'Kan bli tydligare i journalen: bedömningen och planen bör stå i klartext så att nästa läkare förstår resonemanget utan att fråga.',
	'Tar ansvar för sina patienter.',
	'Har utvecklats mycket sedan förra kollegiet, särskilt i samtal med närstående. Kan gärna ta fler egna mottagningspass för att få bredd i de vanliga tillstånden och öva på att avsluta besök i tid.',
	'Bra på att handleda läkarstudenter och AT-läkare; förklarar pedagogiskt och tålmodigt.',
	'Behöver träna på att delegera och på att leda ronden när det är stressigt, gärna med stöd av en specialist de första gångerna.'
];
const VIEWPORTS = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

interface Seeded {
	id: string;
	/** Each specialist's (or trainee's) invitation token, by name. */
	invitations: Record<string, string>;
}

const VIDEO_LINK =
	'https://regionen.videomote.example.se/meet/specialistkollegium-medicinkliniken-2025-host/rum-4711?pwd=AbCdEfGhIjKlMnOpQrStUvWx';

/**
 * An open kollegium with the given form where `answering` people (six specialists, half who
 * work with the trainee a lot and half a little, or five trainees) have answered every question
 * with long free text, the trainee has self-assessed, two comments are merged, and the meeting is live.
 */
async function seed(
	server: TestServer,
	eva: ApiClient,
	options: { templateId: string; kind: 'specialistkollegium' | 'st-lakarkollegium' }
): Promise<Seeded> {
	const specialist = options.kind === 'specialistkollegium';
	const clinicId = await ownClinicOf(eva);
	const created = await eva.post(
		`/kollegier?clinicId=${clinicId}`,
		kollegiumInput(server, {
			kind: options.kind,
			templateId: options.templateId,
			title: `Kollegium ${options.templateId}`,
			videoLink: VIDEO_LINK
		})
	);
	if (created.status !== 201) throw new Error(`create: ${created.text}`);
	const id: string = created.json.id;
	const names = specialist
		? ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist', 'Lars Eklöf', 'Nina Berg', 'Omar Said']
		: ['Sara Lindholm', 'Jonas Bergstedt', 'Maja Ekström', 'Tove Tidig', 'Ulf Ung'];
	for (const name of names) {
		await eva.post(`/kollegier/${id}/participants`, {
			name,
			roles: [specialist ? 'assessor' : 'trainee']
		});
	}
	if (specialist) {
		await eva.post(`/kollegier/${id}/subjects`, {
			kind: 'trainee',
			name: 'Sara Lindholm',
			specialty: 'Internmedicin',
			stStart: '2024-09-01',
			regulation: 'HSLF-FS 2021:8',
			email: 'sara@example.org'
		});
	} else {
		for (const name of ['Dr Karin Ahlström', 'Dr Peter Berglund'])
			await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', name });
	}
	const opened = await eva.post(`/kollegier/${id}/status`, { status: 'open' });
	if (opened.status !== 200) throw new Error(`open: ${opened.text}`);
	const links = (await eva.post(`/kollegier/${id}/invitations`)).json as {
		participantId: string;
		url: string;
	}[];
	const detail = (await eva.get(`/kollegier/${id}`)).json;
	const form = (
		await new ApiClient(server.url, { invitation: tokenOf(links[0]!.url) }).get('/respond')
	).json.form;
	for (const [index, link] of links.entries()) {
		const client = new ApiClient(server.url, { invitation: tokenOf(link.url) });
		const participant = detail.participants.find(
			(p: { id: string }) => p.id === link.participantId
		) as { name: string };
		const self = specialist && !names.includes(participant.name);
		for (const subject of detail.subjects as { id: string; kind: string; name: string }[]) {
			if (self && subject.name !== participant.name) continue;
			const role = self ? 'self' : specialist ? 'assessor' : 'trainee';
			const answers = fullAnswers(form, {
				about: subject.kind,
				role,
				rating: self ? 4 : (index % 5) + 1
			});
			for (const item of itemsFor(form, subject.kind, role)) {
				if (item.type === 'text')
					answers[item.id] = TEXTS[(index + item.id.length) % TEXTS.length]!;
				// Half worked with the trainee a lot, half a little: two groups that reach k = 3.
				if (item.type === 'choice') answers[item.id] = index % 2 === 0 ? 'mycket' : 'lite';
			}
			const submitted = await client.post(`/respond/responses/${subject.id}/submit`, { answers });
			if (submitted.status !== 200) throw new Error(`submit: ${submitted.text}`);
		}
	}
	const prepared = await eva.post(`/kollegier/${id}/close-answering`);
	if (prepared.status !== 200) throw new Error(`close answering: ${prepared.text}`);
	// In every subject two comments on one question merged: the screen shows "2 skrev liknande".
	for (const subject of prepared.json.subjects as {
		comments: { id: string; itemId: string }[];
	}[]) {
		const [first, second] = subject.comments.filter(
			(c) => c.itemId === subject.comments[0]?.itemId
		);
		if (!first || !second) continue;
		const merged = await eva.put(`/kollegier/${id}/comments/${second.id}`, {
			mergedInto: first.id
		});
		if (merged.status !== 200) throw new Error(`merge: ${merged.text}`);
	}
	const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`live: ${live.text}`);
	const invitations = Object.fromEntries(
		links.map((link) => [
			detail.participants.find((p: { id: string }) => p.id === link.participantId)?.name,
			tokenOf(link.url)
		])
	);
	return { id, invitations };
}

interface ScreenCheck {
	scrolls: boolean;
	outside: string[];
	small: string[];
	scaled: boolean;
	pages: string;
	headings: string[];
	comments: string[];
	badges: { fontSize: number; height: number }[];
	selfRows: string[];
	timers: string;
}

/**
 * What the shared screen shows right now: every visible element of the step that ends outside
 * the viewport, whether the document scrolls, text below 18 px, and what content is on screen.
 */
function check(page: Page): Promise<ScreenCheck> {
	return page.evaluate(() => {
		const width = window.innerWidth;
		const height = window.innerHeight;
		const root = document.querySelector('.presenter');
		const outside: string[] = [];
		const small: string[] = [];
		const describe = (element: Element) =>
			`<${element.tagName.toLowerCase()} class="${element.className}"> "${(element.textContent ?? '').trim().slice(0, 50)}"`;
		for (const element of root ? [root, ...root.querySelectorAll('*')] : []) {
			const style = getComputedStyle(element);
			if (
				element.closest('.visually-hidden, [aria-hidden="true"]') ||
				style.visibility === 'hidden'
			)
				continue;
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5)
				outside.push(`${describe(element)} at ${Math.round(box.right)}×${Math.round(box.bottom)}`);
			const text = [...element.childNodes].some(
				(node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()
			);
			if (text && parseFloat(style.fontSize) < 17.99)
				small.push(`${describe(element)} ${style.fontSize}`);
		}
		const visible = (selector: string) =>
			[...document.querySelectorAll(`.presenter .body ${selector}`)].filter(
				(element) => !element.closest('[aria-hidden="true"]')
			);
		return {
			scrolls:
				document.documentElement.scrollHeight > height ||
				document.documentElement.scrollWidth > width,
			outside,
			small,
			scaled: document.querySelector('.presenter [data-scaled]') !== null,
			pages: document.querySelector('.page-number [aria-hidden="true"]')?.textContent ?? '',
			headings: visible('h3').map((h) => h.firstChild?.textContent?.trim() ?? ''),
			comments: visible('ul.comments li').map((li) => li.firstChild?.textContent?.trim() ?? ''),
			badges: visible('.badge').map((badge) => ({
				fontSize: parseFloat(getComputedStyle(badge).fontSize),
				height: badge.getBoundingClientRect().height
			})),
			selfRows: visible('figure.chart li.self').map((li) => li.textContent ?? ''),
			timers: document.querySelector('.timers')?.textContent ?? ''
		};
	});
}

/**
 * Waits until the screen shows what the meeting's latest frame says: the step, and once it
 * is laid out, the page and the page count the screen has reported.
 */
async function settled(page: Page, latest: () => MeetingFrame): Promise<void> {
	const until = Date.now() + 5000;
	for (;;) {
		const frame = latest();
		const entry = frame.agenda[frame.state.position];
		const { page: number, pages } = pageOf(frame.state);
		const shows = await page.evaluate(
			({ stepId, shown }) => {
				const stage = document.querySelector(`.stage[data-step="${stepId}"]`);
				if (!stage) return null;
				if (!shown) return stage.querySelector('h1') ? 'waiting' : null;
				const step = stage.querySelector('.shared-step');
				return `${step?.getAttribute('data-page')}/${step?.getAttribute('data-pages')}`;
			},
			{ stepId: entry?.id ?? '', shown: frame.current !== null }
		);
		if (shows === (frame.current ? `${number}/${pages}` : 'waiting')) return;
		if (Date.now() > until)
			throw new Error(`the screen shows ${shows} for ${entry?.id} ${number}/${pages}`);
		await page.waitForTimeout(30);
	}
}

/** What is wrong with the screen as it is: anything outside it, a scroll, small text, timers. */
function screenProblems(
	screen: ScreenCheck,
	frame: MeetingFrame,
	where: string,
	smallest: boolean
): string[] {
	const problems: string[] = [];
	if (screen.scrolls) problems.push(`${where}: the document scrolls`);
	if (screen.scaled) problems.push(`${where}: shrunk to fit instead of paged`);
	problems.push(...screen.outside.map((o) => `${where}: ${o}`));
	if (smallest) problems.push(...screen.small.map((o) => `${where}: ${o}`));
	for (const badge of screen.badges) {
		if (badge.fontSize < 18 || badge.height < 24)
			problems.push(`${where}: a badge of ${badge.fontSize} px, ${badge.height} px high`);
	}
	const view = frame.current;
	if (view?.kind === 'ratings') {
		if (view.items.some((item) => typeof item.self === 'number') && screen.selfRows.length === 0)
			problems.push(`${where}: no self-assessment row`);
		for (const row of screen.selfRows) {
			if (!row.includes('självskattning'))
				problems.push(`${where}: "${row}" says not what it marks`);
		}
		if (view.items.some((item) => item.split) !== true && view.subject.kind === 'trainee')
			problems.push(`${where}: no familiarity split`);
	}
	const timer = { trainee: 'ST-läkare', supervisor: 'Handledare', clinic: 'Kliniken' };
	if (view && !screen.timers.includes(timer[view.subject.kind]))
		problems.push(`${where}: the timer says "${screen.timers}"`);
	return problems;
}

describe('the meeting on the shared screen (1920×1080, 1280×720) and on a phone', () => {
	let server: TestServer;
	let browser: Browser;
	let eva: ApiClient;
	let presenter: Page;

	beforeAll(async () => {
		server = await startTestServer({ pages: true });
		eva = (await setUpFacilitator(server)).client;
		browser = await launchBrowser();
		const { context, page } = await newPerson(browser);
		await context.addCookies(
			eva.cookieHeader.split('; ').map((pair) => {
				const at = pair.indexOf('=');
				return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.url };
			})
		);
		presenter = page;
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	for (const [templateId, kind] of [
		['specialistkollegium-allman', 'specialistkollegium'],
		['specialistkollegium-kirurgi', 'specialistkollegium'],
		['st-lakarkollegium', 'st-lakarkollegium']
	] as const) {
		it(`fits every step of ${templateId} on both screens, page by page with the keys, split and self-assessment on`, async () => {
			const kollegium = await seed(server, eva, { templateId, kind });
			const control: MeetingSocket = connect(server, { cookie: eva.cookieHeader });
			let frame = await join(control, kollegium.id, 'control');
			for (const type of ['toggleSelf', 'toggleSplit'] as const) {
				const toggled = nextFrame(control);
				await send(control, 'meeting:command', { type });
				frame = await toggled;
			}
			control.on('meeting:frame', (next) => {
				if (next.state.version > frame.state.version) frame = next;
			});
			/** Presses a key on the shared screen and waits for the meeting and the screen. */
			const press = async (key: string) => {
				const version = frame.state.version;
				const moved = nextFrame(control, (f) => f.state.version > version);
				await presenter.keyboard.press(key);
				await moved;
				await settled(presenter, () => frame);
			};
			await presenter.setViewportSize(VIEWPORTS[0]!);
			await presenter.goto(`${server.url}/kollegier/${kollegium.id}/visning`);
			const problems: string[] = [];
			const paged: string[] = [];
			let badges = 0;
			let wentBack = false;
			for (const size of VIEWPORTS) {
				await presenter.setViewportSize(size);
				if (frame.state.position !== 0) {
					const back = nextFrame(control, (f) => f.state.position === 0);
					await send(control, 'meeting:command', { type: 'goto', position: 0 });
					await back;
				}
				await settled(presenter, () => frame);
				const seen = new Map<string, { view: StepView; shown: Set<string> }>();
				const axed = new Set<string>();
				for (let presses = 0; presses < 200; presses += 1) {
					const entry = frame.agenda[frame.state.position]!;
					const { page: number, pages } = pageOf(frame.state);
					const where = `${size.width}×${size.height} ${entry.kind} ${entry.sectionTitle?.sv ?? entry.subjectName} ${number + 1}/${pages}`;
					const screen = await check(presenter);
					problems.push(...screenProblems(screen, frame, where, size.width === 1280));
					badges += screen.badges.length;
					if (screen.pages) paged.push(`${where}: ${screen.pages}`);
					if (frame.current) {
						const content = seen.get(entry.id) ?? { view: frame.current, shown: new Set() };
						[...screen.headings, ...screen.comments].forEach((text) => content.shown.add(text));
						seen.set(entry.id, content);
						if (!axed.has(entry.kind)) {
							axed.add(entry.kind);
							await expectAccessible(presenter, where);
						}
					}
					if (frame.state.position === frame.agenda.length - 1 && frame.current) break;
					if (!wentBack && number === 1) {
						// ← turns back a page before it leaves the step; → turns forward again.
						wentBack = true;
						await press('ArrowLeft');
						expect(pageOf(frame.state).page, where).toBe(0);
						expect((await check(presenter)).pages, where).toBe(`1/${pages}`);
						await press('ArrowRight');
						continue;
					}
					// Space reveals and turns pages; → does both, and moves on after the last page.
					const more = !frame.current || number < pages - 1;
					await press(more && presses % 2 === 0 ? ' ' : 'ArrowRight');
				}
				// Stepping back from the last step lands on the last page of the one before.
				await press('ArrowLeft');
				const before = pageOf(frame.state);
				expect(before.page, `${size.width}: back from the last step`).toBe(before.pages - 1);
				// Paged or not, every item and every comment of every step was on one of its pages.
				for (const { view, shown } of seen.values()) {
					const texts =
						view.kind === 'ratings'
							? view.items.map((item) => item.text.sv)
							: view.kind === 'comments'
								? view.comments.map((comment) => comment.text)
								: [];
					problems.push(
						...texts.filter((text) => !shown.has(text)).map((t) => `never shown: ${t}`)
					);
				}
			}
			control.disconnect();
			expect(problems).toEqual([]);
			// The checks above must have met pages, merged comments and the split, not passed empty.
			expect(paged.length).toBeGreaterThan(0);
			expect(badges).toBeGreaterThan(0);
		});
	}

	it('marks the trainee’s own level on its row on a phone, with the groups beside the total, and keeps the video link inside its card', async () => {
		const kollegium = await seed(server, eva, {
			templateId: 'specialistkollegium-allman',
			kind: 'specialistkollegium'
		});
		const control = connect(server, { cookie: eva.cookieHeader });
		await join(control, kollegium.id, 'control');
		for (const command of [
			{ type: 'toggleSelf' },
			{ type: 'toggleSplit' },
			{ type: 'next' },
			{ type: 'reveal' }
		])
			await send(control, 'meeting:command', command);
		const { page: phone } = await newPerson(browser, { mobile: true });
		const token = kollegium.invitations['Karin Holmlund'] ?? '';
		await phone.goto(`${server.url}/svar/${token}/mote`);
		const own = phone.locator('figure.chart li.self').first();
		await own.waitFor();
		// The trainee chose "Över förväntad nivå": that row carries the mark, in words too.
		expect(await own.textContent()).toContain('Över förväntad nivå');
		expect(await own.textContent()).toContain('(självskattning)');
		expect(await phone.locator('figure.chart').first().textContent()).toContain('Mycket, en del');
		const wider = await phone.evaluate(() =>
			[...document.querySelectorAll('.step *')]
				.filter((e) => !e.closest('.visually-hidden'))
				.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
				.map((e) => e.outerHTML.slice(0, 80))
		);
		expect(wider).toEqual([]);
		await expectAccessible(phone, 'phone in the meeting');
		control.disconnect();

		// The kollegium's page on the studierektor's phone: the video link wraps inside its card.
		const page = await presenter.context().newPage();
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/kollegier/${kollegium.id}`);
		const link = page.getByRole('link', { name: VIDEO_LINK });
		await link.waitFor();
		const [linkBox, cardBox] = await Promise.all([
			link.boundingBox(),
			page.locator('.card', { has: link }).boundingBox()
		]);
		expect(linkBox && cardBox && linkBox.x + linkBox.width).toBeLessThanOrEqual(
			(cardBox?.x ?? 0) + (cardBox?.width ?? 0)
		);
		await page.close();
	});
});
