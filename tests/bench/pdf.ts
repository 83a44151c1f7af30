// npm run bench:pdf — the time to build the feedback PDFs of a specialistkollegium with five
// trainees, and the reveal latency of a live meeting while they are being built, on the real
// server with a temporary database.
//
// The PDF kollegium: five trainees, each with a self-assessment and eight specialists' answers
// (ratings spread over the scale, a comment per free-text question), a meeting in which every
// step was revealed, and a development plan per trainee written into the shared document (two or
// three goals with activities, an åtgärdsplan for one trainee) and marked final. Its five PDFs
// are requested over HTTP with the studierektor's session: concurrently (one batch = five
// requests at once, timed until the last PDF has arrived) and one after the other. The first
// batch is reported on its own as "cold" (the renderer's child processes started, pdfmake and
// fonts loaded, the layout code not yet optimised).
//
// The meeting: another live specialistkollegium on the same server (the first has revealed all
// it has), PARTICIPANTS participant sockets, as in bench:reveal. A reveal's latency runs from
// the studierektor's command to every participant socket's receipt of the revealed step. WARMUP
// reveals are made and not timed; then ROUNDS reveals are timed idle and ROUNDS while batches of
// the five PDFs are requested back to back, in BLOCKS alternating blocks (so that whatever else
// the machine does falls on both alike), with a random pause of about PAUSE_MS after each reveal
// so that they fall at every point of a build. The gaps between ticks of a 1 ms timer in each
// phase show how long the one event loop was held up.
//
// Goals: five PDFs < 700 ms (the warm concurrent batch's p50), and the meeting's latency
// unchanged: p95 while the PDFs are built ≤ 1.5 × the idle p95. The p95 of a phase is over
// ROUNDS × PARTICIPANTS receipts, but its top 5 % come from its few slowest reveals; hence 80
// reveals a phase in 8 blocks, so that one stray hiccup of the machine does not decide it.
// Clients and server share one process (and so one event loop), as in the other benches.
// PDF_OUT=dir keeps the PDFs for a look. Ends with one line of JSON (tests/bench/report.ts).
// Exits 0 whether or not the goals are met; non-zero if the bench itself breaks.
import { writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MeetingFrame } from '@kollegium/model';
import { fullAnswers, itemsFor } from '../api/helpers.ts';
import { ApiClient, tokenOf } from '../support/client.ts';
import { openDocument, writeDevelopmentPlan } from '../support/documents.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, send, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { printResult } from './report.ts';

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 80);
const BLOCKS = Number(process.env.BLOCKS ?? 8);
const WARMUP = Number(process.env.WARMUP ?? 3);
const BATCHES = Number(process.env.BATCHES ?? 10);
const SEQUENTIAL = Number(process.env.SEQUENTIAL ?? 3);
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 60);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 30_000);
/** A directory to keep the PDFs in, to look at what was timed. */
const PDF_OUT = process.env.PDF_OUT ?? '';

const TRAINEES = 5;
const SPECIALISTS = 8;
const ANSWERING = 8;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)),
			TIMEOUT_MS
		);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when every socket has seen a frame passing `test`, with each one's receipt time. */
function receipts(
	sockets: MeetingSocket[],
	test: (frame: MeetingFrame) => boolean
): Promise<number[]> {
	return Promise.all(
		sockets.map(
			(socket) =>
				new Promise<number>((resolve) => {
					const listener = (frame: MeetingFrame) => {
						if (!test(frame)) return;
						socket.off('meeting:frame', listener);
						resolve(performance.now());
					};
					socket.on('meeting:frame', listener);
				})
		)
	);
}

type Form = Parameters<typeof fullAnswers>[0];
type Answers = Record<string, string | number>;

const COMMENTS = [
	'Lugn och strukturerad även när det är stökigt på akuten.',
	'Förklarar tydligt för patienter och närstående, tar sig tid.',
	'Kan delegera mer till sjuksköterskorna på ronden.',
	'Skriver utförliga men långa epikriser; kortare vore bra.',
	'Tar ansvar för sina patienter hela vägen till utskrivning.',
	'Säg till tidigare när arbetsbördan blir för stor.',
	'Uppskattad handledare för AT-läkarna och studenterna.',
	'Behöver öva på att leda ronden och hålla tiden.'
];

/**
 * Answers to every item with ratings spread over the scale: a different rating per item and
 * per respondent, the first option of each choice, and a comment per free-text question.
 */
