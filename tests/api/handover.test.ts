import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { kollegiumInput, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, liveSpecialistkollegium, send } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers, trainee } from './helpers.ts';

// After the meeting: the plan marked final, the feedback PDF built from it and from what the
// room was shown, the handledare passing it on through their link, and the kollegium delivered.

const day = 86_400_000;
const ASSESSORS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'];
const TRAINEES = ['Sara Lindholm', 'Jonas Bergstedt'];
/** Named only as a goal's responsible person, so it can reach the PDF only through the plan. */
const RESPONSIBLE = 'Björn Ängström';
const SUMMARY = 'Trygg i akuta lägen, ödmjuk inför svåra beslut.';

const plan = {
	summary: SUMMARY,
	strengths: ['Lugn'],
	developmentAreas: ['Delegera'],
	goals: [
		{
			description: 'Leda ronden självständigt',
			goals: ['STa5'],
			activities: [
				{
					kind: 'assessment' as const,
					description: 'Observerad rond',
					instrument: 'mini-cex' as const
				}
			],
			responsible: RESPONSIBLE,
			dueDate: '2027-03-01',
			followUp: 'Vid nästa handledarsamtal'
		}
	],
	nextFollowUp: '2027-04-15',
	atRisk: false,
	actionPlan: null
};

const first = (name: string) => name.split(' ')[0] ?? name;
/** Free text in the template's summary area, which becomes comments there. */
const SUMMARY_TEXT = (assessor: string, about: string, itemId: string) =>
	`Sammanfattning ${itemId} av ${first(assessor)} om ${first(about)}`;
/** Free text in the facilitator's own question, a second comments area. */
const OWN_TEXT = (assessor: string, about: string) =>
	`Egen fråga besvarad av ${first(assessor)} om ${first(about)}`;
const SUMMARY_ITEMS = ['styrkor', 'utvecklingsomraden', 'ovrigt'];

/** Whitespace collapsed, so text wrapped by the PDF layout still matches. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The date in Stockholm by the server's clock, moved by whole days. */
const stockholmDate = (server: TestServer, days = 0) =>
	new Date(server.clock.now().getTime() + days * day).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Stockholm'
	});

