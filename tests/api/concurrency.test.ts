import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { ApiClient, tokenOf } from '../support/client.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { fullAnswers } from './helpers.ts';
import { completePlan } from '../support/plans.ts';

const statusesOf = (responses: { status: number }[]) =>
	responses.map((r) => r.status).sort((a, b) => a - b);

// Many requests at the same moment, as a pool of connections would run them side by side:
// no 5xx, no lost update, no doubled row. (On SQLite they queue on its one connection; the
// same file runs against PostgreSQL, where they really interleave.)
describe('writes at the same moment', () => {
	let server: TestServer;
	let eva: ApiClient;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(() => server?.close());

	it('lets exactly one of 20 autosaves built on the same revision win; the others get 409', async () => {
		const opened = await openSpecialistkollegium(server, eva);
		const karin = opened.people['Karin Holmlund']!;
		const view = (await karin.get('/respond')).json;
		const subjectId: string = view.assignments[0].subjectId;
		const first = await karin.put(`/respond/responses/${subjectId}`, { answers: {} });
		expect(first.status).toBe(200);
		const base: number = first.json.revision;
		const saves = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				karin.put(`/respond/responses/${subjectId}`, {
					answers: fullAnswers(view.form, {
						about: 'trainee',
						role: 'assessor',
						rating: (i % 5) + 1,
						text: `Utkast ${i}`
					}),
					baseRevision: base
				})
			)
		);
		expect(statusesOf(saves)).toEqual([200, ...Array(19).fill(409)]);
		const winner = saves.find((s) => s.status === 200)!;
		expect(winner.json.revision).toBe(base + 1);
		for (const lost of saves.filter((s) => s.status === 409)) {
			expect(lost.json.error).toBe('staleRevision');
		}
	});

	it('stores 20 first saves of one response as one row, without a 5xx', async () => {
		const opened = await openSpecialistkollegium(server, eva);
		const peter = opened.people['Peter Sjövik']!;
		const subjectId: string = (await peter.get('/respond')).json.assignments[0].subjectId;
		const saves = await Promise.all(
			Array.from({ length: 20 }, () =>
				peter.put(`/respond/responses/${subjectId}`, { answers: {} })
			)
		);
		expect(saves.every((s) => s.status === 200 || s.status === 409)).toBe(true);
		const revisions = saves.filter((s) => s.status === 200).map((s) => s.json.revision as number);
		// Every accepted save got its own revision: none was written over unseen.
		expect(new Set(revisions).size).toBe(revisions.length);
		const after = (await peter.get('/respond')).json.assignments[0].response;
		expect(after.revision).toBe(Math.max(...revisions));
	});

	it('leaves exactly one working link after 10 re-issues at once', async () => {
		const opened = await openSpecialistkollegium(server, eva);
		const amiraId: string = opened.detail.participants.find(
			(p: { name: string }) => p.name === 'Amira Nordqvist'
		).id;
		const issued = await Promise.all(
			Array.from({ length: 10 }, () =>
				eva.post(`/kollegier/${opened.id}/participants/${amiraId}/invitation`)
			)
		);
		expect(statusesOf(issued)).toEqual(Array(10).fill(201));
		const answers = await Promise.all(
			issued.map((i) =>
				new ApiClient(server.url, { invitation: tokenOf(i.json.url) }).get('/respond')
			)
		);
		expect(statusesOf(answers)).toEqual([200, ...Array(9).fill(404)]);
		const detail = (await eva.get(`/kollegier/${opened.id}`)).json;
		const amira = detail.participants.find((p: { id: string }) => p.id === amiraId);
		expect(amira.invitation.revoked).toBe(false);
	});
});

describe('marking a plan final at the same moment', () => {
	let server: TestServer;
	let eva: ApiClient;
	let provider: WebsocketProvider | undefined;
	let doc: Y.Doc;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(async () => {
		provider?.destroy();
		await server?.close();
	});

	it('freezes one version from 10 identical requests, and the next change as version 2', async () => {
		const live = await liveSpecialistkollegium(server, eva);
		const sara = live.subjects['Sara Lindholm']!;
		({ doc, provider } = await openDocument(server, live.id, { cookie: eva.cookieHeader }));
		const plan = completePlan({ summary: 'Trygg i akuta lägen.' });
		writeDevelopmentPlan(doc, sara, plan);
		await pause(300);
		const path = `/kollegier/${live.id}/subjects/${sara}/plan/final`;
		const marks = await Promise.all(Array.from({ length: 10 }, () => eva.post(path)));
		expect(marks.every((m) => m.status === 200 || m.status === 201)).toBe(true);
		expect(new Set(marks.map((m) => m.json.version))).toEqual(new Set([1]));
		writeDevelopmentPlan(doc, sara, { ...plan, summary: 'Reviderad.' });
		await pause(300);
		const again = await Promise.all(Array.from({ length: 5 }, () => eva.post(path)));
		expect(new Set(again.map((m) => m.json.version))).toEqual(new Set([2]));
		const versions = (await eva.get(`/kollegier/${live.id}/subjects/${sara}/plan/versions`)).json;
		expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
	});
});