function variedAnswers(form: Form, role: 'assessor' | 'self', respondent: number): Answers {
	const answers = fullAnswers(form, { about: 'trainee', role });
	itemsFor(form, 'trainee', role).forEach((item, index) => {
		if (item.type === 'rating') {
			const steps = form.scales.find((scale) => scale.id === item.scale)?.steps ?? [];
			const step = steps[(respondent * 3 + index * 2) % Math.max(1, steps.length)];
			if (step) answers[item.id] = step.value;
		} else if (item.type === 'text') {
			answers[item.id] = COMMENTS[(respondent + index) % COMMENTS.length]!;
		}
	});
	return answers;
}

async function addParticipant(client: ApiClient, id: string, name: string, roles: string[]) {
	const added = await client.post(`/kollegier/${id}/participants`, { name, roles });
	if (added.status >= 300) throw new Error(`adding a participant failed: ${added.text}`);
	return added.json as { participants: { id: string; name: string; roles: string[] }[] };
}

async function addTrainee(client: ApiClient, id: string, name: string, supervisorId = '') {
	const added = await client.post(`/kollegier/${id}/subjects`, {
		kind: 'trainee',
		name,
		specialty: 'Internmedicin',
		stStart: '2024-09-01',
		regulation: 'HSLF-FS 2021:8',
		supervisorId
	});
	if (added.status >= 300) throw new Error(`adding a trainee failed: ${added.text}`);
}

/** Opens the kollegium and returns every participant's name, roles and invitation client. */
async function open(server: TestServer, client: ApiClient, id: string) {
	const opened = await client.post(`/kollegier/${id}/status`, { status: 'open' });
	if (opened.status !== 200) throw new Error(`opening failed: ${opened.text}`);
	const links = (await client.post(`/kollegier/${id}/invitations`)).json as {
		url: string;
		participantId: string;
	}[];
	const detail = (await client.get(`/kollegier/${id}`)).json as {
		participants: { id: string; name: string; roles: string[] }[];
		subjects: { id: string; name: string }[];
	};
	const people = links.map((link) => {
		const person = detail.participants.find((p) => p.id === link.participantId);
		if (!person) throw new Error('an invitation for no participant');
		return {
			...person,
			invitation: tokenOf(link.url),
			client: new ApiClient(server.url, { invitation: tokenOf(link.url) })
		};
	});
	return { people, subjects: detail.subjects };
}

async function submit(person: ApiClient, subjectId: string, answers: Answers): Promise<void> {
	const response = await person.post(`/respond/responses/${subjectId}/submit`, { answers });
	if (response.status !== 200) throw new Error(`submitting failed: ${response.text}`);
}

