import {
	allFeedbackGiven,
	fieldIssue,
	type HandoverEntry,
	type HandoverInput,
	type Locale,
	type OwnSupervisorFeedback,
	type RespondentHandover,
	type SupervisorFeedbackEntry,
	type SupervisorFeedbackReport
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { Deps, InvitationContext } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { participantsOf, subjectsOf } from './kollegier.ts';
import { supervisorFeedback } from './report.ts';

/**
 * Per trainee (or for the clinic), whether the plan is final and the feedback passed on.
 * Supervisors discussed in an ST-läkarkollegium get no plan, so they are not here: their own
 * feedback is `supervisorFeedbackEntries`, and their receipt never holds up delivery.
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

/**
 * Per supervisor of an ST-läkarkollegium (#11 D): whether they have a result, its k, and when
 * they recorded receiving it. Their receipt never holds up the kollegium's delivery, which
 * follows the clinic's handlingsplan alone (`handoverEntries` leaves supervisors out).
 */
export async function supervisorFeedbackEntries(
	deps: Pick<Deps, 'db' | 'now'>,
	kollegiumId: string
): Promise<SupervisorFeedbackEntry[]> {
	const [subjects, receipts] = await Promise.all([
		subjectsOf(deps.db, kollegiumId),
		deps.db
			.selectFrom('handovers')
			.select(['subjectId', 'givenOn'])
			.where('kollegiumId', '=', kollegiumId)
			.execute()
	]);
	const supervisors = subjects.filter((subject) => subject.kind === 'supervisor');
	return Promise.all(
		supervisors.map(async (subject) => {
			const { result, k } = await supervisorFeedback(deps, {
				kollegiumId,
				subjectId: subject.id,
				locale: 'sv'
			});
			return {
				subjectId: subject.id,
				name: subject.name,
				hasLink: subject.participantId !== null,
				k,
				result,
				receivedOn: receipts.find((r) => r.subjectId === subject.id)?.givenOn ?? null
			};
		})
	);
}

/** The supervisor subject whose participant holds this link, if any. */
async function ownSupervisorSubject(deps: Pick<Deps, 'db'>, invitation: Holder) {
	return deps.db
		.selectFrom('subjects')
		.select('id')
		.where('kollegiumId', '=', invitation.kollegiumId)
		.where('participantId', '=', invitation.participantId)
		.where('kind', '=', 'supervisor')
		.executeTakeFirst();
}

/** What a supervisor's own link shows of their feedback; null for anyone else's link. */
export async function ownSupervisorFeedback(
	deps: Pick<Deps, 'db' | 'now'>,
	invitation: Holder
): Promise<OwnSupervisorFeedback> {
	const own = await ownSupervisorSubject(deps, invitation);
	if (!own) return { feedback: null };
	const entries = await supervisorFeedbackEntries(deps, invitation.kollegiumId);
	const entry = entries.find((e) => e.subjectId === own.id);
	if (!entry) return { feedback: null };
	const { subjectId, name, k, result, receivedOn } = entry;
	return { feedback: { subjectId, name, k, result, receivedOn } };
}

/** The PDF of the link's supervisor, when they have a result; 404 otherwise. */
export async function ownSupervisorReport(
	deps: Pick<Deps, 'db' | 'now'>,
	invitation: Holder & { locale: Locale }
): Promise<SupervisorFeedbackReport> {
	const own = await ownSupervisorSubject(deps, invitation);
	if (!own) fail(404, 'supervisorFeedbackNotAvailable');
	const { report } = await supervisorFeedback(deps, {
		kollegiumId: invitation.kollegiumId,
		subjectId: own.id,
		locale: invitation.locale
	});
	return report ?? fail(404, 'supervisorFeedbackNotAvailable');
}

/**
 * Records that the supervisor received their feedback, once: the first date stays. Only a
 * result that exists can be received. Kept in handovers for their subject (plan version 0: a
 * supervisor has no plan).
 */
export async function recordSupervisorReceipt(
	deps: Pick<Deps, 'db' | 'now'>,
	invitation: Holder
): Promise<OwnSupervisorFeedback> {
	const before = await ownSupervisorFeedback(deps, invitation);
	const entry = before.feedback;
	if (!entry || entry.result !== 'available') fail(409, 'supervisorFeedbackNotAvailable');
	const now = deps.now();
	await deps.db
		.insertInto('handovers')
		.values({
			subjectId: entry.subjectId,
			kollegiumId: invitation.kollegiumId,
			planVersion: 0,
			givenOn: localDate(now),
			recordedBy: invitation.participantId,
			sharedWithTrainee: 0,
			recordedAt: now.toISOString()
		})
		.onConflict((conflict) => conflict.column('subjectId').doNothing())
		.execute();
	return ownSupervisorFeedback(deps, invitation);
}
