import Papa from 'papaparse';
import { z } from 'zod';
import { Goal, Regulation } from './goals.ts';
import { translate, type MessageParams, type ValidationCode } from './messages/index.ts';
import { Slug, type Locale } from './text.ts';
import { fieldIssue, toFieldIssues, type FieldIssue } from './validation.ts';

/** The code a specialty's own delmål (c-delmål) has under each regulation: STc1… or c1…. */
export const SPECIALTY_GOAL_CODES: Record<Regulation, { pattern: RegExp; example: string }> = {
	'HSLF-FS 2021:8': { pattern: /^STc\d{1,2}$/, example: 'STc1' },
	'SOSFS 2015:8': { pattern: /^c\d{1,2}$/, example: 'c1' }
};

/** How a specialty is told apart: "Internmedicin" and " internmedicin " are one. */
export function specialtyKey(specialty: string): string {
	return specialty.trim().normalize('NFC').toLocaleLowerCase('sv');
}

const Specialty = z.string().trim().min(2).max(120);
const SpecialtyGoalArray = z.array(Goal).min(1).max(100);

/** Every code is a c-delmål of the list's regulation, and no code comes twice. */
function checkCodes(
	list: { regulation: Regulation; goals: readonly Goal[] },
	ctx: z.core.$RefinementCtx
): void {
	const { pattern } = SPECIALTY_GOAL_CODES[list.regulation];
	const seen = new Set<string>();
	list.goals.forEach((goal, index) => {
		const path = ['goals', index, 'code'];
		if (!pattern.test(goal.code)) {
			const message =
				list.regulation === 'SOSFS 2015:8' ? 'specialtyGoalCodeC' : 'specialtyGoalCodeSTc';
			ctx.addIssue({ code: 'custom', path, message });
		} else if (seen.has(goal.code)) {
			ctx.addIssue({ code: 'custom', path, message: 'specialtyGoalDuplicateCode' });
		}
		seen.add(goal.code);
	});
}

const SpecialtyGoalsShape = z.object({
	regulation: Regulation,
	/** Matched, case aside, against a trainee's `specialty` and a clinic's specialties. */
	specialty: Specialty,
	/** Shipped to show the format: its titles are not checked against Socialstyrelsen's. */
	example: z.boolean().default(false),
	goals: SpecialtyGoalArray
});

/** One specialty's c-delmål under one regulation, as an administrator saves it or a template ships it. */
export const SpecialtyGoals = SpecialtyGoalsShape.superRefine(checkCodes);
export type SpecialtyGoals = z.infer<typeof SpecialtyGoals>;

/** A list as the API gives it: stored (`id` a uuid) or shipped as an example (`id` its file's name). */
export const SpecialtyGoalList = SpecialtyGoalsShape.extend({
	id: Slug,
	/** Shipped with Kollegium rather than saved by an administrator. */
	shipped: z.boolean(),
	updatedAt: z.string().nullable(),
	updatedBy: z.string().nullable()
});
export type SpecialtyGoalList = z.infer<typeof SpecialtyGoalList>;

/** The name a list is shown by; an example says so, so its titles are never taken as official. */
export function specialtyGoalListName(
	list: Pick<SpecialtyGoals, 'specialty' | 'regulation' | 'example'>,
	locale: Locale
): string {
	const params = { specialty: list.specialty, regulation: list.regulation };
	return translate(
		locale,
		list.example ? 'specialtyGoals.exampleName' : 'specialtyGoals.name',
		params
	);
}

/** The list for a trainee: the one of their regulation whose specialty is theirs. */
export function specialtyGoalsFor<L extends Pick<SpecialtyGoals, 'specialty' | 'regulation'>>(
	lists: readonly L[],
	subject: { specialty: string | null; regulation: Regulation | null }
): L | undefined {
	const { specialty, regulation } = subject;
	if (!specialty || !regulation) return undefined;
	const key = specialtyKey(specialty);
	return lists.find(
		(list) => list.regulation === regulation && specialtyKey(list.specialty) === key
	);
}