async function goLive(client: ApiClient, id: string): Promise<void> {
	const closed = await client.post(`/kollegier/${id}/close-answering`);
	if (closed.status >= 300) throw new Error(`closing answering failed: ${closed.text}`);
	const live = await client.post(`/kollegier/${id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`going live failed: ${live.text}`);
}

const PLANS = [
	{
		summary:
			'Trygg i akuta lägen och uppskattad av patienterna. Ronden tar lång tid och behöver ' +
			'struktureras; delegeringen till teamet kan bli bättre.',
		strengths: ['Lugn i akuta lägen', 'God patientkommunikation', 'Tar ansvar för helheten'],
		developmentAreas: ['Leda ronden', 'Delegera till teamet'],
		goals: [
			{
				description: 'Leda ronden självständigt på vårdavdelningen',
				goals: ['STa5', 'STb1'],
				activities: [
					{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' },
					{ kind: 'course', description: 'Ledarskapskurs för ST-läkare', instrument: null }
				],
				followUp: 'Vid nästa handledarsamtal'
			},
			{
				description: 'Fördjupa kunskaperna om förgiftningar',
				goals: ['STc3'],
				activities: [
					{ kind: 'placement', description: 'Två veckor på Giftinformationen', instrument: null },
					{
						kind: 'self-study',
						description: 'Läsa in riktlinjerna för antidoter',
						instrument: null
					}
				],
				followUp: 'CBD med handledaren'
			},
			{
				description: 'Skriva kortare och tydligare epikriser',
				goals: ['STb1'],
				activities: [
					{ kind: 'supervision', description: 'Genomgång av fem epikriser', instrument: null }
				],
				followUp: 'Handledaren läser ett urval i mars'
			}
		]
	},
	{
		summary:
			'Gedigna kunskaper och noggrann. Behöver bli snabbare i prioriteringen på akuten och ' +
			'våga fatta beslut utan att alltid stämma av med bakjouren.',
		strengths: ['Noggrann', 'Gedigna kunskaper'],
		developmentAreas: ['Prioritering på akuten', 'Självständiga beslut'],
		goals: [
			{
				description: 'Prioritera och handlägga akuta tillstånd självständigt',
				goals: ['STc3', 'STa5'],
				activities: [
					{ kind: 'assessment', description: 'Bedömning på akuten', instrument: 'dops' },
					{ kind: 'placement', description: 'Fyra veckor på akutmottagningen', instrument: null }
				],
				followUp: 'Medsittning inför halvårssamtalet'
			},
			{
				description: 'Fatta beslut och dokumentera resonemanget',
				goals: ['STb1'],
				activities: [{ kind: 'assessment', description: 'Fallgenomgång', instrument: 'cbd' }],
				followUp: 'Vid nästa kollegium'
			}
		]
	}
] as const;

function planFor(index: number, supervisor: string) {
	const base = PLANS[index % PLANS.length]!;
	const atRisk = index === 2;
	return {
		summary: base.summary,
		strengths: [...base.strengths],
		developmentAreas: [...base.developmentAreas],
		goals: base.goals.map((goal, n) => ({
			description: goal.description,
			goals: [...goal.goals],
			activities: goal.activities.map((activity) => ({ ...activity })),
			responsible: n === 0 ? supervisor : 'Studierektor Eva Studierektorsson',
			dueDate: `2027-0${3 + n}-01`,
			followUp: goal.followUp
		})),
		nextFollowUp: '2027-04-15',
		atRisk,
		actionPlan: atRisk
			? {
					problemAreas: ['Ronden drar ut på tiden', 'Dokumentationen släpar efter'],
					supportMeasures: [
						'Schemalagd rondträning med överläkare varannan vecka',
						'Avsatt tid för dokumentation två eftermiddagar i veckan'
					],
					timePlan: 'Tre månader med avstämning varje månad.',
					followUpDate: '2027-02-20',
					studierektorInformed: true as const
				}
			: null
	};
}

/** Goes to every step of the meeting and reveals it; checks that all are revealed. */
async function revealEverything(control: MeetingSocket, id: string): Promise<MeetingFrame> {
	const first = await join(control, id, 'control');
	for (let position = 0; position < first.agenda.length; position += 1) {
		const moved = await send(control, 'meeting:command', { type: 'goto', position });
		const shown = await send(control, 'meeting:command', { type: 'reveal' });
		if ((position > 0 && moved) || shown) throw new Error(`step ${position}: ${moved ?? shown}`);
	}
	const last = await join(control, id, 'control');
	if (last.state.revealed.length !== last.agenda.length)
		throw new Error(`${last.state.revealed.length} of ${last.agenda.length} steps revealed`);
	return last;
}

/** The kollegium whose PDFs are built: five trainees, every step revealed, plans final. */
async function pdfKollegium(server: TestServer, client: ApiClient) {
	const id: string = (
		await client.post(
			'/kollegier',
			kollegiumInput(server, { title: 'Specialistkollegium medicinkliniken hösten' })
		)
	).json.id;
	let detail: Awaited<ReturnType<typeof addParticipant>> | null = null;
	for (let i = 0; i < SPECIALISTS; i += 1) {
		detail = await addParticipant(client, id, `Specialist ${i + 1}`, [
			'assessor',
			...(i < 3 ? ['supervisor'] : [])
		]);
	}
	const supervisors = (detail?.participants ?? []).filter((p) => p.roles.includes('supervisor'));
	for (let i = 0; i < TRAINEES; i += 1) {
		await addTrainee(client, id, `ST-läkare ${i + 1}`, supervisors[i % supervisors.length]?.id);
	}
	const { people, subjects } = await open(server, client, id);
	const form = (await people[0]!.client.get('/respond')).json.form as Form;
	const specialists = people.filter((p) => p.name.startsWith('Specialist'));
	for (const [index, person] of specialists.entries()) {
		for (const subject of subjects) {
			await submit(person.client, subject.id, variedAnswers(form, 'assessor', index));
		}
	}
	for (const [index, subject] of subjects.entries()) {
		const trainee = people.find((p) => p.name === subject.name);
		if (!trainee) throw new Error(`no link for ${subject.name}`);
		await submit(trainee.client, subject.id, variedAnswers(form, 'self', index));
	}
	await goLive(client, id);

	const control = connect(server, { cookie: client.cookieHeader });
	const { agenda } = await revealEverything(control, id);
	control.disconnect();

	const { doc, provider } = await openDocument(server, id, { cookie: client.cookieHeader });
	try {
		subjects.forEach((subject, index) =>
			writeDevelopmentPlan(doc, subject.id, planFor(index, supervisors[0]?.name ?? 'Handledare'))
		);
		for (const subject of subjects) {
			// The edits reach the server over the websocket; retry until it has them all.
			for (let attempt = 0; ; attempt += 1) {
				const final = await client.post(`/kollegier/${id}/subjects/${subject.id}/plan/final`);
				if (final.status === 201) break;
				if (attempt >= 50) throw new Error(`marking the plan final failed: ${final.text}`);
				await sleep(50);
			}
		}
	} finally {
		provider.destroy();
		doc.destroy();
	}
	return {
		id,
		subjectIds: subjects.map((s) => s.id),
		steps: agenda.length,
		ratingsPerTrainee: agenda.filter((entry) => entry.kind === 'ratings').length / TRAINEES
	};
}

/** The meeting whose reveals are timed: PARTICIPANTS sockets, enough ratings steps to reveal. */
async function meetingKollegium(server: TestServer, client: ApiClient, ratingsPerTrainee: number) {
	const id: string = (
		await client.post(
			'/kollegier',
			kollegiumInput(server, { title: 'Specialistkollegium kirurgi' })
		)
	).json.id;
	for (let i = 0; i < PARTICIPANTS; i += 1) {
		await addParticipant(client, id, `Kirurg ${i + 1}`, ['assessor']);
	}
	const trainees = Math.ceil((WARMUP + 2 * ROUNDS) / ratingsPerTrainee) + 1;
	for (let i = 0; i < trainees; i += 1) await addTrainee(client, id, `ST-kirurg ${i + 1}`);
	const { people, subjects } = await open(server, client, id);
	const assessors = people.filter((p) => p.roles.includes('assessor'));
	const form = (await assessors[0]!.client.get('/respond')).json.form as Form;
	// Real answers from a few, so the revealed steps carry real distributions and comments.
	for (const [index, person] of assessors.slice(0, ANSWERING).entries()) {
		for (const subject of subjects) {
			await submit(person.client, subject.id, variedAnswers(form, 'assessor', index));
		}
	}
	await goLive(client, id);
	const control = connect(server, { cookie: client.cookieHeader });
	const first = await join(control, id, 'control');
	const participants = assessors.map((person) =>
		connect(server, { invitation: person.invitation })
	);
	await Promise.all(participants.map((socket) => join(socket, id, 'participant')));
	const steps = first.agenda.flatMap((entry, index) => (entry.kind === 'ratings' ? [index] : []));
	if (steps.length < WARMUP + 2 * ROUNDS) throw new Error(`only ${steps.length} ratings steps`);
	return { control, participants, steps };
}

type Meeting = Awaited<ReturnType<typeof meetingKollegium>>;

/** Goes to each of `positions` and reveals it; returns every participant's latency. */
async function reveals(meeting: Meeting, positions: number[]): Promise<number[]> {
	const { control, participants } = meeting;
	const latencies: number[] = [];
	for (const position of positions) {
		const arrived = receipts(participants, (f) => f.state.position === position);
		await send(control, 'meeting:command', { type: 'goto', position });
		await withTimeout(arrived, `goto ${position}`);
		const revealed = receipts(
			participants,
			(f) => f.state.position === position && f.current !== null
		);
		const clicked = performance.now();
		control.emit('meeting:command', { type: 'reveal' }, () => undefined);
		for (const at of await withTimeout(revealed, `reveal ${position}`))
			latencies.push(at - clicked);
		// A random pause, so the reveals fall at every point of a PDF's build, not in step with it.
		await sleep(PAUSE_MS * (0.5 + Math.random()));
	}
	return latencies;
}

/** One PDF over HTTP with the studierektor's session; checks it is a PDF. */
async function fetchPdf(server: TestServer, cookie: string, id: string, subjectId: string) {
	const response = await fetch(
		`${server.url}/api/kollegier/${id}/subjects/${subjectId}/feedback.pdf`,
		{
			headers: { cookie }
		}
	);
	const body = new Uint8Array(await response.arrayBuffer());
	if (response.status !== 200)
		throw new Error(`PDF ${response.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
	if (new TextDecoder().decode(body.subarray(0, 5)) !== '%PDF-') throw new Error('not a PDF');
	if (PDF_OUT) writeFileSync(joinPath(PDF_OUT, `${subjectId}.pdf`), body);
	return body.length;
}

/** The five PDFs: a cold batch, warm concurrent batches, warm sequential batches. */
async function measurePdfs(five: Five) {
	const cold = await five.concurrent();
	const warm: number[] = [];
	for (let i = 0; i < BATCHES; i += 1) warm.push((await five.concurrent()).ms);
	const inSequence: number[] = [];
	const single: number[] = [];
	for (let i = 0; i < SEQUENTIAL; i += 1) {
		const run = await five.sequential();
		inSequence.push(run.ms);
		single.push(...run.each);
	}
	return { cold, warm, inSequence, single };
}

/** Records the gaps between ticks of a 1 ms timer (µs) while `run` runs. */
async function monitored<T>(into: RecordableHistogram, run: () => Promise<T>): Promise<T> {
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		into.record(Math.max(1, Math.round((now - last) * 1000)));
		last = now;
	}, 1);
	try {
		return await run();
	} finally {
		clearInterval(timer);
	}
}

