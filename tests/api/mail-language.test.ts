import { catalogues, type MessageKey } from '@kollegium/model';
import { afterEach, describe, expect, it } from 'vitest';
import { notifySupervisorFeedbackReady } from '../../apps/server/src/domain/supervisor-mail.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, nextFrame, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmtpServer, outboxSettled, until, type ReceivedMail } from '../support/smtp.ts';
import { fullAnswers } from './helpers.ts';

// #12 points 2 and 6: each participant's messages in their own language only, dates and times
// written their way (sv-SE, en-GB, Swedish time), the calendar file too; and each supervisor
// of an ST-läkarkollegium told once, in their language, when their own feedback is ready.

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closing.splice(0).reverse()) await close();
});

async function serverWithMail(smtpUrl: string): Promise<TestServer> {
	const server = await startTestServer({
		config: { smtpUrl, mailFrom: 'Kollegium <kollegium@klinik.example>', mailPollMs: 50 }
	});
	closing.push(() => server.close());
	return server;
}

/** The catalogue's Swedish texts (apart from words both languages use) found in a text. */
function swedishIn(text: string): string[] {
	const { sv, en } = catalogues;
	const fragments = (Object.keys(sv) as MessageKey[])
		.filter((key) => key.startsWith('mail.') && sv[key] !== en[key])
		.flatMap((key) => sv[key].split(/\{\w+\}/).map((part) => part.trim()))
		.filter((part) => part.length >= 4 && !Object.values(en).some((e) => e.includes(part)));
	return fragments.filter((fragment) => text.includes(fragment));
}

const WEEKDAY_EN = /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/;
const WEEKDAY_SV = /(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)/;
/** A moment as en-GB writes it in full, in Swedish time: "Monday 16 November 2026 at 13:00". */
const enGb = (iso: string) =>
	new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'Europe/Stockholm'
	}).format(new Date(iso));
const svSe = (iso: string) =>
	new Intl.DateTimeFormat('sv-SE', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'Europe/Stockholm'
	}).format(new Date(iso));

const linkIn = (mail: ReceivedMail) => /https?:\/\/\S+\/svar\/\S+/.exec(mail.text)?.[0] ?? '';
const mailTo = (smtp: { received: ReceivedMail[] }, email: string) =>
	smtp.received.filter((mail) => mail.to === email);