/** The text of a PDF as poppler reads it. */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(joinPath(tmpdir(), 'kollegium-handover-'));
	try {
		const file = joinPath(dir, 'feedback.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** GET with the client's session or invitation, keeping the body as bytes. */
async function download(server: TestServer, who: ApiClient, path: string) {
	const response = await fetch(`${server.url}/api${path}`, {
		headers: who.invitation
			? { Authorization: `Bearer ${who.invitation}` }
			: { Cookie: who.cookieHeader }
	});
	const bytes = new Uint8Array(await response.arrayBuffer());
	const isPdf = response.headers.get('content-type') === 'application/pdf';
	return {
		status: response.status,
		headers: response.headers,
		bytes,
		head: new TextDecoder().decode(bytes.slice(0, 5)),
		json: isPdf ? null : (JSON.parse(new TextDecoder().decode(bytes)) as { error: string })
	};
}

/** Writes the plan into the shared document and marks it final once the server has it. */
async function finalizePlan(
	server: TestServer,
	eva: ApiClient,
	ids: { kollegiumId: string; subjectId: string }
) {
	const { doc, provider } = await openDocument(server, ids.kollegiumId, {
		cookie: eva.cookieHeader
	});
	try {
		writeDevelopmentPlan(doc, ids.subjectId, plan);
		let last = '';
		for (let attempt = 0; attempt < 50; attempt += 1) {
			const response = await eva.post(
				`/kollegier/${ids.kollegiumId}/subjects/${ids.subjectId}/plan/final`
			);
			if (response.status === 201) return response.json as { version: number };
			last = response.text;
			await pause(50);
		}
		throw new Error(`The plan was never accepted as final: ${last}`);
	} finally {
		provider.destroy();
	}
}

/** Drives the meeting from the control view: goes to each step and reveals it, nothing else. */
async function reveal(server: TestServer, eva: ApiClient, kollegiumId: string, stepIds: string[]) {
	const control = connect(server, { cookie: eva.cookieHeader });
	try {
		const frame = await join(control, kollegiumId, 'control');
		for (const stepId of stepIds) {
			const position = frame.agenda.findIndex((entry) => entry.id === stepId);
			if (position < 0) throw new Error(`No step ${stepId} on the agenda`);
			if ((await send(control, 'meeting:command', { type: 'goto', position })) !== null)
				throw new Error(`goto ${stepId} refused`);
			if ((await send(control, 'meeting:command', { type: 'reveal' })) !== null)
				throw new Error(`reveal ${stepId} refused`);
		}
	} finally {
		control.disconnect();
	}
}

/** Names a participant as a trainee's huvudhandledare through the subjects API. */
async function nameHandledare(
	eva: ApiClient,
	live: { id: string; subjects: Record<string, string>; detail: { participants: Person[] } },
	options: { trainee: string; handledare: string }
) {
	const supervisorId = participantId(live.detail, options.handledare);
	const response = await eva.put(
		`/kollegier/${live.id}/subjects/${live.subjects[options.trainee]}`,
		trainee(options.trainee, { supervisorId })
	);
	if (response.status !== 200) throw new Error(`naming the handledare failed: ${response.text}`);
}

interface Person {
	id: string;
	name: string;
}
const participantId = (detail: { participants: Person[] }, name: string) =>
	detail.participants.find((p) => p.name === name)?.id ?? '';

/** A live specialistkollegium with Karin as Sara's handledare, set before the meeting started. */
async function liveSpecialistkollegiumWithOwnQuestion(server: TestServer, eva: ApiClient) {
	const created = await eva.post(
		'/kollegier',
		kollegiumInput(server, {
			customItems: [{ type: 'text', text: 'Något mer att tillägga?', about: 'trainee' }]
		})
	);
	const id: string = created.json.id;
	for (const name of ASSESSORS) {
		await eva.post(`/kollegier/${id}/participants`, { name, roles: ['assessor'] });
	}
	const karin = participantId((await eva.get(`/kollegier/${id}`)).json, 'Karin Holmlund');
	for (const name of TRAINEES) {
		const extra = name === 'Sara Lindholm' ? { supervisorId: karin } : {};
		await eva.post(`/kollegier/${id}/subjects`, trainee(name, extra));
	}
	await eva.post(`/kollegier/${id}/status`, { status: 'open' });
	const links = (await eva.post(`/kollegier/${id}/invitations`)).json as {
		participantId: string;
		url: string;
	}[];
	const detail = (await eva.get(`/kollegier/${id}`)).json;
	const people: Record<string, ApiClient> = {};
	for (const link of links) {
		const name = detail.participants.find((p: Person) => p.id === link.participantId).name;
		people[name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
	}
	const subjects: Record<string, string> = Object.fromEntries(
		detail.subjects.map((s: Person) => [s.name, s.id])
	);
	const form = (await people['Karin Holmlund']!.get('/respond')).json.form;
	const textItems = (sectionId: string): string[] =>
		form.sections
			.find((s: { id: string }) => s.id === sectionId)
			.items.filter((item: { type: string }) => item.type === 'text')
			.map((item: { id: string }) => item.id);
	for (const assessor of ASSESSORS) {
		for (const about of TRAINEES) {
			const answers = fullAnswers(form, { about: 'trainee', role: 'assessor', rating: 3 });
			for (const itemId of textItems('sammanfattning'))
				answers[itemId] = SUMMARY_TEXT(assessor, about, itemId);
			for (const itemId of textItems('egna-fragor-trainee'))
				answers[itemId] = OWN_TEXT(assessor, about);
			const response = await people[assessor]!.post(
				`/respond/responses/${subjects[about]}/submit`,
				{ answers }
			);
			if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
		}
	}
	await eva.post(`/kollegier/${id}/close-answering`);
	const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`going live failed: ${live.text}`);
	return { id, detail, people, subjects, form };
}

// Promise: the PDF carries the trainee, the plan and what the room was shown, and not one word
// of a step the studierektor never revealed.
describe('the feedback PDF', () => {
	let server: TestServer;
	let eva: ApiClient;
	let kollegiumId: string;
	let sara: string;
	let jonas: string;
	let saraPdf: Awaited<ReturnType<typeof download>>;
	let saraText: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegiumWithOwnQuestion(server, eva);
		kollegiumId = live.id;
		sara = live.subjects['Sara Lindholm']!;
		jonas = live.subjects['Jonas Bergstedt']!;
		// Sara: one ratings area and the summary comments; Jonas: only his own-question comments.
		await reveal(server, eva, kollegiumId, [
			`ratings:${sara}:medicinsk-kompetens`,
			`comments:${sara}:sammanfattning`,
			`comments:${jonas}:egna-fragor-trainee`
		]);
		await finalizePlan(server, eva, { kollegiumId, subjectId: sara });
		await finalizePlan(server, eva, { kollegiumId, subjectId: jonas });
		saraPdf = await download(
			server,
			eva,
			`/kollegier/${kollegiumId}/subjects/${sara}/feedback.pdf`
		);
		saraText = flat(pdfText(saraPdf.bytes));
	});
	afterAll(async () => {
		await server?.close();
	});

	it('is a PDF download named for the trainee, in UTF-8', () => {
		expect(saraPdf.status).toBe(200);
		expect(saraPdf.head).toBe('%PDF-');
		expect(saraPdf.headers.get('content-type')).toBe('application/pdf');
		const disposition = saraPdf.headers.get('content-disposition') ?? '';
		expect(disposition).toMatch(/^attachment;/);
		expect(disposition).toContain(
			`filename*=UTF-8''${encodeURIComponent('Återkoppling Sara Lindholm')}`
		);
	});

	it('shows the trainee, the plan and its responsible person, with åäö and page numbers', () => {
		expect(saraText).toContain('Sara Lindholm');
		expect(saraText).toContain('Utvecklingsplan');
		expect(saraText).toContain(RESPONSIBLE);
		expect(saraText).toContain(SUMMARY);
		expect(saraText).toContain('Sida 1 av');
	});

	it('includes the comments of the step the room was shown', () => {
		for (const assessor of ASSESSORS) {
			for (const itemId of SUMMARY_ITEMS) {
				expect(saraText).toContain(SUMMARY_TEXT(assessor, 'Sara Lindholm', itemId));
			}
		}
	});

	it('leaves out every comment of a step the room was never shown', async () => {
		// They are real comments, curated and ready for the meeting: only the reveal is missing.
		const preparation = (await eva.get(`/kollegier/${kollegiumId}/preparation`)).json;
		const comments = preparation.subjects
			.find((s: { id: string }) => s.id === sara)
			.comments.map((c: { text: string }) => c.text);
		for (const assessor of ASSESSORS) {
			const hidden = OWN_TEXT(assessor, 'Sara Lindholm');
			expect(comments).toContain(hidden);
			expect(saraText).not.toContain(hidden);
		}
		expect(saraText).not.toContain('Egen fråga besvarad');
	});

	it('leaves out the ratings of areas the room was never shown', async () => {
		const form = (await eva.get(`/kollegier/${kollegiumId}`)).json.form;
		const itemText = (sectionId: string) =>
			form.sections.find((s: { id: string }) => s.id === sectionId).items[0].text.sv as string;
		expect(saraText).toContain(flat(itemText('medicinsk-kompetens')));
		for (const unrevealed of ['kommunikation', 'etik', 'ledarskap', 'pedagogik']) {
			expect(saraText).not.toContain(flat(itemText(unrevealed)));
		}
	});

	it('follows what was revealed for each trainee on its own', async () => {
		const pdf = await download(
			server,
			eva,
			`/kollegier/${kollegiumId}/subjects/${jonas}/feedback.pdf`
		);
		expect(pdf.status).toBe(200);
		const text = flat(pdfText(pdf.bytes));
		expect(text).toContain('Jonas Bergstedt');
		for (const assessor of ASSESSORS) {
			expect(text).toContain(OWN_TEXT(assessor, 'Jonas Bergstedt'));
			for (const itemId of SUMMARY_ITEMS) {
				expect(text).not.toContain(SUMMARY_TEXT(assessor, 'Jonas Bergstedt', itemId));
			}
		}
		expect(text).not.toContain('Sara');
	});
});

