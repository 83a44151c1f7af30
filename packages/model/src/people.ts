import Papa from 'papaparse';
import { z } from 'zod';
import { Regulation } from './goals.ts';
import { MailLanguage, ParticipantInput, TraineeSubjectInput } from './kollegium.ts';
import type { MessageParams, ValidationCode } from './messages/index.ts';
import type { Locale } from './text.ts';
import { fieldIssue, toFieldIssues, type FieldIssue } from './validation.ts';

export const PersonKind = z.enum(['specialist', 'trainee', 'observer']);
export type PersonKind = z.infer<typeof PersonKind>;

const Title = z.string().trim().max(120).default('');
const Named = ParticipantInput.pick({ name: true, email: true, language: true });
const SpecialistInput = Named.extend({ kind: z.literal('specialist'), title: Title });
const ObserverInput = Named.extend({ kind: z.literal('observer'), title: Title });
/** A trainee of the register: a trainee subject, and the language of their e-mail. */
const TraineeInput = TraineeSubjectInput.extend({ language: MailLanguage });

/**
 * Someone in a clinic's people register. A trainee is a `TraineeSubjectInput` and the others
 * have a `ParticipantInput`'s name and e-mail, so every entry joins a kollegium as it is; each
 * has the language of their e-mail, which the participant made from them keeps.
 * That `supervisorId` names a specialist of the register is checked by `People`.
 */
export const PersonInput = z.discriminatedUnion('kind', [
	SpecialistInput,
	TraineeInput,
	ObserverInput
]);
export type PersonInput = z.infer<typeof PersonInput>;

const Stored = { id: z.uuid(), updatedAt: z.iso.datetime({ offset: true }) };
export const Person = z.discriminatedUnion('kind', [
	SpecialistInput.extend(Stored),
	TraineeInput.extend(Stored),
	ObserverInput.extend(Stored)
]);
export type Person = z.infer<typeof Person>;

/** A clinic's whole register: e-mail addresses are unique and every handledare is a specialist in it. */
export const People = z.array(Person).superRefine((people, ctx) => {
	const byId = new Map(people.map((person) => [person.id, person]));
	const emails = new Set<string>();
	people.forEach((person, index) => {
		const email = person.email.toLowerCase();
		if (email && emails.has(email)) {
			ctx.addIssue({ code: 'custom', path: [index, 'email'], message: 'peopleEmailTaken' });
		}
		emails.add(email);
		if (person.kind !== 'trainee' || !person.supervisorId) return;
		if (byId.get(person.supervisorId)?.kind !== 'specialist') {
			const path = [index, 'supervisorId'];
			ctx.addIssue({ code: 'custom', path, message: 'peopleSupervisorNotSpecialist' });
		}
	});
});
export type People = z.infer<typeof People>;

/** The columns of a people file, in the order they are written, with their header in each language. */
export const PEOPLE_CSV_COLUMNS = [
	{ key: 'kind', sv: 'typ', en: 'kind' },
	{ key: 'name', sv: 'namn', en: 'name' },
	{ key: 'email', sv: 'e-post', en: 'email' },
	{ key: 'title', sv: 'titel', en: 'title' },
	{ key: 'specialty', sv: 'specialitet', en: 'specialty' },
	{ key: 'stStart', sv: 'st-start', en: 'stStart' },
	{ key: 'regulation', sv: 'föreskrift', en: 'regulation' },
	{ key: 'monthsOfLeave', sv: 'ledighet_månader', en: 'monthsOfLeave' },
	{ key: 'supervisor', sv: 'handledare', en: 'supervisor' },
	{ key: 'language', sv: 'språk', en: 'language' }
] as const satisfies readonly ({ key: string } & Record<Locale, string>)[];
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number]['key'];

/** A file with more data rows than this is refused: split it. */
export const MAX_PEOPLE_CSV_ROWS = 2000;

const REQUIRED_COLUMNS: readonly PeopleCsvColumn[] = ['kind', 'name'];

const KIND_WORDS: Record<PersonKind, Record<Locale, string>> = {
	specialist: { sv: 'specialist', en: 'specialist' },
	trainee: { sv: 'st-läkare', en: 'trainee' },
	observer: { sv: 'observatör', en: 'observer' }
};
const KIND_OF_WORD = new Map<string, PersonKind>([
	...PersonKind.options.flatMap((kind) =>
		Object.values(KIND_WORDS[kind]).map((word): [string, PersonKind] => [word, kind])
	),
	['st-lakare', 'trainee'],
	['observator', 'observer']
]);

