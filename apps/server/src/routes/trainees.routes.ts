import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { traineeRecordOf, traineeSummaries } from '../domain/trainee-record.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['Trainees over time'];
const ClinicParam = z.object({ clinicId: z.uuid() });
const PersonParam = z.object({ clinicId: z.uuid(), personId: z.uuid() });

/**
 * The clinic's register trainees followed over their specialistkollegier, under
 * /clinics/:clinicId/trainees: facts about meetings, plans and handovers, and trends above k.
 */
export function traineesRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/:clinicId/trainees',
			describeRoute({
				tags,
				summary: "The clinic's trainees, overdue follow-ups and trainees at risk first",
				responses: responsesFor('GET /clinics/:clinicId/trainees')
			}),
			validate('param', ClinicParam),
			async (c) => {
				const { clinicId } = c.req.valid('param');
				return c.json(await traineeSummaries(deps.db, { clinicId, now: deps.now() }));
			}
		)
		.get(
			'/:clinicId/trainees/:personId',
			describeRoute({
				tags,
				summary: "One trainee's kollegier, plans, handovers, follow-up and trends",
				responses: responsesFor('GET /clinics/:clinicId/trainees/:personId')
			}),
			validate('param', PersonParam),
			async (c) => {
				const params = c.req.valid('param');
				return c.json(await traineeRecordOf(deps.db, { ...params, now: deps.now() }));
			}
		);
}