// Promise: there is nothing to download or pass on until the plan has been marked final.
describe('before the plan is final', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	let sara: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva);
		sara = live.subjects['Sara Lindholm']!;
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('gives the studierektor no PDF', async () => {
		const pdf = await download(server, eva, `/kollegier/${live.id}/subjects/${sara}/feedback.pdf`);
		expect(pdf.status).toBe(409);
		expect(pdf.json?.error).toBe('planNotFinal');
	});

	it('shows the handledare the trainee as not final, and gives them no PDF', async () => {
		const karin = live.people['Karin Holmlund']!;
		const handover = (await karin.get('/respond/handover')).json;
		expect(handover.supervising).toEqual([
			expect.objectContaining({ subjectId: sara, finalVersion: null, givenOn: null })
		]);
		const pdf = await download(server, karin, `/respond/handover/${sara}/feedback.pdf`);
		expect(pdf.status).toBe(409);
		expect(pdf.json?.error).toBe('planNotFinal');
	});

	it('does not let feedback be recorded as given', async () => {
		const given = { givenOn: stockholmDate(server) };
		const byKarin = await live.people['Karin Holmlund']!.post(`/respond/handover/${sara}`, given);
		expect([byKarin.status, byKarin.json.error]).toEqual([409, 'planNotFinal']);
		const byEva = await eva.post(`/kollegier/${live.id}/subjects/${sara}/handover`, given);
		expect([byEva.status, byEva.json.error]).toEqual([409, 'planNotFinal']);
	});
});

