import {
	allFeedbackGiven,
	customMessages,
	KollegiumInput,
	KollegiumStatus,
	canMoveTo,
	isFormEditable
} from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import {
	createKollegium,
	kollegiumColumns,
	kollegiumDetail,
	ownedKollegium
} from '../domain/kollegier.ts';
import { forgetOriginals } from '../domain/comments.ts';
import { deliverIfDone, handoverEntries } from '../domain/handover.ts';
import { progressOf } from '../domain/progress.ts';
import { closedForPreparation } from '../domain/preparation.ts';
import { requireUser } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const IdParam = z.object({ id: z.uuid() });
const tags = ['Kollegier'];

/** A facilitator's kollegier: create, edit, open for answers, follow progress. */
export function kollegierRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.use(requireUser(deps))
		.get('/', describeRoute({ tags, summary: 'List your kollegier' }), async (c) => {
			const rows = await deps.db
				.selectFrom('kollegier')
				.select(['id', 'kind', 'title', 'startsAt', 'answerDeadline', 'status'])
				.where('ownerId', '=', c.get('user').id)
				.orderBy('startsAt', 'desc')
				.execute();
			return c.json(rows);
		})
		.post(
			'/',
			describeRoute({ tags, summary: 'Create a kollegium' }),
			validate('json', KollegiumInput),
			async (c) => {
				const input = c.req.valid('json');
				// A meeting is set up ahead of time; a date in the past is almost always a typo.
				if (Date.parse(input.startsAt) < deps.now().getTime()) {
					fail(400, 'validation', [
						{
							path: 'startsAt',
							code: 'inThePast',
							message: customMessages.inThePast?.[c.get('locale')] ?? ''
						}
					]);
				}
				const id = await createKollegium(deps, { ownerId: c.get('user').id, input });
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.get(
			'/:id',
			describeRoute({ tags, summary: 'A kollegium with participants and subjects' }),
			validate('param', IdParam),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.put(
			'/:id',
			describeRoute({ tags, summary: 'Edit a kollegium; the form is locked once it is open' }),
			validate('param', IdParam),
			validate('json', KollegiumInput),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				const input = c.req.valid('json');
				if (input.kind !== row.kind) fail(409, 'kindLocked');
				const columns = kollegiumColumns(deps, input);
				const formChanged =
					columns.templateId !== row.templateId || columns.customItems !== row.customItems;
				const editable = isFormEditable(KollegiumStatus.parse(row.status));
				// Once the answers were copied out for curation, answering cannot reopen: later
				// answers would never reach the comments, and replaced ones would still be shown.
				const reopens =
					row.commentsTakenAt !== null &&
					columns.answerDeadline !== row.answerDeadline &&
					Date.parse(columns.answerDeadline) > deps.now().getTime();
				if (reopens) {
					const message = customMessages.answeringClosedForGood?.[c.get('locale')] ?? '';
					fail(409, 'answeringClosedForGood', [
						{ path: 'answerDeadline', code: 'answeringClosedForGood', message }
					]);
				}
				if (formChanged && !editable) fail(409, 'formLocked');
				// Respondents answered under the promise of k: it may rise, never fall.
				if (!editable && input.minRespondents < row.minRespondents) {
					const message = `At least ${row.minRespondents}`;
					fail(409, 'minRespondentsLocked', [
						{ path: 'minRespondents', code: 'minRespondentsLocked', message }
					]);
				}
				const form = formChanged ? columns.form : row.form;
				if (columns.startsAt !== row.startsAt) await followMeeting(deps, row.id, columns.startsAt);
				await deps.db
					.updateTable('kollegier')
					.set({ ...columns, form, updatedAt: deps.now().toISOString() })
					.where('id', '=', row.id)
					.execute();
				deps.changes.meetingChanged(row.id);
				return c.json(await kollegiumDetail(deps.db, { ...row, ...columns, form }));
			}
		)
		.delete(
			'/:id',
			describeRoute({ tags, summary: 'Delete a kollegium and everything in it' }),
			validate('param', IdParam),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				await deps.db.transaction().execute(async (trx) => {
					await trx.deleteFrom('responses').where('kollegiumId', '=', row.id).execute();
					await trx.deleteFrom('invitations').where('kollegiumId', '=', row.id).execute();
					await trx.deleteFrom('subjects').where('kollegiumId', '=', row.id).execute();
					await trx.deleteFrom('participants').where('kollegiumId', '=', row.id).execute();
					await trx.deleteFrom('kollegier').where('id', '=', row.id).execute();
				});
				return c.body(null, 204);
			}
		)
		.post(
			'/:id/status',
			describeRoute({ tags, summary: 'Move the kollegium on (draft → open opens it for answers)' }),
			validate('param', IdParam),
			validate('json', z.object({ status: KollegiumStatus })),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				const to = c.req.valid('json').status;
				if (!canMoveTo(KollegiumStatus.parse(row.status), to)) fail(409, 'statusNotAllowed');
				if (to === 'open') await assertReadyToOpen(deps, row);
				if (to === 'delivered' && !allFeedbackGiven(await handoverEntries(deps.db, row.id))) {
					fail(409, 'feedbackNotGiven');
				}
				if (to === 'live') {
					// The meeting starts from closed answers and curated comments, never live input.
					if (!(await closedForPreparation(deps, row))) fail(409, 'answeringStillOpen');
				}
				await deps.db
					.updateTable('kollegier')
					.set({ status: to, updatedAt: deps.now().toISOString() })
					.where('id', '=', row.id)
					.execute();
				let status = to;
				if (to === 'closed') {
					await forgetOriginals(deps.db, row.id);
					deps.changes.meetingEnded(row.id);
					// Feedback may all have been passed on before the meeting was formally closed.
					const entries = await handoverEntries(deps.db, row.id);
					if (await deliverIfDone(deps.db, row.id, entries, deps.now())) status = 'delivered';
				}
				return c.json(await kollegiumDetail(deps.db, { ...row, status }));
			}
		)
		.get(
			'/:id/progress',
			describeRoute({ tags, summary: 'Who has answered (never what)' }),
			validate('param', IdParam),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				return c.json(await progressOf(deps.db, row));
			}
		);
}

async function assertReadyToOpen(deps: Deps, row: { id: string; kind: string }): Promise<void> {
	const progress = await progressOf(deps.db, row);
	if (
		!progress.subjects.some((subject) => subject.invited > 0 || subject.selfAssessment !== null)
	) {
		fail(409, 'nothingToAnswer');
	}
}

/** Links stay valid until some days after the meeting, wherever the meeting moves. */
async function followMeeting(deps: Deps, kollegiumId: string, startsAt: string): Promise<void> {
	const until = Date.parse(startsAt) + deps.config.invitationGraceDays * 86_400_000;
	await deps.db
		.updateTable('invitations')
		.set({ expiresAt: new Date(Math.max(until, deps.now().getTime())).toISOString() })
		.where('kollegiumId', '=', kollegiumId)
		.where('revokedAt', 'is', null)
		.execute();
}
