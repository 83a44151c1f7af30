import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, constants, getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackReport, RevealedStep } from '@kollegium/model';
import { PdfRenderer, RendererBusy } from '../../apps/server/src/pdf/renderer.ts';

// Feedback reports built by hand, rendered through the real child process and read back with
// poppler; then the renderer's children killed, stopped and flooded.

const scale = [
	{ value: 1, label: { sv: 'Långt under förväntad nivå', en: 'Well below expected level' } },
	{ value: 2, label: { sv: 'Under förväntad nivå', en: 'Below expected level' } },
	{ value: 3, label: { sv: 'På förväntad nivå', en: 'At expected level' } },
	{ value: 4, label: { sv: 'Över förväntad nivå', en: 'Above expected level' } },
	{ value: 5, label: { sv: 'Långt över förväntad nivå', en: 'Well above expected level' } }
];
const trainee = {
	kind: 'trainee' as const,
	name: 'Åsa Öberg',
	specialty: 'Internmedicin',
	monthOfTraining: 14
};

function rated(itemId: string, sv: string, counts: number[], self: number | null) {
	const n = counts.reduce((sum, count) => sum + count, 0);
	const values = counts.flatMap((count, index) => Array<number>(count).fill(index + 1));
	return {
		itemId,
		text: { sv },
		steps: scale,
		aggregate: {
			itemId,
			type: 'rating' as const,
			hidden: false as const,
			distribution: {
				counts: counts.map((count, index) => ({ value: index + 1, count })),
				n,
				cannotAssess: 1,
				median: values[Math.floor(n / 2)] ?? null
			}
		},
		self,
		split: null
	};
}

type RatedItems = Extract<RevealedStep, { kind: 'ratings' }>['items'];

function ratings(title: string, items: RatedItems): RevealedStep {
	return { kind: 'ratings', subject: trainee, title: { sv: title }, k: 3, items };
}