// Promise: the handledare, and only the handledare, gets a trainee's PDF through their own link;
// the trainee gets nothing before it is shared.
describe('the handledare\u2019s link', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	let sara: string;
	let jonas: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva);
		sara = live.subjects['Sara Lindholm']!;
		jonas = live.subjects['Jonas Bergstedt']!;
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
		await finalizePlan(server, eva, { kollegiumId: live.id, subjectId: sara });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('lists exactly the trainees they are handledare for, with the final version', async () => {
		const response = await live.people['Karin Holmlund']!.get('/respond/handover');
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			supervising: [
				expect.objectContaining({
					subjectId: sara,
					name: 'Sara Lindholm',
					supervisor: { id: participantId(live.detail, 'Karin Holmlund'), name: 'Karin Holmlund' },
					finalVersion: 1,
					givenOn: null,
					sharedWithTrainee: false
				})
			],
			ownFeedback: false
		});
	});

	it('downloads the PDF of their trainee', async () => {
		const pdf = await download(
			server,
			live.people['Karin Holmlund']!,
			`/respond/handover/${sara}/feedback.pdf`
		);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.head).toBe('%PDF-');
		expect(flat(pdfText(pdf.bytes))).toContain('Sara Lindholm');
	});

	it('does not reach a trainee they are not handledare for', async () => {
		const pdf = await download(
			server,
			live.people['Karin Holmlund']!,
			`/respond/handover/${jonas}/feedback.pdf`
		);
		expect(pdf.status).toBe(404);
	});

	it('gives another assessor\u2019s link nothing of the trainee', async () => {
		const peter = live.people['Peter Sjövik']!;
		expect((await peter.get('/respond/handover')).json).toEqual({
			supervising: [],
			ownFeedback: false
		});
		const pdf = await download(server, peter, `/respond/handover/${sara}/feedback.pdf`);
		expect(pdf.status).toBe(404);
		const given = await peter.post(`/respond/handover/${sara}`, {
			givenOn: stockholmDate(server)
		});
		expect(given.status).toBe(404);
		const entry = (await eva.get(`/kollegier/${live.id}/handover`)).json.find(
			(e: { subjectId: string }) => e.subjectId === sara
		);
		expect(entry.givenOn).toBeNull();
	});

	it('gives the trainee no copy before it is shared', async () => {
		const own = live.people['Sara Lindholm']!;
		expect((await own.get('/respond/handover')).json).toEqual({
			supervising: [],
			ownFeedback: false
		});
		const pdf = await download(server, own, '/respond/feedback.pdf');
		expect(pdf.status).toBe(404);
		expect(pdf.json?.error).toBe('feedbackNotShared');
		const direct = await download(server, own, `/respond/handover/${sara}/feedback.pdf`);
		expect(direct.status).toBe(404);
	});
});

