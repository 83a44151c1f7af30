import { isMeetingOver, KollegiumStatus, supervisorFeedbackMail } from '@kollegium/model';
import type { Deps } from '../http/env.ts';
import { languageOf } from '../mail/compose.ts';
import { clinicNameOfKollegium } from './clinics.ts';
import { supervisorFeedbackEntries } from './handover.ts';
import { queueWithNewLink } from './link-mail.ts';

/**
 * When an ST-läkarkollegium's meeting is over, tells each supervisor whose own feedback met the
 * supervisors' k, and so has a result to read, that it is ready: one e-mail in their language,
 * with a new personal link (their earlier one is replaced, as for the handledare's plan mail).
 * A supervisor below k, or of whom the room was shown nothing, gets no e-mail at all: a neutral
 * one sent only to them would tell them what its absence tells, and a count is never sent.
 * Idempotent (the outbox key is the subject's): calling it again, or after a restart, sends
 * nothing twice. Answers how many were queued now.
 */
export async function notifySupervisorFeedbackReady(
	deps: Deps,
	kollegiumId: string
): Promise<number> {
	if (!deps.config.smtpUrl) return 0;
	const row = await deps.db
		.selectFrom('kollegier')
		.select(['id', 'kind', 'title', 'status', 'startsAt'])
		.where('id', '=', kollegiumId)
		.executeTakeFirst();
	if (row?.kind !== 'st-lakarkollegium' || !isMeetingOver(KollegiumStatus.parse(row.status))) {
		return 0;
	}
	const ready = (await supervisorFeedbackEntries(deps, kollegiumId)).filter(
		(entry) => entry.result === 'available' && entry.hasLink
	);
	if (ready.length === 0) return 0;
	const clinic = await clinicNameOfKollegium(deps.db, kollegiumId);
	let queued = 0;
	for (const entry of ready) {
		if (await tellSupervisor(deps, { row, subjectId: entry.subjectId, clinic })) queued += 1;
	}
	deps.outbox.kick();
	return queued;
}

/** One supervisor's message, once: the link is issued only when the message is new. */
async function tellSupervisor(
	deps: Deps,
	options: {
		row: { id: string; title: string; startsAt: string };
		subjectId: string;
		clinic: string;
	}
): Promise<boolean> {
	const { row, subjectId, clinic } = options;
	const supervisor = await deps.db
		.selectFrom('subjects')
		.innerJoin('participants', 'participants.id', 'subjects.participantId')
		.select(['participants.id', 'participants.name', 'participants.email', 'participants.language'])
		.where('subjects.id', '=', subjectId)
		.where('subjects.kollegiumId', '=', row.id)
		.executeTakeFirst();
	if (!supervisor?.email) return false;
	return queueWithNewLink(deps, {
		key: `supervisorFeedback:${subjectId}`,
		kollegiumId: row.id,
		startsAt: row.startsAt,
		recipient: { participantId: supervisor.id, name: supervisor.name, email: supervisor.email },
		kind: 'supervisorFeedback',
		compose: (link) =>
			supervisorFeedbackMail(languageOf(supervisor.language), {
				kind: 'st-lakarkollegium',
				title: row.title,
				clinic,
				link,
				recipient: supervisor.name
			})
	});
}
