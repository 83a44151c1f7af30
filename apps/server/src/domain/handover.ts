import {
	allFeedbackGiven,
	fieldIssue,
	type HandoverEntry,
	type HandoverInput,
	type Locale,
	type RespondentHandover
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { Deps, InvitationContext } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { participantsOf, subjectsOf } from './kollegier.ts';

/**
 * Per trainee (or for the clinic), whether the plan is final and the feedback passed on.
 * Supervisors discussed in an ST-läkarkollegium get no plan and no PDF, so they are not here.
 */
export async function handoverEntries(db: Db, kollegiumId: string): Promise<HandoverEntry[]> {
	const [subjects, participants, versions, handovers] = await Promise.all([
		subjectsOf(db, kollegiumId),
		participantsOf(db, kollegiumId),
		db
			.selectFrom('planVersions')
			.select(['subjectId', 'version', 'finalizedAt'])
			.where('kollegiumId', '=', kollegiumId)
			.orderBy('version', 'desc')
			.execute(),
		db.selectFrom('handovers').selectAll().where('kollegiumId', '=', kollegiumId).execute()
	]);
	return subjects.flatMap((subject): HandoverEntry[] => {
		if (subject.kind === 'supervisor') return [];
		const latest = versions.find((v) => v.subjectId === subject.id);
		const handover = handovers.find((h) => h.subjectId === subject.id);
		const supervisor = participants.find((p) => p.id === subject.supervisorId);
		return [
			{
				subjectId: subject.id,
				kind: subject.kind,
				name: subject.name,
				supervisor: supervisor ? { id: supervisor.id, name: supervisor.name } : null,
				finalVersion: latest?.version ?? null,
				finalizedAt: latest?.finalizedAt ?? null,
				givenOn: handover?.givenOn ?? null,
				sharedWithTrainee: handover?.sharedWithTrainee === 1
			}
		];
	});
}

/**
 * Records that a subject's feedback was given, and marks the kollegium delivered once every
 * one has been, all in one transaction so the status never disagrees with the records.
 */
export async function recordHandover(
	db: Db,
	options: {
		kollegiumId: string;
		subjectId: string;
		input: HandoverInput;
		recordedBy: string;
		now: Date;
		locale: Locale;
	}
): Promise<HandoverEntry[]> {
	const { kollegiumId, subjectId, input, now } = options;
	if (input.givenOn > localDate(now)) {
		fail(400, 'validation', [
			fieldIssue({
				path: 'givenOn',
				code: 'custom',
				message: 'dateInFuture',
				locale: options.locale
			})
		]);
	}
	return db.transaction().execute(async (trx) => {
		const before = await handoverEntries(trx, kollegiumId);
		const entry = before.find((e) => e.subjectId === subjectId) ?? fail(404, 'subjectNotFound');
		if (entry.finalVersion === null) fail(409, 'planNotFinal');
		// Feedback is given from the final plan, so not before the plan was final.
		if (entry.finalizedAt && input.givenOn < localDate(new Date(entry.finalizedAt))) {
			fail(400, 'validation', [
				fieldIssue({
					path: 'givenOn',
					code: 'custom',
					message: 'beforePlanFinal',
					locale: options.locale
				})
			]);
		}
		const values = {
			planVersion: entry.finalVersion,
			givenOn: input.givenOn,
			recordedBy: options.recordedBy,
			sharedWithTrainee: input.sharedWithTrainee ? 1 : 0,
			recordedAt: now.toISOString()
		};
		await trx
			.insertInto('handovers')
			.values({ subjectId, kollegiumId, ...values })
			.onConflict((conflict) => conflict.column('subjectId').doUpdateSet(values))
			.execute();
		const after = await handoverEntries(trx, kollegiumId);
		await deliverIfDone(trx, kollegiumId, after, now);
		return after;
	});
}

/** A closed kollegium whose feedback has all been given is delivered. */
export async function deliverIfDone(
	db: Db,
	kollegiumId: string,
	entries: readonly HandoverEntry[],
	now: Date
): Promise<boolean> {
	if (!allFeedbackGiven(entries)) return false;
	const result = await db
		.updateTable('kollegier')
		.set({ status: 'delivered', updatedAt: now.toISOString() })
		.where('id', '=', kollegiumId)
		.where('status', '=', 'closed')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

type Holder = Pick<InvitationContext, 'kollegiumId' | 'participantId'>;

/** The entries, and the one about the link's holder when they are a trainee assessed here. */
async function entriesFor(deps: Pick<Deps, 'db'>, invitation: Holder) {
	const [entries, own] = await Promise.all([
		handoverEntries(deps.db, invitation.kollegiumId),
		deps.db
			.selectFrom('subjects')
			.select('id')
			.where('kollegiumId', '=', invitation.kollegiumId)
			.where('participantId', '=', invitation.participantId)
			.where('kind', '=', 'trainee')
			.executeTakeFirst()
	]);
	return { entries, own: entries.find((entry) => entry.subjectId === own?.id) ?? null };
}

/** The trainees a participant passes feedback on to, as their handledare; and their own copy. */
export async function respondentHandover(
	deps: Pick<Deps, 'db'>,
	invitation: Holder
): Promise<RespondentHandover> {
	const { entries, own } = await entriesFor(deps, invitation);
	return {
		// An assessed trainee is nobody's handledare here, whatever the data says.
		supervising: own
			? []
			: entries.filter((entry) => entry.supervisor?.id === invitation.participantId),
		ownFeedback: own?.sharedWithTrainee ?? false
	};
}

/** The entry of a trainee this participant is handledare for; anyone else's is not found. */
export async function supervisedEntry(
	deps: Pick<Deps, 'db'>,
	invitation: Holder,
	subjectId: string
): Promise<HandoverEntry> {
	const { supervising } = await respondentHandover(deps, invitation);
	return supervising.find((entry) => entry.subjectId === subjectId) ?? fail(404, 'subjectNotFound');
}

/** The trainee's own entry, when the participant is the trainee a plan is about. */
export async function ownFeedbackEntry(
	deps: Pick<Deps, 'db'>,
	invitation: Holder
): Promise<HandoverEntry | null> {
	return (await entriesFor(deps, invitation)).own;
}

/** Today's date where the clinic is: "given today" must not count as the future at 00:30. */
function localDate(now: Date): string {
	return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}
