import {
	ClinicQuery,
	fieldIssue,
	KollegiumInput,
	StatusChange,
	type Locale
} from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { sendMeetingChange } from '../domain/invitation-mail.ts';
import { z } from 'zod';
import { membershipsOf } from '../auth/identity.ts';
import {
	createKollegium,
	kollegiumDetail,
	kollegiumOfColleague,
	kollegierOfColleague
} from '../domain/kollegier.ts';
import { deleteKollegium, editKollegium, moveKollegium } from '../domain/kollegium-lifecycle.ts';
import { progressOf } from '../domain/progress.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const IdParam = z.object({ id: z.uuid() });
const tags = ['Kollegier'];

/** A clinic's kollegier: create, edit, open for answers, follow progress. */
export function kollegierRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/',
			describeRoute({
				tags,
				summary: 'The kollegier of your clinics (or of one, with clinicId)',
				responses: responsesFor('GET /kollegier')
			}),
			validate('query', ClinicQuery),
			async (c) => {
				const { clinicId } = c.req.valid('query');
				return c.json(await kollegierOfColleague(deps.db, { userId: c.get('user').id, clinicId }));
			}
		)
		.post(
			'/',
			describeRoute({
				tags,
				summary: 'Create a kollegium',
				responses: responsesFor('POST /kollegier')
			}),
			validate('query', ClinicQuery),
			validate('json', KollegiumInput),
			async (c) => {
				const input = c.req.valid('json');
				const clinicId = await clinicToCreateIn(deps, {
					userId: c.get('user').id,
					asked: c.req.valid('query').clinicId,
					locale: c.get('locale')
				});
				// A meeting is set up ahead of time; a date in the past is almost always a typo.
				if (Date.parse(input.startsAt) < deps.now().getTime()) {
					fail(400, 'validation', [
						fieldIssue({ path: 'startsAt', message: 'inThePast', locale: c.get('locale') })
					]);
				}
				const userId = c.get('user').id;
				const id = await createKollegium(deps, {
					clinicId,
					createdBy: userId,
					input,
					locale: c.get('locale')
				});
				const created = await kollegiumOfColleague(deps.db, { id, userId });
				if (!created) throw new Error('The kollegium just created is not found');
				return c.json(await kollegiumDetail(deps.db, created.row), 201);
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
				const before = c.get('kollegium');
				const row = await editKollegium(deps, {
					row: before,
					input: c.req.valid('json'),
					locale: c.get('locale')
				});
				if (
					row.startsAt !== before.startsAt ||
					row.title !== before.title ||
					row.location !== before.location ||
					row.videoLink !== before.videoLink
				)
					await sendMeetingChange(deps, row, 'moved');
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
				// The calendar's cancellation is queued first: the outbox outlives the kollegium.
				await sendMeetingChange(deps, c.get('kollegium'), 'cancelled');
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
				const to = c.req.valid('json').status;
				const status = await moveKollegium(deps, { row, to, by: c.get('user').id });
				const ranBy = to === 'live' ? c.get('user').id : row.ranBy;
				return c.json(await kollegiumDetail(deps.db, { ...row, status, ranBy }));
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

/**
 * The clinic a new kollegium goes into: the one asked for, where the user is a studierektor;
 * without one, the only clinic where they are.
 */
async function clinicToCreateIn(
	deps: Deps,
	options: { userId: string; asked: string | undefined; locale: Locale }
): Promise<string> {
	const memberships = await membershipsOf(deps.db, options.userId);
	if (options.asked) {
		const membership = memberships.find((m) => m.clinicId === options.asked);
		if (!membership) fail(404, 'clinicNotFound');
		if (membership.role !== 'studierektor') fail(403, 'forbidden');
		return membership.clinicId;
	}
	const runs = memberships.filter((m) => m.role === 'studierektor');
	if (runs.length === 1 && runs[0]) return runs[0].clinicId;
	if (runs.length === 0) fail(403, 'forbidden');
	return fail(400, 'validation', [
		fieldIssue({ path: 'clinicId', message: 'chooseClinic', locale: options.locale })
	]);
}
