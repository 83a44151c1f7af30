import { SubjectInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { kollegiumDetail } from '../domain/kollegier.ts';
import { supervisorFeedbackEntries } from '../domain/handover.ts';
import { addSubject, deleteSubject, editSubject } from '../domain/subjects.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const KollegiumParam = z.object({ id: z.uuid() });
const SubjectParam = z.object({ id: z.uuid(), subjectId: z.uuid() });
const tags = ['Subjects'];

/**
 * Who the forms are about: trainees in a specialistkollegium (each also a participant, who
 * fills the self-assessment), supervisors in an ST-läkarkollegium.
 */
export function subjectsRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.post(
			'/:id/subjects',
			describeRoute({
				tags,
				summary: 'Add a trainee (specialistkollegium) or supervisor (ST-läkarkollegium)',
				responses: responsesFor('POST /kollegier/:id/subjects')
			}),
			validate('param', KollegiumParam),
			validate('json', SubjectInput),
			async (c) => {
				const row = c.get('kollegium');
				const input = c.req.valid('json');
				await addSubject(deps, { row, input, locale: c.get('locale') });
				return c.json(await kollegiumDetail(deps.db, row), 201);
			}
		)
		.put(
			'/:id/subjects/:subjectId',
			describeRoute({
				tags,
				summary: 'Edit a subject',
				responses: responsesFor('PUT /kollegier/:id/subjects/:subjectId')
			}),
			validate('param', SubjectParam),
			validate('json', SubjectInput),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
				const input = c.req.valid('json');
				await editSubject(deps, { row, subjectId, input, locale: c.get('locale') });
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.delete(
			'/:id/subjects/:subjectId',
			describeRoute({
				tags,
				summary: 'Remove a subject and the answers about it',
				responses: responsesFor('DELETE /kollegier/:id/subjects/:subjectId')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
				await deleteSubject(deps, { row, subjectId });
				return c.json(await kollegiumDetail(deps.db, row));
			}
		)
		.get(
			'/:id/supervisor-feedback',
			describeRoute({
				tags,
				summary: 'Per supervisor of an ST-läkarkollegium: result at their k, and received',
				responses: responsesFor('GET /kollegier/:id/supervisor-feedback')
			}),
			validate('param', KollegiumParam),
			async (c) => c.json(await supervisorFeedbackEntries(deps, c.get('kollegium').id))
		);
}