/**
 * Reveal latency, idle and with PDF batches built back to back, in alternating blocks so that
 * whatever else the machine does falls on both alike.
 */
async function measureReveals(meeting: Meeting, five: Five) {
	const positions = meeting.steps.slice(0, WARMUP + 2 * ROUNDS);
	await reveals(meeting, positions.splice(0, WARMUP));
	const idle: number[] = [];
	const busy: number[] = [];
	const during: number[] = [];
	const perBlock = Math.ceil(ROUNDS / BLOCKS);
	// How long the one event loop (server and clients) was held up, in each phase.
	const loopDelay = { idle: createHistogram(), busy: createHistogram() };
	const whileBuilding = async (run: () => Promise<number[]>) => {
		let building = true;
		const loop = (async () => {
			while (building) during.push((await five.concurrent()).ms);
		})();
		await sleep(20); // let the first batch get under way
		try {
			return await run();
		} finally {
			building = false;
			await loop;
		}
	};
	for (let block = 0; positions.length > 0; block += 1) {
		const quiet = positions.splice(0, perBlock);
		const loaded = positions.splice(0, perBlock);
		const phases = [
			async () => idle.push(...(await monitored(loopDelay.idle, () => reveals(meeting, quiet)))),
			async () =>
				busy.push(
					...(await whileBuilding(() => monitored(loopDelay.busy, () => reveals(meeting, loaded))))
				)
		];
		if (block % 2 === 1) phases.reverse();
		for (const phase of phases) await phase();
	}
	return { idle, busy, during, loopDelay };
}

