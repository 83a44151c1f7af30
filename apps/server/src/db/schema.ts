import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables, as Kysely sees them (camelCase; columns are snake_case). Portable types only:
 * text for ids, ISO timestamps and JSON, integers for flags and numbers, bytes for Yjs state,
 * so SQLite and PostgreSQL hold the same.
 */
export interface Database {
	users: UsersTable;
	sessions: SessionsTable;
	clinics: ClinicsTable;
	clinicMembers: ClinicMembersTable;
	accountLinks: AccountLinksTable;
	people: PeopleTable;
	auditLog: AuditLogTable;
	setupTokens: SetupTokensTable;
	kollegier: KollegierTable;
	participants: ParticipantsTable;
	subjects: SubjectsTable;
	invitations: InvitationsTable;
	responses: ResponsesTable;
	unlinkedAnswers: UnlinkedAnswersTable;
	comments: CommentsTable;
	meetings: MeetingsTable;
	yjsSnapshots: YjsSnapshotsTable;
	yjsUpdates: YjsUpdatesTable;
	planVersions: PlanVersionsTable;
	handovers: HandoversTable;
	specialtyGoals: SpecialtyGoalsTable;
	outbox: OutboxTable;
	/** #12 saml */
	samlRequests: SamlRequestsTable;
}

/** #12 saml: an authentication request sent to the SAML provider, until it is answered once. */
export interface SamlRequestsTable {
	id: string;
	createdAt: string;
	expiresAt: string;
}

/** One e-mail on its way (db/outbox.migration.ts). */
export interface OutboxTable {
	id: string;
	idempotencyKey: string;
	kollegiumId: string | null;
	participantId: string | null;
	kind: string;
	recipientName: string;
	recipientEmail: string;
	subject: string;
	/** Emptied once sent or given up: it holds the personal link. */
	body: string;
	calendar: string | null;
	calendarMethod: string | null;
	status: string;
	attempts: Generated<number>;
	nextAttemptAt: string;
	leaseUntil: string | null;
	lastError: string | null;
	createdAt: string;
	sentAt: string | null;
}

/** Feedback passed on to a trainee (or the clinic): one row per subject. */
/** One specialty's c-delmål under one regulation (db/specialty-goals.migration.ts). */
export interface SpecialtyGoalsTable {
	id: string;
	regulation: string;
	specialty: string;
	specialtyKey: string;
	/** JSON: the Goal[] of the list. */
	goals: string;
	example: number;
	updatedAt: string;
	/** The name of the administrator who saved it last. */
	updatedBy: string;
}

export interface HandoversTable {
	subjectId: string;
	kollegiumId: string;
	planVersion: number;
	givenOn: string;
	/** 'owner', or the id of the participant (the handledare) who recorded it. */
	recordedBy: string;
	sharedWithTrainee: number;
	recordedAt: string;
}

export interface PlanVersionsTable {
	id: string;
	kollegiumId: string;
	subjectId: string;
	version: number;
	plan: string;
	finalizedAt: string;
}

/**
 * A shared document's Yjs state, as bytes (blob in SQLite, bytea in PostgreSQL). Read back as a
 * Uint8Array: node:sqlite gives one, pg a Buffer, which is one.
 */
export interface YjsSnapshotsTable {
	kollegiumId: string;
	state: Uint8Array;
	updatedAt: string;
}

/** One Yjs update appended to a document's log, as bytes. */
export interface YjsUpdatesTable {
	id: string;
	kollegiumId: string;
	data: Uint8Array;
	createdAt: string;
}

export interface CommentsTable {
	id: string;
	kollegiumId: string;
	subjectId: string;
	itemId: string;
	text: string;
	originalText: string | null;
	hidden: Generated<number>;
	mergedInto: string | null;
	theme: Generated<string>;
	position: number;
}

export interface MeetingsTable {
	kollegiumId: string;
	state: string;
	updatedAt: string;
	/** #13 presence: JSON map participant id → handle while the meeting is live; server only. */
	handles: Generated<string | null>;
}

export interface UsersTable {
	id: string;
	email: string;
	name: string;
	passwordHash: string;
	createdAt: string;
	/** Administers the installation: accounts and clinics. */
	isAdmin: Generated<number>;
	/** A deactivated account cannot sign in; its kollegier stay with their clinic. */
	deactivatedAt: Generated<string | null>;
	/** `issuer|sub` of the identity provider's account bound to it at its first sign-in. */
	externalSubject: Generated<string | null>;
	/** The configured claim's value (OIDC_MATCH_CLAIM, for example an HSA-id), once seen. */
	identityClaim: Generated<string | null>;
	/** #12 saml: `issuer|NameID` of the SAML provider's persistent NameID bound at first sign-in. */
	samlSubject: Generated<string | null>;
}

export interface ClinicsTable {
	id: string;
	name: string;
	/** JSON array of the specialties its trainees train in. */
	specialties: string;
	createdAt: string;
}

