import { z } from 'zod';
import {
	Account,
	AccountChange,
	AccountInvitationInput,
	AccountLinkInfo,
	AccountLinkToken,
	AcceptInvitationInput,
	Clinic,
	ClinicInput,
	ClinicSummary,
	IssuedAccountLink,
	LoginInput,
	Me,
	MembershipChange,
	PasswordChangeInput,
	PasswordResetInput,
	PendingAccountInvitation,
	SetupInput
} from './accounts.ts';
import {
	DocumentTicket,
	IssuedInvitation,
	KollegiumDetail,
	KollegiumSummary,
	PlanVersion,
	Preparation,
	Progress,
	ReadyChange,
	RespondentView,
	SavedResponse,
	SetupResult,
	SetupStatus,
	StatusChange
} from './api.ts';
import { AuditEntry, AuditQuery } from './audit.ts';
import { SignInMethods } from './sign-in.ts';
import {
	InvitationSendResult,
	MailOverview,
	RemindNow,
	ReminderSchedule,
	RemindersQueued
} from './mail.ts';
import { GoalCatalogue } from './goals.ts';
import { SubjectFollowUp } from './follow-up.ts';
import {
	SpecialtyGoalList,
	SpecialtyGoalsEdit,
	SpecialtyGoalsImportInput,
	SpecialtyGoalsImportResult
} from './specialty-goals.ts';
import {
	PeopleImportInput,
	PeopleImportResult,
	Person,
	PersonInput,
	RegisterPick
} from './people.ts';
import { HandoverEntry, HandoverInput, RespondentHandover } from './handover.ts';
import { OwnSupervisorFeedback, SupervisorFeedbackEntry } from './supervisor-feedback.ts';
import { KollegiumInput, ParticipantInput, SubjectInput } from './kollegium.ts';
import { CommentEdit } from './meeting/comments.ts';
import { ResponseInput } from './response.ts';
import { Template } from './template.ts';
import { YearlyReport } from './yearly-report.ts';
import { TraineeRecord, TraineeSummary } from './trainee-record.ts';
// #13 privacy
import { PersonDataExport, PersonErasure, RetentionOverview } from './privacy.ts';

/** Which clinic a list or a new kollegium is for. */
export const ClinicQuery = z.object({ clinicId: z.uuid().optional() });

/** A success status the API answers with. */
export type SuccessStatus = 200 | 201 | 204;

/** One route of the JSON API under /api: what it takes and what it answers. */
export interface Endpoint {
	/** The JSON body it takes; none if absent. */
	body?: z.ZodType;
	/** The query string it reads; none if absent. */
	query?: z.ZodType;
	/** The body of a success: JSON of this schema, a PDF or CSV download, or nothing (204). */
	response: z.ZodType | 'pdf' | 'csv' | 'none';
	/** The success status, when not 200 (204 for `none`); the first is the usual one. */
	status?: SuccessStatus | readonly SuccessStatus[];
}

/**
 * Every route of the API, keyed `METHOD /path` with Hono's `:param`s. The server documents its
 * responses from this table (OpenAPI), the web app's calls are typed by it, and a test parses
 * real answers with it, so the three cannot tell different stories.
 */