/** The stored lists with each shipped example that no stored list of its specialty replaces. */
export function withShippedExamples(
	stored: readonly SpecialtyGoalList[],
	shipped: readonly SpecialtyGoalList[]
): SpecialtyGoalList[] {
	const taken = new Set(stored.map((list) => `${list.regulation}|${specialtyKey(list.specialty)}`));
	const examples = shipped.filter(
		(list) => !taken.has(`${list.regulation}|${specialtyKey(list.specialty)}`)
	);
	return [...stored, ...examples].sort(
		(a, b) =>
			a.specialty.localeCompare(b.specialty, 'sv') || a.regulation.localeCompare(b.regulation)
	);
}

/** The columns of a c-delmål file, with their header in each language. */
export const SPECIALTY_GOAL_COLUMNS = [
	{ key: 'code', sv: 'kod', en: 'code' },
	{ key: 'title', sv: 'titel', en: 'title' },
	{ key: 'titleEn', sv: 'titel_en', en: 'title_en' }
] as const satisfies readonly ({ key: string } & Record<Locale, string>)[];
type Column = (typeof SPECIALTY_GOAL_COLUMNS)[number]['key'];

/** A file with more goals than a list may hold is refused as a whole. */
export const MAX_SPECIALTY_GOALS = 100;

const ImportIssue = z.object({ path: z.string(), message: z.string(), code: z.string() });

/**
 * What an import would save. A row's `line` is its row in the spreadsheet (the header is 1), or
 * for JSON the goal's place in the list (the first is 1); an issue's `path` is the column's
 * header in the reader's language (CSV) or the field (`code`, `title.sv`) in JSON, '' for the
 * row or the file as a whole. `ok` only when no row and no file issue.
 */
export const SpecialtyGoalsPreview = z.object({
	ok: z.boolean(),
	rows: z.array(
		z.object({
			line: z.int().min(1),
			/** What the row holds, as written, so a bad row can be shown as it is. */
			written: z.object({ code: z.string(), title: z.string() }),
			goal: Goal.nullable(),
			issues: z.array(ImportIssue)
		})
	),
	issues: z.array(ImportIssue)
});
export type SpecialtyGoalsPreview = z.infer<typeof SpecialtyGoalsPreview>;
type PreviewRow = SpecialtyGoalsPreview['rows'][number];

/** An import of one specialty's list, from CSV or JSON text; `dryRun` only previews it. */
export const SpecialtyGoalsImportInput = z.object({
	regulation: Regulation,
	specialty: Specialty,
	format: z.enum(['csv', 'json']),
	text: z.string().max(100_000),
	dryRun: z.boolean().default(false)
});
export type SpecialtyGoalsImportInput = z.infer<typeof SpecialtyGoalsImportInput>;

/** The preview, and the list as saved (null for a dry run). */
export const SpecialtyGoalsImportResult = z.object({
	preview: SpecialtyGoalsPreview,
	list: SpecialtyGoalList.nullable()
});
export type SpecialtyGoalsImportResult = z.infer<typeof SpecialtyGoalsImportResult>;

/** A list's goals edited by an administrator; its regulation and specialty stay. */
export const SpecialtyGoalsEdit = z.object({
	goals: SpecialtyGoalArray,
	example: z.boolean().default(false)
});
export type SpecialtyGoalsEdit = z.infer<typeof SpecialtyGoalsEdit>;

/**
 * Reads a c-delmål file into the preview of its import; writes nothing. CSV: headers kod;titel
 * (titel_en optional) in Swedish or English, any case and order, `;` or `,`, BOM or not. JSON: a
 * list of goals `{code, title: {sv, en?}}` or an object with such `goals`. Each code must be a
 * c-delmål of `regulation` and come once.
 */
export function parseSpecialtyGoals(options: {
	text: string;
	format: 'csv' | 'json';
	regulation: Regulation;
	locale?: Locale;
}): SpecialtyGoalsPreview {
	const { text, format, regulation, locale = 'sv' } = options;
	const read = format === 'csv' ? readCsv(text, locale) : readJson(text, regulation, locale);
	if ('refused' in read) return { ok: false, rows: [], issues: read.refused };
	const file = (message: ValidationCode, params?: MessageParams) =>
		fieldIssue({ path: '', message, locale, params });
	if (read.entries.length === 0)
		return { ok: false, rows: [], issues: [file('specialtyGoalsEmpty')] };
	if (read.entries.length > MAX_SPECIALTY_GOALS) {
		const issues = [file('specialtyGoalsTooMany', { n: MAX_SPECIALTY_GOALS })];
		return { ok: false, rows: [], issues };
	}
	const rows = checkRows({ entries: read.entries, regulation, locale, pathOf: read.pathOf });
	const ok = read.issues.length === 0 && rows.every((row) => row.issues.length === 0);
	return { ok, rows, issues: read.issues };
}

