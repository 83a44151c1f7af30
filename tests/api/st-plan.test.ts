import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { ImprovementPlan } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, tokenOf } from '../support/client.ts';
import { openDocument, pause, writeImprovementPlan } from '../support/documents.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, send } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers, itemsFor } from './helpers.ts';

const TRAINEES = ['Tove Tidig', 'Ulf Ung', 'Vera Väg'];
const SUPERVISOR = 'Dr Ahlström';
const wrote = (index: number, subject: string, item: string) =>
	`ST-fritext ${index + 1} om ${subject} (${item})`;

const improvement: ImprovementPlan = {
	summaries: { E: 'Handledningen är ojämn mellan placeringarna; schemalagd tid saknas ofta.' },
	rows: [
		{
			area: 'E',
			action: 'Schemalägg handledning varannan vecka för alla ST-läkare',
			dueDate: '2027-02-01',
			owner: 'Verksamhetschef Åsa Öhman',
			followUpDate: '2027-06-01',
			followUpBy: 'Studierektor'
		}
	]
};

function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(joinPath(tmpdir(), 'kollegium-st-'));
	try {
		const file = joinPath(dir, 'clinic.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
			/\s+/g,
			' '
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// An ST-läkarkollegium ends in the clinic's handlingsplan: a PDF with the room's summary per
// SPUR area and the plan's rows, and only the clinic's revealed steps; the supervisors who were
// discussed get no plan and no PDF of their own.
describe('the clinic\u2019s improvement plan after an ST-läkarkollegium', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let clinic: string;
	let supervisor: string;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		id = (await eva.post('/kollegier', kollegiumInput(server, { kind: 'st-lakarkollegium' }))).json
			.id;
		await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', name: SUPERVISOR });
		for (const name of TRAINEES)
			await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
		await eva.post(`/kollegier/${id}/status`, { status: 'open' });
		const links: { participantId: string; url: string }[] = (
			await eva.post(`/kollegier/${id}/invitations`)
		).json;
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		const subjects = detail.subjects as { id: string; name: string; kind: string }[];
		clinic = subjects.find((s) => s.kind === 'clinic')!.id;
		supervisor = subjects.find((s) => s.kind === 'supervisor')!.id;
		const people = links.map(
			(link) => new ApiClient(server.url, { invitation: tokenOf(link.url) })
		);
		const form = (await people[0]!.get('/respond')).json.form;
		for (const [index, person] of people.entries()) {
			for (const subject of subjects) {
				const answers = fullAnswers(form, { about: subject.kind, role: 'trainee', rating: 4 });
				for (const item of itemsFor(form, subject.kind, 'trainee')) {
					if (item.type === 'text') answers[item.id] = wrote(index, subject.name, item.id);
				}
				const response = await person.post(`/respond/responses/${subject.id}/submit`, { answers });
				if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
			}
		}
		await eva.post(`/kollegier/${id}/close-answering`);
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'live' })).status).toBe(200);
		// The room is shown every step about the clinic, and none about the supervisor.
		const control = connect(server, { cookie: eva.cookieHeader });
		const frame = await join(control, id, 'control');
		for (const [position, entry] of frame.agenda.entries()) {
			if (!entry.id.includes(clinic)) continue;
			expect(await send(control, 'meeting:command', { type: 'goto', position })).toBeNull();
			await send(control, 'meeting:command', { type: 'reveal' });
		}
		control.disconnect();
		const { doc, provider } = await openDocument(server, id, { cookie: eva.cookieHeader });
		writeImprovementPlan(doc, clinic, improvement);
		await pause(200);
		provider.destroy();
	});
	afterAll(async () => {
		await server?.close();
	});

	it('freezes the handlingsplan, and has no plan for a supervisor', async () => {
		const final = await eva.post(`/kollegier/${id}/subjects/${clinic}/plan/final`);
		expect(final.status).toBe(201);
		expect(final.json.plan).toEqual(improvement);
		const none = await eva.post(`/kollegier/${id}/subjects/${supervisor}/plan/final`);
		expect([none.status, none.json.error]).toEqual([409, 'noPlanForSubject']);
		const handover = (await eva.get(`/kollegier/${id}/handover`)).json;
		expect(handover).toEqual([
			expect.objectContaining({ subjectId: clinic, kind: 'clinic', finalVersion: 1 })
		]);
	});

	it('builds the clinic PDF from the SPUR summary, the plan and the clinic\u2019s revealed steps only', async () => {
		const response = await fetch(
			`${server.url}/api/kollegier/${id}/subjects/${clinic}/feedback.pdf`,
			{
				headers: { Cookie: eva.cookieHeader }
			}
		);
		expect(response.status).toBe(200);
		const text = pdfText(new Uint8Array(await response.arrayBuffer()));
		expect(text).toContain('Sammanställning från ST-läkarkollegium');
		expect(text).toContain('Handledningen är ojämn mellan placeringarna');
		expect(text).toContain('Schemalägg handledning varannan vecka');
		expect(text).toContain('Verksamhetschef Åsa Öhman');
		expect(text).toContain(wrote(0, 'Medicinkliniken', '').slice(0, 20));
		// Nothing said about the supervisor, revealed or not, is in the clinic's PDF.
		expect(text).not.toContain(SUPERVISOR);
		const pdf = await fetch(
			`${server.url}/api/kollegier/${id}/subjects/${supervisor}/feedback.pdf`,
			{
				headers: { Cookie: eva.cookieHeader }
			}
		);
		expect(pdf.status).toBe(404);
	});
});
