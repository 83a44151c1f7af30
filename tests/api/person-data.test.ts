import { ERASED_NAME, PersonDataExport, PersonErasure, YearlyReport } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague, createClinic, signIn, type Colleague } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { everyRow } from '../support/tables.ts';
import {
	ASSESSOR_TEXT,
	ASSESSORS,
	holdKollegium,
	ratedAll,
	SELF_TEXT
} from '../support/trainee-history.ts';
import { findSecrets } from './helpers.ts';

// #13 point 5: one register person's data, exported whole and nothing of anyone else's, and
// removed after their training: every row naming them goes, what is counted stays. Every
// table is read as it lies in the database (SQLite here, PostgreSQL in api-postgres).

const SAGA = { name: 'Saga Ek', email: 'saga.ek@example.org' };
const KARIN = { name: 'Karin Holmlund', email: 'karin@example.org' };
/** Written into Saga's plan, so the plan can be looked for in every table. */
const SAGAS_PLAN = 'PLANEN-OM-SAGA: trygg i akuta lägen';

const rowsWith = (rows: { table: string; text: string }[], secrets: readonly string[]) =>
	rows.filter((row) => secrets.some((secret) => row.text.includes(secret)));

describe("one person's data: export and erasure", () => {
	let server: TestServer;
	let eva: ApiClient;
	let reader: Colleague;
	let other: Colleague;
	let clinicA: string;
	let clinicB: string;
	let saga: string;
	let adam: string;
	let karin: string;
	let sagasKollegium: { id: string; subjectId: string };
	let adamsKollegium: { id: string; subjectId: string };

	async function add(person: Record<string, unknown>): Promise<string> {
		const created = await eva.post(`/clinics/${clinicA}/people`, person);
		expect(created.status, created.text).toBe(201);
		return created.json.id as string;
	}
	const trainee = {
		kind: 'trainee',
		specialty: 'Internmedicin',
		stStart: '2025-09-01',
		regulation: 'HSLF-FS 2021:8'
	};
	const plan = (summary: string) =>
		completePlan({
			summary,
			goals: completePlan().goals.map((goal) => ({ ...goal, responsible: 'Huvudhandledaren' }))
		});

	async function exported(personId: string, clinicId = clinicA) {
		return eva.get(`/clinics/${clinicId}/people/${personId}/export`);
	}

	async function count(
		table: 'unlinkedAnswers' | 'comments' | 'planVersions',
		kollegiumId: string
	) {
		const row = await server.deps.db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('kollegiumId', '=', kollegiumId)
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	async function yearly(): Promise<YearlyReport> {
		const year = new Date(server.clock.now()).getFullYear();
		const answer = await eva.get(`/clinics/${clinicA}/report/${year}`);
		expect(answer.status, answer.text).toBe(200);
		return YearlyReport.parse(answer.json);
	}

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		clinicA = (await eva.get('/auth/me')).json.clinics[0].clinicId;
		clinicB = await createClinic(eva, 'Kirurgkliniken');
		reader = await addColleague(server, eva, {
			name: 'Ville Verksamhetschef',
			email: 'ville@example.org',
			role: 'reader',
			clinicId: clinicA
		});
		other = await addColleague(server, eva, {
			name: 'Olle Annanklinik',
			email: 'olle@example.org',
			role: 'studierektor',
			clinicId: clinicB
		});
		saga = await add({ ...trainee, ...SAGA });
		adam = await add({ ...trainee, name: 'Adam Alm', email: '' });
		karin = await add({ kind: 'specialist', ...KARIN, title: 'Överläkare' });
		const held = async (personId: string, title: string, summary: string) => {
			const result = await holdKollegium(server, {
				facilitator: eva,
				clinicId: clinicA,
				personId,
				title,
				answers: (form, name) => ratedAll(form, 3, name),
				plans: [plan(summary)]
			});
			eva = result.facilitator;
			return result;
		};
		sagasKollegium = await held(saga, 'Specialistkollegium VT', SAGAS_PLAN);
		adamsKollegium = await held(adam, 'Specialistkollegium HT', 'Planen om Adam');
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	it('exports everything about a trainee as a download, and nothing of anyone else', async () => {
		const answer = await exported(saga);
		expect(answer.status, answer.text).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
		expect(answer.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(decodeURIComponent(answer.headers.get('content-disposition') ?? '')).toContain(
			'Uppgifter om Saga Ek'
		);
		const data = PersonDataExport.parse(answer.json);
		expect(data.person).toMatchObject({ id: saga, name: SAGA.name, email: SAGA.email });
		expect(data.clinic.id).toBe(clinicA);
		expect(data.kollegier).toHaveLength(1);
		const [kollegium] = data.kollegier;
		expect(kollegium).toMatchObject({
			kollegiumId: sagasKollegium.id,
			title: 'Specialistkollegium VT',
			kind: 'specialistkollegium'
		});
		expect(kollegium?.roles).toContain('subject');
		const about = kollegium?.asSubject;
		expect(about?.selfAssessment?.submitted).toBe(true);
		expect(JSON.stringify(about?.selfAssessment?.answers)).toContain(SELF_TEXT);
		expect(about?.planVersions.map((v) => v.version)).toEqual([1]);
		expect(JSON.stringify(about?.planVersions)).toContain(SAGAS_PLAN);
		expect(about?.handover).toMatchObject({ sharedWithTrainee: true, planVersion: 1 });
		// Never another's answers or who wrote anything: no assessor, no comment, no other trainee.
		const others = [...ASSESSORS, ...ASSESSORS.map(ASSESSOR_TEXT), 'Adam Alm', 'Planen om Adam'];
		expect(findSecrets(data, others)).toEqual([]);
	});

	it("exports a specialist's participation, with none of their answers", async () => {
		const answer = await exported(karin);
		expect(answer.status, answer.text).toBe(200);
		const data = PersonDataExport.parse(answer.json);
		expect(data.kollegier.map((k) => [k.kollegiumId, k.roles, k.asSubject])).toEqual([
			[sagasKollegium.id, ['assessor'], null],
			[adamsKollegium.id, ['assessor'], null]
		]);
		expect(findSecrets(data, [ASSESSOR_TEXT(KARIN.name), SELF_TEXT, SAGA.name])).toEqual([]);
	});

	it('is for the studierektorer of the clinic: a läsare is refused, another clinic finds no one', async () => {
		const path = `/clinics/${clinicA}/people/${saga}`;
		const { client: ville } = await signIn(server, reader.email, reader.password);
		expect((await ville.get(`${path}/export`)).status).toBe(403);
		expect((await ville.post(`${path}/erase`)).status).toBe(403);
		const { client: olle } = await signIn(server, other.email, other.password);
		expect((await olle.get(`${path}/export`)).status).toBe(404);
		expect((await olle.post(`${path}/erase`)).status).toBe(404);
		// Saga's id under clinic B, where eva is studierektor too: not in that register.
		await eva.put(`/clinics/${clinicB}/members/${(await eva.get('/auth/me')).json.id}`, {
			role: 'studierektor'
		});
		expect((await exported(saga, clinicB)).status).toBe(404);
		expect((await eva.post(`/clinics/${clinicB}/people/${saga}/erase`)).status).toBe(404);
	});

	it('refuses to erase someone in a kollegium that is not closed, naming why', async () => {
		const draft = await eva.post(`/kollegier?clinicId=${clinicA}`, kollegiumInput(server));
		expect(draft.status, draft.text).toBe(201);
		const picked = await eva.post(`/kollegier/${draft.json.id}/people`, {
			people: [{ personId: saga }]
		});
		expect(picked.status, picked.text).toBe(201);
		const refused = await eva.post(`/clinics/${clinicA}/people/${saga}/erase`);
		expect(refused.status).toBe(409);
		expect(refused.json.error).toBe('personInActiveKollegium');
		expect(
			(await eva.get(`/clinics/${clinicA}/people`)).json.map((p: { id: string }) => p.id)
		).toContain(saga);
		expect((await eva.delete(`/kollegier/${draft.json.id}`)).status).toBe(204);
	});

	it('erases a trainee: no row names her, what is counted stays', async () => {
		const participantIds = (
			await server.deps.db
				.selectFrom('participants')
				.select('id')
				.where('personId', '=', saga)
				.execute()
		).map((p) => p.id);
		expect(participantIds).toHaveLength(1);
		const reportBefore = await yearly();
		// Before: her plan is in its version and in the shared document, her name in the subject.
		const before = await everyRow(server.deps.db);
		const planTables = new Set(rowsWith(before, [SAGAS_PLAN]).map((row) => row.table));
		expect(planTables).toContain('plan_versions');
		expect([...planTables].some((table) => table.startsWith('yjs_'))).toBe(true);
		expect(rowsWith(before, [SAGA.name]).map((row) => row.table)).toContain('subjects');
		const adamsBefore = [
			await count('unlinkedAnswers', adamsKollegium.id),
			await count('comments', adamsKollegium.id),
			await count('planVersions', adamsKollegium.id)
		];
		const erased = await eva.post(`/clinics/${clinicA}/people/${saga}/erase`);
		expect(erased.status, erased.text).toBe(200);
		const { removed } = PersonErasure.parse(erased.json);
		expect(removed).toMatchObject({ people: 1, participants: 1, planVersions: 1 });

		const rows = await everyRow(server.deps.db);
		// (Adam's self-assessment has the same test text as hers: hers is looked for by subject.)
		const naming = [SAGA.name, SAGA.email, SAGAS_PLAN, ...participantIds];
		expect(rowsWith(rows, naming).map((row) => row.table)).toEqual([]);
		// Her register id is left only in the audit log, as the target of the export and erasure.
		const withId = rowsWith(rows, [saga]);
		expect(withId.every((row) => row.table === 'audit_log')).toBe(true);
		expect(withId.map((row) => JSON.parse(row.text).action).sort()).toEqual([
			'personDataExported',
			'personErased'
		]);
		expect(rowsWith(rows, ['"personErased"'])[0]?.text).toContain('Eva Studierektorsson');
		// Nothing about her is left: no answers, comments or plans of her subject.
		const own = await server.deps.db
			.selectFrom('responses')
			.select('id')
			.where('subjectId', '=', sagasKollegium.subjectId)
			.execute();
		expect(own).toEqual([]);
		expect(await count('unlinkedAnswers', sagasKollegium.id)).toBe(0);
		expect(await count('comments', sagasKollegium.id)).toBe(0);
		expect(await count('planVersions', sagasKollegium.id)).toBe(0);

		// What is counted stays: the subject without a name, its handover, the report's figures.
		const subject = await server.deps.db
			.selectFrom('subjects')
			.selectAll()
			.where('id', '=', sagasKollegium.subjectId)
			.executeTakeFirstOrThrow();
		expect(subject).toMatchObject({ name: ERASED_NAME, personId: null, participantId: null });
		const reportAfter = await yearly();
		expect(reportAfter.specialistkollegierHeld).toBe(reportBefore.specialistkollegierHeld);
		expect(reportAfter.feedbackDelivered).toEqual(reportBefore.feedbackDelivered);
		// Adam's kollegium is untouched.
		expect([
			await count('unlinkedAnswers', adamsKollegium.id),
			await count('comments', adamsKollegium.id),
			await count('planVersions', adamsKollegium.id)
		]).toEqual(adamsBefore);
		expect((await exported(saga)).status).toBe(404);
	});

	it('erases a specialist: their participation goes, the unlinked answers stay', async () => {
		const participantIds = (
			await server.deps.db
				.selectFrom('participants')
				.select('id')
				.where('personId', '=', karin)
				.execute()
		).map((p) => p.id);
		expect(participantIds).toHaveLength(2);
		const answersBefore = await count('unlinkedAnswers', adamsKollegium.id);
		const erased = await eva.post(`/clinics/${clinicA}/people/${karin}/erase`);
		expect(erased.status, erased.text).toBe(200);
		expect(PersonErasure.parse(erased.json).removed).toMatchObject({ participants: 2 });
		expect(await count('unlinkedAnswers', adamsKollegium.id)).toBe(answersBefore);
		const rows = await everyRow(server.deps.db);
		// A comment's text is what the room curated, tied to no one; the test's text names her.
		const tied = rowsWith(rows, [KARIN.email, ...participantIds]).concat(
			rowsWith(rows, [KARIN.name]).filter((row) => row.table !== 'comments')
		);
		expect(tied.map((row) => row.table)).toEqual([]);
		const detail = (await eva.get(`/kollegier/${adamsKollegium.id}`)).json as {
			participants: { name: string }[];
		};
		expect(detail.participants.map((p) => p.name)).not.toContain(KARIN.name);
	});
});