describe('messages in each person’s language', () => {
	it('writes an English participant’s invitation, reminder, update and .ics in English with en-GB dates, a Swedish one’s in Swedish', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: eva } = await setUpFacilitator(server);
		const clinicId = await ownClinicOf(eva);
		// Sara, a trainee in the register who reads English, is picked into the kollegium.
		const sara = await eva.post(`/clinics/${clinicId}/people`, {
			kind: 'trainee',
			name: 'Sara Lindholm',
			email: 'sara@klinik.example',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8',
			language: 'en'
		});
		expect(sara.status, sara.text).toBe(201);
		expect(sara.json.language).toBe('en');
		const created = await eva.post(`/kollegier?clinicId=${clinicId}`, kollegiumInput(server));
		const id: string = created.json.id;
		const added = await eva.post(`/kollegier/${id}/participants`, {
			name: 'Karin Holmlund',
			email: 'karin@klinik.example',
			roles: ['assessor'],
			language: 'en'
		});
		expect(added.status, added.text).toBe(201);
		// An older client that sends no language: Swedish.
		await eva.post(`/kollegier/${id}/participants`, {
			name: 'Peter Sjövik',
			email: 'peter@klinik.example',
			roles: ['assessor']
		});
		const picked = await eva.post(`/kollegier/${id}/people`, {
			people: [{ personId: sara.json.id }]
		});
		expect(picked.status, picked.text).toBe(201);
		const languages = Object.fromEntries(
			picked.json.participants.map((p: { name: string; language: string }) => [p.name, p.language])
		);
		expect(languages).toEqual({
			'Karin Holmlund': 'en',
			'Peter Sjövik': 'sv',
			'Sara Lindholm': 'en'
		});
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		const { startsAt, answerDeadline } = (await eva.get(`/kollegier/${id}`)).json;

		expect((await eva.post(`/kollegier/${id}/invitations/send`)).status).toBe(201);
		await until(() => smtp.received.length === 3);
		const [karin] = mailTo(smtp, 'karin@klinik.example');
		const [peter] = mailTo(smtp, 'peter@klinik.example');
		const [saraMail] = mailTo(smtp, 'sara@klinik.example');

		// English only: no Swedish sentence, no Swedish copy underneath.
		expect(karin!.subject).toMatch(/^Invitation: specialist review meeting/);
		expect(karin!.text).toContain('Hello Karin Holmlund,');
		expect(karin!.text).toContain(`Meeting: ${enGb(startsAt)}`);
		expect(karin!.text).toContain(`Answer by: ${enGb(answerDeadline)}`);
		expect(karin!.text).toMatch(WEEKDAY_EN);
		expect(karin!.text).not.toMatch(WEEKDAY_SV);
		expect(karin!.text).toContain('Sara Lindholm');
		expect(swedishIn(`${karin!.subject}\n${karin!.text}`)).toEqual([]);
		expect(karin!.calendar).toContain(
			'SUMMARY:Meeting: Specialistkollegium HT (specialist review meeting (specialistkollegium))'
		);
		expect(karin!.calendar).toMatch(
			/DESCRIPTION:The specialist review meeting.*at Medicinkliniken/
		);
		expect(karin!.calendar).not.toContain('/svar/');
		// The trainee's self-assessment invitation is English too.
		expect(saraMail!.text).toContain('Please fill in the self-assessment');
		expect(swedishIn(saraMail!.text)).toEqual([]);

		// Swedish only, Swedish dates.
		expect(peter!.subject).toMatch(/^Inbjudan: specialistkollegium/);
		expect(peter!.text).toContain('Hej Peter Sjövik!');
		expect(peter!.text).toContain(`Mötet: ${svSe(startsAt)}`);
		expect(peter!.text).toMatch(WEEKDAY_SV);
		expect(peter!.text).not.toMatch(WEEKDAY_EN);
		expect(peter!.text).not.toContain('In English');
		expect(peter!.text).not.toContain('Hello');
		expect(peter!.calendar).toContain('SUMMARY:Möte: Specialistkollegium HT (specialistkollegium)');
		expect(peter!.calendar).toMatch(/DESCRIPTION:Ett specialistkollegium på Medicinkliniken/);

		// Three days before the deadline: reminders, each in its reader's language.
		await outboxSettled(server.deps.db);
		server.clock.advance(4 * 86_400_000 + 60_000);
		await until(() => smtp.received.length === 6);
		const [karinReminded] = mailTo(smtp, 'karin@klinik.example').slice(1);
		const [peterReminded] = mailTo(smtp, 'peter@klinik.example').slice(1);
		expect(karinReminded!.subject).toMatch(/^Reminder: /);
		expect(karinReminded!.text).toContain(enGb(answerDeadline));
		expect(swedishIn(karinReminded!.text)).toEqual([]);
		expect(peterReminded!.subject).toMatch(/^Påminnelse: /);
		expect(peterReminded!.text).toContain(svSe(answerDeadline));

		// Peter now reads English: the next change of the meeting reaches him in English.
		const peterId = picked.json.participants.find(
			(p: { name: string }) => p.name === 'Peter Sjövik'
		).id;
		const edited = await eva.put(`/kollegier/${id}/participants/${peterId}`, {
			name: 'Peter Sjövik',
			email: 'peter@klinik.example',
			roles: ['assessor'],
			language: 'en'
		});
		expect(edited.status, edited.text).toBe(200);
		const later = new Date(Date.parse(startsAt) + 86_400_000).toISOString();
		expect(
			(
				await eva.put(`/kollegier/${id}`, {
					...kollegiumInput(server),
					startsAt: later,
					answerDeadline
				})
			).status
		).toBe(200);
		await until(() => smtp.received.length === 8);
		for (const update of smtp.received.slice(6)) {
			expect(update.subject).toMatch(/^Changed: /);
			expect(update.text).toContain(`Meeting: ${enGb(later)}`);
			expect(update.calendar).toContain('SEQUENCE:1');
			expect(update.calendar).toContain('SUMMARY:Meeting: ');
			expect(swedishIn(update.text)).toEqual([]);
		}

		// Peter taken out of the meeting: his CANCEL is in his language, though his row is gone.
		expect((await eva.delete(`/kollegier/${id}/participants/${peterId}`)).status).toBe(200);
		await until(() => smtp.received.length === 9);
		const peterCancel = smtp.received[8]!;
		expect(peterCancel.to).toBe('peter@klinik.example');
		expect(peterCancel.subject).toMatch(/^Cancelled: /);
		expect(peterCancel.calendar).toContain('METHOD:CANCEL');
		expect(peterCancel.calendar).toContain('SUMMARY:Meeting: ');

		// Cancelled: Karin's CANCEL is English.
		expect((await eva.delete(`/kollegier/${id}`)).status).toBe(204);
		await until(() => smtp.received.length === 10);
		const cancel = smtp.received[9]!;
		expect(cancel.to).toBe('karin@klinik.example');
		expect(cancel.subject).toMatch(/^Cancelled: /);
		expect(cancel.calendar).toContain('METHOD:CANCEL');
		expect(cancel.text).toContain(enGb(later));
	});

	it('keeps each register person’s language, reads it from a file, and refuses one it does not know', async () => {
		const server = await startTestServer();
		closing.push(() => server.close());
		const { client: eva } = await setUpFacilitator(server);
		const clinicId = await ownClinicOf(eva);
		const csv = [
			'typ;namn;e-post;språk',
			'specialist;Karin Holmlund;karin@klinik.example;engelska',
			'specialist;Peter Sjövik;peter@klinik.example;'
		].join('\n');
		const imported = await eva.post(`/clinics/${clinicId}/people/import`, { csv, confirm: true });
		expect(imported.status, imported.text).toBe(200);
		const people = (await eva.get(`/clinics/${clinicId}/people`)).json;
		expect(people.map((p: { name: string; language: string }) => [p.name, p.language])).toEqual([
			['Karin Holmlund', 'en'],
			['Peter Sjövik', 'sv']
		]);
		const exported = await eva.get(`/clinics/${clinicId}/people.csv`);
		expect(exported.text).toContain('specialist;Karin Holmlund;karin@klinik.example;;;;;;;en');

		const wrong = await eva.post(`/clinics/${clinicId}/people`, {
			kind: 'observer',
			name: 'Vera Verksamhetschef',
			language: 'fi'
		});
		expect(wrong.status).toBe(400);
		expect(wrong.json.issues.map((issue: { path: string }) => issue.path)).toEqual(['language']);
		const badFile = await eva.post(`/clinics/${clinicId}/people/import`, {
			csv: 'typ;namn;språk\nobservatör;Vera Verksamhetschef;finska\n'
		});
		expect(badFile.json.preview.ok).toBe(false);
		expect(badFile.json.preview.rows[0].issues).toEqual([
			expect.objectContaining({
				path: 'språk',
				message: 'Ange sv (svenska) eller en (engelska).'
			})
		]);
	});
});

