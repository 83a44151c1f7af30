import type {
	ClinicRole,
	EndpointKey,
	FeedbackReport,
	Locale,
	YearlyReport
} from '@kollegium/model';
import type { SignedInUser } from '../auth/identity.ts';
import type * as Y from 'yjs';
import type { LoginThrottle } from '../auth/throttle.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { KollegiumRow } from '../db/schema.ts';
import type { TemplateLibrary } from '../templates.ts';

/** Told when something a live view shows has changed; the socket layer listens. */
export interface ChangeFeed {
	responsesChanged(kollegiumId: string): void;
	/** Comments or subjects changed while a meeting may be running. */
	meetingChanged(kollegiumId: string): void;
	/** The meeting was closed: its clients are let go. */
	meetingEnded(kollegiumId: string): void;
	/** A participant's link was revoked or they were removed: their live connections close. */
	participantRevoked(participantId: string): void;
	/**
	 * A colleague lost access (deactivated, taken out of a clinic or made läsare, a password
	 * changed or reset) or one session ended: their live connections close, except those of the
	 * session kept. A connection that comes back is judged afresh.
	 */
	colleagueAccessEnded(ended: ColleagueAccessEnded): void;
}

/** Whose connections to close: every one of a colleague's (but one session's), or one session's. */
export type ColleagueAccessEnded =
	{ userId: string; keepSession?: string } | { sessionHash: string };

/** Reads the shared discussion documents (the plans live in them). */
export interface Documents {
	/** Reads a document with nothing acknowledged left out; the reader must not keep the doc. */
	read<T>(kollegiumId: string, reader: (doc: Y.Doc) => T): Promise<T>;
}

/** Builds feedback PDFs off the event loop. */
export interface PdfRenderer {
	render(report: FeedbackReport): Promise<Uint8Array>;
	/** #11 E: a clinic's yearly report, in the same queue. */
	renderYearlyReport(report: YearlyReport, locale: Locale): Promise<Uint8Array>;
	/** Gets ready in the background for renders that are likely soon. */
	warm(): void;
}

/** Where people reach this server: links are built on `origin`, never on a request's Host. */
export interface Site {
	origin: string;
	/** Origins a signed-in browser may send changes from (the origin and its loopback twin). */
	trustedOrigins: readonly string[];
}

/** What every router needs, passed in so tests can swap the clock. */
export interface Deps {
	/** Filled in once the server listens (the port may be chosen by the OS). */
	readonly site: Site;
	db: Db;
	library: TemplateLibrary;
	config: Config;
	now: () => Date;
	throttle: LoginThrottle;
	changes: ChangeFeed;
	documents: Documents;
	/** Single-use tickets that open a shared document for an invitation's holder. */
	documentTickets: { issue(invitationId: string): string };
	pdf: PdfRenderer;
	/** Sends the e-mail outbox; told to look now after something was queued. */
	outbox: { kick(): void };
}

export interface InvitationContext {
	invitationId: string;
	participantId: string;
	kollegiumId: string;
	/** Hash of this browser's device cookie: only the browser that wrote answers reads them. */
	deviceHash: string;
}

export interface AppEnv {
	Variables: {
		locale: Locale;
		user: SignedInUser;
		invitation: InvitationContext;
		/** Under /kollegier/:id: the kollegium, of a clinic the signed-in user belongs to. */
		kollegium: KollegiumRow;
		/**
		 * Under /kollegier/:id and /clinics/:clinicId: the user's role in that clinic (null for an
		 * administrator outside it).
		 */
		clinicRole: ClinicRole | null;
		/** The route of the endpoint table this request is for, with its path parameters. */
		route: { key: EndpointKey; params: Record<string, string> };
		/** Who the audit log names, where no session did the request (signing in, setup). */
		auditActor: { id: string; name: string };
	};
}
