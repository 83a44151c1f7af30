import {
	fragmentName,
	planListName,
	planMapName,
	type DevelopmentPlan,
	type ImprovementPlan,
	type TextField
} from '@kollegium/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiClient } from './client.ts';
import type { TestServer } from './server.ts';

/** How a client opens the document: the studierektor's session cookie, or an invitation. */
export type DocumentAuth = { cookie?: string; invitation?: string };

type Server = Pick<TestServer, 'url'>;

const yjsUrl = (server: Server) => `${server.url.replace('http', 'ws')}/yjs`;

/** Close codes in 4400–4499 mean "do not come back" (refused, revoked, malformed). */
const terminal = (code: number) => code >= 4400 && code < 4500;

/**
 * A single-use ticket for the invitation's holder, fetched as the browser does before every
 * connection. A link the server refuses gets a ticket that is no ticket, so the test still
 * sees the endpoint's own refusal (4403) rather than the API's.
 */
export async function documentTicket(server: Server, invitation: string): Promise<string> {
	const response = await new ApiClient(server.url, { invitation }).post('/respond/document-ticket');
	if (response.status === 201) return (response.json as { ticket: string }).ticket;
	if (response.status >= 400 && response.status < 500) return `refused-${crypto.randomUUID()}`;
	throw new Error(`A document ticket failed: ${response.status} ${response.text}`);
}

/** The websocket URL of a kollegium's document, with a fresh ticket for an invitation. */
export async function documentUrl(
	server: Server,
	kollegiumId: string,
	auth: DocumentAuth = {}
): Promise<string> {
	const url = `${yjsUrl(server)}/${kollegiumId}`;
	if (!auth.invitation) return url;
	return `${url}?ticket=${encodeURIComponent(await documentTicket(server, auth.invitation))}`;
}

/** Knows it was destroyed, so a ticket arriving afterwards does not open a connection. */
class TicketedProvider extends WebsocketProvider {
	destroyed = false;

	override destroy(): void {
		this.destroyed = true;
		super.destroy();
	}
}

/**
 * A y-websocket provider of the shared document authenticated as the browser's: the session
 * cookie in the upgrade's headers, or a fresh ticket in the URL before every (re)connection.
 */
export function documentProvider(options: {
	server: Server;
	kollegiumId: string;
	auth: DocumentAuth;
	doc?: Y.Doc;
}): WebsocketProvider {
	const { server, auth } = options;
	class Authed extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: auth.cookie ? { cookie: auth.cookie } : {} });
		}
	}
	const provider = new TicketedProvider(
		yjsUrl(server),
		options.kollegiumId,
		options.doc ?? new Y.Doc(),
		{
			WebSocketPolyfill: Authed as unknown as typeof globalThis.WebSocket,
			connect: false,
			disableBc: true,
			maxBackoffTime: 300
		}
	);
	const { invitation } = auth;
	if (!invitation) {
		provider.connect();
		return provider;
	}
	const connect = (): void => {
		if (provider.destroyed) return;
		documentTicket(server, invitation).then(
			(ticket) => {
				if (provider.destroyed) return;
				provider.params = { ticket };
				provider.connect();
			},
			// The server is away (a restart): try again, as y-websocket would.
			() => {
				if (!provider.destroyed) setTimeout(connect, 100);
			}
		);
	};
	provider.on('connection-close', (event) => {
		if (provider.destroyed || !provider.shouldConnect) return;
		if (event && terminal(event.code)) return;
		// The ticket is spent: y-websocket's own reconnect becomes a no-op, ours fetches a new one.
		provider.shouldConnect = false;
		setTimeout(connect, 100);
	});
	connect();
	return provider;
}

/**
 * A y-websocket client of the shared document, exactly as the browser's, authenticated by a
 * session cookie (the studierektor) or an invitation token (a participant). Resolves synced.
 */
export async function openDocument(
	server: Server,
	kollegiumId: string,
	auth: DocumentAuth
): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
	const doc = new Y.Doc();
	const provider = documentProvider({ server, kollegiumId, auth, doc });
	for (let i = 0; i < 250 && !provider.synced; i += 1) await pause(20);
	if (!provider.synced) {
		provider.destroy();
		throw new Error('The shared document did not sync');
	}
	return { doc, provider };
}

