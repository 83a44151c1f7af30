import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { LoginThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createApi } from './http/app.ts';
import type { ChangeFeed, Deps } from './http/env.ts';
import { attachSocketServer } from './realtime/socket.ts';
import { PdfRenderer } from './pdf/renderer.ts';
import { attachYjs } from './realtime/yjs/yjs.socket.ts';
import { loadTemplates } from './templates.ts';

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
	const db = await openDatabase({ dataDir: config.dataDir });
	const now = options.now ?? (() => new Date());
	const http = createServer();
	// socket.io first: it tells the API's handlers where to announce changes.
	const { io, changes: live } = attachSocketServer(http, { db, now });
	const yjs = attachYjs(http, { db, now });
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
			yjs.revoke(participantId);
		}
	};
	const deps: Deps = {
		db,
		library,
		config,
		now,
		throttle: new LoginThrottle(),
		changes,
		documents: yjs,
		pdf
	};
	const api = getRequestListener(createApi(deps).fetch);
	const pages = options.pages === false ? null : await loadPages();

	http.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const path = req.url ?? '/';
		if (path.startsWith('/api/') || path === '/api' || path === '/healthz' || !pages) {
			void api(req, res);
			return;
		}
		pages(req, res, () => void api(req, res));
	});

	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(config.port, config.host, resolve);
	});
	const port = (http.address() as AddressInfo).port;
	const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	return {
		url: config.publicUrl ?? `http://${host}:${port}`,
		port,
		deps,
		async close() {
			// The document sockets first: socket.io's close waits for the HTTP server, which waits
			// for every upgraded socket, and browsers holding the documents would keep it open.
			await yjs.close();
			await io.close();
			await pdf.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
			await db.destroy();
		}
	};
}

async function loadPages(): Promise<NodeHandler | null> {
	if (!existsSync(webBuild)) {
		console.warn('The web app is not built (npm run build): serving the API only.');
		return null;
	}
	const module = (await import(webBuild.href)) as { handler: NodeHandler };
	return module.handler;
}
