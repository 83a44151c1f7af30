import { CommentEdit, ReadyChange } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { assertCommentNotShown, editComment } from '../domain/comments.ts';
import { preparation } from '../domain/preparation.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const tags = ['Preparation'];

/** Between answering and the meeting: close answering, curate comments, preview, mark ready. */
export function preparationRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.post(
			'/:id/close-answering',
			describeRoute({
				tags,
				summary: 'Close answering now, before the deadline',
				responses: responsesFor('POST /kollegier/:id/close-answering')
			}),
			validate('param', KollegiumParam),
			async (c) => {
				const row = c.get('kollegium');
				if (row.status !== 'open') fail(409, 'statusNotAllowed');
				const now = deps.now().toISOString();
				if (Date.parse(row.answerDeadline) > Date.parse(now)) {
					await deps.db
						.updateTable('kollegier')
						.set({ answerDeadline: now, updatedAt: now })
						.where('id', '=', row.id)
						.execute();
				}
				return c.json(
					await preparation(deps, {
						...row,
						answerDeadline: now < row.answerDeadline ? now : row.answerDeadline
					})
				);
			}
		)
		.get(
			'/:id/preparation',
			describeRoute({
				tags,
				summary: 'Comments to curate and a preview of what the room will see',
				responses: responsesFor('GET /kollegier/:id/preparation')
			}),
			validate('param', KollegiumParam),
			async (c) => {
				const row = c.get('kollegium');
				return c.json(await preparation(deps, row));
			}
		)
		.put(
			'/:id/comments/:commentId',
			describeRoute({
				tags,
				summary: 'Hide, rephrase, merge or theme a comment',
				responses: responsesFor('PUT /kollegier/:id/comments/:commentId')
			}),
			validate('param', z.object({ id: z.uuid(), commentId: z.uuid() })),
			validate('json', CommentEdit),
			async (c) => {
				const { commentId } = c.req.valid('param');
				const row = c.get('kollegium');
				if (!['open', 'live'].includes(row.status)) fail(409, 'statusNotAllowed');
				await assertCommentNotShown(deps.db, row, commentId);
				await editComment(deps.db, {
					kollegiumId: row.id,
					commentId,
					edit: c.req.valid('json'),
					locale: c.get('locale')
				});
				deps.changes.meetingChanged(row.id);
				return c.json(await preparation(deps, row));
			}
		)
		.put(
			'/:id/subjects/:subjectId/ready',
			describeRoute({
				tags,
				summary: 'Mark a subject prepared (or not)',
				responses: responsesFor('PUT /kollegier/:id/subjects/:subjectId/ready')
			}),
			validate('param', z.object({ id: z.uuid(), subjectId: z.uuid() })),
			validate('json', ReadyChange),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
				const result = await deps.db
					.updateTable('subjects')
					.set({ ready: c.req.valid('json').ready ? 1 : 0 })
					.where('id', '=', subjectId)
					.where('kollegiumId', '=', row.id)
					.executeTakeFirst();
				if (Number(result.numUpdatedRows) === 0) fail(404, 'subjectNotFound');
				return c.json(await preparation(deps, row));
			}
		);
}
