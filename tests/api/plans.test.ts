import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { planListName } from '@kollegium/model';
import type { ApiClient } from '../support/client.ts';
import { openDocument, writeDevelopmentPlan } from '../support/documents.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const goal = {
	description: 'Leda ronden självständigt',
	goals: ['STa5'],
	activities: [
		{ kind: 'assessment' as const, description: 'Observerad rond', instrument: 'mini-cex' as const }
	],
	responsible: 'Karin Holmlund',
	dueDate: '2027-03-01',
	followUp: 'Vid nästa handledarsamtal'
};
const plan = {
	summary: 'Trygg i akuta lägen.',
	strengths: ['Lugn'],
	developmentAreas: ['Delegera'],
	goals: [goal],
	nextFollowUp: '2027-04-15',
	atRisk: false,
	actionPlan: null
};

// The room writes the plan together in the shared document; the studierektor marks it final.
describe('marking a development plan final', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let sara: string;
	let provider: WebsocketProvider;
	let doc: Y.Doc;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const live = await liveSpecialistkollegium(server, eva);
		id = live.id;
		sara = live.subjects['Sara Lindholm']!;
		({ doc, provider } = await openDocument(server, id, { cookie: eva.cookieHeader }));
	});
	afterAll(async () => {
		provider?.destroy();
		await server?.close();
	});

	const settle = () => new Promise((r) => setTimeout(r, 150));

	it('points out a missing owner and date, in Swedish, and changes nothing', async () => {
		writeDevelopmentPlan(doc, sara, {
			...plan,
			goals: [{ ...goal, responsible: '', dueDate: '' }]
		});
		await settle();
		const response = await eva.post(`/kollegier/${id}/subjects/${sara}/plan/final`);
		expect(response.status).toBe(400);
		const paths = response.json.issues.map((issue: { path: string }) => issue.path);
		expect(paths).toEqual(expect.arrayContaining(['goals.0.responsible', 'goals.0.dueDate']));
		expect(
			response.json.issues.find((i: { path: string }) => i.path === 'goals.0.dueDate').message
		).toBe('Ange ett giltigt datum.');
		expect(doc.getArray(planListName(sara, 'goals')).toJSON()[0].description).toBe(
			goal.description
		);
		expect((await eva.get(`/kollegier/${id}/subjects/${sara}/plan/versions`)).json).toEqual([]);
	});

	it('requires an åtgärdsplan when the trainee is at risk', async () => {
		writeDevelopmentPlan(doc, sara, { ...plan, atRisk: true });
		await settle();
		const response = await eva.post(`/kollegier/${id}/subjects/${sara}/plan/final`);
		expect(response.json.issues.map((i: { path: string }) => i.path)).toEqual(
			expect.arrayContaining(['actionPlan.problemAreas', 'actionPlan.studierektorInformed'])
		);
	});

	it('freezes a complete plan as numbered versions, newest first', async () => {
		writeDevelopmentPlan(doc, sara, plan);
		await settle();
		const first = await eva.post(`/kollegier/${id}/subjects/${sara}/plan/final`);
		expect(first.status).toBe(201);
		expect(first.json).toMatchObject({
			version: 1,
			plan: { goals: [{ responsible: 'Karin Holmlund' }] }
		});
		writeDevelopmentPlan(doc, sara, { ...plan, summary: 'Reviderad sammanfattning.' });
		await settle();
		expect((await eva.post(`/kollegier/${id}/subjects/${sara}/plan/final`)).json.version).toBe(2);
		const versions = (await eva.get(`/kollegier/${id}/subjects/${sara}/plan/versions`)).json;
		expect(
			versions.map((v: { version: number; plan: { summary: string } }) => [
				v.version,
				v.plan.summary
			])
		).toEqual([
			[2, 'Reviderad sammanfattning.'],
			[1, 'Trygg i akuta lägen.']
		]);
	});
});
