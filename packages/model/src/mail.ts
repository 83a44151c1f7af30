import { z } from 'zod';
import type { KollegiumKind } from './template.ts';
import type { ParticipantRole } from './kollegium.ts';
import { translate, type MessageKey } from './messages/index.ts';
import type { Locale } from './text.ts';

/** What a message in the outbox is for. */
export const MailKind = z.enum([
	'invitation',
	'meetingUpdate',
	'meetingCancel',
	'reminder',
	'planReady',
	'handoverReminder',
	'supervisorFeedback'
]);
export type MailKind = z.infer<typeof MailKind>;

/**
 * A message's way through the outbox: queued until the worker takes it (sending), then sent, or
 * back to queued with a later attempt, or failed with its reason once the attempts are spent.
 */
export const MailStatus = z.enum(['queued', 'sending', 'sent', 'failed']);
export type MailStatus = z.infer<typeof MailStatus>;

/** Messages that carry a personal link: the outbox forgets their body once sent or given up. */
export function carriesLink(kind: MailKind): boolean {
	return (
		kind === 'invitation' ||
		kind === 'planReady' ||
		kind === 'handoverReminder' ||
		kind === 'supervisorFeedback'
	);
}

/** Attempts before a message is given up as failed. */
export const MAX_MAIL_ATTEMPTS = 5;

