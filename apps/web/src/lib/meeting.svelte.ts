import type {
	ClientToServerEvents,
	Handle,
	MeetingCommand,
	MeetingFrame,
	MeetingView,
	ParticipantCommand,
	ServerToClientEvents,
	SpeakingOrderDraw
} from '@kollegium/model';
import { io, type Socket } from 'socket.io-client';

export type ConnectionState = 'connecting' | 'live' | 'offline' | 'waiting' | 'refused' | 'ended';

/**
 * One view's connection to a live meeting. The server holds the truth; this keeps the latest
 * frame, rejoins after every reconnect (socket.io retries with randomised backoff, so a
 * restarted server is not hit by every client at the same moment) and ignores stale frames.
 */
export class MeetingConnection {
	#frame = $state<MeetingFrame | null>(null);
	#state = $state<ConnectionState>('connecting');
	#error = $state<string | null>(null);
	#you = $state<Handle | null>(null);
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;

	constructor(options: { kollegiumId: string; view: MeetingView; invitation?: string }) {
		this.#socket = io({
			path: '/socket.io/',
			transports: ['websocket'],
			auth: options.invitation ? { invitation: options.invitation } : {},
			reconnectionDelay: 500,
			reconnectionDelayMax: 5000,
			randomizationFactor: 0.5
		});
		const join = () =>
			this.#socket.emit(
				'meeting:join',
				{ kollegiumId: options.kollegiumId, view: options.view },
				(result) => {
					if (result.ok && result.data) {
						// A participant's own handle comes in its join ack only.
						this.#you = result.data.you ?? null;
						this.#accept(result.data, true);
						this.#state = 'live';
					} else if (!result.ok && result.error === 'meetingNotLive') {
						// Opened before the studierektor started: keep asking until it starts.
						this.#state = 'waiting';
						setTimeout(() => this.#socket.connected && join(), 4000);
					} else if (!result.ok) {
						this.#state = 'refused';
						this.#error = result.error;
					}
				}
			);
		this.#socket.on('connect', join);
		this.#socket.on('disconnect', () => {
			if (this.#state !== 'refused' && this.#state !== 'ended') this.#state = 'offline';
		});
		this.#socket.on('meeting:ended', () => {
			this.#state = 'ended';
			this.#socket.io.reconnection(false);
		});
		this.#socket.on('connect_error', (error) => {
			if (error.message === 'unauthenticated') {
				this.#state = 'refused';
				this.#error = 'unauthenticated';
			} else this.#state = 'offline';
		});
		this.#socket.on('meeting:frame', (frame) => this.#accept(frame, false));
	}

	get frame(): MeetingFrame | null {
		return this.#frame;
	}
	get connection(): ConnectionState {
		return this.#state;
	}
	get error(): string | null {
		return this.#error;
	}
	/** A participant's handle in this meeting: how they find their own hand and place. */
	get you(): Handle | null {
		return this.#you;
	}

	command(command: MeetingCommand): Promise<string | null> {
		return new Promise((resolve) =>
			this.#socket.emit('meeting:command', command, (result) =>
				resolve(result.ok ? null : result.error)
			)
		);
	}

	/** Draws the speaking order among who is in the room; the server reads it as SpeakingOrderDraw. */
	drawSpeakingOrder(draw: SpeakingOrderDraw): Promise<string | null> {
		return this.command(draw);
	}

	hand(command: ParticipantCommand): Promise<string | null> {
		return new Promise((resolve) =>
			this.#socket.emit('meeting:hand', command, (result) =>
				resolve(result.ok ? null : result.error)
			)
		);
	}

	close(): void {
		this.#socket.disconnect();
	}

	#accept(frame: MeetingFrame, fresh: boolean): void {
		// A frame from before the one we have (reordered on reconnect) would step back in time.
		if (!fresh && this.#frame && frame.state.version < this.#frame.state.version) return;
		this.#frame = frame;
	}
}
