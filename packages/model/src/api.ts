import { z } from 'zod';
import { Me } from './accounts.ts';
import { Kollegium, KollegiumStatus, Participant, ParticipantRole, Subject } from './kollegium.ts';
import { DevelopmentPlan, ImprovementPlan } from './plans.ts';
import { Answers, ResponseStatus } from './response.ts';
import { FormRole, Template } from './template.ts';
import { LocalizedText } from './text.ts';
import { Comment } from './meeting/comments.ts';
import { StepView } from './meeting/view.ts';

/** Every 4xx answer of the API: a summary and the fields at fault. */
export const ApiError = z.object({
	error: z.string(),
	/** The error said in the reader's language (Accept-Language), from the message catalogue. */
	message: z.string(),
	issues: z
		.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
		.default([])
});
export type ApiError = z.infer<typeof ApiError>;

/** Whether the first studierektor account still has to be made with the setup link. */
export const SetupStatus = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

/** A kollegium as its facilitator sees it: everything but the answers. */
/** A colleague named on a kollegium (who created it, who ran its meeting); null if gone. */
const Colleague = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const KollegiumDetail = Kollegium.extend({
	clinic: z.object({ id: z.uuid(), name: z.string() }),
	createdBy: Colleague,
	ranBy: Colleague,
	participants: z.array(
		Participant.extend({
			invitation: z
				.object({ createdAt: z.string(), expiresAt: z.string(), revoked: z.boolean() })
				.nullable(),
			/** The register entry this participant was taken from, if any. */
			personId: z.uuid().nullable()
		})
	),
	subjects: z.array(Subject.extend({ personId: z.uuid().nullable() }))
});
export type KollegiumDetail = z.infer<typeof KollegiumDetail>;

export const KollegiumSummary = Kollegium.pick({
	id: true,
	kind: true,
	title: true,
	startsAt: true,
	answerDeadline: true,
	status: true
}).extend({ clinicId: z.uuid() });
export type KollegiumSummary = z.infer<typeof KollegiumSummary>;

/** A freshly issued invitation: the only time its token leaves the server. */
export const IssuedInvitation = z.object({
	participantId: z.uuid(),
	url: z.string(),
	expiresAt: z.string()
});
export type IssuedInvitation = z.infer<typeof IssuedInvitation>;

/** The example kollegium made at setup: invented people, each with their link. */
export const ExampleKollegium = z.object({
	kollegiumId: z.uuid(),
	invitations: z.array(IssuedInvitation.extend({ name: z.string() }))
});
export type ExampleKollegium = z.infer<typeof ExampleKollegium>;

/** The first account, signed in, and the example kollegium if one was asked for. */
export const SetupResult = z.object({ user: Me, example: ExampleKollegium.nullable() });
export type SetupResult = z.infer<typeof SetupResult>;

/** Moves a kollegium on, one status at a time. */
export const StatusChange = z.object({ status: KollegiumStatus });
export type StatusChange = z.infer<typeof StatusChange>;

/** Marks a subject prepared for the meeting, or not. */
export const ReadyChange = z.object({ ready: z.boolean() });
export type ReadyChange = z.infer<typeof ReadyChange>;

/**
 * Progress while answers come in: counts per subject, and who has not yet submitted.
 * Never what anyone answered. In an ST-läkarkollegium, who answered about which supervisor
 * would narrow down authorship, so there "pending" is per participant over the whole form.
 */
export const Progress = z.object({
	subjects: z.array(
		z.object({
			subjectId: z.uuid(),
			name: z.string(),
			invited: z.int(),
			submitted: z.int(),
			/** Specialistkollegium only (empty otherwise): who has not answered about this trainee. */
			pending: z.array(z.object({ participantId: z.uuid(), name: z.string() })),
			/** Specialistkollegium only: the trainee's own self-assessment. */
			selfAssessment: z.enum(['none', 'draft', 'submitted']).nullable()
		})
	),
	pending: z.array(z.object({ participantId: z.uuid(), name: z.string() })),
	/** #13: answering closed for good; the answers are counted but tied to nobody. */
	answersUnlinked: z.boolean()
});
export type Progress = z.infer<typeof Progress>;

/** The state of one response after a save, as its author sees it. */
export const SavedResponse = z.object({
	status: ResponseStatus,
	revision: z.int(),
	updatedAt: z.string(),
	submittedAt: z.string().nullable(),
	/** The working copy differs from what was last submitted: submit again to make it count. */
	changedSinceSubmit: z.boolean()
});
export type SavedResponse = z.infer<typeof SavedResponse>;

/** What an invitation link shows its holder: the meeting and the forms they fill. */
export const RespondentView = z.object({
	participant: z.object({ id: z.uuid(), name: z.string(), roles: z.array(ParticipantRole) }),
	kollegium: Kollegium.pick({
		id: true,
		kind: true,
		title: true,
		startsAt: true,
		location: true,
		videoLink: true,
		answerDeadline: true,
		minRespondents: true,
		// #11 D: the promise made about each supervisor.
		supervisorMinRespondents: true,
		focusGoals: true,
		status: true
	}),
	answering: z.boolean(),
	/**
	 * #13: answering has closed for good and the assessors' answers were detached from their
	 * authors: nobody, the author included, can read, change or withdraw them any more.
	 */
	answersUnlinked: z.boolean(),
	/** The focus delmål with their titles, from the catalogues. */
	focus: z.array(z.object({ code: z.string(), title: LocalizedText })),
	form: Template,
	assignments: z.array(
		z.object({
			subjectId: z.uuid(),
			role: FormRole,
			subject: z.object({
				kind: Subject.shape.kind,
				name: z.string(),
				specialty: z.string().nullable(),
				monthOfTraining: z.int().nullable()
			}),
			/**
			 * `readable` is false when another browser wrote the answers: their content is then
			 * withheld, so holding someone's link is not enough to read what they wrote.
			 */
			response: SavedResponse.extend({
				answers: Answers,
				declined: z.boolean(),
				readable: z.boolean()
			}).nullable()
		})
	)
});
export type RespondentView = z.infer<typeof RespondentView>;

export const Health = z.object({ status: z.literal('ok'), version: z.string() });

/** A single-use ticket to open the shared document over the Yjs socket. */
export const DocumentTicket = z.object({ ticket: z.string() });
export type DocumentTicket = z.infer<typeof DocumentTicket>;

/** A plan marked final, frozen as its subject's numbered version; the feedback PDF reads it. */
export const PlanVersion = z.object({
	version: z.int().min(1),
	finalizedAt: z.string(),
	plan: z.union([DevelopmentPlan, ImprovementPlan])
});
export type PlanVersion = z.infer<typeof PlanVersion>;

/** Between answering and the meeting: comments to curate and a preview of every step. */
export const Preparation = z.object({
	answeringClosed: z.boolean(),
	subjects: z.array(
		z.object({
			id: z.uuid(),
			name: z.string(),
			kind: z.string(),
			ready: z.boolean(),
			comments: z.array(Comment)
		})
	),
	/** Every step as the room would see it once revealed; hidden items say so. */
	preview: z.array(z.object({ id: z.string(), subjectId: z.uuid(), view: StepView.nullable() }))
});
export type Preparation = z.infer<typeof Preparation>;