const hiddenItemText = 'Handlägger akuta förgiftningar självständigt';
const traineeReport: FeedbackReport = {
	locale: 'sv',
	kollegium: {
		kind: 'specialistkollegium',
		title: 'Specialistkollegium medicinkliniken hösten 2026',
		clinic: 'Medicinkliniken',
		startsAt: '2026-11-23T13:00:00Z',
		k: 3
	},
	subject: trainee,
	respondents: 7,
	supervisorName: 'Björn Ängström',
	steps: [
		ratings('Medicinsk kompetens', [
			rated('kunskap', 'Har medicinska kunskaper för sin nivå', [0, 1, 3, 2, 0], 3),
			rated('handlaggning', 'Prioriterar och handlägger akuta tillstånd', [0, 0, 2, 3, 1], 4),
			{
				itemId: 'forgiftning',
				text: { sv: hiddenItemText },
				steps: scale,
				aggregate: { itemId: 'forgiftning', type: 'rating', hidden: true },
				self: null,
				split: null
			}
		]),
		ratings('Kommunikation och samarbete', [
			rated('patient', 'Kommunicerar tydligt med patienter och närstående', [0, 0, 1, 4, 1], 5),
			rated('team', 'Samarbetar väl i teamet', [0, 1, 2, 3, 0], 3)
		]),
		ratings('Ledarskap och professionalism', [
			rated('ledarskap', 'Leder ronden och fördelar arbetet', [1, 3, 2, 0, 0], 2)
		]),
		{
			kind: 'comments',
			subject: trainee,
			title: { sv: 'Fritext' },
			k: 3,
			hidden: false,
			questions: [
				{ itemId: 'styrkor', text: { sv: 'Vad gör Åsa särskilt bra?' }, hidden: false },
				{ itemId: 'utveckla', text: { sv: 'Vad kan Åsa utveckla?' }, hidden: false },
				{ itemId: 'ovrigt', text: { sv: 'Övriga synpunkter' }, hidden: true }
			],
			comments: [
				comment('styrkor', 'Lugn och strukturerad även när det är stökigt på akuten.', 2),
				comment('styrkor', 'Förklarar väl för patienter och anhöriga.', 1),
				comment('styrkor', 'Tar ansvar för sina patienter hela vägen.', 1),
				comment('utveckla', 'Kan delegera mer till sjuksköterskorna på ronden.', 1),
				comment('utveckla', 'Skriv kortare epikriser.', 1),
				comment('utveckla', 'Säg till tidigare när arbetsbördan blir för stor.', 1)
			]
		}
	],
	plan: {
		kind: 'development',
		version: 2,
		finalizedAt: '2026-11-24T09:30:00Z',
		plan: {
			summary:
				'Åsa är trygg i akuta lägen och uppskattad av patienterna. Ronden tar lång tid och ' +
				'hon behöver öva på att leda och fördela arbetet.',
			strengths: ['Lugn i akuta lägen', 'God patientkommunikation'],
			developmentAreas: ['Leda ronden', 'Delegera till teamet'],
			goals: [
				{
					description: 'Leda ronden självständigt på vårdavdelningen',
					goals: ['STa5', 'STb1'],
					activities: [
						{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' },
						{ kind: 'course', description: 'Ledarskapskurs för ST-läkare', instrument: null }
					],
					responsible: 'Karin Holmlund',
					dueDate: '2027-03-01',
					followUp: 'Vid nästa handledarsamtal'
				},
				{
					description: 'Fördjupa kunskaperna om förgiftningar',
					goals: ['STc3'],
					activities: [
						{ kind: 'placement', description: 'Två veckor på Giftinformationen', instrument: null }
					],
					responsible: 'Örjan Åkesson',
					dueDate: '2027-05-15',
					followUp: 'CBD med handledaren'
				}
			],
			nextFollowUp: '2027-04-15',
			atRisk: true,
			actionPlan: {
				problemAreas: ['Ronden drar ut på tiden'],
				supportMeasures: ['Schemalagd rondträning med överläkare varannan vecka'],
				timePlan: 'Tre månader med avstämning varje månad.',
				followUpDate: '2027-02-20',
				studierektorInformed: true
			}
		}
	},
	goalTitles: {
		STa5: 'Medarbetarskap, ledarskap och pedagogik',
		STb1: 'Kommunikation med patienter och närstående',
		STc3: 'Akut omhändertagande'
	},
	generatedAt: '2026-11-24T10:00:00Z'
};

function comment(itemId: string, text: string, count: number) {
	return { id: crypto.randomUUID(), itemId, text, theme: '', count };
}

const clinic = {
	kind: 'clinic' as const,
	name: 'Medicinkliniken Lund',
	specialty: null,
	monthOfTraining: null
};
const clinicReport: FeedbackReport = {
	locale: 'sv',
	kollegium: {
		kind: 'st-lakarkollegium',
		title: 'ST-läkarkollegium medicinkliniken 2026',
		clinic: 'Medicinkliniken',
		startsAt: '2026-10-05T12:00:00Z',
		k: 3
	},
	subject: clinic,
	respondents: 11,
	supervisorName: null,
	steps: [
		{
			kind: 'ratings',
			subject: clinic,
			title: { sv: 'Handledning' },
			k: 3,
			items: [rated('handledning', 'Jag får regelbunden handledning', [1, 2, 4, 3, 1], null)]
		}
	],
	plan: {
		kind: 'improvement',
		version: 1,
		finalizedAt: '2026-10-06T08:00:00Z',
		plan: {
			summaries: { E: 'Handledningen blir ofta inställd vid hög belastning.' },
			rows: [
				{
					area: 'E',
					action: 'Schemalägg handledning varannan vecka',
					dueDate: '2027-01-31',
					owner: 'Göran Sjöström',
					followUpDate: '2027-03-01',
					followUpBy: 'Studierektor Ylva Ekström'
				},
				{
					area: 'F',
					action: 'Internutbildning en eftermiddag i månaden',
					dueDate: '2027-02-28',
					owner: 'Märta Lövgren',
					followUpDate: '2027-04-01',
					followUpBy: 'Verksamhetschef Åke Nyström'
				}
			]
		}
	},
	goalTitles: {},
	generatedAt: '2026-10-06T08:05:00Z'
};

let dir: string;
let renderer: PdfRenderer;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'kollegium-pdf-'));
	renderer = new PdfRenderer();
});
afterAll(async () => {
	await renderer?.close();
	rmSync(dir, { recursive: true, force: true });
});

