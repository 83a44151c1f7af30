import type { Progress } from './api.ts';
import type { MeetingCommand, ParticipantCommand } from './meeting/meeting.ts';
import type { MeetingFrame, MeetingView } from './meeting/frame.ts';

/** What the server sends over socket.io. */
export interface ServerToClientEvents {
	progress: (progress: Progress) => void;
	'meeting:frame': (frame: MeetingFrame) => void;
	/** The studierektor closed the meeting; clients stop following it. */
	'meeting:ended': () => void;
}

export type Ack<T = undefined> = (
	result: { ok: true; data?: T } | { ok: false; error: string }
) => void;

/** What clients send over socket.io; each payload is validated with a model schema. */
export interface ClientToServerEvents {
	'kollegium:watch': (
		kollegiumId: string,
		ack: (result: { ok: boolean; error?: string }) => void
	) => void;
	/** Join a live meeting as one of its three views; the ack carries the current frame. */
	'meeting:join': (
		request: { kollegiumId: string; view: MeetingView },
		ack: Ack<MeetingFrame>
	) => void;
	/** The facilitator drives the meeting; anyone else is refused. */
	'meeting:command': (command: MeetingCommand, ack: Ack) => void;
	/** A participant raises or lowers their own hand. */
	'meeting:hand': (command: ParticipantCommand, ack: Ack) => void;
}

/** Why the shared-document endpoint closed a connection (websocket close codes). */
export const YjsCloseCode = {
	/** The message could not be read or applied; only this connection is closed. */
	malformed: 4400,
	/** The connection is not (or no longer) allowed: not a participant, or the link expired. */
	forbidden: 4403,
	/** The message was larger than the endpoint accepts. */
	tooLarge: 1009
} as const;

/** URL paths of the two websocket endpoints sharing the HTTP port. */
export const SOCKET_IO_PATH = '/socket.io/';
export const YJS_PATH = '/yjs/';
