import { z } from 'zod';
import { CustomItem, FocusGoals, subjectKindsOf } from './form.ts';
import { Regulation } from './goals.ts';
import { KollegiumKind, SubjectKind, Template } from './template.ts';
import { Locale } from './text.ts';

export const KollegiumStatus = z.enum(['draft', 'open', 'live', 'closed', 'delivered']);
export type KollegiumStatus = z.infer<typeof KollegiumStatus>;

/** k: nothing is revealed about fewer respondents than this. Never below 2. */
export const MIN_RESPONDENTS_FLOOR = 2;
export const DEFAULT_MIN_RESPONDENTS = 3;

const Id = z.uuid();
const DateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

/** What a facilitator fills in to create or edit a kollegium. */
export const KollegiumInput = z
	.object({
		kind: KollegiumKind,
		title: z.string().trim().min(3).max(200),
		templateId: z.string().min(1).max(100),
		startsAt: DateTime,
		location: z.string().trim().max(200).default(''),
		videoLink: z.union([z.literal(''), z.url({ protocol: /^https$/ })]).default(''),
		answerDeadline: DateTime,
		minRespondents: z.int().min(MIN_RESPONDENTS_FLOOR).max(50).default(DEFAULT_MIN_RESPONDENTS),
		/**
		 * k for each supervisor of an ST-läkarkollegium (never below the clinic's k). Left out, it
		 * is `defaultSupervisorMinRespondents`; when editing, the stored value stays.
		 */
		supervisorMinRespondents: z.int().min(MIN_RESPONDENTS_FLOOR).max(50).optional(),
		focusGoals: FocusGoals,
		customItems: z.array(CustomItem).max(20).default([])
	})
	.superRefine((input, ctx) => {
		if (Date.parse(input.answerDeadline) > Date.parse(input.startsAt)) {
			ctx.addIssue({ code: 'custom', path: ['answerDeadline'], message: 'deadlineAfterMeeting' });
		}
		if (
			input.supervisorMinRespondents !== undefined &&
			input.supervisorMinRespondents >= MIN_RESPONDENTS_FLOOR &&
			input.supervisorMinRespondents < input.minRespondents
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['supervisorMinRespondents'],
				message: 'supervisorKBelowClinicK'
			});
		}
		const kinds = subjectKindsOf(input.kind);
		input.customItems.forEach((item, index) => {
			if (!kinds.includes(item.about)) {
				ctx.addIssue({
					code: 'custom',
					path: ['customItems', index, 'about'],
					message: 'notForThisKind'
				});
			}
		});
	});
export type KollegiumInput = z.infer<typeof KollegiumInput>;

/**
 * The supervisors' k when the studierektor names none: 3, as UK multi-source feedback asks for
 * a limited supervisor report, and never below the clinic's k.
 */
export function defaultSupervisorMinRespondents(minRespondents: number): number {
	return Math.max(DEFAULT_MIN_RESPONDENTS, minRespondents);
}

/** The k that applies to one subject: a supervisor's own, or the kollegium's for the rest. */
export function minRespondentsFor(options: {
	kollegium: { minRespondents: number; supervisorMinRespondents: number };
	subject: { kind: SubjectKind };
}): number {
	const { kollegium, subject } = options;
	return subject.kind === 'supervisor'
		? Math.max(kollegium.supervisorMinRespondents, kollegium.minRespondents)
		: kollegium.minRespondents;
}

export const ParticipantRole = z.enum(['assessor', 'trainee', 'supervisor', 'observer']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/**
 * The language a person's e-mail is written in. Left out it is Swedish, so clients that never
 * heard of it keep working.
 */
export const MailLanguage = Locale.default('sv');

export const ParticipantInput = z.object({
	name: z.string().trim().min(2).max(120),
	email: z.union([z.literal(''), z.email()]).default(''),
	roles: z.array(ParticipantRole).min(1).max(4),
	language: MailLanguage
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const Participant = ParticipantInput.extend({ id: Id });
export type Participant = z.infer<typeof Participant>;

/** A trainee assessed in a specialistkollegium. */
export const TraineeSubjectInput = z.object({
	kind: z.literal('trainee'),
	name: z.string().trim().min(2).max(120),
	email: z.union([z.literal(''), z.email()]).default(''),
	specialty: z.string().trim().min(2).max(120),
	stStart: IsoDate,
	/** Months of leave (parental leave, research) that do not count towards training. */
	monthsOfLeave: z.int().min(0).max(120).default(0),
	regulation: Regulation,
	supervisorId: z.union([z.literal(''), Id]).default('')
});
/**
 * A supervisor the trainees of an ST-läkarkollegium give feedback about. With an e-mail address
 * or a register specialist (`personId`) the supervisor also gets a link of their own, to
 * receive their feedback after the meeting; they answer nothing.
 */
export const SupervisorSubjectInput = z.object({
	kind: z.literal('supervisor'),
	name: z.string().trim().min(2).max(120),
	email: z.union([z.literal(''), z.email()]).default(''),
	personId: z.union([z.literal(''), Id]).default('')
});
export const SubjectInput = z.discriminatedUnion('kind', [
	TraineeSubjectInput,
	SupervisorSubjectInput
]);
export type SubjectInput = z.infer<typeof SubjectInput>;

/** Who or what a kollegium's forms are about. A trainee subject is also a participant. */
export const Subject = z.object({
	id: Id,
	kind: SubjectKind,
	name: z.string(),
	participantId: Id.nullable(),
	specialty: z.string().nullable(),
	stStart: IsoDate.nullable(),
	monthsOfLeave: z.int(),
	regulation: Regulation.nullable(),
	supervisorId: Id.nullable()
});
export type Subject = z.infer<typeof Subject>;

export const Kollegium = z.object({
	id: Id,
	kind: KollegiumKind,
	title: z.string(),
	templateId: z.string(),
	startsAt: DateTime,
	location: z.string(),
	videoLink: z.string(),
	answerDeadline: DateTime,
	minRespondents: z.int(),
	supervisorMinRespondents: z.int(),
	focusGoals: z.array(z.string()),
	customItems: z.array(CustomItem),
	status: KollegiumStatus,
	form: Template,
	createdAt: DateTime,
	updatedAt: DateTime
});
export type Kollegium = z.infer<typeof Kollegium>;

/** The form can change only before anyone has been able to answer it. */
export function isFormEditable(status: KollegiumStatus): boolean {
	return status === 'draft';
}

/** Respondents may answer while the kollegium is open and the deadline has not passed. */
export function isAnswering(options: {
	status: KollegiumStatus;
	answerDeadline: string;
	now: Date;
}): boolean {
	return options.status === 'open' && options.now.getTime() < Date.parse(options.answerDeadline);
}

const nextStatus: Record<KollegiumStatus, KollegiumStatus | null> = {
	draft: 'open',
	open: 'live',
	live: 'closed',
	closed: 'delivered',
	delivered: null
};

/** Status only moves forward, one step at a time: draft → open → live → closed → delivered. */
export function canMoveTo(from: KollegiumStatus, to: KollegiumStatus): boolean {
	return nextStatus[from] === to;
}