/** One message as the studierektor follows it: to whom, whether it went, why not. Never its body. */
export const OutboxEntry = z.object({
	id: z.uuid(),
	participantId: z.uuid().nullable(),
	name: z.string(),
	email: z.string(),
	kind: MailKind,
	status: MailStatus,
	attempts: z.int(),
	/** Why the last attempt failed, in the SMTP server's or the network's words. */
	lastError: z.string().nullable(),
	createdAt: z.iso.datetime(),
	sentAt: z.iso.datetime().nullable()
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** When those who have not submitted are reminded: whole days before the deadline. */
export const ReminderDays = z
	.array(z.int().min(0).max(30))
	.max(5)
	.refine((days) => new Set(days).size === days.length, { message: 'reminderDaysRepeated' });
export type ReminderDays = z.infer<typeof ReminderDays>;
export const DEFAULT_REMINDER_DAYS: ReminderDays = [3, 1];

/** The reminder schedule a studierektor sets for one kollegium. */
export const ReminderSchedule = z.object({ daysBefore: ReminderDays });
export type ReminderSchedule = z.infer<typeof ReminderSchedule>;

/** "Påminn nu": everyone who has not submitted, or one of them. */
export const RemindNow = z.object({ participantId: z.uuid().optional() });
export type RemindNow = z.infer<typeof RemindNow>;

/** How many reminders "Påminn nu" queued. */
export const RemindersQueued = z.object({ queued: z.int() });
export type RemindersQueued = z.infer<typeof RemindersQueued>;

/** A kollegium's outbox, its reminder schedule, and whether this installation sends e-mail. */
export const MailOverview = z.object({
	enabled: z.boolean(),
	reminderDays: ReminderDays,
	entries: z.array(OutboxEntry)
});
export type MailOverview = z.infer<typeof MailOverview>;

/** What one "send invitations" did: who was queued, who was left out and why. */
export const InvitationSendResult = z.object({
	queued: z.array(z.object({ participantId: z.uuid(), name: z.string() })),
	skipped: z.array(
		z.object({
			participantId: z.uuid(),
			name: z.string(),
			reason: z.enum(['noEmail', 'alreadySent'])
		})
	)
});
export type InvitationSendResult = z.infer<typeof InvitationSendResult>;

/** The seconds before a failed message is tried again: 1 min, 5, 25, … at most 6 hours. */
export function mailRetryDelay(attempts: number): number {
	return Math.min(60 * 5 ** Math.max(0, attempts - 1), 6 * 3600);
}

/** What a personal invitation says about the meeting and the recipient's part in it. */
export interface InvitationFacts {
	kind: KollegiumKind;
	title: string;
	clinic: string;
	/** Already formatted in the message's language and Swedish time. */
	startsAt: string;
	answerDeadline: string;
	location: string;
	videoLink: string;
	recipient: { name: string; roles: readonly ParticipantRole[] };
	/** For an assessor: the trainees the form is about. */
	about: readonly string[];
	link: string;
	/** Whether the meeting comes as a calendar file: not to whom the meeting is about. */
	calendar: boolean;
}

/**
 * The plain-text invitation in one language. The link is the only secret in it and the
 * message is the only place the link is written down outside the recipient's browser.
 */
export function invitationMail(
	locale: Locale,
	facts: InvitationFacts
): { subject: string; text: string } {
	const t = (key: MessageKey, params = {}) => translate(locale, key, params);
	const kind = t(`mail.kind.${facts.kind}`);
	const part = facts.recipient.roles.includes('assessor')
		? t('mail.invitation.assessor', { names: facts.about.join(', ') || '–' })
		: facts.recipient.roles.includes('trainee')
			? t(
					facts.kind === 'specialistkollegium'
						? 'mail.invitation.traineeSelf'
						: 'mail.invitation.traineeFeedback'
				)
			: t('mail.invitation.other');
	const place = [facts.location, facts.videoLink].filter(Boolean).join(' · ');
	const lines = [
		t('mail.invitation.greeting', { name: facts.recipient.name }),
		'',
		t('mail.invitation.intro', { kind, title: facts.title, clinic: facts.clinic }),
		part,
		'',
		t('mail.invitation.when', { date: facts.startsAt }),
		...(place ? [t('mail.invitation.where', { place })] : []),
		t('mail.invitation.deadline', { date: facts.answerDeadline }),
		'',
		t('mail.invitation.link'),
		facts.link,
		'',
		t('mail.invitation.personal'),
		...(facts.calendar ? [t('mail.invitation.calendar')] : [])
	];
	return {
		subject: t('mail.invitation.subject', { kind, title: facts.title }),
		text: lines.join('\n')
	};
}

/** A reminder to submit: who is reminded follows the progress view (who, never what). */
export function reminderMail(
	locale: Locale,
	facts: Pick<InvitationFacts, 'kind' | 'title' | 'answerDeadline'> & { recipient: string }
): { subject: string; text: string } {
	const t = (key: MessageKey, params = {}) => translate(locale, key, params);
	const kind = t(`mail.kind.${facts.kind}`);
	return {
		subject: t('mail.reminder.subject', { kind, title: facts.title }),
		text: [
			t('mail.invitation.greeting', { name: facts.recipient }),
			'',
			t('mail.reminder.text', { kind, title: facts.title, date: facts.answerDeadline }),
			t('mail.reminder.link')
		].join('\n')
	};
}

/** To the handledare: the plan is final and the PDF ready, or not yet passed on after some days. */
export function handoverMail(
	locale: Locale,
	facts: { recipient: string; trainee: string; title: string; link: string; reminder: boolean }
): { subject: string; text: string } {
	const t = (key: MessageKey, params = {}) => translate(locale, key, params);
	const prefix = facts.reminder ? 'mail.handoverReminder' : 'mail.planReady';
	return {
		subject: t(`${prefix}.subject`, { trainee: facts.trainee }),
		text: [
			t('mail.invitation.greeting', { name: facts.recipient }),
			'',
			t(`${prefix}.text`, { trainee: facts.trainee, title: facts.title }),
			'',
			t('mail.invitation.link'),
			facts.link,
			'',
			t('mail.invitation.personal')
		].join('\n')
	};
}

/** A calendar update or cancellation: no link, only what changed. */
export function meetingChangeMail(
	locale: Locale,
	facts: Pick<InvitationFacts, 'kind' | 'title' | 'startsAt' | 'location' | 'videoLink'> & {
		recipient: string;
		cancelled: boolean;
	}
): { subject: string; text: string } {
	const t = (key: MessageKey, params = {}) => translate(locale, key, params);
	const kind = t(`mail.kind.${facts.kind}`);
	const place = [facts.location, facts.videoLink].filter(Boolean).join(' · ');
	if (facts.cancelled) {
		return {
			subject: t('mail.cancel.subject', { kind, title: facts.title }),
			text: [
				t('mail.invitation.greeting', { name: facts.recipient }),
				'',
				t('mail.cancel.text', { kind, title: facts.title, date: facts.startsAt })
			].join('\n')
		};
	}
	return {
		subject: t('mail.update.subject', { kind, title: facts.title }),
		text: [
			t('mail.invitation.greeting', { name: facts.recipient }),
			'',
			t('mail.update.text', { kind, title: facts.title }),
			t('mail.invitation.when', { date: facts.startsAt }),
			...(place ? [t('mail.invitation.where', { place })] : []),
			'',
			t('mail.update.linkUnchanged')
		].join('\n')
	};
}

/**
 * The calendar event's own words in the recipient's language: what the meeting is and where
 * their link is. Never the link, never whom the meeting is about.
 */
export function calendarText(
	locale: Locale,
	facts: Pick<InvitationFacts, 'kind' | 'title' | 'clinic'>
): { summary: string; description: string } {
	const kind = translate(locale, `mail.kind.${facts.kind}`);
	return {
		summary: translate(locale, 'mail.calendar.summary', { title: facts.title, kind }),
		description: translate(locale, 'mail.calendar.description', { kind, clinic: facts.clinic })
	};
}

/**
 * To a supervisor of an ST-läkarkollegium whose own feedback met their k: it is ready behind
 * their link. It says nothing of how many answered or what; below k nobody is sent this.
 */
export function supervisorFeedbackMail(
	locale: Locale,
	facts: Pick<InvitationFacts, 'kind' | 'title' | 'clinic' | 'link'> & { recipient: string }
): { subject: string; text: string } {
	const t = (key: MessageKey, params = {}) => translate(locale, key, params);
	const kind = t(`mail.kind.${facts.kind}`);
	return {
		subject: t('mail.supervisorFeedback.subject', { kind, title: facts.title }),
		text: [
			t('mail.invitation.greeting', { name: facts.recipient }),
			'',
			t('mail.supervisorFeedback.text', { kind, title: facts.title, clinic: facts.clinic }),
			'',
			t('mail.invitation.link'),
			facts.link,
			'',
			t('mail.invitation.personal')
		].join('\n')
	};
}
