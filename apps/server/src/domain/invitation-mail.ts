import {
	ReminderDays,
	calendarText,
	invitationMail,
	meetingChangeMail,
	type InvitationSendResult,
	type KollegiumKind,
	type Locale,
	type MailOverview,
	type OutboxEntry
} from '@kollegium/model';
import type { KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { meetingCalendar } from '../mail/calendar.ts';
import { languageOf, when } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { smtpUrlProblem } from '../mail/transport.ts';
import { clinicNameOfKollegium } from './clinics.ts';
import { issueInvitationIn } from './invitations.ts';
import { kollegiumDetail } from './kollegier.ts';
import { lockRow } from './locks.ts';

/** Invitations still count as sent (or on their way) unless they failed. */
const liveInvitation = ['queued', 'sending', 'sent'];

/**
 * Sends each participant with an e-mail address their personal link, once: a participant whose
 * invitation is queued or sent is left out, so a second call sends nothing twice. Each message
 * gets a new link (the earlier one stops working), written into the message and nowhere else,
 * in the same transaction as its outbox row, under the participant's lock.
 */
export async function sendInvitations(
	deps: Deps,
	row: KollegiumRow,
	/** Only this participant (sending one failed invitation again). */
	only?: string
): Promise<InvitationSendResult> {
	if (!deps.config.smtpUrl) fail(409, 'mailOff');
	// Each message replaces the person's link: with settings no message can go out on, nobody
	// would be left with a working one.
	if (smtpUrlProblem(deps.config.smtpUrl)) fail(409, 'mailMisconfigured');
	// A draft's form may still change and nobody can answer it yet.
	if (row.status === 'draft') fail(409, 'statusNotAllowed');
	const detail = await kollegiumDetail(deps.db, row);
	const clinic = await clinicNameOfKollegium(deps.db, row.id);
	const trainees = detail.subjects.filter((s) => s.kind === 'trainee').map((s) => s.name);
	// Whom the meeting is about (the trainee, a supervisor) is not in the room: no calendar event.
	const aboutThem = new Set(detail.subjects.map((s) => s.participantId).filter(Boolean));
	const result: InvitationSendResult = { queued: [], skipped: [] };
	const revoked: string[] = [];
	for (const participant of detail.participants) {
		if (only && participant.id !== only) continue;
		const who = { participantId: participant.id, name: participant.name };
		if (!participant.email) {
			result.skipped.push({ ...who, reason: 'noEmail' });
			continue;
		}
		const queued = await deps.db.transaction().execute(async (trx) => {
			await lockRow(trx, 'participants', participant.id);
			const earlier = await trx
				.selectFrom('outbox')
				.select('id')
				.where('participantId', '=', participant.id)
				.where('kind', '=', 'invitation')
				.where('status', 'in', liveInvitation)
				.executeTakeFirst();
			if (earlier) return false;
			const issued = await issueInvitationIn(trx, deps, {
				kollegiumId: row.id,
				participantId: participant.id,
				startsAt: row.startsAt,
				origin: deps.site.origin
			});
			// Written in the participant's own language only, dates and times their way.
			const locale = participant.language;
			const message = invitationMail(locale, {
				kind: row.kind as KollegiumKind,
				title: row.title,
				clinic,
				startsAt: when(locale, row.startsAt),
				answerDeadline: when(locale, row.answerDeadline),
				location: row.location,
				videoLink: row.videoLink,
				recipient: { name: participant.name, roles: participant.roles },
				about: trainees.filter((name) => name !== participant.name),
				link: issued.url,
				calendar: !aboutThem.has(participant.id)
			});
			return queueMail(
				trx,
				{
					idempotencyKey: `invitation:${participant.id}:${issued.invitationId}`,
					kollegiumId: row.id,
					participantId: participant.id,
					kind: 'invitation',
					to: { name: participant.name, email: participant.email },
					subject: message.subject,
					body: message.text,
					calendar: aboutThem.has(participant.id)
						? null
						: meetingCalendar({
								...eventOf(deps, row, {
									attendee: { name: participant.name, email: participant.email },
									locale,
									clinic
								}),
								cancelled: false
							})
				},
				deps.now()
			);
		});
		if (queued) {
			result.queued.push(who);
			revoked.push(participant.id);
		} else result.skipped.push({ ...who, reason: 'alreadySent' });
	}
	// Connections on a link that was just replaced close, as when a link is re-issued by hand.
	for (const participantId of revoked) deps.changes.participantRevoked(participantId);
	deps.outbox.kick();
	return result;
}

/**
 * The meeting moved or was cancelled (for everyone, or for one participant taken out of it):
 * everyone invited by e-mail gets an updated calendar event (same UID, the next SEQUENCE) or
 * its cancellation. Called with the kollegium as it is now;
 * for a cancellation before its rows are deleted.
 */
export async function sendMeetingChange(
	deps: Deps,
	row: KollegiumRow,
	change: 'moved' | 'cancelled',
	/** Only this participant, in their language: they were taken out of the meeting. */
	only?: { participantId: string; language: Locale }
): Promise<void> {
	if (!deps.config.smtpUrl) return;
	// Deleting a kollegium long after its meeting cancels nothing in anyone's calendar.
	if (change === 'cancelled' && Date.parse(row.startsAt) < deps.now().getTime()) return;
	const invited = await deps.db
		.selectFrom('outbox')
		// The participant's language as it is now: they may have changed it since the invitation.
		.leftJoin('participants', 'participants.id', 'outbox.participantId')
		.select([
			'outbox.participantId',
			'outbox.recipientName',
			'outbox.recipientEmail',
			'participants.language'
		])
		.distinct()
		.where('outbox.kollegiumId', '=', row.id)
		.where('outbox.kind', '=', 'invitation')
		.where('outbox.status', 'in', liveInvitation)
		// Only those whose calendar holds the meeting.
		.where('outbox.calendar', 'is not', null)
		.$if(only !== undefined, (query) =>
			query.where('outbox.participantId', '=', only?.participantId ?? '')
		)
		// Everyone's change goes to those still in it: someone taken out had their cancellation.
		.$if(only === undefined, (query) =>
			query.where(
				'outbox.participantId',
				'in',
				deps.db.selectFrom('participants').select('id').where('kollegiumId', '=', row.id)
			)
		)
		.execute();
	if (invited.length === 0) return;
	const clinic = await clinicNameOfKollegium(deps.db, row.id);
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'kollegier', row.id);
		const { calendarSequence } = await trx
			.updateTable('kollegier')
			.set((eb) => ({ calendarSequence: eb('calendarSequence', '+', 1) }))
			.where('id', '=', row.id)
			.returning('calendarSequence')
			.executeTakeFirstOrThrow();
		const cancelled = change === 'cancelled';
		for (const person of invited) {
			const to = { name: person.recipientName, email: person.recipientEmail };
			// Someone taken out of the meeting has no participant row left to read it from.
			const locale = only?.language ?? languageOf(person.language);
			const message = meetingChangeMail(locale, {
				kind: row.kind as KollegiumKind,
				title: row.title,
				startsAt: when(locale, row.startsAt),
				location: row.location,
				videoLink: row.videoLink,
				recipient: to.name,
				cancelled
			});
			await queueMail(
				trx,
				{
					idempotencyKey: `${change}:${row.id}:${calendarSequence}:${to.email}`,
					kollegiumId: row.id,
					participantId: person.participantId,
					kind: cancelled ? 'meetingCancel' : 'meetingUpdate',
					to,
					subject: message.subject,
					body: message.text,
					calendar: meetingCalendar({
						...eventOf(deps, { ...row, calendarSequence }, { attendee: to, locale, clinic }),
						cancelled
					})
				},
				deps.now()
			);
		}
	});
	deps.outbox.kick();
}

