import { describe, expect, it } from 'vitest';
import type { DevelopmentPlan } from '../plans.ts';
import type { FeedbackReport, RevealedStep } from '../report.ts';
import { feedbackDocument } from './feedback-document.ts';
import type { Content, ContentNode } from './pdf-layout.ts';

const scale = [1, 2, 3, 4, 5].map((value) => ({
	value,
	label: { sv: `Nivå ${value}`, en: `Level ${value}` }
}));
const subject = {
	kind: 'trainee' as const,
	name: 'Åsa Öberg',
	specialty: 'Internmedicin',
	monthOfTraining: 14
};

const ratings: RevealedStep = {
	kind: 'ratings',
	subject,
	title: { sv: 'Medicinsk kompetens', en: 'Medical competence' },
	k: 3,
	items: [
		{
			itemId: 'kunskap',
			text: { sv: 'Har kunskaper för sin nivå' },
			steps: scale,
			aggregate: {
				itemId: 'kunskap',
				type: 'rating',
				hidden: false,
				distribution: {
					counts: scale.map(({ value }) => ({ value, count: [0, 1, 3, 2, 0][value - 1] ?? 0 })),
					n: 6,
					cannotAssess: 2,
					median: 3.5
				}
			},
			self: 4,
			split: null
		},
		{
			itemId: 'forgiftning',
			text: { sv: 'Handlägger förgiftningar' },
			steps: scale,
			aggregate: { itemId: 'forgiftning', type: 'rating', hidden: true },
			self: null,
			split: null
		}
	]
};

const comments: RevealedStep = {
	kind: 'comments',
	subject,
	title: { sv: 'Fritext' },
	k: 3,
	hidden: false,
	questions: [
		{ itemId: 'styrkor', text: { sv: 'Vad gör Åsa bra?' }, hidden: false },
		{ itemId: 'ovrigt', text: { sv: 'Övrigt' }, hidden: true }
	],
	comments: [
		{ id: crypto.randomUUID(), itemId: 'styrkor', text: 'Lugn på akuten', theme: '', count: 2 },
		{ id: crypto.randomUUID(), itemId: 'styrkor', text: 'Tydlig', theme: '', count: 1 }
	]
};

