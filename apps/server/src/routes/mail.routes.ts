import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { RemindNow, ReminderSchedule } from '@kollegium/model';
import { outboxOf, resendMail, sendInvitations } from '../domain/invitation-mail.ts';
import { remindNow, setReminderDays } from '../domain/reminders.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const MessageParam = z.object({ id: z.uuid(), messageId: z.uuid() });
const tags = ['E-mail'];

/** Invitations by e-mail and the kollegium's outbox. */
export function mailRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.post(
			'/:id/invitations/send',
			describeRoute({
				tags,
				summary: 'E-mail each participant not yet sent to their personal link and the meeting',
				responses: responsesFor('POST /kollegier/:id/invitations/send')
			}),
			validate('param', KollegiumParam),
			async (c) => c.json(await sendInvitations(deps, c.get('kollegium')), 201)
		)
		.get(
			'/:id/outbox',
			describeRoute({
				tags,
				summary: "The kollegium's e-mails: to whom, sent or why not",
				responses: responsesFor('GET /kollegier/:id/outbox')
			}),
			validate('param', KollegiumParam),
			async (c) => c.json(await outboxOf(deps, c.get('kollegium')))
		)
		.post(
			'/:id/outbox/:messageId/resend',
			describeRoute({
				tags,
				summary: 'Send a failed e-mail again (an invitation with a new link)',
				responses: responsesFor('POST /kollegier/:id/outbox/:messageId/resend')
			}),
			validate('param', MessageParam),
			async (c) =>
				c.json(await resendMail(deps, c.get('kollegium'), c.req.valid('param').messageId))
		)
		.put(
			'/:id/reminders',
			describeRoute({
				tags,
				summary: 'Set the days before the deadline those who have not submitted are reminded',
				responses: responsesFor('PUT /kollegier/:id/reminders')
			}),
			validate('param', KollegiumParam),
			validate('json', ReminderSchedule),
			async (c) => {
				const row = await setReminderDays(deps, c.get('kollegium'), c.req.valid('json').daysBefore);
				return c.json(await outboxOf(deps, row));
			}
		)
		.post(
			'/:id/reminders/send',
			describeRoute({
				tags,
				summary: 'Remind now everyone who has not submitted, or one of them',
				responses: responsesFor('POST /kollegier/:id/reminders/send')
			}),
			validate('param', KollegiumParam),
			validate('json', RemindNow),
			async (c) => {
				const queued = await remindNow(deps, c.get('kollegium'), c.req.valid('json').participantId);
				return c.json({ queued }, 201);
			}
		);
}