type Pdfs = Awaited<ReturnType<typeof measurePdfs>>;
type Reveals = Awaited<ReturnType<typeof measureReveals>>;
type Five = ReturnType<typeof fivePdfs>;

/** Fetching the kollegium's five PDFs, at once or one after the other. */
function fivePdfs(
	server: TestServer,
	cookie: string,
	kollegium: { id: string; subjectIds: string[] }
) {
	return {
		async concurrent() {
			const started = performance.now();
			const sizes = await withTimeout(
				Promise.all(kollegium.subjectIds.map((sid) => fetchPdf(server, cookie, kollegium.id, sid))),
				'five PDFs'
			);
			return { ms: performance.now() - started, sizes };
		},
		async sequential() {
			const started = performance.now();
			const each: number[] = [];
			for (const sid of kollegium.subjectIds) {
				const at = performance.now();
				await withTimeout(fetchPdf(server, cookie, kollegium.id, sid), 'one PDF');
				each.push(performance.now() - at);
			}
			return { ms: performance.now() - started, each };
		}
	};
}

/** A run's figures (ms unless named otherwise) and whether it met its goals. */
function outcome(setup: { ms: number; steps: number }, pdfs: Pdfs, revealed: Reveals) {
	const gaps = (h: RecordableHistogram) => ({
		p50: h.percentile(50) / 1e3,
		p95: h.percentile(95) / 1e3,
		max: h.max / 1e3
	});
	const sizes = pdfs.cold.sizes;
	const figures = {
		participants: PARTICIPANTS,
		revealsPerPhase: ROUNDS,
		stepsRevealed: setup.steps,
		setupMs: setup.ms,
		pdfKb: sizes.reduce((sum, size) => sum + size, 0) / sizes.length / 1024,
		coldBatch: pdfs.cold.ms,
		warmBatch: summary(pdfs.warm),
		sequentialBatch: summary(pdfs.inSequence),
		onePdf: summary(pdfs.single),
		batchDuringReveals: { ...summary(revealed.during), batches: revealed.during.length },
		revealIdle: summary(revealed.idle),
		revealBusy: summary(revealed.busy),
		p95Ratio: summary(revealed.busy).p95 / summary(revealed.idle).p95,
		eventLoopGapIdle: gaps(revealed.loopDelay.idle),
		eventLoopGapBusy: gaps(revealed.loopDelay.busy)
	};
	const goals = {
		fivePdfs: {
			target: 'warm batch of 5 p50 < 700 ms',
			value: figures.warmBatch.p50,
			pass: figures.warmBatch.p50 < 700
		},
		latencyUnchanged: {
			target: 'reveal p95 while PDFs are built ≤ 1.5 × idle p95',
			value: figures.p95Ratio,
			pass: figures.revealBusy.p95 <= 1.5 * figures.revealIdle.p95
		}
	};
	return { figures, goals };
}