// Promise: "återkoppling given" takes a real date that is not in the future, is seen by the
// studierektor, and, when shared, opens the trainee's own copy.
describe('marking the feedback given', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	let karin: ApiClient;
	let sara: string;

	const entryOf = async (subjectId: string) =>
		(await eva.get(`/kollegier/${live.id}/handover`)).json.find(
			(e: { subjectId: string }) => e.subjectId === subjectId
		);

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva);
		karin = live.people['Karin Holmlund']!;
		sara = live.subjects['Sara Lindholm']!;
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
		await finalizePlan(server, eva, { kollegiumId: live.id, subjectId: sara });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('refuses a date in the future, in Swedish', async () => {
		const response = await karin.post(`/respond/handover/${sara}`, {
			givenOn: stockholmDate(server, 2)
		});
		expect(response.status).toBe(400);
		const issue = response.json.issues.find((i: { path: string }) => i.path === 'givenOn');
		expect(issue?.message).toBe('Datumet kan inte ligga i framtiden.');
		expect((await entryOf(sara)).givenOn).toBeNull();
	});

	it.each(['2026-13-45', '2026-02-30', '1/3/2026', ''])(
		'refuses the malformed date %j',
		async (givenOn) => {
			const response = await karin.post(`/respond/handover/${sara}`, { givenOn });
			expect(response.status).toBe(400);
			expect(response.json.issues.map((i: { path: string }) => i.path)).toContain('givenOn');
		}
	);

	it('records the date without sharing it with the trainee unless asked to', async () => {
		const today = stockholmDate(server);
		const response = await karin.post(`/respond/handover/${sara}`, { givenOn: today });
		expect(response.status).toBe(200);
		expect(await entryOf(sara)).toMatchObject({ givenOn: today, sharedWithTrainee: false });
		const pdf = await download(server, live.people['Sara Lindholm']!, '/respond/feedback.pdf');
		expect([pdf.status, pdf.json?.error]).toEqual([404, 'feedbackNotShared']);
	});

	it('shows the studierektor the date and the sharing, and opens the trainee\u2019s copy', async () => {
		// Feedback is given from the final plan: not dated before the plan was final.
		const early = await karin.post(`/respond/handover/${sara}`, {
			givenOn: stockholmDate(server, -1),
			sharedWithTrainee: true
		});
		expect(early.status).toBe(400);
		expect(early.json.issues).toEqual([
			expect.objectContaining({
				path: 'givenOn',
				message: 'Datumet kan inte ligga före dagen då planen blev klar.'
			})
		]);
		const today = stockholmDate(server);
		const response = await karin.post(`/respond/handover/${sara}`, {
			givenOn: today,
			sharedWithTrainee: true
		});
		expect(response.status).toBe(200);
		expect(response.json.supervising[0]).toMatchObject({ givenOn: today, sharedWithTrainee: true });
		expect(await entryOf(sara)).toMatchObject({
			subjectId: sara,
			finalVersion: 1,
			givenOn: today,
			sharedWithTrainee: true
		});
		const own = live.people['Sara Lindholm']!;
		expect((await own.get('/respond/handover')).json.ownFeedback).toBe(true);
		const pdf = await download(server, own, '/respond/feedback.pdf');
		expect(pdf.status).toBe(200);
		expect(pdf.head).toBe('%PDF-');
		expect(flat(pdfText(pdf.bytes))).toContain(RESPONSIBLE);
	});
});

