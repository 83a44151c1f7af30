import { RetentionOverview } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../apps/server/src/retention/job.ts';
import { retentionOverview } from '../../apps/server/src/retention/overview.ts';
import { addColleague, signIn, type Colleague } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { holdKollegium, ratedAll } from '../support/trainee-history.ts';

// Retention (gallring) with the server's clock moved by hand: each kind of data goes once its
// period has passed from its own date, and not a day before; the administrator sees what goes
// next; one audit entry per run says how many, never what.

const day = 86_400_000;

describe('retention (gallring)', () => {
	let server: TestServer;
	let eva: ApiClient;
	let reader: Colleague;
	let clinicId: string;
	let held: { id: string; subjectId: string };
	/** A kollegium whose meeting is years after the held one's. */
	let later: string;
	/** When the held kollegium met, and when its plan was made final. */
	let meetingAt: number;
	let finalizedAt: number;
	const title = 'Specialistkollegium om Saga';

	/** Rows of each table the retention kinds cover, for the held kollegium. */
	async function rowsOf(kollegiumId: string) {
		const db = server.deps.db;
		const countOf = async (
			table:
				| 'unlinkedAnswers'
				| 'responses'
				| 'comments'
				| 'meetings'
				| 'yjsSnapshots'
				| 'yjsUpdates'
				| 'planVersions'
				| 'handovers'
				| 'invitations'
				| 'participants'
				| 'subjects'
		) =>
			Number(
				(
					await db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('kollegiumId', '=', kollegiumId)
						.executeTakeFirstOrThrow()
				).n
			);
		const kollegium = await db
			.selectFrom('kollegier')
			.select('id')
			.where('id', '=', kollegiumId)
			.executeTakeFirst();
		return {
			kollegium: kollegium ? 1 : 0,
			results:
				(await countOf('unlinkedAnswers')) +
				(await countOf('responses')) +
				(await countOf('comments')) +
				(await countOf('meetings')),
			document: (await countOf('yjsSnapshots')) + (await countOf('yjsUpdates')),
			plans: (await countOf('planVersions')) + (await countOf('handovers')),
			invitations: await countOf('invitations'),
			participants: await countOf('participants'),
			subjects: await countOf('subjects')
		};
	}

	/** The administrator's view now; years ahead by the server's clock, read without signing in. */
	async function overview(options: { signedIn?: boolean } = {}): Promise<RetentionOverview> {
		if (options.signedIn === false) return retentionOverview(server.deps);
		const answer = await eva.get('/retention');
		expect(answer.status, answer.text).toBe(200);
		return RetentionOverview.parse(answer.json);
	}

	const kindOf = (view: RetentionOverview, kind: string) => {
		const found = view.kinds.find((k) => k.kind === kind);
		if (!found) throw new Error(`No ${kind} in the overview`);
		return found;
	};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		clinicId = (await eva.get('/auth/me')).json.clinics[0].clinicId;
		reader = await addColleague(server, eva, {
			name: 'Ville Verksamhetschef',
			email: 'ville@example.org',
			role: 'studierektor',
			clinicId
		});
		const person = await eva.post(`/clinics/${clinicId}/people`, {
			kind: 'trainee',
			name: 'Saga Ek',
			email: '',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		});
		expect(person.status, person.text).toBe(201);
		const result = await holdKollegium(server, {
			facilitator: eva,
			clinicId,
			personId: person.json.id,
			title,
			answers: (form, name) => ratedAll(form, 3, name),
			plans: [completePlan()]
		});
		eva = result.facilitator;
		held = result;
		// A kollegium planned years ahead: its time has not come when the held one's has.
		const ahead = server.clock.now().getTime() + 3000 * day;
		const planned = await eva.post(
			`/kollegier?clinicId=${clinicId}`,
			kollegiumInput(server, {
				title: 'Planerat långt fram',
				startsAt: new Date(ahead).toISOString(),
				answerDeadline: new Date(ahead - 7 * day).toISOString()
			})
		);
		expect(planned.status, planned.text).toBe(201);
		later = planned.json.id as string;
		const stored = await server.deps.db
			.selectFrom('kollegier')
			.innerJoin('planVersions', 'planVersions.kollegiumId', 'kollegier.id')
			.select(['kollegier.startsAt', 'planVersions.finalizedAt'])
			.where('kollegier.id', '=', held.id)
			.executeTakeFirstOrThrow();
		meetingAt = Date.parse(stored.startsAt);
		finalizedAt = Date.parse(stored.finalizedAt);
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	it('is for administrators only', async () => {
		const { client } = await signIn(server, reader.email, reader.password);
		expect((await client.get('/retention')).status).toBe(403);
		expect((await new ApiClient(server.url).get('/retention')).status).toBe(401);
	});

	it('lists each kind with its period and the kollegium whose results go next', async () => {
		const view = await overview();
		expect(view.kinds.map((k) => [k.kind, k.days])).toEqual([
			['results', 730],
			['plans', 3650],
			['document', 365],
			['invitations', 90],
			['outbox', 30],
			['audit', 730]
		]);
		const results = kindOf(view, 'results');
		const due = new Date(meetingAt + 730 * day).toLocaleDateString('sv-SE', {
			timeZone: 'Europe/Stockholm'
		});
		expect(results.next[0]).toMatchObject({ label: title, dueOn: due });
		expect(results.next[0]?.count).toBeGreaterThanOrEqual(4); // three assessors and the self
		expect(results.dueWithin30Days).toBe(0);
		const plans = kindOf(view, 'plans').next;
		expect(plans.map((item) => item.label)).toEqual([title, title]);
		expect(plans.reduce((sum, item) => sum + item.count, 0)).toBe(2); // the version, the handover
		expect(kindOf(view, 'document').next[0]?.label).toBe(title);
		expect(kindOf(view, 'audit').next[0]?.label).toBeNull();
		expect(view.lastRunAt).toBeNull();
	});

	it('keeps everything within its period', async () => {
		const before = await rowsOf(held.id);
		expect(before.results).toBeGreaterThan(0);
		expect(before.document).toBeGreaterThan(0);
		expect(before.plans).toBe(2);
		expect(before.invitations).toBeGreaterThan(0);
		server.clock.set(new Date(meetingAt + 100 * day));
		const counts = await runRetention(server.deps);
		expect(counts).toMatchObject({ results: 0, plans: 0, document: 0, kollegier: 0 });
		expect(await rowsOf(held.id)).toEqual(before);
	});

	it('after a year: the links and the shared document go, results and plans stay', async () => {
		server.clock.set(new Date(meetingAt + 366 * day));
		const before = await rowsOf(held.id);
		const counts = await runRetention(server.deps);
		expect(counts.document).toBe(before.document);
		expect(counts.invitations).toBeGreaterThanOrEqual(before.invitations);
		const after = await rowsOf(held.id);
		expect(after).toEqual({ ...before, document: 0, invitations: 0 });
		// Soon due: the results, within 30 days of two years after the meeting.
		server.clock.set(new Date(meetingAt + 710 * day));
		const view = await overview({ signedIn: false });
		expect(kindOf(view, 'results').dueWithin30Days).toBe(before.results);
		expect(view.lastRunAt).not.toBeNull();
	});

	it('after two years: the results go, the plan and the kollegium stay', async () => {
		server.clock.set(new Date(meetingAt + 731 * day));
		const before = await rowsOf(held.id);
		const counts = await runRetention(server.deps);
		expect(counts.results).toBe(before.results);
		expect(counts.kollegier).toBe(0);
		expect(await rowsOf(held.id)).toEqual({ ...before, results: 0 });
		// The audit log's oldest entries, from when it all began, have passed two years too.
		const oldest = await server.deps.db
			.selectFrom('auditLog')
			.select('at')
			.orderBy('at')
			.limit(1)
			.executeTakeFirstOrThrow();
		expect(Date.parse(oldest.at)).toBeGreaterThanOrEqual(server.clock.now().getTime() - 730 * day);
	});

	it('ten years after the plan: plans go, the kollegium is deleted whole, a later one stays', async () => {
		// The handover was recorded two days after the plan: a week more and both have passed.
		server.clock.set(new Date(finalizedAt + 3657 * day));
		const counts = await runRetention(server.deps);
		expect(counts).toMatchObject({ plans: 2, kollegier: 1 });
		expect(await rowsOf(held.id)).toEqual({
			kollegium: 0,
			results: 0,
			document: 0,
			plans: 0,
			invitations: 0,
			participants: 0,
			subjects: 0
		});
		expect((await rowsOf(later)).kollegium).toBe(1);
		// One audit entry per run, with counts and nothing else.
		const runs = await server.deps.db
			.selectFrom('auditLog')
			.selectAll()
			.where('action', '=', 'retentionRun')
			.orderBy('at', 'desc')
			.execute();
		expect(runs[0]?.detail).toBe(
			'results=0 plans=2 document=0 invitations=0 outbox=0 audit=0 kollegier=1'.replace(
				'audit=0',
				`audit=${counts.audit}`
			)
		);
		expect(runs[0]?.target).toBe('{}');
		expect(JSON.stringify(runs)).not.toContain('Saga');
		const view = await overview({ signedIn: false });
		expect(view.kinds.flatMap((k) => k.next.map((n) => n.label))).not.toContain(title);
	});
});