/** What a language cell may say: the code, or the language's name in either language. */
const LANGUAGE_OF_WORD = new Map<string, Locale>([
	...(['sv', 'svenska', 'swedish'] as const).map((word): [string, Locale] => [word, 'sv']),
	...(['en', 'engelska', 'english'] as const).map((word): [string, Locale] => [word, 'en'])
]);

/** A cell a spreadsheet would run as a formula; a leading `'` makes it text (CSV injection). */
const FORMULA = /^'*[=+\-@\t\r]/;

const ImportIssue = z.object({ path: z.string(), message: z.string(), code: z.string() });

/**
 * One data row of an imported file. `line` is its row number as a spreadsheet shows it (the
 * header is line 1). `existingId` is the register person it updates: the one with its e-mail, or,
 * failing that, the only one without e-mail who has its exact name; null makes a new person.
 * `supervisorRef` is set when the handledare is a new specialist on another line of the same
 * file: `person.supervisorId` is then '' until that row has an id (see `applyPeopleImport`).
 */
export const PeopleImportRow = z.object({
	line: z.int().min(1),
	person: PersonInput.nullable(),
	existingId: z.uuid().nullable(),
	supervisorRef: z.object({ line: z.int().min(1) }).nullable(),
	issues: z.array(ImportIssue)
});
export type PeopleImportRow = z.infer<typeof PeopleImportRow>;

/**
 * What an import would do, shown before the user confirms. An issue's `path` is the column's
 * header in the reader's language (`e-post`, or `email` in English; an unknown column as the
 * file wrote it), '' for the file or row as a whole. `ok` only when no row and no file issue.
 */
export const PeopleImportPreview = z.object({
	ok: z.boolean(),
	rows: z.array(PeopleImportRow),
	issues: z.array(ImportIssue)
});
export type PeopleImportPreview = z.infer<typeof PeopleImportPreview>;

type Cells = Partial<Record<PeopleCsvColumn, string>>;
interface Row {
	line: number;
	cells: string[];
}
interface Entry {
	line: number;
	kind: PersonKind | null;
	cells: Cells;
	existing: Person | undefined;
	issues: FieldIssue[];
}
/** Who a handledare cell may name: the file's rows and the register people no row updates (line 0). */
interface Candidate {
	kind: PersonKind;
	name: string;
	email: string;
	id: string | null;
	line: number;
}

/**
 * Reads a people file into the preview of its import; writes nothing. Headers in Swedish or
 * English, any case and order; `,` or `;`; BOM or not. For a person it updates, a column the file
 * leaves out keeps the register's value, a blank cell clears it. Cells a kind lacks are ignored.
 * The handledare names a specialist in the register or the file by e-mail, or by exact name.
 */
export function parsePeopleCsv(
	text: string,
	options: { existing?: readonly Person[]; locale?: Locale } = {}
): PeopleImportPreview {
	const { existing = [], locale = 'sv' } = options;
	const refuse = (issues: FieldIssue[]) => ({ ok: false, rows: [], issues });
	const file = (message: ValidationCode, params?: MessageParams) =>
		fieldIssue({ path: '', message, locale, params });
	const { rows, issues } = readRows(text, locale);
	const [header, ...data] = rows;
	if (!header) return refuse([file('peopleEmptyFile')]);
	const keys = header.cells.map(columnOf);
	const headerIssues = checkHeader(header.cells, keys, locale);
	if (headerIssues.length > 0) return refuse(headerIssues);
	if (data.length === 0) return refuse([file('peopleEmptyFile')]);
	if (data.length > MAX_PEOPLE_CSV_ROWS) {
		return refuse([file('peopleTooManyRows', { n: MAX_PEOPLE_CSV_ROWS })]);
	}
	const entries = toEntries({ data, keys, existing, locale });
	const candidates = candidatesOf(entries, existing);
	const previews = entries.map((entry) => previewRow({ entry, candidates, locale }));
	checkStillSupervising({ rows: previews, entries, existing, locale });
	const ok = issues.length === 0 && previews.every((row) => row.issues.length === 0);
	return { ok, rows: previews, issues };
}

/**
 * The register changes a confirmed import makes: `newId` gives each new person an id, and a
 * handledare on another line of the file is resolved to that row's id. Only for an `ok` preview.
 */
