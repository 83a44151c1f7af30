import {
	translate,
	applyPeopleImport,
	parsePeopleCsv,
	peopleToCsv,
	type FieldIssue,
	type Locale,
	type PeopleImportInput,
	type PeopleImportPreview,
	type PeopleImportResult,
	type Person
} from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';
import { peopleOf, personColumns } from './people.ts';

/** Rows per INSERT: well inside both engines' limit on bound parameters. */
const CHUNK = 100;

/**
 * Imports a people file into a clinic's register. Unconfirmed, it only answers the preview.
 * Confirmed, the file is read again against the register as it is inside the transaction (so
 * two imports at once cannot both create one e-mail) and written whole, or, with any issue,
 * refused whole: 400 `validation` whose issues are placed `csv` (or `csv.<column>`) for the
 * file and `rows.<line>.<column>` (or `rows.<line>`) for a row, `<line>` counted as the
 * spreadsheet shows it and `<column>` the header in the reader's language.
 */
export async function importPeople(
	deps: Deps,
	options: { clinicId: string; input: PeopleImportInput; locale: Locale }
): Promise<PeopleImportResult> {
	const { clinicId, input, locale } = options;
	if (!input.confirm) {
		const existing = await peopleOf(deps.db, clinicId);
		const preview = parsePeopleCsv(input.csv, { existing, locale });
		return { preview, written: false, created: 0, updated: 0 };
	}
	return deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'clinics', clinicId);
		const existing = await peopleOf(trx, clinicId);
		const preview = parsePeopleCsv(input.csv, { existing, locale });
		if (!preview.ok) fail(400, 'validation', importIssues(preview));
		const now = deps.now().toISOString();
		const changes = applyPeopleImport({ preview, newId: () => crypto.randomUUID(), now });
		await writeImport(trx, { clinicId, ...changes, now });
		const { created, updated } = changes;
		return { preview, written: true, created: created.length, updated: updated.length };
	});
}

/** Every issue of a preview on one list, each placed in the file or on its row. */
export function importIssues(preview: PeopleImportPreview): FieldIssue[] {
	const at = (prefix: string, path: string) => (path ? `${prefix}.${path}` : prefix);
	return [
		...preview.issues.map((issue) => ({ ...issue, path: at('csv', issue.path) })),
		...preview.rows.flatMap((row) =>
			row.issues.map((issue) => ({ ...issue, path: at(`rows.${row.line}`, issue.path) }))
		)
	];
}

/**
 * Writes an applied import. New people go in without handledare first, since a trainee's
 * handledare may be a specialist further down the file; then the handledare are set.
 */
async function writeImport(
	trx: Transaction<Database>,
	options: { clinicId: string; created: Person[]; updated: Person[]; now: string }
): Promise<void> {
	const { clinicId, created, updated, now } = options;
	const rows = created.map((person) => ({
		...personColumns(person),
		supervisorId: null,
		id: person.id,
		clinicId,
		createdAt: now,
		updatedAt: now
	}));
	for (let start = 0; start < rows.length; start += CHUNK) {
		await trx
			.insertInto('people')
			.values(rows.slice(start, start + CHUNK))
			.execute();
	}
	for (const person of created) {
		if (person.kind !== 'trainee' || !person.supervisorId) continue;
		await trx
			.updateTable('people')
			.set({ supervisorId: person.supervisorId })
			.where('id', '=', person.id)
			.execute();
	}
	for (const person of updated) {
		await trx
			.updateTable('people')
			.set({ ...personColumns(person), updatedAt: now })
			.where('id', '=', person.id)
			.where('clinicId', '=', clinicId)
			.execute();
	}
}

/**
 * The register as a file in the reader's language, and its name. It reads back through
 * `importPeople` unchanged.
 */
export async function peopleExport(
	db: Db,
	options: { clinicId: string; locale: Locale }
): Promise<{ csv: string; fileName: string }> {
	const { clinicId, locale } = options;
	const people = await peopleOf(db, clinicId);
	const clinic = await db
		.selectFrom('clinics')
		.select('name')
		.where('id', '=', clinicId)
		.executeTakeFirstOrThrow();
	const name = translate(locale, 'people.fileName', { clinic: clinic.name });
	const fileName = `${name}.csv`.replace(/[\\/:*?"<>|]/g, '-');
	return { csv: peopleToCsv(people, { locale }), fileName };
}