/** The calendar event of a kollegium for one attendee, its words in their language. */
function eventOf(
	deps: Deps,
	row: KollegiumRow,
	options: { attendee: { name: string; email: string }; locale: Locale; clinic: string }
) {
	const { attendee, locale, clinic } = options;
	const text = calendarText(locale, { kind: row.kind as KollegiumKind, title: row.title, clinic });
	return {
		kollegiumId: row.id,
		sequence: row.calendarSequence,
		title: text.summary,
		description: text.description,
		startsAt: row.startsAt,
		location: row.location,
		videoLink: row.videoLink,
		organizer: { name: 'Kollegium', email: addressOf(deps.config.mailFrom) },
		attendee
	};
}

/** The bare address of "Name <address>". */
function addressOf(from: string): string {
	return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/** Every message of a kollegium, newest first, for the studierektor: to whom and how it went. */
export async function outboxOf(deps: Deps, row: KollegiumRow): Promise<MailOverview> {
	const rows = await deps.db
		.selectFrom('outbox')
		.select([
			'id',
			'participantId',
			'recipientName',
			'recipientEmail',
			'kind',
			'status',
			'attempts',
			'lastError',
			'createdAt',
			'sentAt'
		])
		.where('kollegiumId', '=', row.id)
		.orderBy('createdAt', 'desc')
		.orderBy('id')
		.execute();
	return {
		enabled: deps.config.smtpUrl !== null,
		reminderDays: ReminderDays.parse(JSON.parse(row.reminderDays)),
		entries: rows.map((row): OutboxEntry => ({
			id: row.id,
			participantId: row.participantId,
			name: row.recipientName,
			email: row.recipientEmail,
			kind: row.kind as OutboxEntry['kind'],
			status: row.status as OutboxEntry['status'],
			attempts: row.attempts,
			lastError: row.lastError,
			createdAt: row.createdAt,
			sentAt: row.sentAt
		}))
	};
}

/**
 * Tries a failed message again. An invitation gets a new link (the failed one's body was
 * emptied); a calendar update or cancellation is sent as it was.
 */
export async function resendMail(
	deps: Deps,
	row: KollegiumRow,
	messageId: string
): Promise<MailOverview> {
	if (!deps.config.smtpUrl) fail(409, 'mailOff');
	const message = await deps.db
		.selectFrom('outbox')
		.selectAll()
		.where('id', '=', messageId)
		.where('kollegiumId', '=', row.id)
		.executeTakeFirst();
	if (!message) fail(404, 'messageNotFound');
	if (message.status !== 'failed') fail(409, 'messageNotResendable');
	if (message.kind === 'invitation' && message.participantId) {
		await sendInvitations(deps, row, message.participantId);
	} else {
		await deps.db
			.updateTable('outbox')
			.set({ status: 'queued', attempts: 0, nextAttemptAt: deps.now().toISOString() })
			.where('id', '=', message.id)
			.where('status', '=', 'failed')
			.execute();
		deps.outbox.kick();
	}
	return outboxOf(deps, row);
}
