import {
	allFeedbackGiven,
	canMoveTo,
	fieldIssue,
	isFormEditable,
	KollegiumStatus,
	type KollegiumInput,
	type Locale
} from '@kollegium/model';
import type { KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { forgetOriginals } from './comments.ts';
import { deliverIfDone, handoverEntries } from './handover.ts';
import { kollegiumColumns } from './kollegier.ts';
import { dropPresence } from './meeting.ts';
import { notifySupervisorFeedbackReady } from './supervisor-mail.ts';
import { closedForPreparation } from './preparation.ts';
import { progressOf } from './progress.ts';

/**
 * Edits a kollegium by the rules respondents were promised: the kind never changes; the form
 * locks once it is open; answering never reopens after the comments were taken; both k (the
 * clinic's and the supervisors') are fixed once it is open. Written only if the status is still
 * the one checked, so a kollegium opened meanwhile cannot take a form change.
 */
export async function editKollegium(
	deps: Deps,
	options: { row: KollegiumRow; input: KollegiumInput; locale: Locale }
): Promise<KollegiumRow> {
	const { row, input, locale } = options;
	if (input.kind !== row.kind) fail(409, 'kindLocked');
	const columns = kollegiumColumns(deps, { input, locale });
	const formChanged =
		columns.templateId !== row.templateId || columns.customItems !== row.customItems;
	const editable = isFormEditable(KollegiumStatus.parse(row.status));
	// Once the answers were copied out for curation, answering cannot reopen: later answers
	// would never reach the comments, and replaced ones would still be shown.
	const reopens =
		row.commentsTakenAt !== null &&
		columns.answerDeadline !== row.answerDeadline &&
		Date.parse(columns.answerDeadline) > deps.now().getTime();
	if (reopens) {
		fail(409, 'answeringClosedForGood', [
			fieldIssue({ path: 'answerDeadline', message: 'answeringClosedForGood', locale })
		]);
	}
	if (formChanged && !editable) fail(409, 'formLocked');
	// #11 D: left out, the supervisors' k stays as stored (raised to the clinic's k if need be).
	columns.supervisorMinRespondents = Math.max(
		input.supervisorMinRespondents ?? row.supervisorMinRespondents,
		columns.minRespondents
	);
	// Respondents answered under the promise of k (the clinic's and the supervisors'): fixed.
	if (!editable) assertKUnchanged(row, columns, locale);
	const form = formChanged ? columns.form : row.form;
	const updatedAt = deps.now().toISOString();
	const updated = await deps.db.transaction().execute(async (trx) => {
		const changed = await trx
			.updateTable('kollegier')
			.set({ ...columns, form, updatedAt })
			.where('id', '=', row.id)
			.where('status', '=', row.status)
			.executeTakeFirst();
		if (Number(changed.numUpdatedRows) === 0) fail(409, 'statusNotAllowed');
		if (columns.startsAt !== row.startsAt) {
			const until = Date.parse(columns.startsAt) + deps.config.invitationGraceDays * 86_400_000;
			// Links stay valid until some days after the meeting, wherever the meeting moves.
			await trx
				.updateTable('invitations')
				.set({ expiresAt: new Date(Math.max(until, deps.now().getTime())).toISOString() })
				.where('kollegiumId', '=', row.id)
				.where('revokedAt', 'is', null)
				.execute();
		}
		return { ...row, ...columns, form, updatedAt };
	});
	deps.changes.meetingChanged(row.id);
	return updated;
}

/** Once answering has opened, neither k may change; the refusal names the field. */
function assertKUnchanged(
	row: KollegiumRow,
	columns: { minRespondents: number; supervisorMinRespondents: number },
	locale: Locale
): void {
	for (const path of ['minRespondents', 'supervisorMinRespondents'] as const) {
		if (columns[path] === row[path]) continue;
		fail(409, 'kLocked', [
			fieldIssue({ path, code: 'kLocked', message: 'kLocked', params: { n: row[path] }, locale })
		]);
	}
}

/**
 * Moves a kollegium on: open only with something to answer, live only from closed answers,
 * delivered only when every feedback is given. The move is written only from the status it
 * was checked against, so two moves at once cannot both pass.
 */
export async function moveKollegium(
	deps: Deps,
	options: { row: KollegiumRow; to: KollegiumStatus; by: string }
): Promise<KollegiumStatus> {
	const { row, to } = options;
	if (!canMoveTo(KollegiumStatus.parse(row.status), to)) fail(409, 'statusNotAllowed');
	if (to === 'open') await assertReadyToOpen(deps, row);
	if (to === 'delivered' && !allFeedbackGiven(await handoverEntries(deps.db, row.id))) {
		fail(409, 'feedbackNotGiven');
	}
	// The meeting starts from closed answers and curated comments, never live input.
	if (to === 'live' && !(await closedForPreparation(deps, row))) fail(409, 'answeringStillOpen');
	const moved = await deps.db
		.updateTable('kollegier')
		.set({
			status: to,
			updatedAt: deps.now().toISOString(),
			// Who ran the meeting: the studierektor who started it.
			...(to === 'live' ? { ranBy: options.by } : {})
		})
		.where('id', '=', row.id)
		.where('status', '=', row.status)
		.executeTakeFirst();
	if (Number(moved.numUpdatedRows) === 0) fail(409, 'statusNotAllowed');
	if (to !== 'closed') return to;
	await forgetOriginals(deps.db, row.id);
	// Stored before anyone is told: a crash in between leaves no map of who was who.
	await dropPresence(deps.db, row.id);
	deps.changes.meetingEnded(row.id);
	// ST-läkarkollegium: each supervisor whose own feedback met k is told it is ready.
	await notifySupervisorFeedbackReady(deps, row.id);
	// Feedback may all have been passed on before the meeting was formally closed.
	const entries = await handoverEntries(deps.db, row.id);
	return (await deliverIfDone(deps.db, row.id, entries, deps.now())) ? 'delivered' : 'closed';
}

/** Deletes a kollegium and everything in it, in one transaction. */
export async function deleteKollegium(deps: Deps, kollegiumId: string): Promise<void> {
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('responses').where('kollegiumId', '=', kollegiumId).execute();
		await trx.deleteFrom('unlinkedAnswers').where('kollegiumId', '=', kollegiumId).execute();
		await trx.deleteFrom('invitations').where('kollegiumId', '=', kollegiumId).execute();
		await trx.deleteFrom('subjects').where('kollegiumId', '=', kollegiumId).execute();
		await trx.deleteFrom('participants').where('kollegiumId', '=', kollegiumId).execute();
		await trx.deleteFrom('kollegier').where('id', '=', kollegiumId).execute();
	});
}

async function assertReadyToOpen(deps: Deps, row: { id: string; kind: string }): Promise<void> {
	const progress = await progressOf(deps.db, row);
	const anyone = progress.subjects.some(
		(subject) => subject.invited > 0 || subject.selfAssessment !== null
	);
	if (!anyone) fail(409, 'nothingToAnswer');
}