async function renderToFile(name: string, report: FeedbackReport): Promise<string> {
	const file = join(dir, `${name}.pdf`);
	writeFileSync(file, await renderer.render(report));
	return file;
}

const text = (file: string) =>
	execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** The text in drawing order, whitespace folded: a table cell's wrapped lines stay together. */
const flatText = (file: string) =>
	execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(info(file))?.[1]);

/** The share of clearly non-white pixels on page 1, rendered in grey at 40 dpi. */
function inkOnFirstPage(file: string): number {
	const prefix = join(dir, 'page');
	execFileSync('pdftoppm', [
		'-r',
		'40',
		'-gray',
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		file,
		prefix
	]);
	const pgm = readFileSync(`${prefix}.pgm`);
	const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
	expect(header).not.toBeNull();
	const [, width, height] = header!.map(Number) as [number, number, number];
	const pixels = pgm.subarray(pgm.length - width * height);
	return pixels.filter((value) => value < 200).length / pixels.length;
}

describe('the feedback PDF for a trainee', () => {
	let file: string;
	let content: string;
	beforeAll(async () => {
		file = await renderToFile('trainee', traineeReport);
		content = text(file);
	});

	it('shows the heading, the trainee and the kollegium, with å, ä and ö intact', () => {
		expect(content).toContain('Återkoppling från specialistkollegium');
		expect(content).toContain('Specialistkollegium medicinkliniken hösten 2026');
		expect(content).toContain('Åsa Öberg');
		expect(content).toContain('23 november 2026');
		expect(content).toContain('ST-månad 14');
		expect(content).toContain('Björn Ängström');
		expect(content).toMatch(/Sida 1 av \d/);
	});

	it('shows every area, the self-assessment and the comments by question', () => {
		for (const area of ['Medicinsk kompetens', 'Kommunikation och samarbete', 'Fritext']) {
			expect(content).toContain(area);
		}
		expect(content).toContain('Självskattning: 4 – Över förväntad nivå');
		expect(content).toContain('Vad kan Åsa utveckla?');
		expect(content).toContain('Lugn och strukturerad även när det är stökigt på akuten. (×2)');
		expect(content).not.toContain('kommentar som aldrig visades');
	});

	it('shows a hidden item with a note and no numbers', () => {
		const lines = content.split('\n');
		const at = lines.findIndex((line) => line.includes(hiddenItemText));
		expect(at).toBeGreaterThan(-1);
		expect(lines[at + 1]).toContain('Visas inte: färre än 3 svar');
		expect(lines[at + 1]?.replace('3', '')).not.toMatch(/\d/);
		expect(lines[at + 2]?.trim() ?? '').not.toMatch(/^\d|Median|Svar:/);
	});

	it('lists every plan row with its owner and date, the åtgärdsplan and the signatures', () => {
		const flat = flatText(file);
		for (const expected of [
			'Karin Holmlund',
			'2027-03-01',
			'Örjan Åkesson',
			'2027-05-15',
			'STa5 Medarbetarskap',
			'Nästa uppföljning: 15 april 2027',
			'Åtgärdsplan',
			'Studierektor informerad: ja',
			'ST-läkare',
			'Handledare',
			'Datum'
		]) {
			expect(flat).toContain(expected);
		}
	});

	it('starts with a one-page summary a handledare can talk from, the details after it', () => {
		const first = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], {
			encoding: 'utf8'
		});
		expect(first).toContain('Sammanfattning');
		expect(first).toContain('Klinik');
		expect(first).toContain('Medicinkliniken');
		// One line per area: the pooled median of the items shown, and the self-assessment.
		const line = (area: string) => first.split('\n').find((row) => row.includes(area)) ?? '';
		expect(line('Medicinsk kompetens')).toMatch(/3,5\s+3,5/);
		expect(line('Kommunikation och samarbete')).toMatch(/4\s+4/);
		expect(line('Ledarskap och professionalism')).toMatch(/2\s+2/);
		for (const expected of [
			'Lugn i akuta lägen',
			'Delegera till teamet',
			'Leda ronden självständigt på vårdavdelningen',
			'Fördjupa kunskaperna om förgiftningar'
		]) {
			expect(first).toContain(expected);
		}
		// The charts per item, the comments and the signatures come after.
		expect(first).not.toContain('Lugn och strukturerad');
		expect(first).not.toContain('Namnförtydligande');
		const second = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], {
			encoding: 'utf8'
		});
		expect(second).toContain('Detaljer per område och hela planen');
	});

	it('is A4 with ink on the first page', () => {
		expect(info(file)).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
		expect(inkOnFirstPage(file)).toBeGreaterThan(0.02);
	});
});