const developmentPlan: DevelopmentPlan = {
	summary: 'Trygg i akuta lägen.',
	strengths: ['Lugn'],
	developmentAreas: ['Delegera'],
	goals: [
		{
			description: 'Leda ronden',
			goals: ['STa5'],
			activities: [{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' }],
			responsible: 'Karin Holmlund',
			dueDate: '2027-03-01',
			followUp: 'Vid handledarsamtal'
		}
	],
	nextFollowUp: '2027-04-15',
	atRisk: false,
	actionPlan: null
};
const actionPlan = {
	problemAreas: ['Ronden drar ut'],
	supportMeasures: ['Rondträning'],
	timePlan: 'Tre månader.',
	followUpDate: '2027-02-20',
	studierektorInformed: true as const
};

const report: FeedbackReport = {
	locale: 'sv',
	kollegium: {
		kind: 'specialistkollegium',
		title: 'Kollegium hösten 2026',
		clinic: 'Medicinkliniken Lund',
		// 00:30 on 23 November in Stockholm.
		startsAt: '2026-11-22T23:30:00Z',
		k: 3
	},
	subject,
	respondents: 7,
	supervisorName: 'Björn Ängström',
	steps: [ratings, comments],
	plan: {
		kind: 'development',
		version: 1,
		finalizedAt: '2026-11-24T09:00:00Z',
		plan: developmentPlan
	},
	goalTitles: { STa5: 'Ledarskap' },
	generatedAt: '2026-11-24T10:00:00Z'
};

const clinicReport: FeedbackReport = {
	...report,
	kollegium: { ...report.kollegium, kind: 'st-lakarkollegium' },
	subject: { kind: 'clinic', name: 'Medicinkliniken', specialty: null, monthOfTraining: null },
	supervisorName: null,
	steps: [],
	plan: {
		kind: 'improvement',
		version: 1,
		finalizedAt: '2026-11-24T09:00:00Z',
		plan: {
			summaries: { E: 'Handledning ställs in.' },
			rows: [
				{
					area: 'E',
					action: 'Schemalägg handledning',
					dueDate: '2027-01-31',
					owner: 'Göran Sjöström',
					followUpDate: '2027-03-01',
					followUpBy: 'Ylva Ekström'
				}
			]
		}
	}
};

/** Every piece of text in a content tree, in order. */
function texts(content: unknown): string[] {
	if (typeof content === 'string') return [content];
	if (Array.isArray(content)) return content.flatMap(texts);
	if (content && typeof content === 'object') {
		const node = content as Record<string, unknown>;
		return ['text', 'stack', 'columns', 'ul', 'table', 'body'].flatMap((key) => texts(node[key]));
	}
	return [];
}

/** Every node of a content tree. */
function nodes(content: Content): ContentNode[] {
	if (typeof content === 'string') return [];
	if (Array.isArray(content)) return content.flatMap(nodes);
	const children = [content.stack, content.columns, content.ul, content.table?.body.flat()];
	return [content, ...children.flatMap((child) => (child ? nodes(child) : []))];
}

/** The innermost unbreakable block whose text includes `text`. */
function blockWith(content: Content, text: string): ContentNode | undefined {
	return nodes(content)
		.filter((node) => node.unbreakable && texts(node).some((t) => t.includes(text)))
		.at(-1);
}

/** The plan's table: the one whose header row has this column. */
const planTable = (content: Content, column: string) =>
	nodes(content).find(
		(node) => node.table?.headerRows && texts(node.table.body[0]).includes(column)
	)?.table;

const allText = (r: FeedbackReport) => texts(feedbackDocument(r).content).join('\n');

describe('feedbackDocument', () => {
	it('heads a trainee report with the clinic, the trainee, the Stockholm date and the month of training', () => {
		const text = allText(report);
		for (const expected of [
			'Återkoppling från specialistkollegium',
			'Kollegium hösten 2026',
			'Klinik',
			'Medicinkliniken Lund',
			'23 november 2026',
			'Åsa Öberg',
			'Internmedicin',
			'ST-månad 14',
			'Björn Ängström'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('numbers the pages and repeats the clinic and the kollegium title', () => {
		const definition = feedbackDocument(report);
		expect(texts(definition.footer(2, 3))).toContain('Sida 2 av 3');
		expect(texts(definition.header(2, 3))).toContain(
			'Medicinkliniken Lund · Kollegium hösten 2026'
		);
		expect(definition.pageSize).toBe('A4');
	});

	it('says fewer than k answered instead of a count', () => {
		expect(allText({ ...report, respondents: null })).toContain('färre än 3 (visas inte)');
	});

	it('writes an English report in English', () => {
		const definition = feedbackDocument({ ...report, locale: 'en' });
		const text = texts(definition.content).join('\n');
		for (const expected of [
			'Feedback from specialistkollegium',
			'23 November 2026',
			'month 14 of specialist training',
			'Medical competence',
			'Self-assessment: 4 – Level 4',
			'Median: 3.5',
			'Development plan',
			'Assessment instrument: '
		]) {
			expect(text).toContain(expected);
		}
		expect(texts(definition.footer(1, 2))).toContain('Page 1 of 2');
		expect(text).not.toContain('Självskattning');
	});

	it('draws a bar per scale step with the counts, median and self-assessment', () => {
		const block = blockWith(feedbackDocument(report).content, 'Har kunskaper för sin nivå');
		const chart = nodes(block ?? []).find((node) => node.table)?.table;
		expect(chart?.body).toHaveLength(5);
		expect(chart?.body.map((row) => texts(row.at(-1)).join(''))).toEqual(['0', '1', '3', '2', '0']);
		// The self-assessment is marked on its own step (value 4) and nowhere else.
		const marked = chart?.body.map((row) => typeof row[0] === 'object');
		expect(marked).toEqual([false, false, false, true, false]);
		const text = texts(block).join('\n');
		expect(text).toContain('Median: 3,5');
		expect(text).toContain('Kan ej bedöma: 2');
		expect(text).toContain('Självskattning: 4 – Nivå 4');
	});

	it('shows a hidden item with a note and no numbers', () => {
		const block = blockWith(feedbackDocument(report).content, 'Handlägger förgiftningar');
		expect(texts(block)).toEqual(['Handlägger förgiftningar', 'Visas inte: färre än 3 svar']);
		expect(nodes(block ?? []).some((node) => node.canvas || node.table)).toBe(false);
	});

	it('lists comments under their question, marks duplicates and only notes a hidden question', () => {
		const text = allText(report);
		expect(text).toContain('Vad gör Åsa bra?\nLugn på akuten (×2)\nTydlig');
		expect(text).toContain('Övrigt\nVisas inte: färre än 3 skrev här');
	});

	it('shows nothing but a note for a comments step below k', () => {
		const hidden = { ...comments, hidden: true, comments: [] } as RevealedStep;
		const text = allText({ ...report, steps: [hidden] });
		expect(text).toContain('Visas inte: färre än 3 svarade');
		expect(text).not.toContain('Vad gör Åsa bra?');
	});

	const actionPlanCases = [
		{ name: 'adds an åtgärdsplan when the plan has one', plan: actionPlan, shown: true },
		{ name: 'leaves the åtgärdsplan out when there is none', plan: null, shown: false }
	];
	for (const { name, plan, shown } of actionPlanCases) {
		it(name, () => {
			const text = allText({
				...report,
				plan: {
					...report.plan,
					kind: 'development',
					plan: { ...developmentPlan, actionPlan: plan }
				}
			});
			expect(text.includes('Åtgärdsplan')).toBe(shown);
			expect(text.includes('Studierektor informerad: ja')).toBe(shown);
			expect(text.includes('Rondträning')).toBe(shown);
		});
	}

	it('lays the development plan out as a table with a repeated header row', () => {
		const content = feedbackDocument(report).content;
		const table = nodes(content).find((node) => texts(node.table?.body[0]).includes('Mål'));
		expect(table?.table).toMatchObject({ headerRows: 1, dontBreakRows: true });
		expect(texts(table?.table?.body[1])).toEqual([
			'Leda ronden',
			'STa5',
			' Ledarskap',
			'Bedömningsinstrument: ',
			'Observerad rond',
			' (Mini-CEX)',
			'Karin Holmlund',
			'2027-03-01',
			'Vid handledarsamtal'
		]);
		expect(texts(content).join('\n')).toContain('15 april 2027');
	});

	it('lets a goal too tall for one page break rather than be cut off', () => {
		const long = 'Läsa in sig på riktlinjerna. '.repeat(60);
		const activities = Array.from({ length: 10 }, () => ({
			kind: 'self-study' as const,
			description: long,
			instrument: null
		}));
		const goal = { ...developmentPlan.goals[0]!, activities };
		const definition = feedbackDocument({
			...report,
			plan: { ...report.plan, kind: 'development', plan: { ...developmentPlan, goals: [goal] } }
		});
		const table = planTable(definition.content, 'Aktiviteter');
		expect(table?.dontBreakRows).toBeUndefined();
		expect(table?.headerRows).toBe(1);
	});

	it('builds the handlingsplan and the clinic signatures for an ST-läkarkollegium', () => {
		const content = feedbackDocument(clinicReport).content;
		const text = texts(content).join('\n');
		expect(text).toContain('Sammanställning från ST-läkarkollegium');
		expect(text).toContain('E Handledning och kompetensbedömning\nHandledning ställs in.');
		const table = planTable(content, 'Planerad åtgärd');
		expect(texts(table?.body[0])).toEqual([
			'Område',
			'Planerad åtgärd',
			'Genomförs senast',
			'Vem genomför',
			'Uppföljning (datum)',
			'Vem följer upp'
		]);
		expect(texts(table?.body[1])).toEqual([
			'E',
			' Handledning och kompetensbedömning',
			'Schemalägg handledning',
			'2027-01-31',
			'Göran Sjöström',
			'2027-03-01',
			'Ylva Ekström'
		]);
		expect(text).toContain('Studierektor');
		expect(text).toContain('Verksamhetschef');
		expect(text).not.toContain('ST-läkare');
	});

	it('builds a supervisor’s own report without a plan, a self-assessment or signatures', () => {
		const supervisor = {
			kind: 'supervisor',
			name: 'Alva Ahlström',
			specialty: null,
			monthOfTraining: null
		} as const;
		const text = allText({
			locale: 'sv',
			kollegium: { ...clinicReport.kollegium, k: 4 },
			subject: supervisor,
			respondents: 5,
			// A supervisor assesses nobody: the server has no self-assessment to put beside theirs.
			steps: [
				{
					...ratings,
					items: ratings.kind === 'ratings' ? ratings.items.map((i) => ({ ...i, self: null })) : []
				},
				comments
			].map((step) => ({ ...step, subject: supervisor, k: 4 })),
			generatedAt: '2026-11-24T10:00:00Z'
		});
		for (const expected of [
			'Återkoppling till handledare från ST-läkarkollegium',
			'Handledare\nAlva Ahlström',
			'Minsta antal svar om en handledare\n4',
			'Antal svarande\n5',
			'Bara det som visades på mötet om dig, och bara där minst 4 svarade.',
			'Detaljer per område'
		]) {
			expect(text).toContain(expected);
		}
		for (const absent of [
			'Utvecklingsplan',
			'Handlingsplan',
			'Självskattning',
			'Datum\nDatum',
			'Namnförtydligande'
		]) {
			expect(text).not.toContain(absent);
		}
	});

	it('ends a trainee report with signature lines for the trainee and the supervisor', () => {
		const content = feedbackDocument(report).content;
		const signatures = content.at(-1);
		expect(texts(signatures)).toEqual([
			'ST-läkare',
			'Åsa Öberg',
			'Datum',
			'Handledare',
			'Björn Ängström',
			'Datum'
		]);
		expect(typeof signatures === 'object' && !Array.isArray(signatures)).toBe(true);
		expect((signatures as ContentNode).unbreakable).toBe(true);
	});
});
