import { HandoverInput } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { notifyPlanReady } from '../domain/reminders.ts';
import { z } from 'zod';
import { followUpOf } from '../domain/follow-up.ts';
import { handoverEntries, recordHandover } from '../domain/handover.ts';
import { markPlanFinal } from '../domain/plan-versions.ts';
import { feedbackReport, isSupervisorSubject, supervisorFeedback } from '../domain/report.ts';
import { fail } from '../http/errors.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { feedbackPdf } from '../http/pdf.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

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
		.post(
			'/:id/subjects/:subjectId/plan/final',
			describeRoute({
				tags,
				summary: 'Validate the plan in the shared document and freeze it as a version',
				responses: responsesFor('POST /kollegier/:id/subjects/:subjectId/plan/final')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const frozen = await markPlanFinal(deps, {
					row: c.get('kollegium'),
					subjectId: c.req.valid('param').subjectId,
					locale: c.get('locale')
				});
				deps.pdf.warm();
				const { created, ...saved } = frozen;
				// The trainee's handledare hears that the feedback is ready to pass on.
				if (created)
					await notifyPlanReady(deps, {
						kollegiumId: c.get('kollegium').id,
						subjectId: c.req.valid('param').subjectId,
						version: saved.version
					});
				return c.json(saved, created ? 201 : 200);
			}
		)
		.get(
			'/:id/subjects/:subjectId/plan/versions',
			describeRoute({
				tags,
				summary: 'The frozen versions of a subject\u2019s plan, newest first',
				responses: responsesFor('GET /kollegier/:id/subjects/:subjectId/plan/versions')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
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
			'/:id/subjects/:subjectId/follow-up',
			describeRoute({
				tags,
				summary: 'The trainee\u2019s previous plan, its goals as the meeting marked them',
				responses: responsesFor('GET /kollegier/:id/subjects/:subjectId/follow-up')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const followUp = await followUpOf(deps.db, { kollegium: c.get('kollegium'), subjectId });
				return c.json({ followUp });
			}
		)
		.get(
			'/:id/subjects/:subjectId/feedback.pdf',
			describeRoute({
				tags,
				summary: 'The feedback PDF, built from the newest final plan',
				responses: responsesFor('GET /kollegier/:id/subjects/:subjectId/feedback.pdf')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
				const options = { kollegiumId: row.id, subjectId, locale: c.get('locale') };
				if (await isSupervisorSubject(deps, options)) {
					// #11 D: a supervisor's own result is theirs and the studierektor's, not a läsare's.
					if (c.get('clinicRole') !== 'studierektor') fail(403, 'forbidden');
					const { report } = await supervisorFeedback(deps, options);
					return feedbackPdf(c, deps, report ?? fail(404, 'supervisorFeedbackNotAvailable'));
				}
				return feedbackPdf(c, deps, await feedbackReport(deps, options));
			}
		)
		.get(
			'/:id/handover',
			describeRoute({
				tags,
				summary: 'Per trainee: plan final, feedback given',
				responses: responsesFor('GET /kollegier/:id/handover')
			}),
			validate('param', IdParam),
			async (c) => {
				const row = c.get('kollegium');
				return c.json(await handoverEntries(deps.db, row.id));
			}
		)
		.post(
			'/:id/subjects/:subjectId/handover',
			describeRoute({
				tags,
				summary: 'Record that the feedback was given (when no handledare does it)',
				responses: responsesFor('POST /kollegier/:id/subjects/:subjectId/handover')
			}),
			validate('param', SubjectParam),
			validate('json', HandoverInput),
			async (c) => {
				const { subjectId } = c.req.valid('param');
				const row = c.get('kollegium');
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
