import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { YjsCloseCode, SOCKET_IO_PATH, YJS_PATH } from '@kollegium/model';
import { parse as parseCookie } from 'hono/utils/cookie';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import * as Y from 'yjs';
import { invitationHolder, userBySession } from '../../auth/identity.ts';
import { hashToken } from '../../auth/tokens.ts';
import type { Db } from '../../db/database.ts';
import { resolveAccess } from '../../domain/access.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { DocStore } from './doc-store.ts';
import { SharedDoc, type ConnectionHolder } from './shared-doc.ts';
import type { DocumentTickets } from './tickets.ts';
import type { Site } from '../../http/env.ts';
import { mayUseCookies } from '../../http/origin.ts';

type Access = {
	mode: 'write' | 'read';
	participantId: string | null;
	userId: string | null;
	sessionHash: string | null;
	name: string;
};

export interface YjsOptions {
	db: Db;
	now: () => Date;
	/** Tickets that let an invitation's holder open a document without the token in the URL. */
	tickets: DocumentTickets;
	/** A session cookie counts only on a connection opened by our own pages. */
	site: Site;
	/** How long a document without connections stays loaded. */
	unloadAfterMs?: number;
	/** Logged updates that trigger a compaction into the snapshot. */
	compactAfter?: number;
	/** Largest accepted message, in bytes. */
	maxMessageBytes?: number;
}

/**
 * The shared-document endpoint: `/yjs/<kollegiumId>` on the same port, speaking y-protocols to
 * the y-websocket provider. Who may connect is decided at the upgrade; the studierektor and
 * the participants write, observers read.
 */
export function attachYjs(http: HttpServer, options: YjsOptions) {
	const store = new DocStore({ db: options.db, now: options.now });
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxMessageBytes ?? 2 * 1024 * 1024
	});
	const docs = new Map<string, SharedDoc>();
	const unloads = new Map<string, NodeJS.Timeout>();
	let closing = false;

	function open(kollegiumId: string): SharedDoc {
		clearTimeout(unloads.get(kollegiumId));
		unloads.delete(kollegiumId);
		let doc = docs.get(kollegiumId);
		if (!doc) {
			doc = new SharedDoc({ kollegiumId, store, compactAfter: options.compactAfter ?? 200 });
			docs.set(kollegiumId, doc);
		}
		return doc;
	}

	async function unload(kollegiumId: string, doc: SharedDoc): Promise<void> {
		await doc.flushed();
		if (doc.connections.size > 0 || docs.get(kollegiumId) !== doc) return;
		docs.delete(kollegiumId);
		await doc.compact();
		doc.destroy();
	}

	http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path.startsWith(SOCKET_IO_PATH)) return; // socket.io's own
		// Node hands an upgraded socket over without its error listener: a reset while the
		// access check runs would otherwise be an uncaught error that ends the process.
		socket.on('error', (error) => logDropped('upgrade', error));
		if (!path.startsWith(YJS_PATH)) return refuse(socket, 404, 'Not Found');
		if (closing) return refuse(socket, 503, 'Service Unavailable');
		const kollegiumId = path.slice(YJS_PATH.length).split('/')[0] ?? '';
		authorize(options, req, kollegiumId).then(
			(access) => {
				if (socket.destroyed) return;
				// Refused as a websocket close (4403) rather than an HTTP 403, which a browser reports
				// only as a dropped connection: y-websocket then stops retrying, and the page can say so.
				if (!access) {
					return wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
						ws.on('error', (error) => dropMalformed(ws, error));
						ws.close(YjsCloseCode.forbidden, 'forbidden');
					});
				}
				if (closing) return refuse(socket, 503, 'Service Unavailable');
				wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
					ws.on('error', (error) => dropMalformed(ws, error));
					const doc = open(kollegiumId);
					doc.connect(ws, {
						readOnly: access.mode === 'read',
						participantId: access.participantId,
						userId: access.userId,
						sessionHash: access.sessionHash,
						name: access.name
					});
					ws.on('close', () => {
						doc.disconnect(ws);
						if (doc.connections.size > 0 || closing) return;
						const timer = setTimeout(
							() => void unload(kollegiumId, doc),
							options.unloadAfterMs ?? 30_000
						);
						timer.unref();
						unloads.set(kollegiumId, timer);
					});
				});
			},
			(error: unknown) => {
				console.error('yjs: checking access failed', error);
				refuse(socket, 500, 'Internal Server Error');
			}
		);
	});

	return {
		docs,
		/** Reads a document as stored and as everyone has seen it: nothing pending is left out. */
		async read<T>(kollegiumId: string, reader: (doc: Y.Doc) => T): Promise<T> {
			const open = docs.get(kollegiumId);
			if (open) {
				await open.loaded;
				await open.flushed();
				return reader(open.doc);
			}
			const doc = new Y.Doc();
			try {
				await store.load(kollegiumId, doc);
				return reader(doc);
			} finally {
				doc.destroy();
			}
		},
		/** After the meeting participants only read: their open connections too. */
		meetingEnded(kollegiumId: string): void {
			docs.get(kollegiumId)?.endMeeting();
		},
		/** Closes, in every open document, the connections whose holder has lost access. */
		cutOff(lost: (holder: ConnectionHolder) => boolean): void {
			for (const doc of docs.values()) doc.cutOff(lost);
		},

		async close(): Promise<void> {
			closing = true;
			for (const timer of unloads.values()) clearTimeout(timer);
			for (const client of wss.clients) client.terminate();
			for (const [id, doc] of docs) {
				await doc.flushed();
				await store.compact(id);
				doc.destroy();
			}
			docs.clear();
			wss.close();
		}
	};
}