// Promise: a kollegium is delivered exactly when it is closed and every trainee's feedback has
// been given, whichever of the two happens last, and not by hand before that.
describe('delivering the kollegium', () => {
	let server: TestServer;
	let eva: ApiClient;

	const statusOf = async (id: string) => (await eva.get(`/kollegier/${id}`)).json.status;

	/** A live kollegium with both trainees' plans final and Karin as Sara's handledare. */
	async function readyForHandover() {
		const live = await liveSpecialistkollegium(server, eva);
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
		for (const name of TRAINEES) {
			await finalizePlan(server, eva, { kollegiumId: live.id, subjectId: live.subjects[name]! });
		}
		return live;
	}

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(async () => {
		await server?.close();
	});

	it('is refused by hand while feedback is missing, and follows the last feedback given', async () => {
		const live = await readyForHandover();
		const today = { givenOn: stockholmDate(server) };
		const bySupervisor = await live.people['Karin Holmlund']!.post(
			`/respond/handover/${live.subjects['Sara Lindholm']}`,
			today
		);
		expect(bySupervisor.status).toBe(200);
		const closed = await eva.post(`/kollegier/${live.id}/status`, { status: 'closed' });
		expect(closed.json.status).toBe('closed');
		const manual = await eva.post(`/kollegier/${live.id}/status`, { status: 'delivered' });
		expect([manual.status, manual.json.error]).toEqual([409, 'feedbackNotGiven']);
		expect(await statusOf(live.id)).toBe('closed');
		// Jonas has no handledare: the studierektor records it.
		const byOwner = await eva.post(
			`/kollegier/${live.id}/subjects/${live.subjects['Jonas Bergstedt']}/handover`,
			today
		);
		expect(byOwner.status).toBe(200);
		expect(await statusOf(live.id)).toBe('delivered');
	});

	it('is delivered on closing when all feedback was given during the meeting', async () => {
		const live = await readyForHandover();
		for (const name of TRAINEES) {
			const given = await eva.post(
				`/kollegier/${live.id}/subjects/${live.subjects[name]}/handover`,
				{ givenOn: stockholmDate(server) }
			);
			expect(given.status).toBe(200);
		}
		expect(await statusOf(live.id)).toBe('live');
		const closed = await eva.post(`/kollegier/${live.id}/status`, { status: 'closed' });
		expect(closed.status).toBe(200);
		expect(closed.json.status).toBe('delivered');
		expect(await statusOf(live.id)).toBe('delivered');
	});
});

// Promise: a handledare's invitation link still opens the handover weeks after the meeting,
// and a link re-issued later is valid from the day it is issued.
describe('the link weeks after the meeting', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	let sara: string;
	let meetingAt: number;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva);
		sara = live.subjects['Sara Lindholm']!;
		meetingAt = Date.parse(live.detail.startsAt);
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
		await finalizePlan(server, eva, { kollegiumId: live.id, subjectId: sara });
		await eva.post(`/kollegier/${live.id}/status`, { status: 'closed' });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('still opens the handover and the PDF ten days after the meeting', async () => {
		server.clock.set(new Date(meetingAt + 10 * day));
		const karin = live.people['Karin Holmlund']!;
		const handover = await karin.get('/respond/handover');
		expect(handover.status).toBe(200);
		expect(handover.json.supervising.map((e: { subjectId: string }) => e.subjectId)).toEqual([
			sara
		]);
		const pdf = await download(server, karin, `/respond/handover/${sara}/feedback.pdf`);
		expect(pdf.status).toBe(200);
	});

	it('takes a link re-issued thirty days after the meeting as valid from that day', async () => {
		server.clock.set(new Date(meetingAt + 30 * day));
		expect((await live.people['Karin Holmlund']!.get('/respond/handover')).status).toBe(404);
		// Eva's session has run out by now too.
		eva = new ApiClient(server.url);
		await eva.post('/auth/login', { email: 'eva@example.org', password: PASSWORD });
		const karinId = participantId(live.detail, 'Karin Holmlund');
		const issued = await eva.post(`/kollegier/${live.id}/participants/${karinId}/invitation`);
		expect(issued.status).toBe(201);
		expect(Date.parse(issued.json.expiresAt)).toBeGreaterThan(meetingAt + 37 * day);
		const karin = new ApiClient(server.url, { invitation: tokenOf(issued.json.url) });
		server.clock.advance(7 * day);
		const handover = await karin.get('/respond/handover');
		expect(handover.status).toBe(200);
		expect(handover.json.supervising[0]).toMatchObject({ subjectId: sara, finalVersion: 1 });
		const pdf = await download(server, karin, `/respond/handover/${sara}/feedback.pdf`);
		expect(pdf.status).toBe(200);
		const given = await karin.post(`/respond/handover/${sara}`, {
			givenOn: stockholmDate(server),
			sharedWithTrainee: true
		});
		expect(given.status).toBe(200);
		expect(given.json.supervising[0].givenOn).toBe(stockholmDate(server));
	});
});

