import { ParticipantInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { sendMeetingChange } from '../domain/invitation-mail.ts';
import { issueInvitation, revokeInvitations } from '../domain/invitations.ts';
import { kollegiumDetail } from '../domain/kollegier.ts';
import {
	addParticipant,
	assertParticipantOf,
	editParticipant,
	removeParticipant
} from '../domain/participants.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const ParticipantParam = z.object({ id: z.uuid(), participantId: z.uuid() });
const tags = ['Participants and invitations'];

/** The people of a kollegium, their roles, and their invitation links. */
export function participantsRoutes(deps: Deps) {
	const participantOf = (kollegiumId: string, participantId: string) =>
		assertParticipantOf(deps.db, { kollegiumId, participantId });

	return new Hono<AppEnv>()
		.post(
			'/:id/participants',
			describeRoute({
				tags,
				summary: 'Add a participant',
				responses: responsesFor('POST /kollegier/:id/participants')
			}),
			validate('param', KollegiumParam),
			validate('json', ParticipantInput),
			async (c) => {
				const row = c.get('kollegium');
				await addParticipant(deps, { row, input: c.req.valid('json') });
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.put(
			'/:id/participants/:participantId',
			describeRoute({
				tags,
				summary: 'Edit a participant',
				responses: responsesFor('PUT /kollegier/:id/participants/:participantId')
			}),
			validate('param', ParticipantParam),
			validate('json', ParticipantInput),
			async (c) => {
				const { participantId } = c.req.valid('param');
				const row = c.get('kollegium');
				await editParticipant(deps, {
					kollegiumId: row.id,
					participantId,
					input: c.req.valid('json')
				});
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.delete(
			'/:id/participants/:participantId',
			describeRoute({
				tags,
				summary: 'Remove a participant, their links and their answers',
				responses: responsesFor('DELETE /kollegier/:id/participants/:participantId')
			}),
			validate('param', ParticipantParam),
			async (c) => {
				const { participantId } = c.req.valid('param');
				const row = c.get('kollegium');
				const { language } = await removeParticipant(deps, { row, participantId });
				// Out of the meeting, out of their calendar, in their language.
				await sendMeetingChange(deps, row, 'cancelled', { participantId, language });
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.post(
			'/:id/participants/:participantId/invitation',
			describeRoute({
				tags,
				summary: 'Issue a new invitation link (revokes the previous one)',
				responses: responsesFor('POST /kollegier/:id/participants/:participantId/invitation')
			}),
			validate('param', ParticipantParam),
			async (c) => {
				const { participantId } = c.req.valid('param');
				const row = c.get('kollegium');
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
			describeRoute({
				tags,
				summary: "Revoke the participant's invitation link",
				responses: responsesFor('DELETE /kollegier/:id/participants/:participantId/invitation')
			}),
			validate('param', ParticipantParam),
			async (c) => {
				const { participantId } = c.req.valid('param');
				const row = c.get('kollegium');
				await participantOf(row.id, participantId);
				await revokeInvitations(deps, participantId);
				deps.changes.participantRevoked(participantId);
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.post(
			'/:id/invitations',
			describeRoute({
				tags,
				summary: 'Issue links for everyone who has no valid one yet',
				responses: responsesFor('POST /kollegier/:id/invitations')
			}),
			validate('param', KollegiumParam),
			async (c) => {
				const row = c.get('kollegium');
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