export interface ClinicMembersTable {
	clinicId: string;
	userId: string;
	/** 'studierektor' or 'reader'. */
	role: string;
	createdAt: string;
}

/** A one-time link to take up an invitation ('invitation') or choose a password ('reset'). */
export interface AccountLinksTable {
	id: string;
	tokenHash: string;
	kind: string;
	email: string;
	/** The account a reset is for. */
	userId: string | null;
	/** The clinic and account role an invitation gives. */
	clinicId: string | null;
	role: string | null;
	createdBy: string;
	createdAt: string;
	expiresAt: string;
	usedAt: string | null;
}

/** One recorded action; appended, never changed by any route. */
export interface AuditLogTable {
	id: string;
	at: string;
	/** 'colleague', 'participant' (by their link) or 'unknown' (a failed sign-in). */
	actorKind: string;
	actorId: string | null;
	actorName: string;
	action: string;
	/** JSON object of the ids the action was about. */
	target: string;
	detail: Generated<string>;
	address: string;
}

/** One person in a clinic's register. */
export interface PeopleTable {
	id: string;
	clinicId: string;
	/** 'specialist', 'trainee' or 'observer'. */
	kind: string;
	name: string;
	email: string;
	title: string;
	specialty: string | null;
	stStart: string | null;
	regulation: string | null;
	monthsOfLeave: number;
	/** A trainee's handledare: a specialist of the same register. */
	supervisorId: string | null;
	createdAt: string;
	updatedAt: string;
	/** #12 languages: 'sv' or 'en', the language of their e-mail. */
	language: Generated<string>;
}

export interface SessionsTable {
	tokenHash: string;
	userId: string;
	expiresAt: string;
	createdAt: string;
}

export interface SetupTokensTable {
	tokenHash: string;
	expiresAt: string;
}

export interface KollegierTable {
	id: string;
	/** The clinic it belongs to: every studierektor of it may prepare, run and follow it up. */
	clinicId: string;
	/** Who created it, and who started its meeting. */
	createdBy: string;
	ranBy: Generated<string | null>;
	kind: string;
	title: string;
	templateId: string;
	startsAt: string;
	location: string;
	videoLink: string;
	answerDeadline: string;
	minRespondents: number;
	/** #11 D: k for each supervisor of an ST-läkarkollegium. */
	supervisorMinRespondents: Generated<number>;
	status: string;
	focusGoals: string;
	customItems: string;
	form: string;
	createdAt: string;
	updatedAt: string;
	/** When the free-text answers were copied out for curation (answering had closed). */
	commentsTakenAt: Generated<string | null>;
	/** The calendar event's SEQUENCE, raised by each change of time or place sent out. */
	calendarSequence: Generated<number>;
	/** Days before the deadline to remind those who have not submitted, as JSON. */
	reminderDays: Generated<string>;
}

export interface ParticipantsTable {
	id: string;
	kollegiumId: string;
	name: string;
	email: string;
	roles: string;
	position: number;
	createdAt: string;
	/** The register entry this participant was copied from; the copy is what the kollegium keeps. */
	personId: Generated<string | null>;
	/** #12 languages: 'sv' or 'en', the language of their e-mail. */
	language: Generated<string>;
}

export interface SubjectsTable {
	id: string;
	kollegiumId: string;
	kind: string;
	name: string;
	participantId: string | null;
	specialty: string | null;
	stStart: string | null;
	monthsOfLeave: number;
	regulation: string | null;
	supervisorId: string | null;
	position: number;
	/** The studierektor has prepared this subject for the meeting. */
	ready: Generated<number>;
	/** The register entry this trainee was copied from. */
	personId: Generated<string | null>;
}

export interface InvitationsTable {
	id: string;
	kollegiumId: string;
	participantId: string;
	tokenHash: string;
	createdAt: string;
	expiresAt: string;
	revokedAt: string | null;
}

export interface ResponsesTable {
	id: string;
	kollegiumId: string;
	subjectId: string;
	participantId: string;
	role: string;
	/** The working copy, saved as the respondent types. */
	declined: number;
	answers: string;
	/** What was last submitted: the only copy that counts in the meeting. */
	submittedDeclined: number | null;
	submittedAnswers: string | null;
	/** Hash of the device cookie of the browser that last wrote the response. */
	deviceHash: string | null;
	revision: number;
	createdAt: string;
	updatedAt: string;
	submittedAt: string | null;
}

/**
 * An assessor's submitted answers after answering closed for good (#13): no participant, no
 * device, no time, a fresh id, and no free text (that lives on only as curated comments).
 */
export interface UnlinkedAnswersTable {
	id: string;
	kollegiumId: string;
	subjectId: string;
	declined: number;
	/** JSON: the ratings and choices, never free text. */
	answers: string;
}

export type KollegiumRow = Selectable<KollegierTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type SubjectRow = Selectable<SubjectsTable>;
export type ResponseRow = Selectable<ResponsesTable>;
export type NewResponse = Insertable<ResponsesTable>;