const TRAINEES = ['Tove Tidig', 'Ulf Ung', 'Vera Väg'];
/** Answered about by all three trainees: at the supervisors' k of 3. English. */
const ALVA = { name: 'Alva Ahlström', email: 'alva.ahlstrom@example.org' };
/** Answered about by two: below k. Swedish. */
const BERTIL = { name: 'Bertil Berglund', email: 'bertil.berglund@example.org' };

/** An ST-läkarkollegium about Alva and Bertil, answered, held with every step shown, closed. */
async function heldStKollegium(server: TestServer, eva: ApiClient): Promise<string> {
	const clinicId = await ownClinicOf(eva);
	const input = kollegiumInput(server, { kind: 'st-lakarkollegium', supervisorMinRespondents: 3 });
	const id: string = (await eva.post(`/kollegier?clinicId=${clinicId}`, input)).json.id;
	// Alva from the register, where she reads English; Bertil by e-mail only.
	const alva = await eva.post(`/clinics/${clinicId}/people`, {
		kind: 'specialist',
		...ALVA,
		language: 'en'
	});
	expect(
		(
			await eva.post(`/kollegier/${id}/subjects`, {
				kind: 'supervisor',
				name: ALVA.name,
				personId: alva.json.id
			})
		).status
	).toBe(201);
	expect(
		(await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', ...BERTIL })).status
	).toBe(201);
	for (const name of TRAINEES)
		await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
	expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
	const issued: { participantId: string; url: string }[] = (
		await eva.post(`/kollegier/${id}/invitations`)
	).json;
	const detail = (await eva.get(`/kollegier/${id}`)).json;
	const nameOf = (participantId: string) =>
		detail.participants.find((p: { id: string }) => p.id === participantId).name as string;
	const subjects = detail.subjects as { id: string; name: string; kind: string }[];
	for (const link of issued) {
		const name = nameOf(link.participantId);
		if (!TRAINEES.includes(name)) continue;
		const trainee = new ApiClient(server.url, { invitation: tokenOf(link.url) });
		const form = (await trainee.get('/respond')).json.form;
		for (const subject of subjects) {
			const about = subject.kind === 'clinic' ? 'clinic' : 'supervisor';
			const answers = fullAnswers(form, { about, role: 'trainee', rating: 4 });
			const declined = subject.name === BERTIL.name && name === TRAINEES[2];
			const body = declined ? { answers, declined: true } : { answers };
			const response = await trainee.post(`/respond/responses/${subject.id}/submit`, body);
			expect(response.status, response.text).toBe(200);
		}
	}
	expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
	expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
	const control: MeetingSocket = connect(server, { cookie: eva.cookieHeader });
	try {
		let frame = await join(control, id, 'control');
		for (const [position] of frame.agenda.entries()) {
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
		}
	} finally {
		control.disconnect();
	}
	return id;
}

describe('supervisors told when their own feedback is ready', () => {
	// Fails until the lead calls notifySupervisorFeedbackReady from moveKollegium on closing.
	it('e-mails a supervisor at k once, in their language, with a working link, and one below k nothing', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: eva } = await setUpFacilitator(server);
		const id = await heldStKollegium(server, eva);
		expect(smtp.received).toEqual([]);

		expect((await eva.post(`/kollegier/${id}/status`, { status: 'closed' })).status).toBe(200);
		await until(() => smtp.received.length >= 1);
		const [alva] = mailTo(smtp, ALVA.email);
		expect(alva!.subject).toBe(
			'Your feedback from the trainee feedback meeting (ST-läkarkollegium) – ST-läkarkollegium HT'
		);
		expect(alva!.text).toContain('Hello Alva Ahlström,');
		expect(swedishIn(alva!.text)).toEqual([]);
		// No count and no names of who answered: only that it is ready, and her link.
		const link = linkIn(alva!);
		expect(alva!.text.replace(link, '')).not.toMatch(/\d/);
		for (const trainee of TRAINEES) expect(alva!.text).not.toContain(trainee);
		const own = await new ApiClient(server.url, { invitation: tokenOf(link) }).get(
			'/respond/supervisor-feedback'
		);
		expect(own.status).toBe(200);
		expect(own.json.feedback).toMatchObject({ name: ALVA.name, result: 'available' });

		// Once: asked again (a second close, a restart), nothing more goes out.
		expect(await notifySupervisorFeedbackReady(server.deps, id)).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(mailTo(smtp, ALVA.email)).toHaveLength(1);
		// Bertil, below k, hears nothing: no message that could tell him how few answered.
		const results = (await eva.get(`/kollegier/${id}/supervisor-feedback`)).json;
		expect(
			results.map((entry: { name: string; result: string }) => [entry.name, entry.result])
		).toEqual([
			[ALVA.name, 'available'],
			[BERTIL.name, 'belowK']
		]);
		expect(mailTo(smtp, BERTIL.email)).toEqual([]);
		const outbox = (await eva.get(`/kollegier/${id}/outbox`)).json;
		expect(
			outbox.entries.map((e: { name: string; kind: string; status: string }) => [
				e.name,
				e.kind,
				e.status
			])
		).toEqual([[ALVA.name, 'supervisorFeedback', 'sent']]);
	});
});
