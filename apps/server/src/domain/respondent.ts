import {
	KollegiumStatus,
	assignmentsFor,
	isAnswering,
	monthOfTraining,
	type LocalizedText,
	type RespondentView
} from '@kollegium/model';
import type { Deps, InvitationContext } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { participantsOf, subjectsOf, toKollegium } from './kollegier.ts';
import type { ResponseRow } from '../db/schema.ts';
import { answersOf, savedResponse } from './responses.ts';
import { specialtyGoalLists } from './specialty-goals.ts';

/**
 * What an invitation's holder sees: the meeting, and their own forms with their own answers.
 * Nothing about anyone else's answers, not even whether they have answered.
 */
export async function respondentView(
	deps: Deps,
	invitation: InvitationContext
): Promise<RespondentView> {
	const row = await deps.db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', invitation.kollegiumId)
		.executeTakeFirstOrThrow();
	const kollegium = toKollegium(row);
	const [participants, subjects, responses] = await Promise.all([
		participantsOf(deps.db, row.id),
		subjectsOf(deps.db, row.id),
		deps.db
			.selectFrom('responses')
			.selectAll()
			.where('participantId', '=', invitation.participantId)
			.execute()
	]);
	const participant =
		participants.find((p) => p.id === invitation.participantId) ?? fail(404, 'invitationInvalid');
	const assignments = assignmentsFor({ kind: kollegium.kind, participant, subjects });
	return {
		participant: { id: participant.id, name: participant.name, roles: participant.roles },
		kollegium,
		answering: isAnswering({
			status: kollegium.status,
			answerDeadline: kollegium.answerDeadline,
			now: deps.now()
		}),
		answersUnlinked: row.commentsTakenAt !== null,
		focus: await focusWithTitles(deps, kollegium.focusGoals),
		form: kollegium.form,
		assignments: assignments.map(({ subjectId, role }) => {
			const subject = subjects.find((s) => s.id === subjectId);
			if (!subject) throw new Error(`Assignment to missing subject ${subjectId}`);
			const response = responses.find((r) => r.subjectId === subjectId);
			return {
				subjectId,
				role,
				subject: {
					kind: subject.kind,
					name: subject.name,
					specialty: subject.specialty,
					monthOfTraining: subject.stStart
						? monthOfTraining({
								stStart: subject.stStart,
								at: kollegium.startsAt,
								monthsOfLeave: subject.monthsOfLeave
							})
						: null
				},
				response: response ? ownResponse(response, invitation.deviceHash) : null
			};
		})
	};
}

/** The response's state; its content only for the browser that wrote it. */
function ownResponse(response: ResponseRow, deviceHash: string) {
	const readable = response.deviceHash === deviceHash;
	const saved = savedResponse(response);
	return {
		...saved,
		// Whether the working copy differs from the submitted one is content too.
		changedSinceSubmit: readable && saved.changedSinceSubmit,
		readable,
		answers: readable ? answersOf(response) : {},
		declined: readable ? response.declined === 1 : false
	};
}

/** The answering window as the server sees it; a closed one refuses every write. */
export function assertAnswering(
	deps: Deps,
	kollegium: { status: string; answerDeadline: string }
): void {
	const status = KollegiumStatus.parse(kollegium.status);
	if (status === 'draft') fail(409, 'notOpenYet');
	if (!isAnswering({ status, answerDeadline: kollegium.answerDeadline, now: deps.now() }))
		fail(409, 'answeringClosed');
}

/** The focus delmål with their titles: a and b from the catalogues, c from the specialty lists. */
async function focusWithTitles(
	deps: Pick<Deps, 'db' | 'library'>,
	codes: readonly string[]
): Promise<{ code: string; title: LocalizedText }[]> {
	if (codes.length === 0) return [];
	const specialty = (await specialtyGoalLists(deps)).flatMap((list) => list.goals);
	const known = [...deps.library.catalogues.flatMap((c) => c.goals), ...specialty];
	return codes.map((code) => ({
		code,
		title: known.find((goal) => goal.code === code)?.title ?? { sv: code }
	}));
}