describe('the feedback PDF for a clinic', () => {
	it('shows the summary per SPUR area and the handlingsplan with owners and dates', async () => {
		const file = await renderToFile('clinic', clinicReport);
		const content = text(file);
		const flat = flatText(file);
		expect(content).toContain('Sammanställning från ST-läkarkollegium');
		expect(content).toContain('Medicinkliniken Lund');
		expect(flat).toContain('E Handledning och kompetensbedömning');
		for (const row of clinicReport.plan.kind === 'improvement' ? clinicReport.plan.plan.rows : []) {
			for (const value of [row.owner, row.dueDate, row.followUpDate, row.followUpBy]) {
				expect(flat).toContain(value);
			}
		}
		expect(flat).toContain('Studierektor');
		expect(flat).toContain('Verksamhetschef');
		expect(flat).toContain('Namnförtydligande');
	});
});

describe('the PDF renderer', () => {
	it('renders five PDFs in a row in one child process', async () => {
		const pids = new Set<number>();
		for (let i = 0; i < 5; i++) {
			const pdf = await renderer.render(clinicReport);
			expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
			for (const pid of renderer.pids) pids.add(pid);
		}
		expect(pids.size).toBe(1);
		expect([...pids][0]).not.toBe(process.pid);
	});

	it('renders concurrent requests on two child processes at most', async () => {
		const pdfs = await Promise.all([1, 2, 3].map(() => renderer.render(traineeReport)));
		expect(pdfs.every((pdf) => pdf.length > 10_000)).toBe(true);
		expect(renderer.pids).toHaveLength(Math.min(2, availableParallelism()));
	});

	it('rejects a report it cannot render and goes on with the next', async () => {
		const broken = { ...traineeReport, steps: null } as unknown as FeedbackReport;
		await expect(renderer.render(broken)).rejects.toThrow(/could not be rendered/);
		await expect(renderer.render(clinicReport)).resolves.toBeInstanceOf(Uint8Array);
	});

	it('lays a plan of twenty long goals out over several pages', async () => {
		const long =
			'Planerad aktivitet med utförlig beskrivning av upplägg och förväntningar. '.repeat(6);
		const base = traineeReport.plan.kind === 'development' ? traineeReport.plan.plan : null;
		const goals = Array.from({ length: 20 }, (_, i) => ({
			description: `Mål ${i + 1}: ${long}`,
			goals: ['STa5', 'STb1', 'STc3'],
			activities: [
				{ kind: 'course' as const, description: long, instrument: null },
				{ kind: 'assessment' as const, description: long, instrument: 'dops' as const }
			],
			responsible: `Ansvarig nummer ${i + 1}`,
			dueDate: '2027-06-30',
			followUp: long
		}));
		const report: FeedbackReport = {
			...traineeReport,
			plan: { ...traineeReport.plan, kind: 'development', plan: { ...base!, goals } }
		};
		const file = await renderToFile('huge', report);
		expect(pages(file)).toBeGreaterThan(5);
		const flat = flatText(file);
		for (const goal of goals) expect(flat).toContain(`${goal.responsible} `);
	});

	it('lets a goal taller than a page run onto the next page instead of cutting it off', async () => {
		const base = traineeReport.plan.kind === 'development' ? traineeReport.plan.plan : null;
		const activities = Array.from({ length: 10 }, (_, i) => ({
			kind: 'self-study' as const,
			description: `${'Läsa in sig på riktlinjerna för hjärtsvikt och förmaksflimmer. '.repeat(7)}slut${i}`,
			instrument: null
		}));
		const goal = { ...base!.goals[0]!, activities };
		const report: FeedbackReport = {
			...traineeReport,
			plan: { ...traineeReport.plan, kind: 'development', plan: { ...base!, goals: [goal] } }
		};
		const flat = flatText(await renderToFile('tall', report));
		for (let i = 0; i < 10; i++) expect(flat).toContain(`slut${i}`);
	});
});