// Promise: what the room was shown, and what was handed over, stays as it was; and nobody
// assessed in the kollegium becomes a colleague's handledare in it.
describe('what no longer changes', () => {
	let server: TestServer;
	let eva: ApiClient;
	let live: Awaited<ReturnType<typeof liveSpecialistkollegium>>;
	let sara: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		live = await liveSpecialistkollegium(server, eva);
		sara = live.subjects['Sara Lindholm']!;
	});
	afterAll(async () => {
		await server?.close();
	});

	it('refuses to name an assessed trainee as a colleague\u2019s or her own handledare', async () => {
		const saraAsParticipant = participantId(live.detail, 'Sara Lindholm');
		for (const about of TRAINEES) {
			const response = await eva.put(
				`/kollegier/${live.id}/subjects/${live.subjects[about]}`,
				trainee(about, { supervisorId: saraAsParticipant })
			);
			expect(response.status).toBe(400);
			expect(response.json.issues.map((i: { path: string }) => i.path)).toEqual(['supervisorId']);
		}
	});

	it('keeps a comment as the room saw it once its step was shown', async () => {
		const preparation = (await eva.get(`/kollegier/${live.id}/preparation`)).json;
		const comment = preparation.subjects.find((s: { id: string }) => s.id === sara).comments[0];
		const stepId = preparation.preview.find(
			(step: { id: string }) => step.id.startsWith('comments:') && step.id.includes(sara)
		).id;
		// Before the step is shown the studierektor may still hide it.
		const hidden = await eva.put(`/kollegier/${live.id}/comments/${comment.id}`, { hidden: true });
		expect(hidden.status).toBe(200);
		await reveal(server, eva, live.id, [stepId]);
		for (const edit of [{ hidden: false }, { text: 'Omformulerad i efterhand' }]) {
			const response = await eva.put(`/kollegier/${live.id}/comments/${comment.id}`, edit);
			expect([response.status, response.json.error]).toEqual([409, 'commentAlreadyShown']);
		}
	});

	it('does not let a plan change once its feedback has been given', async () => {
		await nameHandledare(eva, live, { trainee: 'Sara Lindholm', handledare: 'Karin Holmlund' });
		await finalizePlan(server, eva, { kollegiumId: live.id, subjectId: sara });
		const given = await live.people['Karin Holmlund']!.post(`/respond/handover/${sara}`, {
			givenOn: stockholmDate(server)
		});
		expect(given.status).toBe(200);
		const again = await eva.post(`/kollegier/${live.id}/subjects/${sara}/plan/final`);
		expect([again.status, again.json.error]).toEqual([409, 'feedbackAlreadyGiven']);
		const versions = (await eva.get(`/kollegier/${live.id}/subjects/${sara}/plan/versions`)).json;
		expect(versions.map((v: { version: number }) => v.version)).toEqual([1]);
	});
});
