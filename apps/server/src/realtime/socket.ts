import type { Server as HttpServer } from 'node:http';
import {
	MeetingView,
	SOCKET_IO_PATH,
	frameForView,
	type ClientToServerEvents,
	type Handle,
	type ServerToClientEvents
} from '@kollegium/model';
import { parse as parseCookie } from 'hono/utils/cookie';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { invitationHolder, userBySession, type InvitationHolder } from '../auth/identity.ts';
import type { Db } from '../db/database.ts';
import { kollegiumOfColleague } from '../domain/kollegier.ts';
import { progressOf } from '../domain/progress.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import type { ChangeFeed, Site } from '../http/env.ts';
import { hashToken } from '../auth/tokens.ts';
import { hasLost } from './access-ended.ts';
import { mayUseCookies } from '../http/origin.ts';
import { guarded, guardedMiddleware, RefusedConnection } from './guard.ts';
import { registerMeetingHandlers } from './meeting.socket.ts';
import { Meetings } from './meetings.ts';

/** Who is on the other end: a signed-in studierektor, or the holder of a valid invitation. */
export interface SocketData {
	userId: string | null;
	/** Hash of the session token the colleague connected with, so one session can be ended. */
	sessionHash: string | null;
	participant: InvitationHolder | null;
	/** The meeting joined; a participant's own handle in it, to raise their hand with. */
	meeting: { kollegiumId: string; drives: boolean; handle: Handle | null } | null;
}

export type KollegiumSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
export type KollegiumServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

const progressRoom = (kollegiumId: string) => `kollegium:${kollegiumId}`;
/**
 * One room per view of a meeting, each sent the frame as that view shows it (`frameForView`):
 * the control sees who is connected, the shared screen the speaking order by name, the
 * participants handles only.
 */
export const meetingRoom = (kollegiumId: string, view: MeetingView) =>
	`meeting:${kollegiumId}:${view}`;
const meetingViews = MeetingView.options;

/**
 * socket.io on the shared HTTP server: live progress for the studierektor, and the live
 * meeting. Every socket is authenticated at the handshake; one without credentials is refused.
 */
export function attachSocketServer(
	http: HttpServer,
	deps: { db: Db; now: () => Date; site: Site }
) {
	const io: KollegiumServer = new Server(http, {
		path: SOCKET_IO_PATH,
		serveClient: false,
		maxHttpBufferSize: 64 * 1024
	});
	const meetings = new Meetings({
		db: deps.db,
		now: deps.now,
		publish: (kollegiumId, frame) => {
			for (const view of meetingViews)
				io.to(meetingRoom(kollegiumId, view)).emit('meeting:frame', frameForView(frame, view));
		}
	});

	io.use(
		guardedMiddleware(async (socket: KollegiumSocket) => {
			socket.data = { ...(await identify(deps, socket)), meeting: null };
			if (!socket.data.userId && !socket.data.participant)
				throw new RefusedConnection('unauthenticated');
		})
	);

	io.on('connection', (socket) => {
		socket.on(
			'kollegium:watch',
			guarded('kollegium:watch', async (raw, ack) => {
				if (typeof ack !== 'function') return;
				const id = z.uuid().safeParse(raw);
				if (!id.success || !socket.data.userId) return ack({ ok: false, error: 'forbidden' });
				// Who has answered is for the clinic's studierektorer, as GET /progress is.
				const found = await kollegiumOfColleague(deps.db, {
					id: id.data,
					userId: socket.data.userId
				});
				if (!found) return ack({ ok: false, error: 'kollegiumNotFound' });
				if (found.role !== 'studierektor') return ack({ ok: false, error: 'forbidden' });
				await socket.join(progressRoom(found.row.id));
				ack({ ok: true });
			})
		);
		registerMeetingHandlers({ socket, db: deps.db, now: deps.now, meetings });
	});

	const changes: ChangeFeed = {
		responsesChanged(kollegiumId) {
			void (async () => {
				const row = await deps.db
					.selectFrom('kollegier')
					.select(['id', 'kind'])
					.where('id', '=', kollegiumId)
					.executeTakeFirst();
				if (row) io.to(progressRoom(kollegiumId)).emit('progress', await progressOf(deps.db, row));
			})().catch((error: unknown) => console.error('Progress broadcast failed', error));
		},
		meetingChanged(kollegiumId) {
			meetings
				.invalidate(kollegiumId)
				.catch((error: unknown) => console.error('Meeting refresh failed', error));
		},
		meetingEnded(kollegiumId) {
			meetings
				.forget(kollegiumId)
				.catch((error: unknown) => console.error('Dropping who was in a meeting failed', error));
			for (const room of meetingViews.map((view) => meetingRoom(kollegiumId, view))) {
				io.to(room).emit('meeting:ended');
				io.in(room).disconnectSockets(true);
			}
		},
		participantRevoked(participantId) {
			// A revoked or removed participant stops following at once, not at their next connect.
			io.fetchSockets().then(
				(sockets) => {
					for (const socket of sockets)
						if (socket.data.participant?.participant.id === participantId) socket.disconnect(true);
				},
				(error: unknown) => console.error('Cutting off a revoked participant failed', error)
			);
		},
		colleagueAccessEnded(ended) {
			io.fetchSockets().then(
				(sockets) => {
					for (const socket of sockets) if (hasLost(socket.data, ended)) socket.disconnect(true);
				},
				(error: unknown) => console.error('Cutting off a colleague failed', error)
			);
		}
	};
	return { io, changes, meetings };
}

/** Who connects: the session cookie (from our own pages only) or the invitation in `auth`. */
async function identify(
	deps: { db: Db; now: () => Date; site: Site },
	socket: KollegiumSocket
): Promise<Omit<SocketData, 'meeting'>> {
	const invitation = z
		.string()
		.max(100)
		.safeParse((socket.handshake.auth as Record<string, unknown>).invitation);
	if (invitation.success) {
		const holder = await invitationHolder(deps, { token: invitation.data });
		return { userId: null, sessionHash: null, participant: holder };
	}
	const cookie = mayUseCookies(deps.site, socket.handshake.headers.origin)
		? parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE]
		: undefined;
	const user = await userBySession(deps, cookie);
	return {
		userId: user?.id ?? null,
		sessionHash: user && cookie ? hashToken(cookie) : null,
		participant: null
	};
}
