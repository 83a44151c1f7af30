import type { Progress } from './api.ts';

/** What the server sends over socket.io. */
export interface ServerToClientEvents {
	progress: (progress: Progress) => void;
}

/** What clients send over socket.io; each payload is validated with a model schema. */
export interface ClientToServerEvents {
	'kollegium:watch': (
		kollegiumId: string,
		ack: (result: { ok: boolean; error?: string }) => void
	) => void;
}

/** URL paths of the two websocket endpoints sharing the HTTP port. */
export const SOCKET_IO_PATH = '/socket.io/';
export const YJS_PATH = '/yjs/';