export function applyPeopleImport(options: {
	preview: PeopleImportPreview;
	newId: () => string;
	now: string;
}): { created: Person[]; updated: Person[] } {
	const { preview, newId, now } = options;
	if (!preview.ok) throw new Error('Only an import without issues can be applied.');
	const ids = new Map(preview.rows.map((row) => [row.line, row.existingId ?? newId()]));
	const created: Person[] = [];
	const updated: Person[] = [];
	for (const { line, person, existingId, supervisorRef } of preview.rows) {
		if (!person) throw new Error(`Line ${line} has no person.`);
		const id = ids.get(line) ?? newId();
		const stored: Person = { ...person, id, updatedAt: now };
		if (stored.kind === 'trainee' && supervisorRef) {
			stored.supervisorId = ids.get(supervisorRef.line) ?? '';
		}
		(existingId ? updated : created).push(stored);
	}
	return { created, updated };
}

/** The register as a file: headers and kinds in the reader's language, `;` for Swedish Excel, a BOM so Excel reads UTF-8. */
export function peopleToCsv(people: readonly Person[], options: { locale?: Locale } = {}): string {
	const { locale = 'sv' } = options;
	const byId = new Map(people.map((person) => [person.id, person]));
	const data = people.map((person) =>
		PEOPLE_CSV_COLUMNS.map(({ key }) => cellOf({ person, key, byId, locale }))
	);
	const fields = PEOPLE_CSV_COLUMNS.map((column) => column[locale]);
	const csv = Papa.unparse(
		{ fields, data },
		{ delimiter: locale === 'sv' ? ';' : ',', newline: '\r\n', escapeFormulae: FORMULA }
	);
	return `\uFEFF${csv}`;
}

function cellOf(options: {
	person: Person;
	key: PeopleCsvColumn;
	byId: ReadonlyMap<string, Person>;
	locale: Locale;
}): string {
	const { person, key, byId, locale } = options;
	if (key === 'kind') return KIND_WORDS[person.kind][locale];
	if (key === 'name' || key === 'email' || key === 'language') return person[key];
	if (person.kind !== 'trainee') return key === 'title' ? person.title : '';
	if (key === 'title') return '';
	if (key === 'monthsOfLeave') return String(person.monthsOfLeave);
	if (key !== 'supervisor') return person[key];
	const supervisor = byId.get(person.supervisorId);
	return supervisor ? supervisor.email || supervisor.name : '';
}

/** The non-blank records of the file with their spreadsheet row numbers. */
function readRows(text: string, locale: Locale): { rows: Row[]; issues: FieldIssue[] } {
	const body = text.replace(/^\uFEFF/, '');
	const first = body.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
	const delimiter = first.split(';').length > first.split(',').length ? ';' : ',';
	const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
	const rows = parsed.data
		.map((cells, index) => ({ line: index + 1, cells }))
		.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
	const unclosed = parsed.errors.filter((error) => error.code === 'MissingQuotes');
	const issues = unclosed.map(({ row }) => {
		const params = { line: (row ?? 0) + 1 };
		return fieldIssue({ path: '', message: 'peopleUnclosedQuote', locale, params });
	});
	return { rows, issues };
}

function columnOf(header: string): PeopleCsvColumn | null {
	const wanted = header.trim().normalize('NFC').toLowerCase();
	const column = PEOPLE_CSV_COLUMNS.find(
		(candidate) => candidate.sv === wanted || candidate.en.toLowerCase() === wanted
	);
	return column?.key ?? null;
}

function label(key: PeopleCsvColumn, locale: Locale): string {
	return PEOPLE_CSV_COLUMNS.find((column) => column.key === key)?.[locale] ?? key;
}

function checkHeader(
	cells: readonly string[],
	keys: readonly (PeopleCsvColumn | null)[],
	locale: Locale
): FieldIssue[] {
	if (!keys.some(Boolean)) return [fieldIssue({ path: '', message: 'peopleNoHeader', locale })];
	const issue = (path: string, message: ValidationCode) =>
		fieldIssue({ path, message, locale, params: { column: path } });
	const unknown = cells.map((cell) => cell.trim()).filter((cell, i) => cell && !keys[i]);
	const twice = PEOPLE_CSV_COLUMNS.filter(
		({ key }) => keys.filter((other) => other === key).length > 1
	);
	const missing = REQUIRED_COLUMNS.filter((key) => !keys.includes(key));
	return [
		...unknown.map((cell) => issue(cell, 'peopleUnknownColumn')),
		...twice.map((column) => issue(column[locale], 'peopleDuplicateColumn')),
		...missing.map((key) => issue(label(key, locale), 'peopleMissingColumn'))
	];
}

