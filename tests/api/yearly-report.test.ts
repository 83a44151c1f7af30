import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpoints, type DevelopmentPlan } from '@kollegium/model';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague, createClinic } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { kollegiumInput, ownClinicOf, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { trainee } from './helpers.ts';

// A clinic seeded through the API over two years, its 2025 report read as JSON, CSV and PDF,
// every figure compared with a value counted by hand below.

const day = 86_400_000;
const at = (iso: string) => new Date(iso);

const atRisk = (nextFollowUp: string): DevelopmentPlan =>
	completePlan({
		nextFollowUp,
		atRisk: true,
		actionPlan: {
			problemAreas: ['Ronden tar för lång tid'],
			supportMeasures: ['Rondträning med handledaren'],
			timePlan: 'Tre månader.',
			followUpDate: nextFollowUp,
			studierektorInformed: true
		}
	});
const onTrack = (nextFollowUp: string) => completePlan({ nextFollowUp });

describe('the yearly report of a clinic', () => {
	let server: TestServer;
	let eva: ApiClient;
	let clinicId: string;
	let reader: ApiClient;
	let stranger: ApiClient;
	const people: Record<string, string> = {};

	/** Moves the clock, and signs Eva in again: her session may have expired meanwhile. */
	async function setClock(date: Date) {
		server.clock.set(date);
		const login = await eva.post('/auth/login', { email: 'eva@example.org', password: PASSWORD });
		expect(login.status, login.text).toBe(200);
	}

	async function register(input: Record<string, unknown>): Promise<string> {
		const created = await eva.post(`/clinics/${clinicId}/people`, input);
		expect(created.status, created.text).toBe(201);
		return created.json.id as string;
	}
	const registerTrainee = (name: string, stStart: string, regulation: string) =>
		register({ kind: 'trainee', name, specialty: 'Internmedicin', stStart, regulation });

	/**
	 * A specialistkollegium meeting at `startsAt`, with register trainees and hand-added ones,
	 * taken live (unless `held: false`), each plan finalised on the meeting's day, then closed.
	 */
	async function specialistkollegium(options: {
		startsAt: string;
		trainees: string[];
		byHand?: string[];
		plans?: Record<string, DevelopmentPlan>;
		held?: boolean;
	}): Promise<{ id: string; subjects: Record<string, string> }> {
		const starts = at(options.startsAt).getTime();
		await setClock(new Date(starts - 3 * day));
		const input = kollegiumInput(server, {
			title: `Specialistkollegium ${options.startsAt.slice(0, 10)}`,
			startsAt: options.startsAt,
			answerDeadline: new Date(starts - day).toISOString()
		});
		const created = await eva.post(`/kollegier?clinicId=${clinicId}`, input);
		expect(created.status, created.text).toBe(201);
		const id = created.json.id as string;
		const picked = await eva.post(`/kollegier/${id}/people`, {
			people: [
				{ personId: people.Karin, roles: ['assessor'] },
				...options.trainees.map((name) => ({ personId: people[name], roles: [] }))
			]
		});
		expect(picked.status, picked.text).toBe(201);
		for (const name of options.byHand ?? []) {
			const added = await eva.post(
				`/kollegier/${id}/subjects`,
				trainee(name, { stStart: '2023-09-01' })
			);
			expect(added.status, added.text).toBe(201);
		}
		const detail = (await eva.get(`/kollegier/${id}`)).json;
		const subjects: Record<string, string> = Object.fromEntries(
			detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
		);
		if (options.held === false) return { id, subjects };
		expect((await eva.post(`/kollegier/${id}/status`, { status: 'open' })).status).toBe(200);
		await setClock(new Date(starts + 3_600_000));
		expect((await eva.post(`/kollegier/${id}/close-answering`)).status).toBe(200);
		const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
		expect(live.status, live.text).toBe(200);
		for (const [name, plan] of Object.entries(options.plans ?? {})) {
			await finalize(id, subjects[name]!, plan);
		}
		const closed = await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
		expect(closed.status, closed.text).toBe(200);
		return { id, subjects };
	}

	/** Writes the plan into the shared document and marks it final once the server has it. */
	async function finalize(kollegiumId: string, subjectId: string, plan: DevelopmentPlan) {
		const { doc, provider } = await openDocument(server, kollegiumId, {
			cookie: eva.cookieHeader
		});
		try {
			writeDevelopmentPlan(doc, subjectId, plan);
			for (let attempt = 0; attempt < 50; attempt += 1) {
				const path = `/kollegier/${kollegiumId}/subjects/${subjectId}/plan/final`;
				const response = await eva.post(path);
				if (response.status === 201) return;
				await pause(50);
			}
			throw new Error('The plan was never accepted as final');
		} finally {
			provider.destroy();
		}
	}

	/** Records the handover on `givenOn`, with the clock on that day. */
	async function handover(kollegiumId: string, subjectId: string, givenOn: string) {
		await setClock(at(`${givenOn}T12:00:00Z`));
		const path = `/kollegier/${kollegiumId}/subjects/${subjectId}/handover`;
		const given = await eva.post(path, { givenOn });
		expect(given.status, given.text).toBe(200);
	}

	beforeAll(async () => {
		server = await startTestServer();
		server.clock.set(at('2024-04-01T09:00:00Z'));
		eva = (await setUpFacilitator(server)).client;
		clinicId = await ownClinicOf(eva);
		people.Karin = await register({
			kind: 'specialist',
			name: 'Karin Holmlund',
			title: 'Överläkare'
		});
		people.Sara = await registerTrainee('Sara Lindholm', '2021-09-01', 'HSLF-FS 2021:8');
		people.Jonas = await registerTrainee('Jonas Bergstedt', '2018-02-01', 'SOSFS 2015:8');
		people.Amira = await registerTrainee('Amira Nordqvist', '2025-08-01', 'HSLF-FS 2021:8');
		// Starts in 2026: not in training in 2025.
		people.Nils = await registerTrainee('Nils Ekström', '2026-02-01', 'HSLF-FS 2021:8');

		// 2024: Sara gets an åtgärdsplan; Jonas is on track.
		const k0 = await specialistkollegium({
			startsAt: '2024-05-06T10:00:00Z',
			trainees: ['Sara', 'Jonas'],
			plans: {
				'Sara Lindholm': atRisk('2024-11-01'),
				'Jonas Bergstedt': onTrack('2024-12-01')
			}
		});
		await handover(k0.id, k0.subjects['Sara Lindholm']!, '2024-05-20');

		// March 2025: Sara is back on track (her åtgärdsplan closes), Jonas gets one, and Lisa
		// is added by hand (which puts her in the register).
		const k1 = await specialistkollegium({
			startsAt: '2025-03-10T10:00:00Z',
			trainees: ['Sara', 'Jonas'],
			byHand: ['Lisa Handlagd'],
			plans: {
				'Sara Lindholm': onTrack('2025-09-01'),
				'Jonas Bergstedt': atRisk('2025-06-01'),
				'Lisa Handlagd': onTrack('2025-09-01')
			}
		});
		await handover(k1.id, k1.subjects['Sara Lindholm']!, '2025-03-20');
		await handover(k1.id, k1.subjects['Lisa Handlagd']!, '2025-04-09');

		// An ST-läkarkollegium held in April 2025, and one never opened.
		await setClock(at('2025-03-25T09:00:00Z'));
		const st = (
			await eva.post(
				`/kollegier?clinicId=${clinicId}`,
				kollegiumInput(server, {
					kind: 'st-lakarkollegium',
					startsAt: '2025-04-01T10:00:00Z',
					answerDeadline: '2025-03-31T10:00:00Z'
				})
			)
		).json.id as string;
		await eva.post(`/kollegier/${st}/subjects`, { kind: 'supervisor', name: 'Karin Holmlund' });
		await eva.post(`/kollegier/${st}/people`, {
			people: [{ personId: people.Sara, roles: ['trainee'] }]
		});
		for (const name of ['Jonas Bergstedt', 'Amira Nordqvist']) {
			await eva.post(`/kollegier/${st}/participants`, { name, roles: ['trainee'] });
		}
		expect((await eva.post(`/kollegier/${st}/status`, { status: 'open' })).status).toBe(200);
		await setClock(at('2025-04-01T11:00:00Z'));
		for (const status of ['live', 'closed']) {
			const moved = await eva.post(`/kollegier/${st}/status`, { status });
			expect(moved.status, moved.text).toBe(200);
		}
		const draft = await eva.post(
			`/kollegier?clinicId=${clinicId}`,
			kollegiumInput(server, { kind: 'st-lakarkollegium', startsAt: '2025-09-01T10:00:00Z' })
		);
		expect(draft.status, draft.text).toBe(201);

		// October 2025: Sara's third; handed over after 14 days.
		const k2 = await specialistkollegium({
			startsAt: '2025-10-01T10:00:00Z',
			trainees: ['Sara'],
			plans: { 'Sara Lindholm': onTrack('2026-04-01') }
		});
		await handover(k2.id, k2.subjects['Sara Lindholm']!, '2025-10-15');

		// November 2025: Amira's first, never held.
		await specialistkollegium({
			startsAt: '2025-11-20T10:00:00Z',
			trainees: ['Amira'],
			held: false
		});

		await setClock(at('2026-02-15T09:00:00Z'));
		const readerOf = await addColleague(server, eva, {
			name: 'Verksamhetschef Vera',
			email: 'vera@example.org',
			role: 'reader',
			clinicId
		});
		reader = readerOf.client;
		const other = await createClinic(eva, 'Kirurgkliniken');
		stranger = (
			await addColleague(server, eva, {
				name: 'Olle Annanklinik',
				email: 'olle@example.org',
				role: 'studierektor',
				clinicId: other
			})
		).client;
	}, 120_000);
	afterAll(async () => {
		await server?.close();
	});

	/** The 2025 figures, counted by hand from the seed above. */
	const expected2025 = {
		clinic: 'Medicinkliniken',
		year: 2025,
		asOf: '2025-12-31',
		// Sara, Jonas, Amira and Lisa; Nils starts in 2026.
		trainees: {
			total: 4,
			byRegulation: [
				{ regulation: 'HSLF-FS 2021:8', count: 3 },
				{ regulation: 'SOSFS 2015:8', count: 1 }
			]
		},
		// March and October; Amira's of November was never held, the 2024 one is the year before.
		specialistkollegierHeld: 2,
		// Sara, Jonas and Lisa, of four.
		assessed: { count: 3, of: 4, share: 3 / 4 },
		lastTwelveMonths: { count: 3, of: 4, share: 3 / 4 },
		// Sara: May 2024, March and October 2025. Jonas: two. Lisa: one.
		reachedTarget: { count: 1, of: 4, share: 1 / 4, target: 3 },
		// April; the September one is a draft.
		stLakarkollegierHeld: 1,
		// Sara (March), Jonas, Lisa, Sara (October): Sara after 10 days, Lisa 30, Sara 14.
		feedbackDelivered: { count: 3, of: 4, share: 3 / 4 },
		medianDaysToHandover: 14,
		// Jonas's of March.
		actionPlansOpened: 1,
		// Sara's of 2024, followed by her plan of March 2025, not at risk.
		actionPlansClosed: 1,
		// Jonas (1 June 2025) and Lisa (1 September 2025): no kollegium about them since.
		overdueFollowUps: 2
	};

	it('gives every figure of the year as counted by hand', async () => {
		const response = await reader.get(`/clinics/${clinicId}/report/2025`);
		expect(response.status, response.text).toBe(200);
		const report = endpoints['GET /clinics/:clinicId/report/:year'].response.parse(response.json);
		expect(report).toEqual({ ...expected2025, generatedAt: '2026-02-15T09:00:00.000Z' });
	});

	it('counts the current year up to today', async () => {
		const report = (await eva.get(`/clinics/${clinicId}/report/2026`)).json;
		expect(report.asOf).toBe('2026-02-15');
		// Nils started on 1 February.
		expect(report.trainees.total).toBe(5);
		expect(report.specialistkollegierHeld).toBe(0);
		// Since 16 February 2025: Sara (March, October), Jonas and Lisa (March).
		expect(report.lastTwelveMonths).toEqual({ count: 3, of: 5, share: 3 / 5 });
		expect(report.overdueFollowUps).toBe(2);
	});

	it('gives the figures as a file with one header row that parses back to the same', async () => {
		const response = await fetch(`${server.url}/api/clinics/${clinicId}/report/2025/report.csv`, {
			headers: { Cookie: reader.cookieHeader }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(response.headers.get('content-disposition')).toContain(
			encodeURIComponent('Årsrapport 2025 Medicinkliniken.csv')
		);
		const text = (await response.text()).replace(/^\uFEFF/, '');
		const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		const [header, ...rows] = parsed.data;
		expect(header).toEqual(['nyckel', 'mått', 'värde']);
		const values = Object.fromEntries(
			rows.map(([key, , value]) => [key, value === '' ? null : Number(value?.replace(',', '.'))])
		);
		const percent = (share: number) => Math.round(share * 1000) / 10;
		expect(values).toEqual({
			'trainees.total': 4,
			'trainees.hslf-fs-2021-8': 3,
			'trainees.sosfs-2015-8': 1,
			'specialistkollegier.held': 2,
			'assessed.count': 3,
			'assessed.share': percent(3 / 4),
			'lastTwelveMonths.count': 3,
			'lastTwelveMonths.share': percent(3 / 4),
			'reachedTarget.count': 1,
			'reachedTarget.share': percent(1 / 4),
			'stLakarkollegier.held': 1,
			'feedback.subjects': 4,
			'feedback.delivered': 3,
			'feedback.share': 75,
			'feedback.medianDays': 14,
			'actionPlans.opened': 1,
			'actionPlans.closed': 1,
			'followUps.overdue': 2
		});
	});

	it('gives the figures as a PDF with the clinic name', { timeout: 60_000 }, async () => {
		const response = await fetch(`${server.url}/api/clinics/${clinicId}/report/2025/report.pdf`, {
			headers: { Cookie: reader.cookieHeader }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const text = pdfText(new Uint8Array(await response.arrayBuffer())).replace(/\s+/g, ' ');
		expect(text).toContain('Medicinkliniken');
		expect(text).toContain('Årsrapport 2025');
		expect(text).toContain('Andel ST-läkare bedömda under året 75 % (3 av 4)');
		expect(text).toContain('25 % (1 av 4)');
		expect(text).toContain('Försenade uppföljningar 2');
		expect(text).toContain('Mediantid från möte till återkoppling (dagar) 14');
		expect(text).toContain('Så räknas siffrorna');
	});

	it('records each download in the audit log, for the year asked', async () => {
		const entries = (await eva.get('/audit')).json as {
			action: string;
			target: Record<string, string>;
		}[];
		const exports = entries.filter((entry) => entry.action === 'reportExported');
		expect(exports.length).toBeGreaterThanOrEqual(2);
		expect(exports[0]?.target).toMatchObject({ clinicId, year: '2025' });
	});

	it('is not there for a studierektor of another clinic', async () => {
		const response = await stranger.get(`/clinics/${clinicId}/report/2025`);
		expect(response.status).toBe(404);
		expect(response.json.error).toBe('clinicNotFound');
	});

	for (const year of ['1999', '2101', 'tjugo', '2025.5']) {
		it(`refuses the year ${year}, naming the field`, async () => {
			const response = await reader.get(`/clinics/${clinicId}/report/${year}`);
			expect(response.status).toBe(400);
			expect(response.json.error).toBe('validation');
			expect(response.json.issues.map((issue: { path: string }) => issue.path)).toEqual(['year']);
		});
	}
});

/** The text of a PDF as poppler reads it. */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'kollegium-yearly-'));
	try {
		const file = join(dir, 'report.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
