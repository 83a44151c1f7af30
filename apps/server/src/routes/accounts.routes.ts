import { AccountChange, AccountInvitationInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import {
	changeAccount,
	inviteColleague,
	issueResetLink,
	listAccounts,
	pendingInvitations,
	withdrawInvitation
} from '../domain/accounts.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['Accounts'];
const UserParam = z.object({ userId: z.uuid() });
const InvitationParam = z.object({ invitationId: z.uuid() });

/** Administrators: the installation's accounts, invitations of colleagues, reset links. */
export function accountsRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/',
			describeRoute({ tags, summary: 'Every account', responses: responsesFor('GET /accounts') }),
			async (c) => c.json(await listAccounts(deps.db))
		)
		.get(
			'/invitations',
			describeRoute({
				tags,
				summary: 'Invitations not yet taken up',
				responses: responsesFor('GET /accounts/invitations')
			}),
			async (c) => c.json(await pendingInvitations(deps))
		)
		.post(
			'/invitations',
			describeRoute({
				tags,
				summary: 'Invite a colleague to a clinic with a role (a one-time link, valid 7 days)',
				responses: responsesFor('POST /accounts/invitations')
			}),
			validate('json', AccountInvitationInput),
			async (c) => {
				const link = await inviteColleague(deps, {
					by: c.get('user'),
					input: c.req.valid('json'),
					locale: c.get('locale')
				});
				return c.json(link, 201);
			}
		)
		.delete(
			'/invitations/:invitationId',
			describeRoute({
				tags,
				summary: 'Withdraw an invitation',
				responses: responsesFor('DELETE /accounts/invitations/:invitationId')
			}),
			validate('param', InvitationParam),
			async (c) => {
				await withdrawInvitation(deps, c.req.valid('param').invitationId);
				return c.body(null, 204);
			}
		)
		.patch(
			'/:userId',
			describeRoute({
				tags,
				summary: 'Make an account administrator or not, deactivate or reactivate it',
				responses: responsesFor('PATCH /accounts/:userId')
			}),
			validate('param', UserParam),
			validate('json', AccountChange),
			async (c) => {
				const account = await changeAccount(deps, {
					by: c.get('user'),
					userId: c.req.valid('param').userId,
					change: c.req.valid('json')
				});
				// A deactivated account keeps no live connection.
				if (!account.active) deps.changes.colleagueAccessEnded({ userId: account.id });
				return c.json(account);
			}
		)
		.post(
			'/:userId/reset-link',
			describeRoute({
				tags,
				summary: 'Issue a one-time link to choose a new password',
				responses: responsesFor('POST /accounts/:userId/reset-link')
			}),
			validate('param', UserParam),
			async (c) => {
				const link = await issueResetLink(deps, {
					by: c.get('user'),
					userId: c.req.valid('param').userId
				});
				return c.json(link, 201);
			}
		);
}
