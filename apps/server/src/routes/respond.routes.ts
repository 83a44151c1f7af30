import {
	HandoverInput,
	ResponseInput,
	assignmentsFor,
	sectionsFor,
	validateAnswers
} from '@kollegium/model';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { participantsOf, subjectsOf, toKollegium } from '../domain/kollegier.ts';
import { assertAnswering, respondentView } from '../domain/respondent.ts';
import { savedResponse, serializeAnswers } from '../domain/responses.ts';
import {
	ownFeedbackEntry,
	recordHandover,
	respondentHandover,
	supervisedEntry
} from '../domain/handover.ts';
import { feedbackReport } from '../domain/report.ts';
import { requireInvitation } from '../http/auth.ts';
import { feedbackPdf } from '../http/pdf.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const SubjectParam = z.object({ subjectId: z.uuid() });
const tags = ['Respondents'];

/** The invitation holder's forms: read, save a draft, submit; all with `Authorization: Bearer <token>`. */
export function respondRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.use(requireInvitation(deps))
		.get('/', describeRoute({ tags, summary: 'The meeting and your forms' }), async (c) =>
			c.json(await respondentView(deps, c.get('invitation')))
		)
		.post(
			'/document-ticket',
			describeRoute({
				tags,
				summary:
					'A single-use ticket (valid 30 s) to open the shared document: /yjs/<kollegiumId>?ticket=…'
			}),
			(c) => c.json({ ticket: deps.documentTickets.issue(c.get('invitation').invitationId) }, 201)
		)
		.put(
			'/responses/:subjectId',
			describeRoute({ tags, summary: 'Save your working copy (autosave)' }),
			validate('param', SubjectParam),
			validate('json', ResponseInput),
			(c) => save(deps, c, { submit: false })
		)
		.post(
			'/responses/:subjectId/submit',
			describeRoute({
				tags,
				summary: 'Submit your answers; submit again to change them before the deadline'
			}),
			validate('param', SubjectParam),
			validate('json', ResponseInput),
			(c) => save(deps, c, { submit: true })
		)
		.get(
			'/handover',
			describeRoute({
				tags,
				summary: 'After the meeting: the feedback you pass on, and your own copy'
			}),
			async (c) => c.json(await respondentHandover(deps, c.get('invitation')))
		)
		.get(
			'/handover/:subjectId/feedback.pdf',
			describeRoute({ tags, summary: 'The feedback PDF of a trainee you are handledare for' }),
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
			describeRoute({ tags, summary: 'Record that you gave the trainee the feedback' }),
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
			describeRoute({ tags, summary: 'Your own feedback, once your handledare has shared it' }),
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
		);
}

type SaveContext = Context<
	AppEnv,
	string,
	{ out: { param: { subjectId: string }; json: ResponseInput } }
>;

async function save(deps: Deps, c: SaveContext, options: { submit: boolean }) {
	const { participantId, kollegiumId, deviceHash } = c.get('invitation');
	const { subjectId } = c.req.valid('param');
	const input = c.req.valid('json');
	const row = await deps.db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const kollegium = toKollegium(row);
	const [participants, subjects] = await Promise.all([
		participantsOf(deps.db, kollegiumId),
		subjectsOf(deps.db, kollegiumId)
	]);
	const participant =
		participants.find((p) => p.id === participantId) ?? fail(404, 'invitationInvalid');
	const assignment = assignmentsFor({ kind: kollegium.kind, participant, subjects }).find(
		(a) => a.subjectId === subjectId
	);
	const subject = subjects.find((s) => s.id === subjectId);
	if (!assignment || !subject) fail(404, 'notYourForm');
	assertAnswering(deps, row);
	const sections = sectionsFor({
		form: kollegium.form,
		about: subject.kind,
		role: assignment.role
	});
	const issues = validateAnswers({
		form: kollegium.form,
		sections,
		answers: input.answers,
		submit: options.submit,
		declined: input.declined,
		locale: c.get('locale')
	});
	if (issues.length > 0) fail(400, 'validation', issues);

	const now = deps.now().toISOString();
	const answers = serializeAnswers(input.answers);
	const declined = input.declined ? 1 : 0;
	const saved = await deps.db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('responses')
			.selectAll()
			.where('subjectId', '=', subjectId)
			.where('participantId', '=', participantId)
			.executeTakeFirst();
		// Only the browser that wrote the answers may build on them. Anyone else holding the link
		// (the studierektor sent it) must start over, so a save can never confirm a guess.
		const otherDevice = existing !== undefined && existing.deviceHash !== deviceHash;
		if (otherDevice && !input.startOver) fail(409, 'otherDevice');
		if (
			existing &&
			!otherDevice &&
			input.baseRevision !== undefined &&
			input.baseRevision !== existing.revision
		) {
			fail(409, 'staleRevision');
		}
		const withdrawn = otherDevice
			? { submittedAnswers: null, submittedDeclined: null, submittedAt: null }
			: {};
		const submitted = options.submit
			? { submittedAnswers: answers, submittedDeclined: declined, submittedAt: now }
			: {};
		if (!existing) {
			const values = {
				id: crypto.randomUUID(),
				kollegiumId,
				subjectId,
				participantId,
				role: assignment.role,
				answers,
				declined,
				submittedAnswers: null,
				submittedDeclined: null,
				submittedAt: null,
				deviceHash,
				revision: 1,
				createdAt: now,
				updatedAt: now,
				...submitted
			};
			await trx.insertInto('responses').values(values).execute();
			return { ...values, withdrewSubmission: false };
		}
		const changes = {
			answers,
			declined,
			deviceHash,
			revision: existing.revision + 1,
			updatedAt: now,
			...withdrawn,
			...submitted
		};
		await trx.updateTable('responses').set(changes).where('id', '=', existing.id).execute();
		return {
			...existing,
			...changes,
			withdrewSubmission: otherDevice && existing.submittedAt !== null
		};
	});
	if (options.submit || saved.withdrewSubmission) deps.changes.responsesChanged(kollegiumId);
	return c.json(savedResponse(saved));
}