/** One goal as the file gave it, before the schema has looked at it. */
interface Entry {
	line: number;
	input: unknown;
	issues: FieldIssue[];
}
interface Read {
	entries: Entry[];
	issues: FieldIssue[];
	/** Where a goal's field (`code`, `title.sv`) is in the file: a column header, or the field. */
	pathOf: (field: string) => string;
}

/** Each entry parsed as a Goal of the regulation; a code seen before names the earlier row. */
function checkRows(options: {
	entries: readonly Entry[];
	regulation: Regulation;
	locale: Locale;
	pathOf: (field: string) => string;
}): PreviewRow[] {
	const { entries, regulation, locale, pathOf } = options;
	const { pattern } = SPECIALTY_GOAL_CODES[regulation];
	const seen = new Map<string, number>();
	return entries.map(({ line, input, issues: found }) => {
		const issues = [...found];
		const codeIssue = (message: ValidationCode, params?: MessageParams) =>
			issues.push(fieldIssue({ path: pathOf('code'), message, locale, params }));
		const wrongCode = regulation === 'SOSFS 2015:8' ? 'specialtyGoalCodeC' : 'specialtyGoalCodeSTc';
		const result = Goal.safeParse(input, { reportInput: true });
		if (!result.success) {
			for (const issue of toFieldIssues(result.error, locale)) {
				// A code that is no delmål code at all gets the same words as one of the wrong kind.
				if (issue.path === 'code' && issue.code === 'invalid_format')
					codeIssue(blankCode(input) ? 'missing' : wrongCode);
				else issues.push({ ...issue, path: pathOf(issue.path) });
			}
			return { line, written: writtenIn(input), goal: null, issues };
		}
		const { code } = result.data;
		if (!pattern.test(code)) codeIssue(wrongCode);
		else if (seen.has(code)) codeIssue('specialtyGoalDuplicateLine', { line: seen.get(code) ?? 0 });
		else seen.set(code, line);
		const goal = issues.length === 0 ? result.data : null;
		return { line, written: writtenIn(input), goal, issues };
	});
}

/** A goal's code and Swedish title as a file wrote them, whatever their type. */
function writtenIn(input: unknown): { code: string; title: string } {
	const goal = (typeof input === 'object' && input !== null ? input : {}) as {
		code?: unknown;
		title?: { sv?: unknown } | null;
	};
	const text = (value: unknown) =>
		typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 500) : '';
	return { code: text(goal.code), title: text(goal.title?.sv) };
}

const blankCode = (input: unknown) =>
	typeof input === 'object' &&
	input !== null &&
	String((input as { code?: unknown }).code ?? '').trim() === '';

function readJson(
	text: string,
	regulation: Regulation,
	locale: Locale
): Read | { refused: FieldIssue[] } {
	const refuse = (message: ValidationCode, params?: MessageParams) => ({
		refused: [fieldIssue({ path: '', message, locale, params })]
	});
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return refuse('specialtyGoalsNotJson');
	}
	const object = typeof data === 'object' && data !== null && !Array.isArray(data);
	const goals = object ? (data as { goals?: unknown }).goals : data;
	if (!Array.isArray(goals)) return refuse('specialtyGoalsJsonShape');
	const issues: FieldIssue[] = [];
	const stated = object ? (data as { regulation?: unknown }).regulation : undefined;
	if (stated !== undefined && stated !== regulation) {
		const params = { regulation };
		issues.push(
			fieldIssue({ path: 'regulation', message: 'specialtyGoalsOtherRegulation', locale, params })
		);
	}
	const entries = goals.map((input: unknown, index) => ({ line: index + 1, input, issues: [] }));
	return { entries, issues, pathOf: (field) => field };
}