/** The table for people, above the JSON line. */
function printTable({ figures: f, goals }: ReturnType<typeof outcome>): void {
	const fmt = (n: number) => n.toFixed(1).padStart(8);
	const row = (label: string, x: { p50: number; p95: number; max: number }, after = '') =>
		console.log(`${label.padEnd(31)}${fmt(x.p50)} ${fmt(x.p95)} ${fmt(x.max)}${after}`);
	const verdict = (goal: { pass: boolean }) => (goal.pass ? 'PASS' : 'FAIL');
	console.log(
		`\nFeedback PDFs of a specialistkollegium with ${TRAINEES} trainees (${f.stepsRevealed} steps revealed, ${SPECIALISTS} assessors + self-assessment each, ~${f.pdfKb.toFixed(0)} kB per PDF; set-up ${(f.setupMs / 1000).toFixed(1)} s)`
	);
	console.log(`                                   p50      p95      max   (ms)`);
	console.log(`cold batch, 5 at once          ${fmt(f.coldBatch)}`);
	row(`warm batch, 5 at once (×${BATCHES})`, f.warmBatch);
	row(`warm, 5 one after another (×${SEQUENTIAL})`, f.sequentialBatch);
	row('  one PDF on its own', f.onePdf);
	const during = f.batchDuringReveals;
	row('batch, 5 at once, during (b)', during, `   ${during.batches} batches`);
	console.log(
		`\nReveal latency, ${PARTICIPANTS} participant sockets, ${ROUNDS} reveals per phase (ms; clients in the same process)`
	);
	console.log(`                                   p50      p95      max`);
	const [i, b] = [f.revealIdle, f.revealBusy];
	row('idle', i);
	row('while PDFs are built', b);
	console.log(
		`ratio                          ${fmt(b.p50 / i.p50)}×${fmt(b.p95 / i.p95)}×${fmt(b.max / i.max)}×`
	);
	row('event-loop gap, idle', f.eventLoopGapIdle);
	row('event-loop gap, building', f.eventLoopGapBusy);
	console.log(
		`goal 5 PDFs < 700 ms (warm p50): ${verdict(goals.fivePdfs)}   goal latency unchanged (p95 ≤ 1.5× idle): ${verdict(goals.latencyUnchanged)}`
	);
}

const server = await startTestServer();
let result: ReturnType<typeof outcome> | null = null;
try {
	const { client } = await setUpFacilitator(server);
	const setupStarted = performance.now();
	const kollegium = await pdfKollegium(server, client);
	const meeting = await meetingKollegium(server, client, kollegium.ratingsPerTrainee);
	const setup = { ms: performance.now() - setupStarted, steps: kollegium.steps };
	const five = fivePdfs(server, client.cookieHeader, kollegium);
	const pdfs = await measurePdfs(five);
	const revealed = await measureReveals(meeting, five);
	for (const socket of [meeting.control, ...meeting.participants]) socket.disconnect();
	result = outcome(setup, pdfs, revealed);
	printTable(result);
} catch (error) {
	console.error(error);
} finally {
	await server.close();
}
// Last, so that the JSON line ends the output.
if (result) printResult({ bench: 'pdf', ...result });
process.exit(result ? 0 : 1);