/** Each data row's cells by column, the person it updates, and whether it repeats an earlier row. */
function toEntries(options: {
	data: readonly Row[];
	keys: readonly (PeopleCsvColumn | null)[];
	existing: readonly Person[];
	locale: Locale;
}): Entry[] {
	const { data, keys, existing, locale } = options;
	const byEmail = new Map(existing.filter((p) => p.email).map((p) => [p.email.toLowerCase(), p]));
	const seen = new Map<string, number>();
	return data.map(({ line, cells: raw }) => {
		const cells: Cells = {};
		keys.forEach((key, i) => {
			if (key) cells[key] = unescapeCell(raw[i] ?? '');
		});
		const issues: FieldIssue[] = [];
		if (raw.some((cell, i) => !keys[i] && cell.trim() !== '')) {
			issues.push(fieldIssue({ path: '', message: 'peopleExtraCells', locale }));
		}
		const email = (cells.email ?? '').toLowerCase();
		const name = cells.name ?? '';
		const namesakes = existing.filter((p) => !p.email && p.name === name);
		const match = byEmail.get(email) ?? (namesakes.length === 1 ? namesakes[0] : undefined);
		const identities = [
			email && `e:${email}`,
			match && `i:${match.id}`,
			!email && name && `n:${name}`
		];
		const earlier = identities.map((key) => key && seen.get(key)).find(Boolean);
		if (earlier) {
			const message =
				email && seen.get(`e:${email}`) ? 'peopleDuplicateEmail' : 'peopleDuplicatePerson';
			issues.push(
				fieldIssue({ path: label('email', locale), message, locale, params: { line: earlier } })
			);
		}
		for (const key of identities) if (key && !seen.has(key)) seen.set(key, line);
		const kind = KIND_OF_WORD.get((cells.kind ?? '').toLowerCase()) ?? null;
		return { line, kind, cells, existing: match, issues };
	});
}