export const endpoints = {
	'GET /auth/setup': { response: SetupStatus },
	'GET /auth/methods': { response: SignInMethods },
	'POST /auth/setup': { body: SetupInput, response: SetupResult, status: 201 },
	'POST /auth/login': { body: LoginInput, response: Me },
	'POST /auth/logout': { response: 'none' },
	'GET /auth/me': { response: Me },
	'POST /auth/password': { body: PasswordChangeInput, response: 'none' },
	'POST /auth/account-link': { body: AccountLinkToken, response: AccountLinkInfo },
	'POST /auth/accept': { body: AcceptInvitationInput, response: Me, status: 201 },
	'POST /auth/reset': { body: PasswordResetInput, response: Me },

	'GET /accounts': { response: z.array(Account) },
	'PATCH /accounts/:userId': { body: AccountChange, response: Account },
	'POST /accounts/:userId/reset-link': { response: IssuedAccountLink, status: 201 },
	'GET /accounts/invitations': { response: z.array(PendingAccountInvitation) },
	'POST /accounts/invitations': {
		body: AccountInvitationInput,
		response: IssuedAccountLink,
		status: 201
	},
	'DELETE /accounts/invitations/:invitationId': { response: 'none' },

	'GET /audit': { query: AuditQuery, response: z.array(AuditEntry) },
	'GET /audit.csv': { response: 'csv' },

	'GET /clinics': { response: z.array(ClinicSummary) },
	'POST /clinics': { body: ClinicInput, response: Clinic, status: 201 },
	'GET /clinics/:clinicId': { response: Clinic },
	'PUT /clinics/:clinicId': { body: ClinicInput, response: Clinic },
	'PUT /clinics/:clinicId/members/:userId': { body: MembershipChange, response: Clinic },
	'DELETE /clinics/:clinicId/members/:userId': { response: Clinic },

	'GET /clinics/:clinicId/people': { response: z.array(Person) },
	'POST /clinics/:clinicId/people': { body: PersonInput, response: Person, status: 201 },
	'PUT /clinics/:clinicId/people/:personId': { body: PersonInput, response: Person },
	'DELETE /clinics/:clinicId/people/:personId': { response: 'none' },
	'POST /clinics/:clinicId/people/import': {
		body: PeopleImportInput,
		response: PeopleImportResult
	},
	'GET /clinics/:clinicId/people.csv': { response: 'csv' },
	// #11 E: the yearly report, as JSON, as a file for Excel and as a PDF.
	'GET /clinics/:clinicId/report/:year': { response: YearlyReport },
	'GET /clinics/:clinicId/report/:year/report.csv': { response: 'csv' },
	'GET /clinics/:clinicId/report/:year/report.pdf': { response: 'pdf' },
	// #11 A: the clinic's trainees followed over time, and one trainee's page.
	'GET /clinics/:clinicId/trainees': { response: z.array(TraineeSummary) },
	'GET /clinics/:clinicId/trainees/:personId': { response: TraineeRecord },
	// #13 privacy: one person's data, as a download, and their erasure after the training.
	'GET /clinics/:clinicId/people/:personId/export': { response: PersonDataExport },
	'POST /clinics/:clinicId/people/:personId/erase': { response: PersonErasure },
	// #13 privacy: each kind of data's retention period and what goes next.
	'GET /retention': { response: RetentionOverview },

	'GET /catalog/templates': { response: z.array(Template) },
	'GET /catalog/templates/:id': { response: Template },
	'GET /catalog/goals': { response: z.array(GoalCatalogue) },
	'GET /catalog/specialty-goals': { response: z.array(SpecialtyGoalList) },
	'POST /catalog/specialty-goals/import': {
		body: SpecialtyGoalsImportInput,
		response: SpecialtyGoalsImportResult
	},
	'PUT /catalog/specialty-goals/:listId': { body: SpecialtyGoalsEdit, response: SpecialtyGoalList },
	'DELETE /catalog/specialty-goals/:listId': { response: 'none' },

	'GET /kollegier': { query: ClinicQuery, response: z.array(KollegiumSummary) },
	// The clinic may be left out by someone who is studierektor of exactly one.
	'POST /kollegier': {
		query: ClinicQuery,
		body: KollegiumInput,
		response: KollegiumDetail,
		status: 201
	},
	'GET /kollegier/:id': { response: KollegiumDetail },
	'PUT /kollegier/:id': { body: KollegiumInput, response: KollegiumDetail },
	'DELETE /kollegier/:id': { response: 'none' },
	'POST /kollegier/:id/status': { body: StatusChange, response: KollegiumDetail },
	'GET /kollegier/:id/progress': { response: Progress },

	'POST /kollegier/:id/participants': {
		body: ParticipantInput,
		response: KollegiumDetail,
		status: 201
	},
	'PUT /kollegier/:id/participants/:participantId': {
		body: ParticipantInput,
		response: KollegiumDetail
	},
	'DELETE /kollegier/:id/participants/:participantId': { response: KollegiumDetail },
	'POST /kollegier/:id/participants/:participantId/invitation': {
		response: IssuedInvitation,
		status: 201
	},
	'DELETE /kollegier/:id/participants/:participantId/invitation': { response: KollegiumDetail },
	'POST /kollegier/:id/invitations': { response: z.array(IssuedInvitation), status: 201 },
	'POST /kollegier/:id/invitations/send': { response: InvitationSendResult, status: 201 },
	'GET /kollegier/:id/outbox': { response: MailOverview },
	'POST /kollegier/:id/outbox/:messageId/resend': { response: MailOverview },
	'PUT /kollegier/:id/reminders': { body: ReminderSchedule, response: MailOverview },
	'POST /kollegier/:id/reminders/send': { body: RemindNow, response: RemindersQueued, status: 201 },
	'POST /kollegier/:id/people': { body: RegisterPick, response: KollegiumDetail, status: 201 },

	'POST /kollegier/:id/subjects': { body: SubjectInput, response: KollegiumDetail, status: 201 },
	'PUT /kollegier/:id/subjects/:subjectId': { body: SubjectInput, response: KollegiumDetail },
	'DELETE /kollegier/:id/subjects/:subjectId': { response: KollegiumDetail },

	'POST /kollegier/:id/close-answering': { response: Preparation },
	'GET /kollegier/:id/preparation': { response: Preparation },
	'PUT /kollegier/:id/comments/:commentId': { body: CommentEdit, response: Preparation },
	'PUT /kollegier/:id/subjects/:subjectId/ready': { body: ReadyChange, response: Preparation },

	// 200 when the plan is already the newest version: marking it final again changes nothing.
	'POST /kollegier/:id/subjects/:subjectId/plan/final': {
		response: PlanVersion,
		status: [201, 200]
	},
	'GET /kollegier/:id/subjects/:subjectId/plan/versions': { response: z.array(PlanVersion) },
	'GET /kollegier/:id/subjects/:subjectId/follow-up': { response: SubjectFollowUp },
	'GET /kollegier/:id/subjects/:subjectId/feedback.pdf': { response: 'pdf' },
	'GET /kollegier/:id/handover': { response: z.array(HandoverEntry) },
	'POST /kollegier/:id/subjects/:subjectId/handover': {
		body: HandoverInput,
		response: z.array(HandoverEntry)
	},
	// #11 D: each supervisor's own feedback from an ST-läkarkollegium.
	'GET /kollegier/:id/supervisor-feedback': { response: z.array(SupervisorFeedbackEntry) },

	'GET /respond': { response: RespondentView },
	'POST /respond/document-ticket': { response: DocumentTicket, status: 201 },
	'PUT /respond/responses/:subjectId': { body: ResponseInput, response: SavedResponse },
	'POST /respond/responses/:subjectId/submit': { body: ResponseInput, response: SavedResponse },
	'GET /respond/handover': { response: RespondentHandover },
	'GET /respond/handover/:subjectId/feedback.pdf': { response: 'pdf' },
	'POST /respond/handover/:subjectId': { body: HandoverInput, response: RespondentHandover },
	'GET /respond/feedback.pdf': { response: 'pdf' },
	// #11 D: a supervisor's own feedback through their link.
	'GET /respond/supervisor-feedback': { response: OwnSupervisorFeedback },
	'GET /respond/supervisor-feedback.pdf': { response: 'pdf' },
	'POST /respond/supervisor-feedback/received': { response: OwnSupervisorFeedback }
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointKey = keyof Endpoints;
/** The routes that answer with JSON (or nothing), for the typed client. */
export type JsonEndpointKey = {
	[K in EndpointKey]: Endpoints[K]['response'] extends 'pdf' | 'csv' ? never : K;
}[EndpointKey];
/** The routes that answer with a PDF download. */
export type PdfEndpointKey = {
	[K in EndpointKey]: Endpoints[K]['response'] extends 'pdf' ? K : never;
}[EndpointKey];

type PathOf<K extends string> = K extends `${string} ${infer Path}` ? Path : never;
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
	? Name | ParamNames<`/${Rest}`>
	: Path extends `${string}:${infer Name}`
		? Name
		: never;
/** The names of a route's path parameters, e.g. `'id' | 'subjectId'`. */
export type ParamNameOf<K extends EndpointKey> = ParamNames<PathOf<K>>;
/** What a caller sends as the JSON body (defaults may be left out). */
export type BodyOf<K extends EndpointKey> = Endpoints[K] extends { body: infer B extends z.ZodType }
	? z.input<B>
	: never;
/** What a caller sends as the query string. */
export type QueryOf<K extends EndpointKey> = Endpoints[K] extends {
	query: infer Q extends z.ZodType;
}
	? z.input<Q>
	: never;
/** What a success answers with: the parsed JSON, or nothing for a 204. */
export type ResponseOf<K extends EndpointKey> = Endpoints[K]['response'] extends z.ZodType
	? z.output<Endpoints[K]['response']>
	: undefined;

/** The statuses a route answers a success with, the usual one first. */
export function successStatuses(key: EndpointKey): readonly SuccessStatus[] {
	const endpoint: Endpoint = endpoints[key];
	if (endpoint.status !== undefined)
		return typeof endpoint.status === 'number' ? [endpoint.status] : endpoint.status;
	return endpoint.response === 'none' ? [204] : [200];
}

/** The method and the path under /api of a call: parameters filled in and escaped, and the query. */
export function endpointRequest(
	key: EndpointKey,
	options: {
		params?: Readonly<Record<string, string>>;
		query?: Readonly<Record<string, string | number | boolean | null | undefined>>;
	} = {}
): { method: string; path: string } {
	const [method = '', template = ''] = key.split(' ');
	const path = template.replace(/:(\w+)/g, (_, name: string) => {
		const value = options.params?.[name];
		if (value === undefined || value === '') throw new Error(`${key}: no value for :${name}`);
		return encodeURIComponent(value);
	});
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(options.query ?? {})) {
		if (value !== undefined && value !== null) query.set(name, String(value));
	}
	const search = query.toString();
	return { method, path: search ? `${path}?${search}` : path };
}

/** The OpenAPI form of a route's path: `/kollegier/{id}` for `/kollegier/:id`. */
export function openApiPath(key: EndpointKey): string {
	return (key.split(' ')[1] ?? '').replace(/:(\w+)/g, '{$1}');
}