/** The non-blank records of a CSV file with their spreadsheet row numbers, each as a goal. */
function readCsv(text: string, locale: Locale): Read | { refused: FieldIssue[] } {
	const body = text.replace(/^\uFEFF/, '');
	const first = body.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
	const delimiter = first.split(';').length > first.split(',').length ? ';' : ',';
	const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
	const records = parsed.data
		.map((cells, index) => ({ line: index + 1, cells }))
		.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
	const issues = parsed.errors
		.filter((error) => error.code === 'MissingQuotes')
		.map(({ row }) => {
			const params = { line: (row ?? 0) + 1 };
			return fieldIssue({ path: '', message: 'peopleUnclosedQuote', locale, params });
		});
	const [header, ...data] = records;
	if (!header)
		return { refused: [fieldIssue({ path: '', message: 'specialtyGoalsEmpty', locale })] };
	const keys = header.cells.map(columnOf);
	const headerIssues = checkHeader(header.cells, keys, locale);
	if (headerIssues.length > 0) return { refused: headerIssues };
	const label = (key: Column) => SPECIALTY_GOAL_COLUMNS.find((c) => c.key === key)?.[locale] ?? key;
	const entries = data.map(({ line, cells }) => {
		const value = (key: Column) => {
			const index = keys.indexOf(key);
			return index < 0 ? '' : unescapeCell(cells[index] ?? '');
		};
		const extra = cells.some((cell, i) => !keys[i] && cell.trim() !== '');
		const rowIssues = extra ? [fieldIssue({ path: '', message: 'peopleExtraCells', locale })] : [];
		const title: Record<string, string> = { sv: value('title') };
		if (value('titleEn')) title.en = value('titleEn');
		return { line, input: { code: value('code'), title }, issues: rowIssues };
	});
	const pathOf = (field: string) =>
		field.startsWith('code')
			? label('code')
			: field === 'title.en'
				? label('titleEn')
				: label('title');
	return { entries, issues, pathOf };
}

function columnOf(header: string): Column | null {
	const wanted = header.trim().normalize('NFC').toLowerCase();
	const found = SPECIALTY_GOAL_COLUMNS.find((c) => c.sv === wanted || c.en === wanted);
	return found?.key ?? null;
}

function checkHeader(
	cells: readonly string[],
	keys: readonly (Column | null)[],
	locale: Locale
): FieldIssue[] {
	if (!keys.some(Boolean))
		return [fieldIssue({ path: '', message: 'specialtyGoalsNoHeader', locale })];
	const issue = (path: string, message: ValidationCode) =>
		fieldIssue({ path, message, locale, params: { column: path } });
	const unknown = cells.map((cell) => cell.trim()).filter((cell, i) => cell && !keys[i]);
	const twice = SPECIALTY_GOAL_COLUMNS.filter(
		({ key }) => keys.filter((k) => k === key).length > 1
	);
	const missing = SPECIALTY_GOAL_COLUMNS.filter(
		({ key }) => key !== 'titleEn' && !keys.includes(key)
	);
	return [
		...unknown.map((cell) => issue(cell, 'peopleUnknownColumn')),
		...twice.map((column) => issue(column[locale], 'peopleDuplicateColumn')),
		...missing.map((column) => issue(column[locale], 'peopleMissingColumn'))
	];
}

/** A leading `'` a spreadsheet export put before text that looks like a formula is not text. */
function unescapeCell(cell: string): string {
	const value = cell.trim();
	return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** The goals of an `ok` preview, in the file's order. */
export function previewGoals(preview: SpecialtyGoalsPreview): Goal[] {
	if (!preview.ok) throw new Error('Only an import without issues can be saved.');
	return preview.rows.flatMap((row) => (row.goal ? [row.goal] : []));
}

/** Every issue of a preview on one list, placed `text` for the file, `rows.<line>.<column>` for a row. */
export function specialtyGoalsImportIssues(preview: SpecialtyGoalsPreview): FieldIssue[] {
	const at = (prefix: string, path: string) => (path ? `${prefix}.${path}` : prefix);
	return [
		...preview.issues.map((issue) => ({ ...issue, path: at('text', issue.path) })),
		...preview.rows.flatMap((row) =>
			row.issues.map((issue) => ({ ...issue, path: at(`rows.${row.line}`, issue.path) }))
		)
	];
}
