import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmtpServer, outboxSettled, until, type ReceivedMail } from '../support/smtp.ts';
import { fullAnswers } from './helpers.ts';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closing.splice(0).reverse()) await close();
});

async function serverWithMail(smtpUrl: string, dataDir?: string): Promise<TestServer> {
	const server = await startTestServer({
		...(dataDir ? { dataDir } : {}),
		config: { smtpUrl, mailFrom: 'Kollegium <kollegium@klinik.example>', mailPollMs: 50 }
	});
	closing.push(() => server.close());
	return server;
}

/** A specialistkollegium with two assessors with e-mail, one without, and a trainee with e-mail. */
async function invitedKollegium(
	server: TestServer,
	facilitator: ApiClient,
	options: { karinSupervises?: boolean } = {}
) {
	const created = await facilitator.post(
		`/kollegier?clinicId=${await ownClinicOf(facilitator)}`,
		kollegiumInput(server, { videoLink: 'https://meet.example.se/ugglan' })
	);
	const id: string = created.json.id;
	const people = [
		{ name: 'Karin Holmlund', email: 'karin@klinik.example' },
		{ name: 'Peter Sjövik', email: 'peter@klinik.example' },
		{ name: 'Amira Nordqvist', email: '' }
	];
	for (const person of people)
		await facilitator.post(`/kollegier/${id}/participants`, { ...person, roles: ['assessor'] });
	const detail = (await facilitator.get(`/kollegier/${id}`)).json;
	const karin = detail.participants.find((p: { name: string }) => p.name === 'Karin Holmlund');
	await facilitator.post(`/kollegier/${id}/subjects`, {
		...(options.karinSupervises ? { supervisorId: karin.id } : {}),
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

const linkIn = (mail: ReceivedMail) => /https?:\/\/\S+\/svar\/\S+/.exec(mail.text)?.[0] ?? '';

describe('e-mail invitations', () => {
	it('sends each participant their own working link and the meeting as a calendar event, once', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator);

		const sent = await facilitator.post(`/kollegier/${id}/invitations/send`);
		expect(sent.status).toBe(201);
		expect(sent.json.queued.map((p: { name: string }) => p.name).sort()).toEqual([
			'Karin Holmlund',
			'Peter Sjövik',
			'Sara Lindholm'
		]);
		expect(sent.json.skipped).toEqual([
			expect.objectContaining({ name: 'Amira Nordqvist', reason: 'noEmail' })
		]);
		await until(() => smtp.received.length === 3);

		const karin = smtp.received.find((mail) => mail.to === 'karin@klinik.example')!;
		expect(karin.subject).toContain('Specialistkollegium HT');
		expect(karin.text).toContain('Hej Karin Holmlund!');
		expect(karin.text).toContain('Sara Lindholm');
		// In her language only (Swedish, the default): no English copy underneath.
		expect(karin.text).not.toContain('In English');
		expect(karin.text).not.toContain('Hello');
		// The link in the message is the participant's own and works.
		const link = linkIn(karin);
		expect(link.startsWith(server.url)).toBe(true);
		const view = await new ApiClient(server.url, { invitation: tokenOf(link) }).get('/respond');
		expect(view.status).toBe(200);
		expect(view.json.participant.name).toBe('Karin Holmlund');
		// Everyone's link differs.
		expect(new Set(smtp.received.map(linkIn)).size).toBe(3);
		expect(karin.calendar).toContain('METHOD:REQUEST');
		expect(karin.calendar).toContain(`UID:${id}@kollegium`);
		expect(karin.calendar).toContain('SEQUENCE:0');
		expect(karin.calendar).toMatch(/ATTENDEE[^:]*:mailto:karin@klinik\.example/);

		// Twice sends nothing twice.
		const again = await facilitator.post(`/kollegier/${id}/invitations/send`);
		expect(again.json.queued).toEqual([]);
		expect(
			again.json.skipped.filter((p: { reason: string }) => p.reason === 'alreadySent')
		).toHaveLength(3);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.received).toHaveLength(3);

		// The studierektor sees who got what, never a link; the outbox forgot the links once sent.
		const outbox = await facilitator.get(`/kollegier/${id}/outbox`);
		expect(outbox.json.enabled).toBe(true);
		expect(outbox.json.entries.map((e: { status: string }) => e.status)).toEqual([
			'sent',
			'sent',
			'sent'
		]);
		expect(outbox.text).not.toContain('/svar/');
		const bodies = await server.deps.db.selectFrom('outbox').select('body').execute();
		expect(bodies.every((row) => row.body === '')).toBe(true);
		// Only a failed message is sent again.
		const went = outbox.json.entries[0];
		const resend = await facilitator.post(`/kollegier/${id}/outbox/${went.id}/resend`);
		expect(resend.status).toBe(409);
		expect(resend.json.error).toBe('messageNotResendable');
		// The trainee the meeting is about gets the link for the self-assessment, not the meeting.
		const sara = smtp.received.find((mail) => mail.to === 'sara@klinik.example')!;
		expect(sara.calendar).toBeNull();
		expect(sara.text).toContain('självskattningen');
	});

	it('moving the meeting sends an update with the same UID and a higher SEQUENCE; deleting cancels', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator);
		await facilitator.post(`/kollegier/${id}/invitations/send`);
		await until(() => smtp.received.length === 3);

		const detail = (await facilitator.get(`/kollegier/${id}`)).json;
		const later = new Date(Date.parse(detail.startsAt) + 86_400_000).toISOString();
		const moved = await facilitator.put(`/kollegier/${id}`, {
			...kollegiumInput(server, { videoLink: 'https://meet.example.se/ugglan' }),
			startsAt: later
		});
		expect(moved.status).toBe(200);
		await until(() => smtp.received.length === 5);
		const updates = smtp.received.slice(3);
		// Sara, whom the meeting is about, has no calendar event to update.
		expect(updates.map((mail) => mail.to).sort()).toEqual([
			'karin@klinik.example',
			'peter@klinik.example'
		]);
		for (const update of updates) {
			expect(update.subject).toMatch(/^Ändrat/);
			expect(update.calendar).toContain(`UID:${id}@kollegium`);
			expect(update.calendar).toContain('SEQUENCE:1');
			expect(update.text).not.toContain('/svar/');
		}

		// Peter taken out of the meeting: out of his calendar too.
		const peter = detail.participants.find((p: { name: string }) => p.name === 'Peter Sjövik');
		expect((await facilitator.delete(`/kollegier/${id}/participants/${peter.id}`)).status).toBe(
			200
		);
		await until(() => smtp.received.length === 6);
		expect(smtp.received[5]!.to).toBe('peter@klinik.example');
		expect(smtp.received[5]!.calendar).toContain('METHOD:CANCEL');

		expect((await facilitator.delete(`/kollegier/${id}`)).status).toBe(204);
		await until(() => smtp.received.length === 7);
		// Only Karin is still in it: Peter had his cancellation and gets no second one.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.received).toHaveLength(7);
		expect(smtp.received[6]!.to).toBe('karin@klinik.example');
		// Each change of the event counts up: moved (1), Peter's cancellation (2), everyone's (3).
		expect(smtp.received[5]!.calendar).toContain('SEQUENCE:2');
		expect(smtp.received[6]!.calendar).toContain('SEQUENCE:3');
		for (const cancel of smtp.received.slice(5)) {
			expect(cancel.subject).toMatch(/^Inställt/);
			expect(cancel.calendar).toContain('METHOD:CANCEL');
			expect(cancel.calendar).toContain(`UID:${id}@kollegium`);
		}
	});

	it('a restart between queueing and sending loses and doubles nothing', async () => {
		// Nothing listens on this port yet: every attempt fails and is kept for later.
		const placeholder = await startSmtpServer();
		const port = placeholder.port;
		await placeholder.close();
		const first = await startTestServer({
			config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailPollMs: 50 }
		});
		const { client: facilitator } = await setUpFacilitator(first);
		const id = await invitedKollegium(first, facilitator);
		await facilitator.post(`/kollegier/${id}/invitations/send`);
		let entries: { status: string; lastError: string | null }[] = [];
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			entries = (await facilitator.get(`/kollegier/${id}/outbox`)).json.entries;
			if (entries.every((entry) => entry.lastError !== null)) break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		// Not sent, not lost: queued again with the reason, to be tried later.
		expect(entries.map((entry) => entry.status)).toEqual(['queued', 'queued', 'queued']);
		expect(entries[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
		await first.close({ keepData: true });

		const smtp = await startSmtpServer({ port });
		closing.push(smtp.close);
		const second = await serverWithMail(smtp.url, first.dataDir);
		// The next attempt is due a minute after the failed one.
		second.clock.advance(61_000);
		await until(() => smtp.received.length === 3);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.received.map((mail) => mail.to).sort()).toEqual([
			'karin@klinik.example',
			'peter@klinik.example',
			'sara@klinik.example'
		]);
	});

	it('a wrong SMTP_URL or a refusing server gives a failed message with its reason, and the server runs on', async () => {
		const server = await serverWithMail('smtp//not an address');
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator);
		const links = (await facilitator.post(`/kollegier/${id}/invitations`)).json as {
			url: string;
		}[];
		// Refused before any link changes: the links copied by hand keep working.
		const sent = await facilitator.post(`/kollegier/${id}/invitations/send`);
		expect(sent.status).toBe(409);
		expect(sent.json.error).toBe('mailMisconfigured');
		expect(sent.json.message).toContain('SMTP_URL');
		for (const link of links) {
			const holder = new ApiClient(server.url, { invitation: tokenOf(link.url) });
			expect((await holder.get('/respond')).status).toBe(200);
		}
		expect((await facilitator.get(`/kollegier/${id}/outbox`)).json.entries).toEqual([]);
		expect((await facilitator.get('/auth/me')).status).toBe(200);
		let entries: { status: string; lastError: string | null; id: string }[] = [];

		const refusing = await startSmtpServer({ refuse: true });
		closing.push(refusing.close);
		const other = await serverWithMail(refusing.url);
		const { client: studierektor } = await setUpFacilitator(other);
		const second = await invitedKollegium(other, studierektor);
		await studierektor.post(`/kollegier/${second}/invitations/send`);
		const end = Date.now() + 10_000;
		while (Date.now() < end) {
			entries = (await studierektor.get(`/kollegier/${second}/outbox`)).json.entries;
			if (entries.every((entry) => entry.status === 'failed')) break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(entries).toHaveLength(3);
		expect(entries.every((entry) => entry.status === 'failed')).toBe(true);
		expect(entries[0]!.lastError).toMatch(/550|unavailable/i);
		// A failed invitation may be sent again, with a new link.
		const resent = await studierektor.post(`/kollegier/${second}/outbox/${entries[0]!.id}/resend`);
		expect(resent.status).toBe(200);
		expect(resent.json.entries).toHaveLength(4);
	});

	it('without SMTP_URL e-mail is off and the pages say so', async () => {
		const server = await startTestServer();
		closing.push(() => server.close());
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator);
		const sent = await facilitator.post(`/kollegier/${id}/invitations/send`);
		expect(sent.status).toBe(409);
		expect(sent.json.error).toBe('mailOff');
		expect((await facilitator.get(`/kollegier/${id}/outbox`)).json).toEqual({
			enabled: false,
			reminderDays: [3, 1],
			entries: []
		});
	});

	it('reminds those who have not submitted on the schedule, and now when asked; never with a link', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator);
		await facilitator.post(`/kollegier/${id}/invitations/send`);
		await until(() => smtp.received.length === 3);
		const links = Object.fromEntries(smtp.received.map((mail) => [mail.to, linkIn(mail)]));

		// Karin submits about Sara; Peter and Sara (her self-assessment) have not.
		const karin = new ApiClient(server.url, {
			invitation: tokenOf(links['karin@klinik.example']!)
		});
		const view = (await karin.get('/respond')).json;
		const sara = view.assignments.find(
			(a: { subject: { name: string } }) => a.subject.name === 'Sara Lindholm'
		).subjectId;
		const answers = fullAnswers(view.form, { about: 'trainee', role: 'assessor', rating: 3 });
		expect((await karin.post(`/respond/responses/${sara}/submit`, { answers })).status).toBe(200);

		// Three days before the deadline (a week away), the first reminder goes out.
		await outboxSettled(server.deps.db);
		server.clock.advance(4 * 86_400_000 + 60_000);
		await until(() => smtp.received.length === 5);
		const reminders = smtp.received.slice(3);
		expect(reminders.map((mail) => mail.to).sort()).toEqual([
			'peter@klinik.example',
			'sara@klinik.example'
		]);
		for (const reminder of reminders) {
			expect(reminder.subject).toMatch(/^Påminnelse/);
			expect(reminder.text).not.toContain('/svar/');
			expect(reminder.text).not.toContain('Karin');
		}
		// The same point of the schedule reminds nobody twice.
		server.clock.advance(2 * 60_000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.received).toHaveLength(5);

		// The studierektor changes the schedule: two days before reminds again.
		const schedule = await facilitator.put(`/kollegier/${id}/reminders`, { daysBefore: [2, 2] });
		expect(schedule.status).toBe(400);
		expect(schedule.json.issues[0].path).toContain('daysBefore');
		const changed = await facilitator.put(`/kollegier/${id}/reminders`, { daysBefore: [2] });
		expect(changed.json.reminderDays).toEqual([2]);
		server.clock.advance(86_400_000);
		await until(() => smtp.received.length === 7);

		// "Påminn nu" for one person.
		const outbox = (await facilitator.get(`/kollegier/${id}/outbox`)).json;
		const peter = outbox.entries.find((e: { name: string }) => e.name === 'Peter Sjövik');
		const now = await facilitator.post(`/kollegier/${id}/reminders/send`, {
			participantId: peter.participantId
		});
		expect(now.json).toEqual({ queued: 1 });
		await until(() => smtp.received.length === 8);
		expect(smtp.received[7]!.to).toBe('peter@klinik.example');
	});

	it('tells the handledare when the plan is final, and reminds them if it is not passed on', async () => {
		const smtp = await startSmtpServer();
		closing.push(smtp.close);
		const server = await serverWithMail(smtp.url);
		const { client: facilitator } = await setUpFacilitator(server);
		const id = await invitedKollegium(server, facilitator, { karinSupervises: true });
		await facilitator.post(`/kollegier/${id}/close-answering`);
		expect((await facilitator.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(
			200
		);
		const detail = (await facilitator.get(`/kollegier/${id}`)).json;
		const sara = detail.subjects.find((s: { name: string }) => s.name === 'Sara Lindholm').id;

		const { doc, provider } = await openDocument(server, id, { cookie: facilitator.cookieHeader });
		try {
			writeDevelopmentPlan(doc, sara, completePlan());
			let status = 0;
			for (let attempt = 0; attempt < 50 && status !== 201; attempt += 1) {
				status = (await facilitator.post(`/kollegier/${id}/subjects/${sara}/plan/final`)).status;
				if (status !== 201) await pause(50);
			}
			expect(status).toBe(201);
		} finally {
			provider.destroy();
		}
		await until(() => smtp.received.length === 1);
		const ready = smtp.received[0]!;
		expect(ready.to).toBe('karin@klinik.example');
		expect(ready.subject).toContain('Sara Lindholm');
		// Karin's link opens her handover: the PDF and recording that she passed it on.
		const karin = new ApiClient(server.url, { invitation: tokenOf(linkIn(ready)) });
		const handover = await karin.get('/respond/handover');
		expect(handover.status).toBe(200);
		expect(handover.json.supervising.map((e: { name: string }) => e.name)).toEqual([
			'Sara Lindholm'
		]);

		// Not passed on two weeks later: one reminder, with a working link.
		expect((await facilitator.post(`/kollegier/${id}/status`, { status: 'closed' })).status).toBe(
			200
		);
		server.clock.advance(15 * 86_400_000);
		await until(() => smtp.received.length === 2);
		expect(smtp.received[1]!.subject).toMatch(/^Påminnelse: återkopplingen till Sara Lindholm/);
		const reminded = new ApiClient(server.url, { invitation: tokenOf(linkIn(smtp.received[1]!)) });
		expect((await reminded.get('/respond/handover')).status).toBe(200);
		server.clock.advance(2 * 60_000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.received).toHaveLength(2);
	});
});
