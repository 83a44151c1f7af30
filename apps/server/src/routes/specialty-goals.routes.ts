import { Slug, SpecialtyGoalsEdit, SpecialtyGoalsImportInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import {
	deleteSpecialtyGoals,
	editSpecialtyGoals,
	importSpecialtyGoals,
	specialtyGoalLists
} from '../domain/specialty-goals.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['Templates and delmål'];
const ListParam = z.object({ listId: Slug });

/** Each specialty's c-delmål, under /catalog/specialty-goals: read by all, kept by administrators. */
export function specialtyGoalsRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/specialty-goals',
			describeRoute({
				tags,
				summary: "The specialties' c-delmål, per regulation (a shipped example says it is one)",
				responses: responsesFor('GET /catalog/specialty-goals')
			}),
			async (c) => c.json(await specialtyGoalLists(deps))
		)
		.post(
			'/specialty-goals/import',
			describeRoute({
				tags,
				summary: "Preview a specialty's c-delmål from CSV or JSON, or save them whole",
				description:
					'With `dryRun: true` only the preview. Otherwise a file with any issue is saved not ' +
					'at all: 400 `validation`, each issue placed `text` or `text.<column>` for the file, ' +
					'`rows.<line>.<column>` or `rows.<line>` for a row (the line as a spreadsheet counts ' +
					'it, or the goal counted from 1 in JSON). A saved list replaces the earlier one.',
				responses: responsesFor('POST /catalog/specialty-goals/import')
			}),
			validate('json', SpecialtyGoalsImportInput),
			async (c) => {
				const input = c.req.valid('json');
				const by = c.get('user');
				return c.json(await importSpecialtyGoals(deps, { input, by, locale: c.get('locale') }));
			}
		)
		.put(
			'/specialty-goals/:listId',
			describeRoute({
				tags,
				summary: "Change a list's codes and titles (the shipped example: save your own copy)",
				responses: responsesFor('PUT /catalog/specialty-goals/:listId')
			}),
			validate('param', ListParam),
			validate('json', SpecialtyGoalsEdit),
			async (c) => {
				const { listId } = c.req.valid('param');
				const edit = c.req.valid('json');
				const options = { listId, edit, by: c.get('user'), locale: c.get('locale') };
				return c.json(await editSpecialtyGoals(deps, options));
			}
		)
		.delete(
			'/specialty-goals/:listId',
			describeRoute({
				tags,
				summary: 'Remove a saved list (a shipped example of its specialty comes back)',
				responses: responsesFor('DELETE /catalog/specialty-goals/:listId')
			}),
			validate('param', ListParam),
			async (c) => {
				await deleteSpecialtyGoals(deps.db, c.req.valid('param').listId);
				return c.body(null, 204);
			}
		);
}
