import {
	ReminderDays,
	handoverMail,
	reminderMail,
	type KollegiumKind,
	type MailKind
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { languageOf, when } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { queueWithNewLink } from './link-mail.ts';
import { participantsOf } from './kollegier.ts';
import { progressOf } from './progress.ts';

const DAY = 86_400_000;

/**
 * Reminds those who have not submitted everything: the same people the progress view names,
 * never what they answered. `at` tells the reminders apart: a day of the schedule, or the
 * minute a studierektor pressed "Påminn nu" (a double click reminds once).
 */
async function remind(
	deps: Deps,
	row: KollegiumRow,
	options: { at: string; only?: string; invitedBefore?: string }
): Promise<number> {
	const [progress, participants] = await Promise.all([
		progressOf(deps.db, row),
		participantsOf(deps.db, row.id)
	]);
	const pending = new Set(progress.pending.map((p) => p.participantId));
	const invited = options.invitedBefore
		? new Set(
				(
					await deps.db
						.selectFrom('outbox')
						.select('participantId')
						.where('kollegiumId', '=', row.id)
						.where('kind', '=', 'invitation')
						.where('status', '=', 'sent')
						.where('sentAt', '<', options.invitedBefore)
						.execute()
				).map((r) => r.participantId)
			)
		: null;
	let queued = 0;
	for (const participant of participants) {
		if (!pending.has(participant.id) || !participant.email) continue;
		if (options.only && participant.id !== options.only) continue;
		if (invited && !invited.has(participant.id)) continue;
		const locale = participant.language;
		const message = reminderMail(locale, {
			kind: row.kind as KollegiumKind,
			title: row.title,
			answerDeadline: when(locale, row.answerDeadline),
			recipient: participant.name
		});
		const added = await queueMail(
			deps.db,
			{
				idempotencyKey: `reminder:${row.id}:${options.at}:${participant.id}`,
				kollegiumId: row.id,
				participantId: participant.id,
				kind: 'reminder',
				to: { name: participant.name, email: participant.email },
				subject: message.subject,
				body: message.text,
				calendar: null
			},
			deps.now()
		);
		if (added) queued += 1;
	}
	deps.outbox.kick();
	return queued;
}

/**
 * Answering has closed for good: the reminders go. Who was reminded when tells when each
 * person submitted, which nobody needs once the answers are in.
 */
export async function forgetReminders(db: Db, kollegiumId: string): Promise<void> {
	await db
		.deleteFrom('outbox')
		.where('kollegiumId', '=', kollegiumId)
		.where('kind', '=', 'reminder')
		.execute();
}

/** "Påminn nu", for everyone who has not submitted or for one of them. */
export async function remindNow(
	deps: Deps,
	row: KollegiumRow,
	only: string | undefined
): Promise<number> {
	if (!deps.config.smtpUrl) fail(409, 'mailOff');
	if (row.status !== 'open' || Date.parse(row.answerDeadline) <= deps.now().getTime())
		fail(409, 'remindersClosed');
	const minute = deps.now().toISOString().slice(0, 16);
	return remind(deps, row, { at: `now-${minute}`, ...(only ? { only } : {}) });
}

/** The studierektor's schedule for this kollegium; the next look at the schedule follows it. */
export async function setReminderDays(
	deps: Deps,
	row: KollegiumRow,
	days: ReminderDays
): Promise<KollegiumRow> {
	const sorted = [...days].sort((a, b) => b - a);
	await deps.db
		.updateTable('kollegier')
		.set({ reminderDays: JSON.stringify(sorted) })
		.where('id', '=', row.id)
		.execute();
	return { ...row, reminderDays: JSON.stringify(sorted) };
}

/**
 * Everything the schedule says is due: reminders before each open kollegium's deadline (to
 * those invited by e-mail before that point of the schedule), and to each handledare whose
 * trainee's final plan has waited longer than HANDOVER_REMINDER_DAYS to be passed on.
 */
export async function queueDueReminders(deps: Deps): Promise<void> {
	const now = deps.now();
	const open = await deps.db
		.selectFrom('kollegier')
		.selectAll()
		.where('status', '=', 'open')
		.where('answerDeadline', '>', now.toISOString())
		.execute();
	for (const row of open) {
		const deadline = Date.parse(row.answerDeadline);
		for (const days of ReminderDays.parse(JSON.parse(row.reminderDays))) {
			const due = new Date(deadline - days * DAY);
			if (due > now) continue;
			await remind(deps, row, { at: `${days}d`, invitedBefore: due.toISOString() });
		}
	}
	await queueHandoverReminders(deps);
}

/** To the trainee's handledare, with a fresh personal link: the plan is final and the PDF ready. */
export async function notifyPlanReady(
	deps: Deps,
	options: { kollegiumId: string; subjectId: string; version: number }
): Promise<void> {
	if (!deps.config.smtpUrl) return;
	await notifySupervisor(deps, { ...options, kind: 'planReady' });
	deps.outbox.kick();
}

async function queueHandoverReminders(deps: Deps): Promise<void> {
	const before = new Date(
		deps.now().getTime() - deps.config.handoverReminderDays * DAY
	).toISOString();
	const waiting = await deps.db
		.selectFrom('planVersions')
		.innerJoin('kollegier', 'kollegier.id', 'planVersions.kollegiumId')
		.leftJoin('handovers', 'handovers.subjectId', 'planVersions.subjectId')
		.select(['planVersions.kollegiumId', 'planVersions.subjectId', 'planVersions.version'])
		.where('kollegier.status', '=', 'closed')
		.where('handovers.subjectId', 'is', null)
		.where('planVersions.finalizedAt', '<', before)
		.execute();
	// Only the newest version of each plan: that is the one to pass on.
	const newest = new Map<string, (typeof waiting)[number]>();
	for (const plan of waiting) {
		const known = newest.get(plan.subjectId);
		if (!known || known.version < plan.version) newest.set(plan.subjectId, plan);
	}
	for (const plan of newest.values()) {
		await notifySupervisor(deps, { ...plan, kind: 'handoverReminder' });
	}
}

/**
 * One message to the handledare of a trainee, once per plan version and kind. The message
 * carries a new link (their earlier one may have expired since the meeting), issued in the
 * same transaction as the message, and only when the message is new.
 */
async function notifySupervisor(
	deps: Deps,
	options: {
		kollegiumId: string;
		subjectId: string;
		version: number;
		kind: Extract<MailKind, 'planReady' | 'handoverReminder'>;
	}
): Promise<void> {
	const subject = await deps.db
		.selectFrom('subjects')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.innerJoin('participants', 'participants.id', 'subjects.supervisorId')
		.select([
			'subjects.name as trainee',
			'kollegier.title',
			'kollegier.startsAt',
			'participants.id as supervisorId',
			'participants.name as supervisorName',
			'participants.email as supervisorEmail',
			'participants.language as supervisorLanguage'
		])
		.where('subjects.id', '=', options.subjectId)
		.executeTakeFirst();
	if (!subject?.supervisorEmail) return;
	// Told once that the plan is ready; reminded once per version still not passed on.
	const key =
		options.kind === 'planReady'
			? `planReady:${options.subjectId}`
			: `handoverReminder:${options.subjectId}:${options.version}`;
	await queueWithNewLink(deps, {
		key,
		kollegiumId: options.kollegiumId,
		startsAt: subject.startsAt,
		recipient: {
			participantId: subject.supervisorId,
			name: subject.supervisorName,
			email: subject.supervisorEmail
		},
		kind: options.kind,
		compose: (link) =>
			handoverMail(languageOf(subject.supervisorLanguage), {
				recipient: subject.supervisorName,
				trainee: subject.trainee,
				title: subject.title,
				link,
				reminder: options.kind === 'handoverReminder'
			})
	});
}