describe("the PDF renderer's child processes", () => {
	let own: PdfRenderer | null = null;
	afterEach(async () => {
		await own?.close();
		own = null;
	});
	/** A renderer of this test's own, closed after it. */
	const renderer = (options: ConstructorParameters<typeof PdfRenderer>[0]) =>
		(own = new PdfRenderer(options));
	const isPdf = (pdf: Uint8Array) => Buffer.from(pdf.subarray(0, 5)).toString() === '%PDF-';
	/** Resolves once `condition` holds; the renderer learns of a child's death from an event. */
	async function eventually(condition: () => boolean): Promise<void> {
		for (let waited = 0; !condition(); waited += 20) {
			if (waited > 5000) throw new Error('the condition never held');
			await sleep(20);
		}
	}

	it('render at the lowest scheduling priority, in a process of their own', async () => {
		const pdf = renderer({}).render(clinicReport);
		const [pid] = own!.pids;
		expect(pid).toBeDefined();
		expect(pid).not.toBe(process.pid);
		expect(getPriority(pid)).toBe(constants.priority.PRIORITY_LOW);
		expect(getPriority()).not.toBe(constants.priority.PRIORITY_LOW);
		expect(isPdf(await pdf)).toBe(true);
		// On Linux a priority belongs to a thread: V8's threads in the child are lowered too.
		const threads = threadPriorities(pid!);
		if (process.platform === 'linux') expect(threads.length).toBeGreaterThan(1);
		for (const priority of threads) expect(priority).toBe(constants.priority.PRIORITY_LOW);
	});

	it('all start, at the lowest priority, when warm() is called, and are used after', async () => {
		const pdfs = renderer({ processes: 2 });
		pdfs.warm();
		const warmed = pdfs.pids;
		expect(warmed).toHaveLength(2);
		for (const pid of warmed) expect(getPriority(pid)).toBe(constants.priority.PRIORITY_LOW);
		const rendered = await Promise.all([pdfs.render(clinicReport), pdfs.render(clinicReport)]);
		expect(rendered.every(isPdf)).toBe(true);
		expect(pdfs.pids.toSorted()).toEqual(warmed.toSorted());
	});

	it('are replaced after one is killed while idle, and the next render works', async () => {
		const pdfs = renderer({ processes: 1 });
		await pdfs.render(clinicReport);
		const [killed] = pdfs.pids;
		process.kill(killed!, 'SIGKILL');
		await eventually(() => !pdfs.pids.includes(killed!));
		expect(isPdf(await pdfs.render(clinicReport))).toBe(true);
		expect(pdfs.pids).toHaveLength(1);
		expect(pdfs.pids).not.toContain(killed);
	});

	it('fail the render whose child is killed, and render the next', async () => {
		const pdfs = renderer({ processes: 1 });
		await pdfs.render(clinicReport);
		const killedMidway = pdfs.render(traineeReport);
		process.kill(pdfs.pids[0]!, 'SIGKILL');
		await expect(killedMidway).rejects.toThrow(/PDF process exited \(SIGKILL\)/);
		expect(isPdf(await pdfs.render(clinicReport))).toBe(true);
	});

	it(
		'time out a hung render, kill its child and render the next',
		{ timeout: 30_000 },
		async () => {
			const pdfs = renderer({ processes: 1, timeoutMs: 4000 });
			await pdfs.render(clinicReport);
			const [hung] = pdfs.pids;
			process.kill(hung!, 'SIGSTOP');
			const started = performance.now();
			await expect(pdfs.render(clinicReport)).rejects.toThrow(/took too long/);
			expect(performance.now() - started).toBeGreaterThan(3900);
			await eventually(() => !isRunning(hung!));
			expect(isPdf(await pdfs.render(clinicReport))).toBe(true);
			expect(pdfs.pids).not.toContain(hung);
		}
	);

	it('refuse renders beyond twenty waiting with RendererBusy, and render the rest', async () => {
		const pdfs = renderer({ processes: 1 });
		const accepted = Array.from({ length: 21 }, () => pdfs.render(clinicReport));
		await expect(pdfs.render(clinicReport)).rejects.toBeInstanceOf(RendererBusy);
		expect((await Promise.all(accepted)).every(isPdf)).toBe(true);
		expect(isPdf(await pdfs.render(clinicReport))).toBe(true);
	});

	it('end with close(), which rejects the renders still waiting', async () => {
		const pdfs = renderer({ processes: 1 });
		const waiting = [pdfs.render(clinicReport), pdfs.render(clinicReport)];
		const rejected = waiting.map((render) => expect(render).rejects.toThrow(/closed/));
		const [pid] = pdfs.pids;
		await pdfs.close();
		await Promise.all(rejected);
		expect(isRunning(pid!)).toBe(false);
		await expect(pdfs.render(clinicReport)).rejects.toThrow(/closed/);
	});

	it("do not keep the server's process alive once idle, and end with it", async () => {
		// A process of its own, as `node apps/server/src/main.ts` runs: node with no vitest flags.
		const module = new URL('../../apps/server/src/pdf/renderer.ts', import.meta.url);
		const { exitCode, stdout } = await runAlone([
			`import { PdfRenderer } from ${JSON.stringify(module.href)};`,
			'const renderer = new PdfRenderer();',
			`const pdf = await renderer.render(${JSON.stringify(clinicReport)});`,
			'console.log(JSON.stringify({ bytes: pdf.length, pids: renderer.pids }));'
		]);
		expect(exitCode).toBe(0);
		const { bytes, pids } = JSON.parse(stdout) as { bytes: number; pids: number[] };
		expect(bytes).toBeGreaterThan(1000);
		expect(pids).toHaveLength(1);
		await eventually(() => !isRunning(pids[0]!));
	});
});

/**
 * Runs a module in a node process of its own and in a process group of its own; resolves when
 * that process has exited by itself and its output has closed (within 15 s), then ends whatever
 * is left of its group.
 */
async function runAlone(lines: string[]): Promise<{ exitCode: number | null; stdout: string }> {
	const child = spawn(process.execPath, ['--input-type=module', '--eval', lines.join('\n')], {
		detached: true,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	let timer: NodeJS.Timeout | undefined;
	try {
		const exitCode = await Promise.race([
			once(child, 'close').then(([code]) => code as number | null),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error('the process did not exit')), 15_000);
			})
		]);
		return { exitCode, stdout };
	} finally {
		clearTimeout(timer);
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// The whole group has ended already.
		}
	}
}

/** The nice value of each thread of a process, from /proc; none where there is no /proc. */
function threadPriorities(pid: number): number[] {
	if (!existsSync(`/proc/${pid}/task`)) return [];
	return readdirSync(`/proc/${pid}/task`).map((thread) => {
		const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
		// After the name in parentheses: state is the 1st field, nice the 17th.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
	});
}

/** Whether a process of this id exists (a zombie not yet reaped counts). */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