function refuse(socket: Duplex, status: number, text: string): void {
	if (!socket.destroyed) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
}

/**
 * A frame that breaks the websocket protocol (unmasked, a bad opcode, an oversized length):
 * ws has already failed the connection with the right close code (1002, 1009); this keeps the
 * error from ending the process and says what happened, for that one connection only.
 */
function dropMalformed(ws: WebSocket, error: Error): void {
	logDropped('websocket', error);
	// ws has sent its close frame; a peer that never answers it is not waited for 30 s.
	setTimeout(() => ws.terminate(), 1000).unref();
}

function logDropped(stage: string, error: Error): void {
	const code = (error as NodeJS.ErrnoException).code ?? error.message;
	console.warn(`yjs: dropped a connection (${stage}): ${code}`);
}

/**
 * Who may open a kollegium's document, and how: the studierektor's session (from our own
 * pages) or a single-use ticket standing for an invitation, decided by the model's `accessTo`.
 */
async function authorize(
	options: YjsOptions,
	req: IncomingMessage,
	kollegiumId: string
): Promise<Access | null> {
	// Spent whatever follows: a ticket is good for one attempt, wherever it was presented.
	const ticket = new URL(req.url ?? '/', 'http://localhost').searchParams.get('ticket');
	const invitationId = ticket ? options.tickets.redeem(ticket) : null;
	if (!z.uuid().safeParse(kollegiumId).success) return null;
	const resource = { kind: 'document' } as const;
	const cookie = mayUseCookies(options.site, req.headers.origin)
		? parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]
		: undefined;
	const user = await userBySession(options, cookie);
	if (user) {
		const access = await resolveAccess(options.db, {
			who: { userId: user.id },
			kollegiumId,
			resource
		});
		if (access.grant === 'write' || access.grant === 'read')
			return {
				mode: access.grant,
				participantId: null,
				userId: user.id,
				sessionHash: hashToken(cookie ?? ''),
				name: user.name
			};
	}
	const holder = invitationId ? await invitationHolder(options, { invitationId }) : null;
	if (!holder) return null;
	const access = await resolveAccess(options.db, { who: { holder }, kollegiumId, resource });
	if (access.grant !== 'write' && access.grant !== 'read') return null;
	const { id, name } = holder.participant;
	return { mode: access.grant, participantId: id, userId: null, sessionHash: null, name };
}
