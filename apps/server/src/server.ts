import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { LoginThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createApi } from './http/app.ts';
import type { ChangeFeed, Deps, Site } from './http/env.ts';
import { attachSocketServer } from './realtime/socket.ts';
import { PdfRenderer } from './pdf/renderer.ts';
import { DocumentTickets } from './realtime/yjs/tickets.ts';
import { attachYjs } from './realtime/yjs/yjs.socket.ts';
import { hasLost } from './realtime/access-ended.ts';
import { loadTemplates } from './templates.ts';
import { OutboxWorker } from './mail/outbox.ts';
import { unlinkClosedKollegier } from './domain/unlinking.ts';
import { queueDueReminders } from './domain/reminders.ts';
import { createMailer } from './mail/transport.ts';
// #13 privacy
import { RetentionJob } from './retention/job.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const webBuild = new URL('../../web/build/handler.js', import.meta.url);

export interface RunningServer {
	url: string;
	port: number;
	deps: Deps;
	close(): Promise<void>;
}

/**
 * Starts everything on one port: the JSON API, the SvelteKit pages, socket.io and (reserved
 * for the shared document) the Yjs websocket path. `now` is injectable for tests.
 */
export async function startServer(options: {
	config: Config;
	now?: () => Date;
	pages?: boolean;
}): Promise<RunningServer> {
	const { config } = options;
	const library = loadTemplates(config.templatesDir);
	const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
	// #13: answers of kollegier closed before unlinking existed let go of their authors now.
	await unlinkClosedKollegier(db);
	const now = options.now ?? (() => new Date());
	const http = createServer();
	// Filled in once the server listens; everyone holding it sees the port the OS chose.
	const site: Site = { origin: config.publicUrl ?? '', trustedOrigins: [] };
	// socket.io first: it tells the API's handlers where to announce changes.
	const { io, changes: live } = attachSocketServer(http, { db, now, site });
	const documentTickets = new DocumentTickets({ now });
	const yjs = attachYjs(http, { db, now, site, tickets: documentTickets });
	// pdfmake is synchronous: the PDFs are built in a worker so a meeting never waits for one.
	const pdf = new PdfRenderer();
	const changes: ChangeFeed = {
		...live,
		meetingEnded(kollegiumId) {
			live.meetingEnded(kollegiumId);
			yjs.meetingEnded(kollegiumId);
		},
		participantRevoked(participantId) {
			live.participantRevoked(participantId);
			yjs.cutOff((holder) => holder.participantId === participantId);
		},
		colleagueAccessEnded(ended) {
			live.colleagueAccessEnded(ended);
			yjs.cutOff((holder) => hasLost(holder, ended));
		}
	};
	// E-mail leaves through the outbox only: a row first, then the worker sends it.
	const outbox = new OutboxWorker({
		db,
		mailer: config.smtpUrl
			? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
			: null,
		now,
		pollMs: config.mailPollMs,
		schedule: () => queueDueReminders(deps)
	});
	const deps: Deps = {
		site,
		db,
		library,
		config,
		now,
		throttle: new LoginThrottle(),
		changes,
		documents: yjs,
		documentTickets,
		pdf,
		outbox
	};
	outbox.start();
	// #13 privacy: retention (gallring), once a day by the server's clock.
	const retention = new RetentionJob(deps);
	retention.start();
	const api = getRequestListener(createApi(deps).fetch);
	const pages = options.pages === false ? null : await loadPages();

	const hsts = config.publicUrl?.startsWith('https:') ?? false;
	const toApi = (req: IncomingMessage, res: ServerResponse) =>
		api(req, res).catch((error: unknown) => {
			console.error('Serving', req.method, req.url, 'failed', error);
			if (!res.headersSent) res.writeHead(500).end();
			else res.destroy();
		});
	http.on('request', (req: IncomingMessage, res: ServerResponse) => {
		// On every response, pages and assets too: a browser that once came over https stays there.
		if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
		const path = req.url ?? '/';
		const ours =
			path.startsWith('/api/') ||
			path === '/api' ||
			path === '/healthz' ||
			path.startsWith('/auth/oidc/') ||
			path.startsWith('/auth/saml/');
		if (ours || !pages) {
			void toApi(req, res);
			return;
		}
		pages(req, res, () => void toApi(req, res));
	});
	http.on('clientError', answerMalformedRequest);

	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(config.port, config.host, resolve);
	});
	const port = (http.address() as AddressInfo).port;
	Object.assign(site, siteOf(config, port));
	return {
		url: deps.site.origin,
		port,
		deps,
		async close() {
			// The document sockets first: socket.io's close waits for the HTTP server, which waits
			// for every upgraded socket, and browsers holding the documents would keep it open.
			await yjs.close();
			await io.close();
			await pdf.close();
			await outbox.close();
			await retention.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
			await db.destroy();
		}
	};
}

function siteOf(config: Config, port: number): Site {
	if (config.publicUrl) return { origin: config.publicUrl, trustedOrigins: [config.publicUrl] };
	const origin = `http://localhost:${port}`;
	return { origin, trustedOrigins: [origin, `http://127.0.0.1:${port}`, `http://[::1]:${port}`] };
}

/**
 * A request the HTTP parser could not read (garbage before the request line, a header too
 * large, a reset mid-request): that connection gets a 4xx and is closed, with a log line.
 * Without a listener Node answers 400 itself; with one, nothing must be left half-open.
 */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
	const code = error.code ?? 'unknown';
	if (code !== 'ECONNRESET') console.warn(`http: dropped a malformed request (${code})`);
	const answering = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
	if (!socket.writable || answering?.headersSent) return void socket.destroy();
	const status =
		code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
	socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function loadPages(): Promise<NodeHandler | null> {
	if (!existsSync(webBuild)) {
		console.warn('The web app is not built (npm run build): serving the API only.');
		return null;
	}
	const module = (await import(webBuild.href)) as { handler: NodeHandler };
	return module.handler;
}
