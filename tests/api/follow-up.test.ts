import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { StepView, SubjectFollowUp, type MeetingFrame } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { FIRST_GOALS, finalizePlan, secondKollegium } from '../support/follow-up.ts';
import { connect, join, nextFrame, send, type MeetingSocket } from '../support/meeting.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type FollowUpView = Extract<StepView, { kind: 'followUp' }>;
type IntroView = Extract<StepView, { kind: 'intro' }>;

/** The text of a PDF as poppler reads it, on one line. */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(joinPath(tmpdir(), 'kollegium-follow-up-'));
	try {
		const file = joinPath(dir, 'feedback.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(
			/\s+/g,
			' '
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// A trainee picked from the register comes back to a second specialistkollegium: the goals of
// her first kollegium's final plan come along, the room marks them, and the new plan and its
// PDF carry the result.
describe('following up the last plan', () => {
	let server: TestServer;
	let eva: ApiClient;
	let control: MeetingSocket;
	let setup: Awaited<ReturnType<typeof secondKollegium>>;
	let kollegiumId: string;
	let sara: string;
	let jonas: string;
	let frame: MeetingFrame;

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		setup = await secondKollegium(server, eva);
		kollegiumId = setup.second.id;
		sara = setup.second.subjects['Sara Lindholm']!;
		jonas = setup.second.subjects['Jonas Bergstedt']!;
		control = connect(server, { cookie: eva.cookieHeader });
		frame = await join(control, kollegiumId, 'control');
	});
	afterAll(async () => {
		control?.disconnect();
		await server?.close();
	});

	/** Sends a command and resolves with the frame it produced. */
	async function command(body: object): Promise<MeetingFrame> {
		const next = nextFrame(control);
		const error = await send(control, 'meeting:command', body);
		expect(error).toBeNull();
		return next;
	}

	it('puts the follow-up of Sara\u2019s first plan right after her introduction', () => {
		const kinds = (subjectId: string) =>
			frame.agenda.filter((entry) => entry.id.includes(subjectId)).map((entry) => entry.kind);
		expect(kinds(sara).slice(0, 2)).toEqual(['intro', 'followUp']);
		expect(kinds(sara).filter((kind) => kind === 'followUp')).toHaveLength(1);
	});

	it('gives Jonas, who has no earlier plan, no follow-up step', () => {
		const own = frame.agenda.filter((entry) => entry.id.includes(jonas));
		expect(own.length).toBeGreaterThan(2);
		expect(own.some((entry) => entry.kind === 'followUp')).toBe(false);
	});

	it('shows the first plan\u2019s goals with their delmål and activities as soon as it is reached', async () => {
		const position = frame.agenda.findIndex((entry) => entry.id === `followUp:${sara}`);
		const shown = await command({ type: 'goto', position });
		expect(shown.state.revealed).toContain(`followUp:${sara}`);
		const view = shown.current as FollowUpView;
		expect(view.kind).toBe('followUp');
		expect(StepView.safeParse(view).success).toBe(true);
		expect(view.from).toMatchObject({ title: 'Specialistkollegium VT', version: 1 });
		expect(view.goals).toEqual(
			FIRST_GOALS.map((goal) => ({
				description: goal.description,
				goals: goal.goals,
				activities: goal.activities,
				outcome: null,
				note: ''
			}))
		);
	});

	it('lets the studierektor mark each goal, which every screen sees', async () => {
		await command({
			type: 'markFollowUp',
			subjectId: sara,
			index: 0,
			outcome: 'reached',
			note: 'Leder ronden självständigt sedan våren.'
		});
		const marked = await command({
			type: 'markFollowUp',
			subjectId: sara,
			index: 1,
			outcome: 'notReached',
			note: 'Kursen blev inställd.'
		});
		const view = marked.current as FollowUpView;
		expect(view.goals.map(({ outcome, note }) => ({ outcome, note }))).toEqual([
			{ outcome: 'reached', note: 'Leder ronden självständigt sedan våren.' },
			{ outcome: 'notReached', note: 'Kursen blev inställd.' }
		]);
		frame = marked;
	});

	const malformed: { name: string; body: (ids: { sara: string; jonas: string }) => object }[] = [
		{
			name: 'a goal the first plan does not have',
			body: ({ sara }) => ({
				type: 'markFollowUp',
				subjectId: sara,
				index: 2,
				outcome: 'reached',
				note: ''
			})
		},
		{
			name: 'a trainee with no earlier plan',
			body: ({ jonas }) => ({
				type: 'markFollowUp',
				subjectId: jonas,
				index: 0,
				outcome: 'reached',
				note: ''
			})
		},
		{
			name: 'an outcome that is none of the three',
			body: ({ sara }) => ({
				type: 'markFollowUp',
				subjectId: sara,
				index: 0,
				outcome: 'maybe',
				note: ''
			})
		},
		{
			name: 'a note of more than 1000 characters',
			body: ({ sara }) => ({
				type: 'markFollowUp',
				subjectId: sara,
				index: 0,
				outcome: 'partly',
				note: 'x'.repeat(1001)
			})
		}
	];
	for (const { name, body } of malformed) {
		it(`refuses a mark of ${name} and changes nothing`, async () => {
			const error = await send(control, 'meeting:command', body({ sara, jonas }));
			expect(error).toBe('validation');
			const again = await join(control, kollegiumId, 'control');
			expect(again.state.version).toBe(frame.state.version);
			expect(again.state.followUp).toEqual(frame.state.followUp);
		});
	}

	it('shows the document page the goals with their marks', async () => {
		const response = await eva.get(`/kollegier/${kollegiumId}/subjects/${sara}/follow-up`);
		expect(response.status).toBe(200);
		expect(SubjectFollowUp.safeParse(response.json).success).toBe(true);
		expect(response.json.followUp.goals.map((goal: { outcome: string }) => goal.outcome)).toEqual([
			'reached',
			'notReached'
		]);
		const none = await eva.get(`/kollegier/${kollegiumId}/subjects/${jonas}/follow-up`);
		expect(none.json).toEqual({ followUp: null });
	});

	it('shows the trends of earlier kollegier in the introduction only when asked, never this one\u2019s', async () => {
		const intro = frame.agenda.findIndex((entry) => entry.id === `intro:${sara}`);
		const off = await command({ type: 'goto', position: intro });
		expect((off.current as IntroView).trends).toBeNull();
		const on = await command({ type: 'toggleTrends' });
		const trends = (on.current as IntroView).trends ?? [];
		expect(trends.length).toBeGreaterThan(0);
		const points = trends.flatMap((trend) => trend.points);
		expect(new Set(points.map((point) => point.kollegiumId))).toEqual(new Set([setup.first.id]));
		// The first kollegium rated 2 and this one 4: only the 2s may show.
		for (const point of points) {
			expect(point.counts.find((count) => count.value === 4)?.count ?? 0).toBe(0);
			expect(point.counts.find((count) => count.value === 2)?.count).toBeGreaterThan(0);
		}
		await command({ type: 'toggleTrends' });
	});

	it('carries the marks into the new plan when it is marked final, and into the PDF', async () => {
		const saved = await finalizePlan(server, eva, {
			kollegiumId,
			subjectId: sara,
			plan: completePlan({ summary: 'Uppföljd och vidare.' })
		});
		expect(saved.plan.followUp).toMatchObject({
			from: { title: 'Specialistkollegium VT', version: 1 },
			goals: [
				{ description: 'Leda ronden självständigt', goals: ['STa5'], outcome: 'reached' },
				{
					description: 'Skriva tydliga remisser',
					goals: ['STb1', 'STa2'],
					outcome: 'notReached',
					note: 'Kursen blev inställd.'
				}
			]
		});
		const pdf = await fetch(
			`${server.url}/api/kollegier/${kollegiumId}/subjects/${sara}/feedback.pdf`,
			{ headers: { Cookie: eva.cookieHeader } }
		);
		expect(pdf.status).toBe(200);
		const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
		expect(text).toContain('Uppföljning av förra planen');
		expect(text).toContain('Skriva tydliga remisser');
		expect(text).toContain('STb1');
		expect(text).toContain('Inte uppnått');
		expect(text).toContain('Uppnått');
		expect(text).toContain('Kursen blev inställd.');
	});

	it('carries no follow-up into the plan of a trainee with no earlier plan', async () => {
		const saved = await finalizePlan(server, eva, {
			kollegiumId,
			subjectId: jonas,
			plan: completePlan()
		});
		expect(saved.plan.followUp).toBeNull();
		const pdf = await fetch(
			`${server.url}/api/kollegier/${kollegiumId}/subjects/${jonas}/feedback.pdf`,
			{ headers: { Cookie: eva.cookieHeader } }
		);
		expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).not.toContain(
			'Uppföljning av förra planen'
		);
	});

	it('gives the first kollegium, which has nothing earlier, no follow-up step', async () => {
		// The first meeting is over; what it followed up is what its PDF and plan say: nothing.
		const sara = setup.first.subjects['Sara Lindholm']!;
		const followUp = await eva.get(`/kollegier/${setup.first.id}/subjects/${sara}/follow-up`);
		expect(followUp.status).toBe(200);
		expect(followUp.json).toEqual({ followUp: null });
		const versions = await eva.get(`/kollegier/${setup.first.id}/subjects/${sara}/plan/versions`);
		expect(versions.json[0].plan.followUp ?? null).toBeNull();
	});
});
