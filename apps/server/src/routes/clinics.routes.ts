import { ClinicInput, MembershipChange } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import {
	clinicDetail,
	clinicsOf,
	createClinic,
	removeMembership,
	setMembership,
	updateClinic
} from '../domain/clinics.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['Clinics'];
const ClinicParam = z.object({ clinicId: z.uuid() });
const MemberParam = z.object({ clinicId: z.uuid(), userId: z.uuid() });

/** Clinics (kliniker or verksamheter), their specialties and their members. */
export function clinicsRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/',
			describeRoute({
				tags,
				summary: 'The clinics you belong to (an administrator: every clinic)',
				responses: responsesFor('GET /clinics')
			}),
			async (c) => c.json(await clinicsOf(deps.db, c.get('user')))
		)
		.post(
			'/',
			describeRoute({ tags, summary: 'Create a clinic', responses: responsesFor('POST /clinics') }),
			validate('json', ClinicInput),
			async (c) => {
				const id = await createClinic(deps, c.req.valid('json'));
				return c.json(await clinicDetail(deps.db, id), 201);
			}
		)
		.get(
			'/:clinicId',
			describeRoute({
				tags,
				summary: 'A clinic with its members',
				responses: responsesFor('GET /clinics/:clinicId')
			}),
			validate('param', ClinicParam),
			async (c) => c.json(await clinicDetail(deps.db, c.req.valid('param').clinicId))
		)
		.put(
			'/:clinicId',
			describeRoute({
				tags,
				summary: 'Rename a clinic or change its specialties',
				responses: responsesFor('PUT /clinics/:clinicId')
			}),
			validate('param', ClinicParam),
			validate('json', ClinicInput),
			async (c) => {
				const { clinicId } = c.req.valid('param');
				await updateClinic(deps.db, { clinicId, input: c.req.valid('json') });
				return c.json(await clinicDetail(deps.db, clinicId));
			}
		)
		.put(
			'/:clinicId/members/:userId',
			describeRoute({
				tags,
				summary: 'Add an account to the clinic, or change its role there',
				responses: responsesFor('PUT /clinics/:clinicId/members/:userId')
			}),
			validate('param', MemberParam),
			validate('json', MembershipChange),
			async (c) => {
				const { clinicId, userId } = c.req.valid('param');
				await setMembership(deps, { clinicId, userId, role: c.req.valid('json').role });
				// A studierektor made läsare must not keep driving a meeting it has open.
				deps.changes.colleagueAccessEnded({ userId });
				return c.json(await clinicDetail(deps.db, clinicId));
			}
		)
		.delete(
			'/:clinicId/members/:userId',
			describeRoute({
				tags,
				summary: 'Take an account out of the clinic',
				responses: responsesFor('DELETE /clinics/:clinicId/members/:userId')
			}),
			validate('param', MemberParam),
			async (c) => {
				const { clinicId, userId } = c.req.valid('param');
				await removeMembership(deps.db, { clinicId, userId });
				deps.changes.colleagueAccessEnded({ userId });
				return c.json(await clinicDetail(deps.db, clinicId));
			}
		);
}
