import {
	Goal,
	SpecialtyGoals,
	checkInput,
	parseSpecialtyGoals,
	previewGoals,
	specialtyGoalsFor,
	specialtyGoalsImportIssues,
	specialtyKey,
	withShippedExamples,
	type Locale,
	type Regulation,
	type SpecialtyGoalList,
	type SpecialtyGoalsEdit,
	type SpecialtyGoalsImportInput,
	type SpecialtyGoalsImportResult
} from '@kollegium/model';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { SpecialtyGoalsTable } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';

type Row = Selectable<SpecialtyGoalsTable>;
type Editor = { name: string };

function listOf(row: Row): SpecialtyGoalList {
	return {
		id: row.id,
		regulation: row.regulation as Regulation,
		specialty: row.specialty,
		example: row.example === 1,
		goals: z.array(Goal).parse(JSON.parse(row.goals)),
		shipped: false,
		updatedAt: row.updatedAt,
		updatedBy: row.updatedBy
	};
}

/** The lists the installation has: those saved, and each shipped example none of them replaces. */
export async function specialtyGoalLists(
	deps: Pick<Deps, 'db' | 'library'>
): Promise<SpecialtyGoalList[]> {
	const rows = await deps.db.selectFrom('specialtyGoals').selectAll().execute();
	return withShippedExamples(rows.map(listOf), deps.library.specialtyGoals);
}

/**
 * Saves one specialty's list, replacing the one it had (under this regulation) in one
 * statement, so two saves at once leave one list. The list is valid: the caller checked it.
 */
async function saveList(
	deps: Pick<Deps, 'db' | 'now'>,
	options: { list: SpecialtyGoals; by: Editor }
): Promise<SpecialtyGoalList> {
	const { list, by } = options;
	const values = {
		specialty: list.specialty.trim(),
		goals: JSON.stringify(list.goals),
		example: list.example ? 1 : 0,
		updatedAt: deps.now().toISOString(),
		updatedBy: by.name
	};
	const row = await deps.db
		.insertInto('specialtyGoals')
		.values({
			...values,
			id: crypto.randomUUID(),
			regulation: list.regulation,
			specialtyKey: specialtyKey(list.specialty)
		})
		.onConflict((conflict) => conflict.columns(['regulation', 'specialtyKey']).doUpdateSet(values))
		.returningAll()
		.executeTakeFirstOrThrow();
	return listOf(row);
}

/**
 * Imports a specialty's c-delmål from CSV or JSON. A dry run only previews; otherwise the file
 * is saved whole, or with any bad row refused whole: 400 `validation` with each issue placed
 * `text` (or `text.<column>`) for the file and `rows.<line>.<column>` (or `rows.<line>`) for a
 * row. A saved list replaces the specialty's earlier one (and the shipped example).
 */
export async function importSpecialtyGoals(
	deps: Pick<Deps, 'db' | 'now'>,
	options: { input: SpecialtyGoalsImportInput; by: Editor; locale: Locale }
): Promise<SpecialtyGoalsImportResult> {
	const { input, by, locale } = options;
	const preview = parseSpecialtyGoals({ ...input, locale });
	if (input.dryRun) return { preview, list: null };
	if (!preview.ok) fail(400, 'validation', specialtyGoalsImportIssues(preview));
	const list = { ...input, example: false, goals: previewGoals(preview) };
	return { preview, list: await saveList(deps, { list, by }) };
}

/** The stored or shipped list with this id, or 404. */
async function listById(
	deps: Pick<Deps, 'db' | 'library'>,
	listId: string
): Promise<SpecialtyGoalList> {
	const row = await deps.db
		.selectFrom('specialtyGoals')
		.selectAll()
		.where('id', '=', listId)
		.executeTakeFirst();
	if (row) return listOf(row);
	return (
		deps.library.specialtyGoals.find((list) => list.id === listId) ??
		fail(404, 'specialtyGoalsNotFound')
	);
}

/**
 * Changes a list's goals (codes and titles) and whether it is an example. Editing the shipped
 * example saves the administrator's own copy in its place. Fields at fault are `goals.<n>.code`.
 */
export async function editSpecialtyGoals(
	deps: Pick<Deps, 'db' | 'library' | 'now'>,
	options: { listId: string; edit: SpecialtyGoalsEdit; by: Editor; locale: Locale }
): Promise<SpecialtyGoalList> {
	const { listId, edit, by, locale } = options;
	const current = await listById(deps, listId);
	const checked = checkInput(
		SpecialtyGoals,
		{ regulation: current.regulation, specialty: current.specialty, ...edit },
		locale
	);
	if (!checked.success) fail(400, 'validation', checked.issues);
	if (current.shipped) return saveList(deps, { list: checked.data, by });
	const row = await deps.db
		.updateTable('specialtyGoals')
		.set({
			goals: JSON.stringify(checked.data.goals),
			example: checked.data.example ? 1 : 0,
			updatedAt: deps.now().toISOString(),
			updatedBy: by.name
		})
		.where('id', '=', listId)
		.returningAll()
		.executeTakeFirst();
	return row ? listOf(row) : fail(404, 'specialtyGoalsNotFound');
}

/** Removes a saved list; the shipped example of its specialty, if any, is offered again. */
export async function deleteSpecialtyGoals(db: Db, listId: string): Promise<void> {
	const result = await db.deleteFrom('specialtyGoals').where('id', '=', listId).executeTakeFirst();
	if (result.numDeletedRows === 0n) fail(404, 'specialtyGoalsNotFound');
}

/** The c-delmål of a trainee's specialty under their regulation; none when there is no list. */
export async function specialtyGoalsOf(
	deps: Pick<Deps, 'db' | 'library'>,
	subject: { specialty: string | null; regulation: Regulation | null }
): Promise<Goal[]> {
	if (!subject.specialty || !subject.regulation) return [];
	return specialtyGoalsFor(await specialtyGoalLists(deps), subject)?.goals ?? [];
}
