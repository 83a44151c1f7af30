import { fieldIssue, KollegiumInput, StatusChange } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { createKollegium, kollegiumDetail, ownedKollegium } from '../domain/kollegier.ts';
import { deleteKollegium, editKollegium, moveKollegium } from '../domain/kollegium-lifecycle.ts';
import { progressOf } from '../domain/progress.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const IdParam = z.object({ id: z.uuid() });
const tags = ['Kollegier'];

/** A facilitator's kollegier: create, edit, open for answers, follow progress. */
export function kollegierRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/',
			describeRoute({
				tags,
				summary: 'List your kollegier',
				responses: responsesFor('GET /kollegier')
			}),
			async (c) => {
				const rows = await deps.db
					.selectFrom('kollegier')
					.select(['id', 'kind', 'title', 'startsAt', 'answerDeadline', 'status'])
					.where('ownerId', '=', c.get('user').id)
					.orderBy('startsAt', 'desc')
					.orderBy('id')
					.execute();
				return c.json(rows);
			}
		)
		.post(
			'/',
			describeRoute({
				tags,
				summary: 'Create a kollegium',
				responses: responsesFor('POST /kollegier')
			}),
			validate('json', KollegiumInput),
			async (c) => {
				const input = c.req.valid('json');
				// A meeting is set up ahead of time; a date in the past is almost always a typo.
				if (Date.parse(input.startsAt) < deps.now().getTime()) {
					fail(400, 'validation', [
						fieldIssue({ path: 'startsAt', message: 'inThePast', locale: c.get('locale') })
					]);
				}
				const id = await createKollegium(deps, {
					ownerId: c.get('user').id,
					input,
					locale: c.get('locale')
				});
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.get(
			'/:id',
			describeRoute({
				tags,
				summary: 'A kollegium with participants and subjects',
				responses: responsesFor('GET /kollegier/:id')
			}),
			validate('param', IdParam),
			async (c) => {
				const row = c.get('kollegium');
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.put(
			'/:id',
			describeRoute({
				tags,
				summary: 'Edit a kollegium; the form is locked once it is open',
				responses: responsesFor('PUT /kollegier/:id')
			}),
			validate('param', IdParam),
			validate('json', KollegiumInput),
			async (c) => {
				const row = await editKollegium(deps, {
					row: c.get('kollegium'),
					input: c.req.valid('json'),
					locale: c.get('locale')
				});
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.delete(
			'/:id',
			describeRoute({
				tags,
				summary: 'Delete a kollegium and everything in it',
				responses: responsesFor('DELETE /kollegier/:id')
			}),
			validate('param', IdParam),
			async (c) => {
				await deleteKollegium(deps, c.get('kollegium').id);
				return c.body(null, 204);
			}
		)
		.post(
			'/:id/status',
			describeRoute({
				tags,
				summary: 'Move the kollegium on (draft → open opens it for answers)',
				responses: responsesFor('POST /kollegier/:id/status')
			}),
			validate('param', IdParam),
			validate('json', StatusChange),
			async (c) => {
				const row = c.get('kollegium');
				const status = await moveKollegium(deps, { row, to: c.req.valid('json').status });
				return c.json(await kollegiumDetail(deps.db, { ...row, status }));
			}
		)
		.get(
			'/:id/progress',
			describeRoute({
				tags,
				summary: 'Who has answered (never what)',
				responses: responsesFor('GET /kollegier/:id/progress')
			}),
			validate('param', IdParam),
			async (c) => {
				const row = c.get('kollegium');
				return c.json(await progressOf(deps.db, row));
			}
		);
}
