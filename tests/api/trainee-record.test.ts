import { monthOfTraining, swedishDay, TraineeRecord, TraineeSummary } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague, createClinic, type Colleague } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
	ASSESSOR_TEXT,
	ASSESSORS,
	cannotAssess,
	holdKollegium,
	ratedAll,
	SELF_TEXT,
	signedIn,
	type Assessor
} from '../support/trainee-history.ts';
import { areaTrends } from '../../apps/server/src/domain/trends.ts';
import { findSecrets } from './helpers.ts';

// A trainee picked from the register into two held specialistkollegier: their page lists both
// with the plan versions and handovers, counts them against the target of three, says when the
// follow-up is overdue, and shows each area's trend only where that kollegium met k.

const day = 86_400_000;

describe("the trainee's page", () => {
	let server: TestServer;
	let eva: ApiClient;
	let reader: Colleague;
	let other: Colleague;
	let clinicA: string;
	let clinicB: string;
	let saga: string;
	let specialist: string;
	let traineeOfB: string;
	const kollegier: { id: string; subjectId: string; handedOverOn: string }[] = [];

	async function add(clinicId: string, person: Record<string, unknown>): Promise<string> {
		const created = await eva.post(`/clinics/${clinicId}/people`, person);
		expect(created.status, created.text).toBe(201);
		return created.json.id as string;
	}

	const FIRST_RATINGS: Record<Assessor, number> = {
		'Karin Holmlund': 2,
		'Peter Sjövik': 3,
		'Amira Nordqvist': 4
	};
	const SECOND_RATINGS: Record<Assessor, number> = {
		'Karin Holmlund': 3,
		'Peter Sjövik': 4,
		'Amira Nordqvist': 4
	};
	const actionPlan = {
		problemAreas: ['Journalföringen släpar efter'],
		supportMeasures: ['Schemalagd tid för journalföring'],
		timePlan: 'Tre månader med avstämning varje månad',
		followUpDate: '2028-01-15',
		studierektorInformed: true as const
	};
	let secondFollowUp: string;

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
		const trainee = {
			kind: 'trainee',
			email: '',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		};
		saga = await add(clinicA, { ...trainee, name: 'Saga Ek', monthsOfLeave: 1 });
		await add(clinicA, { ...trainee, name: 'Adam Alm' });
		specialist = await add(clinicA, {
			kind: 'specialist',
			name: 'Karin Holmlund',
			email: 'karin@example.org',
			title: 'Överläkare'
		});
		const joined = await eva.put(
			`/clinics/${clinicB}/members/${(await eva.get('/auth/me')).json.id}`,
			{
				role: 'studierektor'
			}
		);
		expect(joined.status, joined.text).toBe(200);
		traineeOfB = await add(clinicB, { ...trainee, name: 'Bo Björk' });

		type Held = Omit<Parameters<typeof holdKollegium>[1], 'clinicId' | 'personId' | 'facilitator'>;
		const held = async (options: Held) => {
			const result = await holdKollegium(server, {
				...options,
				facilitator: eva,
				clinicId: clinicA,
				personId: saga
			});
			eva = result.facilitator;
			return result;
		};
		// The first: everyone rates every area, but Amira cannot assess pedagogik.
		kollegier.push(
			await held({
				title: 'Specialistkollegium VT',
				answers: (form, name) => {
					const answers = ratedAll(form, FIRST_RATINGS[name], name);
					return name === 'Amira Nordqvist' ? cannotAssess(form, 'pedagogik', answers) : answers;
				},
				plans: [completePlan(), completePlan({ summary: 'Andra versionen av planen.' })]
			})
		);
		// The second: Karin cannot assess kommunikation; only Karin rates pedagogik.
		secondFollowUp = swedishDay(new Date(server.clock.now().getTime() + 40 * day));
		kollegier.push(
			await held({
				title: 'Specialistkollegium HT',
				answers: (form, name) => {
					const answers = ratedAll(form, SECOND_RATINGS[name], name);
					if (name === 'Karin Holmlund') return cannotAssess(form, 'kommunikation', answers);
					return cannotAssess(form, 'pedagogik', answers);
				},
				plans: [completePlan({ nextFollowUp: secondFollowUp, atRisk: true, actionPlan })]
			})
		);
	}, 60_000);
	afterAll(async () => {
		await server?.close();
	});

	const recordOf = async (client: ApiClient, personId = saga, clinicId = clinicA) => {
		const response = await client.get(`/clinics/${clinicId}/trainees/${personId}`);
		expect(response.status, response.text).toBe(200);
		return TraineeRecord.parse(response.json);
	};

	it('lists both kollegier with their plan versions and handover dates', async () => {
		const record = await recordOf(eva);
		expect(record.person.name).toBe('Saga Ek');
		expect(record.kollegier.map((k) => [k.kollegiumId, k.title, k.status])).toEqual([
			[kollegier[0]?.id, 'Specialistkollegium VT', 'delivered'],
			[kollegier[1]?.id, 'Specialistkollegium HT', 'delivered']
		]);
		expect(record.kollegier.map((k) => k.plans.map((p) => p.version))).toEqual([[1, 2], [1]]);
		expect(record.kollegier.map((k) => k.handover?.givenOn)).toEqual(
			kollegier.map((k) => k.handedOverOn)
		);
		expect(record.kollegier[0]?.handover).toMatchObject({
			planVersion: 2,
			sharedWithTrainee: true
		});
	});

	it('counts two held specialistkollegier of at least three, and the month of training today', async () => {
		const record = await recordOf(eva);
		expect(record.specialistkollegier).toEqual({ held: 2, target: 3 });
		const today = swedishDay(server.clock.now());
		expect(record.monthOfTraining).toBe(
			monthOfTraining({ stStart: '2025-09-01', at: today, monthsOfLeave: 1 })
		);
	});

	it("shows the latest plan's åtgärdsplan and its next follow-up", async () => {
		const record = await recordOf(eva);
		expect(record.latestPlan).toMatchObject({ kollegiumId: kollegier[1]?.id, version: 1 });
		expect(record.actionPlan).toEqual(actionPlan);
		expect(record.nextFollowUp).toEqual({ date: secondFollowUp, overdue: false });
	});

	it('shows a trend per area only from the kollegier where that area met k', async () => {
		const { trends } = await recordOf(eva);
		const area = (id: string) => trends.find((trend) => trend.sectionId === id);
		const kompetens = area('medicinsk-kompetens');
		expect(kompetens?.title.sv).toBe('Medicinsk kompetens');
		// Four items each: 2, 3 and 4 in the first, 3, 4 and 4 in the second; Saga's 5s never count.
		expect(kompetens?.points.map((p) => [p.kollegiumId, p.respondents, p.median])).toEqual([
			[kollegier[0]?.id, 3, 3],
			[kollegier[1]?.id, 3, 4]
		]);
		const counts = kompetens?.points[1]?.counts.map((c) => [c.value, c.count]);
		expect(counts).toEqual([
			[1, 0],
			[2, 0],
			[3, 4],
			[4, 8],
			[5, 0]
		]);
		// Kommunikation met k in the first only; two answers in each are never pooled to reach k.
		expect(area('kommunikation')?.points.map((p) => p.kollegiumId)).toEqual([kollegier[0]?.id]);
		expect(area('pedagogik')).toBeUndefined();
	});

	it('gives a later kollegium only the trends of the kollegier before it', async () => {
		const second = (await recordOf(eva)).kollegier[1];
		const before = await areaTrends(server.deps.db, {
			clinicId: clinicA,
			personId: saga,
			before: { kollegiumId: second?.kollegiumId ?? '', startsAt: second?.startsAt ?? '' }
		});
		const kompetens = before.find((trend) => trend.sectionId === 'medicinsk-kompetens');
		expect(kompetens?.points.map((p) => p.kollegiumId)).toEqual([kollegier[0]?.id]);
		const fromOtherClinic = await areaTrends(server.deps.db, { clinicId: clinicB, personId: saga });
		expect(fromOtherClinic).toEqual([]);
	});

	it('carries no answer, assessor or free text of anyone', async () => {
		const record = await recordOf(eva);
		const secrets = [SELF_TEXT, ...ASSESSORS, ...ASSESSORS.map(ASSESSOR_TEXT)];
		expect(findSecrets(record, secrets)).toEqual([]);
	});

	it("lists the clinic's trainees, and marks the follow-up overdue once its date has passed", async () => {
		const before = await eva.get(`/clinics/${clinicA}/trainees`);
		expect(before.status, before.text).toBe(200);
		const list = TraineeSummary.array().parse(before.json);
		expect(list.map((t) => t.name)).toEqual(['Saga Ek', 'Adam Alm']);
		expect(list[0]).toMatchObject({
			personId: saga,
			specialistkollegier: { held: 2, target: 3 },
			atRisk: true,
			nextFollowUp: { date: secondFollowUp, overdue: false }
		});
		expect(list[1]).toMatchObject({ lastKollegium: null, nextFollowUp: null, atRisk: false });

		server.clock.advance(45 * day);
		eva = await signedIn(server);
		const record = await recordOf(eva);
		expect(record.nextFollowUp).toEqual({ date: secondFollowUp, overdue: true });
		const after = TraineeSummary.array().parse(
			(await eva.get(`/clinics/${clinicA}/trainees`)).json
		);
		expect(after[0]?.nextFollowUp?.overdue).toBe(true);
	});

	it('is read by a läsare of the clinic as the studierektor reads it', async () => {
		const ville = await signedIn(server, reader.email, reader.password);
		expect(await recordOf(ville)).toEqual(await recordOf(eva));
		const list = await ville.get(`/clinics/${clinicA}/trainees`);
		expect(list.status).toBe(200);
	});

	it('is not found from another clinic, for a non-trainee, or for a trainee of another clinic', async () => {
		const olle = await signedIn(server, other.email, other.password);
		const fromB = await olle.get(`/clinics/${clinicA}/trainees/${saga}`);
		expect(fromB.status).toBe(404);
		expect((await olle.get(`/clinics/${clinicA}/trainees`)).status).toBe(404);
		const notTrainee = await eva.get(`/clinics/${clinicA}/trainees/${specialist}`);
		expect([notTrainee.status, notTrainee.json.error]).toEqual([404, 'personNotFound']);
		expect(notTrainee.json.message).toMatch(/register/);
		const elsewhere = await eva.get(`/clinics/${clinicA}/trainees/${traineeOfB}`);
		expect([elsewhere.status, elsewhere.json.error]).toEqual([404, 'personNotFound']);
	});
});
