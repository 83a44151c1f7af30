import { HandoverInput, ResponseInput } from '@kollegium/model';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { respondentView } from '../domain/respondent.ts';
import { savedResponse } from '../domain/responses.ts';
import { saveResponse } from '../domain/save-response.ts';
import {
	ownFeedbackEntry,
	ownSupervisorFeedback,
	ownSupervisorReport,
	recordHandover,
	recordSupervisorReceipt,
	respondentHandover,
	supervisedEntry
} from '../domain/handover.ts';
import { feedbackReport } from '../domain/report.ts';
import { requireInvitation } from '../http/auth.ts';
import { feedbackPdf } from '../http/pdf.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { responsesFor } from '../http/openapi.ts';

const SubjectParam = z.object({ subjectId: z.uuid() });
const tags = ['Respondents'];

/** The invitation holder's forms: read, save a draft, submit; all with `Authorization: Bearer <token>`. */
export function respondRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.use(requireInvitation(deps))
		.get(
			'/',
			describeRoute({
				tags,
				summary: 'The meeting and your forms',
				responses: responsesFor('GET /respond')
			}),
			async (c) => c.json(await respondentView(deps, c.get('invitation')))
		)
		.post(
			'/document-ticket',
			describeRoute({
				tags,
				summary:
					'A single-use ticket (valid 30 s) to open the shared document: /yjs/<kollegiumId>?ticket=…',
				responses: responsesFor('POST /respond/document-ticket')
			}),
			(c) => c.json({ ticket: deps.documentTickets.issue(c.get('invitation').invitationId) }, 201)
		)
		.put(
			'/responses/:subjectId',
			describeRoute({
				tags,
				summary: 'Save your working copy (autosave)',
				responses: responsesFor('PUT /respond/responses/:subjectId')
			}),
			validate('param', SubjectParam),
			validate('json', ResponseInput),
			(c) => save(deps, c, { submit: false })
		)
		.post(
			'/responses/:subjectId/submit',
			describeRoute({
				tags,
				summary: 'Submit your answers; submit again to change them before the deadline',
				responses: responsesFor('POST /respond/responses/:subjectId/submit')
			}),
			validate('param', SubjectParam),
			validate('json', ResponseInput),
			(c) => save(deps, c, { submit: true })
		)
		.get(
			'/handover',
			describeRoute({
				tags,
				summary: 'After the meeting: the feedback you pass on, and your own copy',
				responses: responsesFor('GET /respond/handover')
			}),
			async (c) => c.json(await respondentHandover(deps, c.get('invitation')))
		)
		.get(
			'/handover/:subjectId/feedback.pdf',
			describeRoute({
				tags,
				summary: 'The feedback PDF of a trainee you are handledare for',
				responses: responsesFor('GET /respond/handover/:subjectId/feedback.pdf')
			}),
			validate('param', SubjectParam),
			async (c) => {
				const invitation = c.get('invitation');
				const { subjectId } = c.req.valid('param');
				await supervisedEntry(deps, invitation, subjectId);
				const report = await feedbackReport(deps, {
					kollegiumId: invitation.kollegiumId,
					subjectId,
					locale: c.get('locale')
				});
				return feedbackPdf(c, deps, report);
			}
		)
		.post(
			'/handover/:subjectId',
			describeRoute({
				tags,
				summary: 'Record that you gave the trainee the feedback',
				responses: responsesFor('POST /respond/handover/:subjectId')
			}),
			validate('param', SubjectParam),
			validate('json', HandoverInput),
			async (c) => {
				const invitation = c.get('invitation');
				const { subjectId } = c.req.valid('param');
				await supervisedEntry(deps, invitation, subjectId);
				await recordHandover(deps.db, {
					kollegiumId: invitation.kollegiumId,
					subjectId,
					input: c.req.valid('json'),
					recordedBy: invitation.participantId,
					now: deps.now(),
					locale: c.get('locale')
				});
				return c.json(await respondentHandover(deps, invitation));
			}
		)
		.get(
			'/feedback.pdf',
			describeRoute({
				tags,
				summary: 'Your own feedback, once your handledare has shared it',
				responses: responsesFor('GET /respond/feedback.pdf')
			}),
			async (c) => {
				const invitation = c.get('invitation');
				const own = await ownFeedbackEntry(deps, invitation);
				if (!own?.sharedWithTrainee) fail(404, 'feedbackNotShared');
				const report = await feedbackReport(deps, {
					kollegiumId: invitation.kollegiumId,
					subjectId: own.subjectId,
					locale: c.get('locale')
				});
				return feedbackPdf(c, deps, report);
			}
		)
		.get(
			'/supervisor-feedback',
			describeRoute({
				tags,
				summary: 'A supervisor of an ST-läkarkollegium: whether your own feedback is there',
				responses: responsesFor('GET /respond/supervisor-feedback')
			}),
			async (c) => c.json(await ownSupervisorFeedback(deps, c.get('invitation')))
		)
		.get(
			'/supervisor-feedback.pdf',
			describeRoute({
				tags,
				summary: 'Your own feedback as a supervisor, after the meeting and at k or more',
				responses: responsesFor('GET /respond/supervisor-feedback.pdf')
			}),
			async (c) => {
				const holder = { ...c.get('invitation'), locale: c.get('locale') };
				return feedbackPdf(c, deps, await ownSupervisorReport(deps, holder));
			}
		)
		.post(
			'/supervisor-feedback/received',
			describeRoute({
				tags,
				summary: 'Record that you received your feedback as a supervisor',
				responses: responsesFor('POST /respond/supervisor-feedback/received')
			}),
			async (c) => c.json(await recordSupervisorReceipt(deps, c.get('invitation')))
		);
}

type SaveContext = Context<
	AppEnv,
	string,
	{ out: { param: { subjectId: string }; json: ResponseInput } }
>;

async function save(deps: Deps, c: SaveContext, options: { submit: boolean }) {
	const invitation = c.get('invitation');
	const saved = await saveResponse(deps, {
		invitation,
		subjectId: c.req.valid('param').subjectId,
		input: c.req.valid('json'),
		submit: options.submit,
		locale: c.get('locale')
	});
	if (options.submit || saved.withdrewSubmission)
		deps.changes.responsesChanged(invitation.kollegiumId);
	return c.json(savedResponse(saved));
}
