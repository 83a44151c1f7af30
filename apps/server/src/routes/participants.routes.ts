import { KollegiumStatus, ParticipantInput, isAnswering } from '@kollegium/model';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { issueInvitation, revokeInvitations } from '../domain/invitations.ts';
import { kollegiumDetail, ownedKollegium, participantsOf } from '../domain/kollegier.ts';
import { requireUser } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const ParticipantParam = z.object({ id: z.uuid(), participantId: z.uuid() });
const tags = ['Participants and invitations'];

/** Where invitation links point: the configured public address, else the request's own. */

/** The people of a kollegium, their roles, and their invitation links. */
export function participantsRoutes(deps: Deps) {
	const owned = (c: Context<AppEnv>, id: string) =>
		ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
	const participantOf = async (kollegiumId: string, participantId: string) =>
		(await deps.db
			.selectFrom('participants')
			.select(['id'])
			.where('id', '=', participantId)
			.where('kollegiumId', '=', kollegiumId)
			.executeTakeFirst()) ?? fail(404, 'participantNotFound');

	return new Hono<AppEnv>()
		.use(requireUser(deps))
		.post(
			'/:id/participants',
			describeRoute({ tags, summary: 'Add a participant' }),
			validate('param', KollegiumParam),
			validate('json', ParticipantInput),
			async (c) => {
				const row = await owned(c, c.req.valid('param').id);
				const input = c.req.valid('json');
				const position = (await participantsOf(deps.db, row.id)).length;
				await deps.db
					.insertInto('participants')
					.values({
						id: crypto.randomUUID(),
						kollegiumId: row.id,
						name: input.name,
						email: input.email,
						roles: JSON.stringify(input.roles),
						position,
						createdAt: deps.now().toISOString()
					})
					.execute();
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.put(
			'/:id/participants/:participantId',
			describeRoute({ tags, summary: 'Edit a participant' }),
			validate('param', ParticipantParam),
			validate('json', ParticipantInput),
			async (c) => {
				const { id, participantId } = c.req.valid('param');
				const row = await owned(c, id);
				await participantOf(row.id, participantId);
				const input = c.req.valid('json');
				await deps.db
					.updateTable('participants')
					.set({ name: input.name, email: input.email, roles: JSON.stringify(input.roles) })
					.where('id', '=', participantId)
					.execute();
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.delete(
			'/:id/participants/:participantId',
			describeRoute({ tags, summary: 'Remove a participant, their links and their answers' }),
			validate('param', ParticipantParam),
			async (c) => {
				const { id, participantId } = c.req.valid('param');
				const row = await owned(c, id);
				await participantOf(row.id, participantId);
				// After answering closes, removing someone (and their answers) would show, by the
				// difference in the aggregates, what that one person answered.
				const answering = isAnswering({
					status: KollegiumStatus.parse(row.status),
					answerDeadline: row.answerDeadline,
					now: deps.now()
				});
				if (row.status !== 'draft' && !answering) fail(409, 'answersLocked');
				const isTrainee = await deps.db
					.selectFrom('subjects')
					.select('id')
					.where('participantId', '=', participantId)
					.executeTakeFirst();
				if (isTrainee) fail(409, 'participantIsSubject');
				await deps.db.transaction().execute(async (trx) => {
					await trx.deleteFrom('responses').where('participantId', '=', participantId).execute();
					await trx.deleteFrom('invitations').where('participantId', '=', participantId).execute();
					await trx
						.updateTable('subjects')
						.set({ supervisorId: null })
						.where('supervisorId', '=', participantId)
						.execute();
					await trx.deleteFrom('participants').where('id', '=', participantId).execute();
				});
				deps.changes.participantRevoked(participantId);
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.post(
			'/:id/participants/:participantId/invitation',
			describeRoute({ tags, summary: 'Issue a new invitation link (revokes the previous one)' }),
			validate('param', ParticipantParam),
			async (c) => {
				const { id, participantId } = c.req.valid('param');
				const row = await owned(c, id);
				await participantOf(row.id, participantId);
				const origin = deps.site.origin;
				deps.changes.participantRevoked(participantId);
				return c.json(
					await issueInvitation(deps, {
						kollegiumId: row.id,
						participantId,
						startsAt: row.startsAt,
						origin
					}),
					201
				);
			}
		)
		.delete(
			'/:id/participants/:participantId/invitation',
			describeRoute({ tags, summary: "Revoke the participant's invitation link" }),
			validate('param', ParticipantParam),
			async (c) => {
				const { id, participantId } = c.req.valid('param');
				const row = await owned(c, id);
				await participantOf(row.id, participantId);
				await revokeInvitations(deps, participantId);
				deps.changes.participantRevoked(participantId);
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.post(
			'/:id/invitations',
			describeRoute({ tags, summary: 'Issue links for everyone who has no valid one yet' }),
			validate('param', KollegiumParam),
			async (c) => {
				const row = await owned(c, c.req.valid('param').id);
				const detail = await kollegiumDetail(deps.db, row);
				const now = deps.now().getTime();
				const without = detail.participants.filter(
					(p) => !p.invitation || p.invitation.revoked || Date.parse(p.invitation.expiresAt) < now
				);
				const origin = deps.site.origin;
				const issued = [];
				for (const participant of without) {
					issued.push(
						await issueInvitation(deps, {
							kollegiumId: row.id,
							participantId: participant.id,
							startsAt: row.startsAt,
							origin
						})
					);
				}
				return c.json(issued, 201);
			}
		);
}
