import { HandoverInput, checkInput, planSchemaFor } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { readPlanInput } from '../documents/plan-input.ts';
import { handoverEntries, recordHandover } from '../domain/handover.ts';
import { ownedKollegium, subjectsOf } from '../domain/kollegier.ts';
import { freezePlan } from '../domain/plan-versions.ts';
import { feedbackReport } from '../domain/report.ts';
import { requireUser } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { feedbackPdf } from '../http/pdf.ts';
import { validate } from '../http/validate.ts';

const IdParam = z.object({ id: z.uuid() });
const SubjectParam = z.object({ id: z.uuid(), subjectId: z.uuid() });
const tags = ['Plans'];

/**
 * A plan is written together in the shared document; marking it final validates it with the
 * model's schema and freezes it as a numbered version, which the feedback PDF is built from.
 * The document itself is never changed.
 */
export function plansRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.use(requireUser(deps))
		.post(
			'/:id/subjects/:subjectId/plan/final',
			describeRoute({
				tags,
				summary: 'Validate the plan in the shared document and freeze it as a version'
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				const subject =
					(await subjectsOf(deps.db, row.id)).find((s) => s.id === subjectId) ??
					fail(404, 'subjectNotFound');
				const schema = planSchemaFor(subject.kind) ?? fail(409, 'noPlanForSubject');
				// The feedback as handed over is the record: a plan changes no more once it is given.
				const given = await deps.db
					.selectFrom('handovers')
					.select('givenOn')
					.where('subjectId', '=', subject.id)
					.executeTakeFirst();
				if (given) fail(409, 'feedbackAlreadyGiven');
				const input = await readPlanInput(deps.documents, row.id, subject);
				const checked = checkInput(schema, input, c.get('locale'));
				if (!checked.success) fail(400, 'validation', checked.issues);
				const frozen = await freezePlan(deps.db, {
					kollegiumId: row.id,
					subjectId,
					plan: checked.data,
					now: deps.now()
				});
				deps.pdf.warm();
				const { created, ...saved } = frozen;
				return c.json(saved, created ? 201 : 200);
			}
		)
		.get(
			'/:id/subjects/:subjectId/plan/versions',
			describeRoute({
				tags,
				summary: 'The frozen versions of a subject\u2019s plan, newest first'
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				const versions = await deps.db
					.selectFrom('planVersions')
					.select(['version', 'plan', 'finalizedAt'])
					.where('kollegiumId', '=', row.id)
					.where('subjectId', '=', subjectId)
					.orderBy('version', 'desc')
					.execute();
				return c.json(versions.map((v) => ({ ...v, plan: JSON.parse(v.plan) as unknown })));
			}
		)
		.get(
			'/:id/subjects/:subjectId/feedback.pdf',
			describeRoute({ tags, summary: 'The feedback PDF, built from the newest final plan' }),
			validate('param', SubjectParam),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				const report = await feedbackReport(deps, {
					kollegiumId: row.id,
					subjectId,
					locale: c.get('locale')
				});
				return feedbackPdf(c, deps, report);
			}
		)
		.get(
			'/:id/handover',
			describeRoute({ tags, summary: 'Per trainee: plan final, feedback given' }),
			validate('param', IdParam),
			async (c) => {
				const row = await ownedKollegium(deps.db, {
					id: c.req.valid('param').id,
					ownerId: c.get('user').id
				});
				return c.json(await handoverEntries(deps.db, row.id));
			}
		)
		.post(
			'/:id/subjects/:subjectId/handover',
			describeRoute({
				tags,
				summary: 'Record that the feedback was given (when no handledare does it)'
			}),
			validate('param', SubjectParam),
			validate('json', HandoverInput),
			async (c) => {
				const { id, subjectId } = c.req.valid('param');
				const row = await ownedKollegium(deps.db, { id, ownerId: c.get('user').id });
				const entries = await recordHandover(deps.db, {
					kollegiumId: row.id,
					subjectId,
					input: c.req.valid('json'),
					recordedBy: 'owner',
					now: deps.now(),
					locale: c.get('locale')
				});
				return c.json(entries);
			}
		);
}
