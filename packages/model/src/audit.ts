import Papa from 'papaparse';
import { z } from 'zod';
import type { EndpointKey } from './endpoints.ts';
import { translate } from './messages/index.ts';
import type { Locale } from './text.ts';

/** What the audit log records: who did what to accounts, links, kollegier, plans and data. */
export const AuditAction = z.enum([
	'signedIn',
	'signInFailed',
	'accountCreated',
	'passwordChanged',
	'passwordReset',
	'accountChanged',
	'resetLinkIssued',
	'accountInvitationIssued',
	'accountInvitationWithdrawn',
	'clinicCreated',
	'clinicChanged',
	'membershipChanged',
	'membershipRemoved',
	'linkIssued',
	'linkRevoked',
	'statusChanged',
	'answeringClosed',
	'revealed',
	'pdfDownloaded',
	'planFinalized',
	'handoverRecorded',
	'kollegiumDeleted',
	'participantRemoved',
	'peopleImported',
	'peopleExported',
	'personDeleted',
	'specialtyGoalsImported',
	'specialtyGoalsChanged',
	'specialtyGoalsDeleted',
	'auditExported',
	// #11 E
	'reportExported',
	// #13 privacy
	'personDataExported',
	'personErased',
	'retentionRun'
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * The routes whose success is recorded, and as what. Sign-in is recorded when it fails too.
 * Nothing a respondent sends about their answers is here: the log never says who answered.
 */
export const auditedRoutes = {
	'POST /auth/login': 'signedIn',
	'POST /auth/setup': 'accountCreated',
	'POST /auth/accept': 'accountCreated',
	'POST /auth/password': 'passwordChanged',
	'POST /auth/reset': 'passwordReset',
	'PATCH /accounts/:userId': 'accountChanged',
	'POST /accounts/:userId/reset-link': 'resetLinkIssued',
	'POST /accounts/invitations': 'accountInvitationIssued',
	'DELETE /accounts/invitations/:invitationId': 'accountInvitationWithdrawn',
	'POST /clinics': 'clinicCreated',
	'PUT /clinics/:clinicId': 'clinicChanged',
	'PUT /clinics/:clinicId/members/:userId': 'membershipChanged',
	'DELETE /clinics/:clinicId/members/:userId': 'membershipRemoved',
	'POST /clinics/:clinicId/people/import': 'peopleImported',
	'GET /clinics/:clinicId/people.csv': 'peopleExported',
	'DELETE /clinics/:clinicId/people/:personId': 'personDeleted',
	'POST /catalog/specialty-goals/import': 'specialtyGoalsImported',
	'PUT /catalog/specialty-goals/:listId': 'specialtyGoalsChanged',
	'DELETE /catalog/specialty-goals/:listId': 'specialtyGoalsDeleted',
	'DELETE /kollegier/:id': 'kollegiumDeleted',
	'POST /kollegier/:id/status': 'statusChanged',
	'POST /kollegier/:id/close-answering': 'answeringClosed',
	'DELETE /kollegier/:id/participants/:participantId': 'participantRemoved',
	'POST /kollegier/:id/participants/:participantId/invitation': 'linkIssued',
	'DELETE /kollegier/:id/participants/:participantId/invitation': 'linkRevoked',
	'POST /kollegier/:id/invitations': 'linkIssued',
	'POST /kollegier/:id/invitations/send': 'linkIssued',
	'POST /kollegier/:id/outbox/:messageId/resend': 'linkIssued',
	'POST /kollegier/:id/subjects/:subjectId/plan/final': 'planFinalized',
	'GET /kollegier/:id/subjects/:subjectId/feedback.pdf': 'pdfDownloaded',
	'POST /kollegier/:id/subjects/:subjectId/handover': 'handoverRecorded',
	'GET /respond/handover/:subjectId/feedback.pdf': 'pdfDownloaded',
	'GET /respond/feedback.pdf': 'pdfDownloaded',
	'POST /respond/handover/:subjectId': 'handoverRecorded',
	'GET /respond/supervisor-feedback.pdf': 'pdfDownloaded',
	'POST /respond/supervisor-feedback/received': 'handoverRecorded',
	'GET /audit.csv': 'auditExported',
	// #11 E
	'GET /clinics/:clinicId/report/:year/report.csv': 'reportExported',
	'GET /clinics/:clinicId/report/:year/report.pdf': 'reportExported',
	// #13 privacy
	'GET /clinics/:clinicId/people/:personId/export': 'personDataExported',
	'POST /clinics/:clinicId/people/:personId/erase': 'personErased'
} as const satisfies Partial<Record<EndpointKey, AuditAction>>;

/** One entry of the audit log. */
export const AuditEntry = z.object({
	id: z.uuid(),
	at: z.string(),
	/** Who: a colleague, a participant by their link, or someone unknown (a failed sign-in). */
	actor: z.object({
		kind: z.enum(['colleague', 'participant', 'unknown']),
		id: z.string().nullable(),
		name: z.string()
	}),
	action: AuditAction,
	/** The ids the action was about (kollegium, subject, account, clinic…), from the route. */
	target: z.record(z.string(), z.string()),
	/** A word more where the action needs it: the new status, the role given. */
	detail: z.string(),
	address: z.string()
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the log, newest first: entries before `before` (an entry's `at`), at most `limit`. */
export const AuditQuery = z.object({
	before: z.string().max(40).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100)
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The log as a spreadsheet, in the reader's language; cells that look like formulas made text. */
export function auditToCsv(entries: readonly AuditEntry[], locale: Locale): string {
	const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
	const header = ['at', 'who', 'action', 'target', 'detail', 'address'].map((column) =>
		t(`audit.column.${column}` as Parameters<typeof translate>[1])
	);
	const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
	const rows = entries.map((entry) =>
		[
			entry.at,
			entry.actor.name,
			t(`audit.action.${entry.action}`),
			Object.entries(entry.target)
				.map(([key, value]) => `${key}=${value}`)
				.join(' '),
			entry.detail,
			entry.address
		].map(safe)
	);
	return `\uFEFF${Papa.unparse([header, ...rows], { delimiter: locale === 'sv' ? ';' : ',' })}\r\n`;
}
