import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { ImprovementPlan, MeetingFrame } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague } from '../support/accounts.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import {
	attemptDocument,
	documentUrl,
	openDocument,
	pause,
	REFUSED,
	writeImprovementPlan
} from '../support/documents.ts';
import { kollegiumInput, ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, nextFrame, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers, itemsFor } from './helpers.ts';

// #11 point 5: a supervisor of an ST-läkarkollegium with at least the supervisors' k answers
// about them gets their own result through their own link, and nothing else: never another
// supervisor's, never below k, never who answered. This test tries to get more out of it.

const TRAINEES = ['Tove Tidig', 'Ulf Ung', 'Vera Väg', 'Wilma Winter', 'Xena Xu'];
/** Answered about by all five trainees: above the supervisors' k of 4. */
const ALVA = { name: 'Alva Ahlström', email: 'alva.ahlstrom@example.org' };
/** Answered about by three: the clinic's k of 3 would show them, the supervisors' k of 4 does not. */
const BERTIL = { name: 'Bertil Berglund', email: 'bertil.berglund@example.org' };
const ANSWERING: Record<string, string[]> = {
	Medicinkliniken: TRAINEES,
	[ALVA.name]: TRAINEES,
	[BERTIL.name]: TRAINEES.slice(0, 3)
};
/** Each trainee's rating about Alva: two 3s and three 5s, median 5. */
const ALVA_RATINGS = [5, 3, 5, 3, 5];
const wrote = (index: number, subject: string) =>
	`Fritext${index + 1}-om-${subject.split(' ')[0]}-${['kvast', 'lykta', 'spade', 'harpa', 'sked'][index]}`;
const HIDDEN = 1;

const improvement: ImprovementPlan = {
	summaries: { E: 'Handledningen behöver schemalagd tid.' },
	rows: [
		{
			area: 'E',
			action: 'Schemalägg handledning varannan vecka',
			dueDate: '2027-02-01',
			owner: 'Verksamhetschefen',
			followUpDate: '2027-06-01',
			followUpBy: 'Studierektorn'
		}
	]
};

/** The text of a PDF as poppler reads it, whitespace collapsed. */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(joinPath(tmpdir(), 'kollegium-supervisor-'));
	try {
		const file = joinPath(dir, 'supervisor.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(
			/\s+/g,
			' '
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

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
		text: isPdf ? pdfText(bytes) : new TextDecoder().decode(bytes)
	};
}

