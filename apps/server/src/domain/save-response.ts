import {
	assignmentsFor,
	sectionsFor,
	validateAnswers,
	type Locale,
	type ResponseInput
} from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Database, ResponseRow } from '../db/schema.ts';
import type { Deps, InvitationContext } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { participantsOf, subjectsOf, toKollegium } from './kollegier.ts';
import { assertAnswering } from './respondent.ts';
import { serializeAnswers } from './responses.ts';

export type SavedRow = ResponseRow & { withdrewSubmission: boolean };

/**
 * Saves a respondent's working copy, or submits it. Checks that the form is theirs and still
 * open, validates the answers against their sections, and writes with the revision check as
 * the write's own condition, so two saves built on the same revision cannot both win, on
 * either engine.
 */
export async function saveResponse(
	deps: Deps,
	options: {
		invitation: InvitationContext;
		subjectId: string;
		input: ResponseInput;
		submit: boolean;
		locale: Locale;
	}
): Promise<SavedRow> {
	const { invitation, subjectId, input } = options;
	const role = await checkedRole(deps, options);
	const now = deps.now().toISOString();
	const answers = serializeAnswers(input.answers);
	const declined = input.declined ? 1 : 0;
	const submitted = options.submit
		? { submittedAnswers: answers, submittedDeclined: declined, submittedAt: now }
		: {};
	return deps.db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('responses')
			.values({
				id: crypto.randomUUID(),
				kollegiumId: invitation.kollegiumId,
				subjectId,
				participantId: invitation.participantId,
				role,
				answers,
				declined,
				submittedAnswers: null,
				submittedDeclined: null,
				submittedAt: null,
				deviceHash: invitation.deviceHash,
				revision: 1,
				createdAt: now,
				updatedAt: now,
				...submitted
			})
			.onConflict((conflict) => conflict.columns(['subjectId', 'participantId']).doNothing())
			.returningAll()
			.executeTakeFirst();
		if (inserted) return { ...inserted, withdrewSubmission: false };
		return update(trx, { ...options, answers, declined, submitted, now });
	});
}

/** The respondent's role for this subject, once the form is theirs and still answerable. */
async function checkedRole(
	deps: Deps,
	options: {
		invitation: InvitationContext;
		subjectId: string;
		input: ResponseInput;
		submit: boolean;
		locale: Locale;
	}
): Promise<string> {
	const { invitation, subjectId, input } = options;
	const row = await deps.db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', invitation.kollegiumId)
		.executeTakeFirstOrThrow();
	const kollegium = toKollegium(row);
	const [participants, subjects] = await Promise.all([
		participantsOf(deps.db, invitation.kollegiumId),
		subjectsOf(deps.db, invitation.kollegiumId)
	]);
	const participant =
		participants.find((p) => p.id === invitation.participantId) ?? fail(404, 'invitationInvalid');
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
		locale: options.locale
	});
	if (issues.length > 0) fail(400, 'validation', issues);
	return assignment.role;
}

/**
 * Changes an existing response. Only the browser that wrote the answers may build on them;
 * anyone else holding the link (the studierektor sent it) must start over, which withdraws a
 * submission, so a save can never confirm a guess.
 */
async function update(
	trx: Transaction<Database>,
	options: {
		invitation: InvitationContext;
		subjectId: string;
		input: ResponseInput;
		answers: string;
		declined: number;
		submitted: Partial<Pick<ResponseRow, 'submittedAnswers' | 'submittedDeclined' | 'submittedAt'>>;
		now: string;
	}
): Promise<SavedRow> {
	const { invitation, input } = options;
	const existing = await trx
		.selectFrom('responses')
		.selectAll()
		.where('subjectId', '=', options.subjectId)
		.where('participantId', '=', invitation.participantId)
		.executeTakeFirstOrThrow();
	const otherDevice = existing.deviceHash !== invitation.deviceHash;
	if (otherDevice && !input.startOver) fail(409, 'otherDevice');
	if (!otherDevice && input.baseRevision !== undefined && input.baseRevision !== existing.revision)
		fail(409, 'staleRevision');
	const withdrawn = otherDevice
		? { submittedAnswers: null, submittedDeclined: null, submittedAt: null }
		: {};
	const changed = await trx
		.updateTable('responses')
		.set({
			answers: options.answers,
			declined: options.declined,
			deviceHash: invitation.deviceHash,
			revision: existing.revision + 1,
			updatedAt: options.now,
			...withdrawn,
			...options.submitted
		})
		.where('id', '=', existing.id)
		// The condition that makes this safe on a pool: nobody wrote since we read.
		.where('revision', '=', existing.revision)
		.returningAll()
		.executeTakeFirst();
	if (!changed) fail(409, 'staleRevision');
	return { ...changed, withdrewSubmission: otherDevice && existing.submittedAt !== null };
}
