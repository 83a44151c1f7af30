import type { Server as HttpServer } from 'node:http';
import {
	SOCKET_IO_PATH,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '@kollegium/model';
import { parse as parseCookie } from 'hono/utils/cookie';
import { Server } from 'socket.io';
import { z } from 'zod';
import { hashToken } from '../auth/tokens.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import type { ChangeFeed, Deps } from '../http/env.ts';
import { progressOf } from '../domain/progress.ts';

interface SocketData {
	userId: string | null;
}

const room = (kollegiumId: string) => `kollegium:${kollegiumId}`;

/**
 * socket.io for meeting state. For now it carries live progress to the facilitator; the live
 * meeting builds on the same authenticated connection. A socket is a facilitator's (session
 * cookie) or nobody's: invitation holders join in the meeting issue.
 */
export function attachSocketServer(http: HttpServer, deps: Pick<Deps, 'db' | 'now'>) {
	const io = new Server<
		ClientToServerEvents,
		ServerToClientEvents,
		Record<string, never>,
		SocketData
	>(http, {
		path: SOCKET_IO_PATH,
		serveClient: false,
		maxHttpBufferSize: 64 * 1024
	});
	io.use(async (socket, next) => {
		const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
		const session = token
			? await deps.db
					.selectFrom('sessions')
					.select('userId')
					.where('tokenHash', '=', hashToken(token))
					.where('expiresAt', '>', deps.now().toISOString())
					.executeTakeFirst()
			: undefined;
		if (!session) return next(new Error('unauthenticated'));
		socket.data.userId = session.userId;
		next();
	});
	io.on('connection', (socket) => {
		socket.on('kollegium:watch', async (raw, ack) => {
			const id = z.uuid().safeParse(raw);
			if (typeof ack !== 'function') return;
			if (!id.success) return ack({ ok: false, error: 'validation' });
			const owned = await deps.db
				.selectFrom('kollegier')
				.select(['id', 'kind'])
				.where('id', '=', id.data)
				.where('ownerId', '=', socket.data.userId ?? '')
				.executeTakeFirst();
			if (!owned) return ack({ ok: false, error: 'kollegiumNotFound' });
			await socket.join(room(owned.id));
			ack({ ok: true });
		});
	});
	const changes: ChangeFeed = {
		responsesChanged(kollegiumId) {
			void (async () => {
				const row = await deps.db
					.selectFrom('kollegier')
					.select(['id', 'kind'])
					.where('id', '=', kollegiumId)
					.executeTakeFirst();
				if (row) io.to(room(kollegiumId)).emit('progress', await progressOf(deps.db, row));
			})().catch((error: unknown) => console.error('Progress broadcast failed', error));
		}
	};
	return { io, changes };
}