describe('supervisors’ own feedback from an ST-läkarkollegium', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let clinicId: string;
	let subjects: Record<string, string>;
	let input: Record<string, unknown>;
	const links: Record<string, ApiClient> = {};
	const participantIds: Record<string, string> = {};
	const sockets: MeetingSocket[] = [];
	let agenda: MeetingFrame['agenda'];
	/** Every frame the room was shown, as the shared screen got it. */
	const shown: MeetingFrame[] = [];
	let hiddenComment: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		clinicId = await ownClinicOf(eva);
		input = kollegiumInput(server, { kind: 'st-lakarkollegium', supervisorMinRespondents: 4 });
		const created = await eva.post(`/kollegier?clinicId=${clinicId}`, input);
		expect(created.status, created.text).toBe(201);
		id = created.json.id;
		// Alva by her e-mail; Bertil picked from the register's specialists.
		const alva = await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', ...ALVA });
		expect(alva.status, alva.text).toBe(201);
		const bertil = await eva.post(`/clinics/${clinicId}/people`, {
			kind: 'specialist',
			title: 'Överläkare',
			...BERTIL
		});
		expect(bertil.status, bertil.text).toBe(201);
		const picked = await eva.post(`/kollegier/${id}/subjects`, {
			kind: 'supervisor',
			name: BERTIL.name,
			personId: bertil.json.id
		});
		expect(picked.status, picked.text).toBe(201);
		for (const name of TRAINEES)
			await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		const issued: { participantId: string; url: string }[] = (
			await eva.post(`/kollegier/${id}/invitations`)
		).json;
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		subjects = Object.fromEntries(
			detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
		);
		for (const link of issued) {
			const { name } = detail.participants.find((p: { id: string }) => p.id === link.participantId);
			links[name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
			participantIds[name] = link.participantId;
		}
	});
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	it('refuses a supervisors’ k below the clinic’s, naming the field', async () => {
		const response = await eva.post(
			`/kollegier?clinicId=${clinicId}`,
			kollegiumInput(server, {
				kind: 'st-lakarkollegium',
				minRespondents: 4,
				supervisorMinRespondents: 3
			})
		);
		expect(response.status).toBe(400);
		expect(response.json.issues).toEqual([
			expect.objectContaining({ path: 'supervisorMinRespondents' })
		]);
	});

	it('makes each supervisor a participant who answers nothing, with a link of their own', async () => {
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		expect(detail.supervisorMinRespondents).toBe(4);
		for (const { name, email } of [ALVA, BERTIL]) {
			const participant = detail.participants.find((p: { name: string }) => p.name === name);
			expect(participant).toMatchObject({ email, roles: ['supervisor'] });
			expect(links[name]).toBeDefined();
			const view = (await links[name]!.get('/respond')).json;
			expect(view.assignments).toEqual([]);
			// Their own form cannot be written, nor another's.
			for (const about of [ALVA.name, BERTIL.name, 'Medicinkliniken']) {
				const answers = fullAnswers(view.form, { about: 'supervisor', role: 'trainee' });
				const tried = await links[name]!.post(`/respond/responses/${subjects[about]}/submit`, {
					answers
				});
				expect(tried.status).toBeGreaterThanOrEqual(400);
			}
		}
		const own = (await links[ALVA.name]!.get('/respond/supervisor-feedback')).json;
		expect(own).toEqual({
			feedback: {
				subjectId: subjects[ALVA.name],
				name: ALVA.name,
				k: 4,
				result: 'pending',
				receivedOn: null
			}
		});
	});

	it('fixes both k once answering has opened', async () => {
		const edit = (changes: Record<string, unknown>) =>
			eva.put(`/kollegier/${id}`, { ...input, ...changes });
		for (const [field, value] of [
			['supervisorMinRespondents', 5],
			['supervisorMinRespondents', 3],
			['minRespondents', 4]
		] as const) {
			const refused = await edit({ [field]: value });
			expect(refused.status, `${field} → ${value}`).toBe(409);
			expect(refused.json.error).toBe('kLocked');
			expect(refused.json.issues.map((i: { path: string }) => i.path)).toEqual([field]);
		}
		expect((await edit({})).status).toBe(200);
		expect((await eva.get(`/kollegier/${id}`)).json.supervisorMinRespondents).toBe(4);
	});

	it('collects the trainees’ answers, and progress never counts a supervisor', async () => {
		const form = (await links[TRAINEES[0]!]!.get('/respond')).json.form;
		for (const [subject, subjectId] of Object.entries(subjects)) {
			const kind = subject === 'Medicinkliniken' ? 'clinic' : 'supervisor';
			const textItems = itemsFor(form, kind, 'trainee').filter((i) => i.type === 'text');
			for (const [index, name] of TRAINEES.entries()) {
				const rating = subject === ALVA.name ? ALVA_RATINGS[index] : 4;
				const answers = fullAnswers(form, { about: kind, role: 'trainee', rating });
				for (const item of textItems) answers[item.id] = wrote(index, subject);
				const answering = ANSWERING[subject]!.includes(name);
				const body = answering ? { answers } : { answers, declined: true };
				const response = await links[name]!.post(`/respond/responses/${subjectId}/submit`, body);
				expect(response.status, response.text).toBe(200);
			}
		}
		const progress = (await eva.get(`/kollegier/${id}/progress`)).json;
		expect(progress.pending).toEqual([]);
		for (const subject of progress.subjects) expect(subject.invited).toBe(TRAINEES.length);
		// While answers came in, the supervisor's link told nothing: still pending, no count.
		const own = (await links[BERTIL.name]!.get('/respond/supervisor-feedback')).json;
		expect(own.feedback.result).toBe('pending');
	});

	it('keeps the supervisors out of the meeting and out of its notes', async () => {
		expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
		const preparation = (await eva.get(`/kollegier/${id}/preparation`)).json;
		const alvas = preparation.subjects.find((s: { id: string }) => s.id === subjects[ALVA.name]);
		const comment = alvas.comments.find(
			(c: { text: string }) => c.text === wrote(HIDDEN, ALVA.name)
		);
		hiddenComment = comment.text;
		const hidden = await eva.put(`/kollegier/${id}/comments/${comment.id}`, { hidden: true });
		expect(hidden.status).toBe(200);
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
		for (const { name } of [ALVA, BERTIL]) {
			const socket = connect(server, { invitation: links[name]!.invitation });
			sockets.push(socket);
			await expect(join(socket, id, 'participant')).rejects.toThrow('notInThisMeeting');
			const url = await documentUrl(server, id, { invitation: links[name]!.invitation! });
			expect(await attemptDocument(url)).toEqual(REFUSED);
		}
	});

	it('shows the room Alva’s answers at her k, and nothing of Bertil’s', async () => {
		const control = connect(server, { cookie: eva.cookieHeader });
		sockets.push(control);
		let frame = await join(control, id, 'control');
		agenda = frame.agenda;
		for (const [position] of agenda.entries()) {
			if (position > 0) {
				const moved = nextFrame(control, (f) => f.state.position === position);
				expect(await send(control, 'meeting:command', { type: 'next' })).toBeNull();
				frame = await moved;
			}
			if (frame.current === null) {
				const revealed = nextFrame(control, (f) => f.current !== null);
				expect(await send(control, 'meeting:command', { type: 'reveal' })).toBeNull();
				frame = await revealed;
			}
			shown.push(frame);
		}
		const about = (name: string) =>
			shown.filter((f) => f.current?.subject.name === name).map((f) => f.current!);
		expect(about(ALVA.name).find((v) => v.kind === 'intro')).toMatchObject({
			respondents: 5,
			k: 4
		});
		const bertil = about(BERTIL.name);
		expect(bertil.find((v) => v.kind === 'intro')).toMatchObject({ respondents: null, k: 4 });
		expect(JSON.stringify(bertil)).not.toMatch(/"(distribution|median)"|Fritext/);
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'closed' })).status).toBe(200);
	});

	it('gives Alva a PDF of her own ratings and revealed comments, and nobody else’s', async () => {
		const own = (await links[ALVA.name]!.get('/respond/supervisor-feedback')).json;
		expect(own.feedback).toMatchObject({ result: 'available', k: 4, receivedOn: null });
		const pdf = await download(server, links[ALVA.name]!, '/respond/supervisor-feedback.pdf');
		expect(pdf.status).toBe(200);
		expect(pdf.text).toContain('Återkoppling till handledare');
		expect(pdf.text).toContain(ALVA.name);
		// Her aggregated ratings: five answers, two 3s and three 5s, median 5.
		expect(pdf.text).toContain('Svar: 5');
		expect(pdf.text).toContain('Median: 5');
		expect(pdf.text).toContain(
			'3 – Instämmer delvis 2 4 – Instämmer i hög grad 0 5 – Instämmer helt 3'
		);
		expect(pdf.text).not.toContain('planen');
		for (const [index] of TRAINEES.entries()) {
			const text = wrote(index, ALVA.name);
			if (index === HIDDEN) expect(pdf.text).not.toContain(text);
			else expect(pdf.text).toContain(text);
		}
		expect(pdf.text).not.toContain(hiddenComment);
		// Nothing of Bertil, of the clinic, or of who answered.
		expect(pdf.text).not.toContain(BERTIL.name);
		expect(pdf.text).not.toContain('Bertil');
		expect(pdf.text).not.toMatch(/Fritext\d-om-(Bertil|Medicinkliniken)/);
		for (const trainee of TRAINEES) expect(pdf.text).not.toContain(trainee);
	});

	it('gives Bertil, below k, no PDF and no numbers', async () => {
		const own = (await links[BERTIL.name]!.get('/respond/supervisor-feedback')).json;
		expect(own).toEqual({
			feedback: {
				subjectId: subjects[BERTIL.name],
				name: BERTIL.name,
				k: 4,
				result: 'belowK',
				receivedOn: null
			}
		});
		const pdf = await download(server, links[BERTIL.name]!, '/respond/supervisor-feedback.pdf');
		expect(pdf.status).toBe(404);
		expect(pdf.text).not.toMatch(/Fritext|median|3/i);
		const receipt = await links[BERTIL.name]!.post('/respond/supervisor-feedback/received');
		expect([receipt.status, receipt.json.error]).toEqual([409, 'supervisorFeedbackNotAvailable']);
		const asFacilitator = await download(
			server,
			eva,
			`/kollegier/${id}/subjects/${subjects[BERTIL.name]}/feedback.pdf`
		);
		expect(asFacilitator.status).toBe(404);
	});

	it('tells a supervisor’s link nothing about who answered', async () => {
		const alva = links[ALVA.name]!;
		const said = [
			(await alva.get('/respond')).text,
			(await alva.get('/respond/supervisor-feedback')).text,
			(await alva.get('/respond/handover')).text
		].join('\n');
		for (const trainee of TRAINEES) {
			expect(said).not.toContain(trainee);
			expect(said).not.toContain(participantIds[trainee]);
		}
		expect(said).not.toMatch(/Fritext|"respondents"|"submitted"/);
		// No other door: not a trainee's feedback, not a handover, not the colleagues' routes.
		expect((await download(server, alva, '/respond/feedback.pdf')).status).toBe(404);
		const other = `/respond/handover/${subjects[BERTIL.name]}/feedback.pdf`;
		expect((await download(server, alva, other)).status).toBe(404);
		const clinic = `/respond/handover/${subjects.Medicinkliniken}/feedback.pdf`;
		expect((await download(server, alva, clinic)).status).toBe(404);
		expect((await alva.get(`/kollegier/${id}/supervisor-feedback`)).status).toBe(401);
		expect((await alva.get(`/kollegier/${id}/progress`)).status).toBe(401);
		// A trainee's link is no supervisor's.
		const tove = links[TRAINEES[0]!]!;
		expect((await tove.get('/respond/supervisor-feedback')).json).toEqual({ feedback: null });
		expect((await download(server, tove, '/respond/supervisor-feedback.pdf')).status).toBe(404);
	});

	it('records “återkoppling mottagen” once, and the studierektor sees it', async () => {
		const today = server.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		const received = await links[ALVA.name]!.post('/respond/supervisor-feedback/received');
		expect(received.status, received.text).toBe(200);
		expect(received.json.feedback).toMatchObject({ result: 'available', receivedOn: today });
		const again = await links[ALVA.name]!.post('/respond/supervisor-feedback/received');
		expect(again.json.feedback.receivedOn).toBe(today);
		const list = (await eva.get(`/kollegier/${id}/supervisor-feedback`)).json;
		expect(list).toEqual([
			{
				subjectId: subjects[ALVA.name],
				name: ALVA.name,
				hasLink: true,
				k: 4,
				result: 'available',
				receivedOn: today
			},
			{
				subjectId: subjects[BERTIL.name],
				name: BERTIL.name,
				hasLink: true,
				k: 4,
				result: 'belowK',
				receivedOn: null
			}
		]);
		// The clinic's handover list is unchanged: supervisors have no plan to hand over.
		const handover = (await eva.get(`/kollegier/${id}/handover`)).json;
		expect(handover.map((e: { kind: string }) => e.kind)).toEqual(['clinic']);
	});

	it('lets the studierektor, not a läsare, download Alva’s PDF or see who fell below k', async () => {
		const path = `/kollegier/${id}/subjects/${subjects[ALVA.name]}/feedback.pdf`;
		const own = await download(server, eva, path);
		expect(own.status).toBe(200);
		expect(own.text).toContain(ALVA.name);
		const reader = await addColleague(server, eva, {
			name: 'Lars Läsare',
			email: 'lars@example.org',
			role: 'reader',
			clinicId
		});
		expect((await download(server, reader.client, path)).status).toBe(403);
		// Nor which supervisors fewer than k answered about.
		const list = await reader.client.get(`/kollegier/${id}/supervisor-feedback`);
		expect(list.status).toBe(403);
	});

	it('keeps the clinic’s PDF to the clinic, and delivers on the handlingsplan alone', async () => {
		const clinic = subjects.Medicinkliniken!;
		const { doc, provider } = await openDocument(server, id, { cookie: eva.cookieHeader });
		writeImprovementPlan(doc, clinic, improvement);
		let final = { status: 0, text: '' };
		for (let attempt = 0; attempt < 50 && final.status !== 201; attempt += 1) {
			await pause(50);
			final = await eva.post(`/kollegier/${id}/subjects/${clinic}/plan/final`);
		}
		provider.destroy();
		expect(final.status, final.text).toBe(201);
		const pdf = await download(server, eva, `/kollegier/${id}/subjects/${clinic}/feedback.pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.text).toContain('Schemalägg handledning varannan vecka');
		expect(pdf.text).toContain(wrote(0, 'Medicinkliniken'));
		for (const name of [ALVA.name, BERTIL.name]) expect(pdf.text).not.toContain(name);
		expect(pdf.text).not.toMatch(/Fritext\d-om-(Alva|Bertil)/);
		const today = server.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		const given = await eva.post(`/kollegier/${id}/subjects/${clinic}/handover`, {
			givenOn: today
		});
		expect(given.status, given.text).toBe(200);
		// Bertil never received anything; the kollegium is delivered all the same.
		expect((await eva.get(`/kollegier/${id}`)).json.status).toBe('delivered');
		const after = await download(server, links[ALVA.name]!, '/respond/supervisor-feedback.pdf');
		expect(after.status).toBe(200);
	});
});