function unescapeCell(cell: string): string {
	const value = cell.trim();
	return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function candidatesOf(entries: readonly Entry[], existing: readonly Person[]): Candidate[] {
	const updated = new Set(entries.map((entry) => entry.existing?.id));
	const fromFile = entries.flatMap(({ kind, cells, existing: person, line }) =>
		kind
			? [{ kind, name: cells.name ?? '', email: cells.email ?? '', id: person?.id ?? null, line }]
			: []
	);
	const fromRegister = existing
		.filter((person) => !updated.has(person.id))
		.map(({ kind, name, email, id }) => ({ kind, name, email, id, line: 0 }));
	return [...fromFile, ...fromRegister];
}

function previewRow(options: {
	entry: Entry;
	candidates: readonly Candidate[];
	locale: Locale;
}): PeopleImportRow {
	const { entry, candidates, locale } = options;
	const { line, kind, cells } = entry;
	const issues = [...entry.issues];
	const row = { line, person: null, existingId: entry.existing?.id ?? null, supervisorRef: null };
	const column = (key: PeopleCsvColumn) => label(key, locale);
	if (!kind) {
		const message = cells.kind ? 'peopleUnknownKind' : 'missing';
		return { ...row, issues: [...issues, fieldIssue({ path: column('kind'), message, locale })] };
	}
	// A column the file leaves out keeps what the register has, so a partial file never blanks a field.
	const base: Record<string, unknown> = entry.existing?.kind === kind ? entry.existing : {};
	const input: Record<string, unknown> = { ...base, kind };
	for (const key of PEOPLE_CSV_COLUMNS.map((c) => c.key)) {
		if (key !== 'kind' && key !== 'supervisor' && key in cells)
			input[key] = fromCell(key, cells[key]);
	}
	let supervisorRef: PeopleImportRow['supervisorRef'] = null;
	if (kind === 'trainee' && cells.supervisor !== undefined) {
		const found = findSupervisor(cells.supervisor, candidates);
		if (typeof found === 'string') {
			issues.push(fieldIssue({ path: column('supervisor'), message: found, locale }));
		} else {
			input.supervisorId = found.id;
			supervisorRef = found.ref;
		}
	}
	const result = PersonInput.safeParse(input, { reportInput: true });
	if (result.success) return { ...row, person: result.data, supervisorRef, issues };
	const fieldIssues = toFieldIssues(result.error, locale).map((issue) =>
		columnIssue(issue, locale)
	);
	return { ...row, issues: [...issues, ...fieldIssues] };
}

function fromCell(key: PeopleCsvColumn, cell: string | undefined): unknown {
	if (!cell) return undefined;
	if (key === 'language') return LANGUAGE_OF_WORD.get(cell.toLowerCase()) ?? cell;
	if (key === 'monthsOfLeave') {
		return /^[+-]?\d+([.,]\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell;
	}
	if (key !== 'regulation') return cell;
	const squeezed = (value: string) => value.replace(/\s+/g, '').toUpperCase();
	return Regulation.options.find((value) => squeezed(value) === squeezed(cell)) ?? cell;
}

/** A schema issue placed on its column, with the messages a file's author needs. */
function columnIssue(issue: FieldIssue, locale: Locale): FieldIssue {
	const field = issue.path.split('.')[0] ?? '';
	const key = field === 'supervisorId' ? 'supervisor' : (field as PeopleCsvColumn);
	const path = label(key, locale);
	if (key === 'regulation' && issue.code === 'invalid_value') {
		return fieldIssue({ path, message: 'peopleRegulation', locale });
	}
	if (key === 'language' && issue.code === 'invalid_value') {
		return fieldIssue({ path, message: 'peopleLanguage', locale });
	}
	if (key === 'monthsOfLeave' && issue.code === 'invalid_type') {
		return fieldIssue({ path, message: 'wholeNumber', locale });
	}
	return { ...issue, path };
}

/** The specialist a handledare cell names: by e-mail when it has an `@`, else by exact name. */
function findSupervisor(
	cell: string,
	candidates: readonly Candidate[]
): ValidationCode | { id: string; ref: { line: number } | null } {
	if (!cell) return { id: '', ref: null };
	const email = cell.includes('@') ? cell.toLowerCase() : null;
	const found = candidates.filter((candidate) =>
		email === null ? candidate.name === cell : candidate.email.toLowerCase() === email
	);
	const [only, ...more] = found;
	if (!only) return 'peopleSupervisorUnknown';
	if (more.length > 0) return 'peopleSupervisorAmbiguous';
	if (only.kind !== 'specialist') return 'peopleSupervisorNotSpecialist';
	return only.id ? { id: only.id, ref: null } : { id: '', ref: { line: only.line } };
}

/** A specialist the file turns into someone else must not still be a trainee's handledare. */
function checkStillSupervising(options: {
	rows: PeopleImportRow[];
	entries: readonly Entry[];
	existing: readonly Person[];
	locale: Locale;
}): void {
	const { rows, entries, existing, locale } = options;
	const updated = new Set(entries.map((entry) => entry.existing?.id));
	const trainees = [
		...existing.filter((person) => !updated.has(person.id)),
		...rows.flatMap((row) => (row.person ? [row.person] : []))
	].filter((person) => person.kind === 'trainee');
	rows.forEach((row, index) => {
		const before = entries[index]?.existing;
		const kind = entries[index]?.kind;
		if (before?.kind !== 'specialist' || !kind || kind === 'specialist') return;
		const trainee = trainees.find((person) => person.supervisorId === before.id);
		if (!trainee) return;
		const path = label('kind', locale);
		const params = { name: trainee.name };
		row.issues.push(fieldIssue({ path, message: 'peopleStillSupervisor', locale, params }));
	});
}

/** An import: the file's text, and whether to write it (false: only the preview). */
export const PeopleImportInput = z.object({
	csv: z.string().max(1_000_000),
	confirm: z.boolean().default(false)
});
export type PeopleImportInput = z.infer<typeof PeopleImportInput>;

/** The preview, and whether it was written (only when confirmed and without issues). */
export const PeopleImportResult = z.object({
	preview: PeopleImportPreview,
	written: z.boolean(),
	created: z.int(),
	updated: z.int()
});
export type PeopleImportResult = z.infer<typeof PeopleImportResult>;

/**
 * People picked from the register into a kollegium, each with their roles in it. A trainee of a
 * specialistkollegium becomes one of its subjects (roles are then ignored).
 */
export const RegisterPick = z.object({
	people: z
		.array(
			z.object({
				personId: z.uuid(),
				roles: z
					.array(z.enum(['assessor', 'trainee', 'supervisor', 'observer']))
					.max(4)
					.default([])
			})
		)
		.min(1)
		.max(200)
});
export type RegisterPick = z.infer<typeof RegisterPick>;