/** How a raw connection went: its close code, or 'open' once the document speaks, or 'timeout'. */
export type Attempt = { code: number | 'open' | 'timeout'; messages: number };

/**
 * Connects with a raw socket to a ready URL (see `documentUrl`) and reports how it went, then
 * closes it: refused with a close code and nothing of the document, or opened.
 */
export function attemptDocument(url: string, options: { cookie?: string } = {}): Promise<Attempt> {
	return new Promise((resolve) => {
		const socket = new WebSocket(url, {
			headers: options.cookie ? { cookie: options.cookie } : {}
		});
		const end = (result: Attempt) => {
			clearTimeout(timer);
			socket.removeAllListeners('close');
			socket.terminate();
			resolve(result);
		};
		const timer = setTimeout(() => end({ code: 'timeout', messages: 0 }), 3000);
		socket.on('message', () => end({ code: 'open', messages: 1 }));
		socket.on('close', (code) => end({ code, messages: 0 }));
		socket.on('error', () => undefined);
	});
}

/** A refusal as the endpoint gives it: 4403, before anything of the document. */
export const REFUSED: Attempt = { code: 4403, messages: 0 };

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes lines into a rich-text field as the editor does: one paragraph each. */
export function writeText(doc: Y.Doc, subjectId: string, field: TextField, lines: string[]): void {
	doc.transact(() => {
		const fragment = doc.getXmlFragment(fragmentName(subjectId, field));
		fragment.delete(0, fragment.length);
		fragment.insert(
			0,
			lines.map((line) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(line)]);
				return paragraph;
			})
		);
	});
}

const mapOf = (entries: Record<string, unknown>) => {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(entries)) map.set(key, value);
	return map;
};

type PlanLike = Omit<DevelopmentPlan, 'goals'> & {
	goals: (Omit<DevelopmentPlan['goals'][number], 'dueDate' | 'responsible'> & {
		dueDate: string;
		responsible: string;
	})[];
};

/** Writes a development plan into the document the way the plan editor keeps it. */
export function writeDevelopmentPlan(doc: Y.Doc, subjectId: string, plan: PlanLike): void {
	doc.transact(() => {
		writeText(doc, subjectId, 'summary', plan.summary.split('\n'));
		writeText(doc, subjectId, 'strengths', plan.strengths);
		writeText(doc, subjectId, 'development', plan.developmentAreas);
		const map = doc.getMap<unknown>(planMapName(subjectId));
		map.clear();
		const goals = doc.getArray<Y.Map<unknown>>(planListName(subjectId, 'goals'));
		goals.delete(0, goals.length);
		goals.push(
			plan.goals.map(({ activities, ...goal }) => {
				const list = new Y.Array<Y.Map<unknown>>();
				list.push(activities.map((activity) => mapOf({ id: crypto.randomUUID(), ...activity })));
				return mapOf({ id: crypto.randomUUID(), ...goal, activities: list });
			})
		);
		map.set('nextFollowUp', plan.nextFollowUp);
		map.set('atRisk', plan.atRisk);
		if (plan.actionPlan) {
			map.set('problemAreas', plan.actionPlan.problemAreas.join('\n'));
			map.set('supportMeasures', plan.actionPlan.supportMeasures.join('\n'));
			map.set('timePlan', plan.actionPlan.timePlan);
			map.set('actionFollowUpDate', plan.actionPlan.followUpDate);
			map.set('studierektorInformed', plan.actionPlan.studierektorInformed);
		}
	});
}

/** Writes the clinic's handlingsplan and its SPUR summaries into the document. */
export function writeImprovementPlan(doc: Y.Doc, subjectId: string, plan: ImprovementPlan): void {
	doc.transact(() => {
		for (const [area, summary] of Object.entries(plan.summaries)) {
			writeText(doc, subjectId, `spur-${area}` as TextField, [summary]);
		}
		const rows = doc.getArray<Y.Map<unknown>>(planListName(subjectId, 'rows'));
		rows.delete(0, rows.length);
		rows.push(plan.rows.map((row) => mapOf({ id: crypto.randomUUID(), ...row })));
	});
}
