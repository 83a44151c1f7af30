import { YjsCloseCode } from '@kollegium/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Who holds a connection, as far as cutting it off goes. */
export type ConnectionHolder = Pick<Connection, 'participantId' | 'userId' | 'sessionHash'>;

interface Connection {
	/** Set at the upgrade, and for participants again when the meeting ends. */
	readOnly: boolean;
	/** Whose link opened it, so a revoked link can be cut off; null for a colleague. */
	participantId: string | null;
	/** The colleague signed in on it, and by which session, so either can be cut off. */
	userId: string | null;
	sessionHash: string | null;
	/** Who the server knows it to be: the only name its presence may show. */
	name: string;
	/** Awareness client ids this connection has announced, removed when it closes. */
	clients: Set<number>;
	/** Messages of one connection are handled in order, after the document has loaded. */
	queue: Promise<void>;
}

/**
 * One kollegium's document while anyone is connected: the y-protocols sync and awareness
 * exchange, with every update stored before it is sent to anyone.
 */
export class SharedDoc {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Map<WebSocket, Connection>();
	readonly loaded: Promise<void>;
	readonly #id: string;
	readonly #store: DocStore;
	/** Stores then broadcasts, strictly in the order the updates were applied. */
	#outbox: Promise<void> = Promise.resolve();
	#logged = 0;
	#compaction: ReturnType<typeof setTimeout> | undefined;

	constructor(options: { kollegiumId: string; store: DocStore; compactAfter: number }) {
		this.#id = options.kollegiumId;
		this.#store = options.store;
		this.awareness.setLocalState(null);
		this.loaded = options.store.load(this.#id, this.doc).then((logged) => {
			this.#logged = logged;
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this.#store) return; // loading from storage
			this.#outbox = this.#outbox
				.then(() => this.#store.append(this.#id, update))
				.then(() => {
					this.#broadcast(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)));
					this.#logged += 1;
					if (this.#logged >= options.compactAfter) this.#compactSoon(options.compactAfter);
				})
				.catch((error: unknown) =>
					console.error('Shared document: storing an update failed', error)
				);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
			const changed = [...added, ...updated, ...removed];
			const connection =
				origin instanceof Object ? this.connections.get(origin as WebSocket) : undefined;
			if (connection) {
				for (const id of added) connection.clients.add(id);
				for (const id of removed) connection.clients.delete(id);
				this.#ownName(connection, [...added, ...updated]);
			}
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(
				message,
				awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
			);
			this.#broadcast(encoding.toUint8Array(message));
		});
	}

	/** Adds a connection and starts the sync once the stored state is loaded. */
	connect(
		socket: WebSocket,
		options: {
			readOnly: boolean;
			participantId: string | null;
			userId: string | null;
			sessionHash: string | null;
			name: string;
		}
	): void {
		const connection: Connection = {
			readOnly: options.readOnly,
			participantId: options.participantId,
			userId: options.userId,
			sessionHash: options.sessionHash,
			name: options.name,
			clients: new Set(),
			queue: this.loaded
		};
		this.connections.set(socket, connection);
		connection.queue = connection.queue.then(() => this.#afterPending(() => this.#greet(socket)));
		socket.on('message', (data: Buffer) => {
			connection.queue = connection.queue.then(() =>
				this.#receive(socket, connection, new Uint8Array(data))
			);
		});
	}

	/** Forgets a connection and the presence it announced. */
	disconnect(socket: WebSocket): void {
		const connection = this.connections.get(socket);
		if (!connection) return;
		this.connections.delete(socket);
		awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clients], null);
	}

	/** Closes the connections opened with a participant's link. */
	/** Closes the connections whose holder no longer has access (a link revoked, a session ended). */
	cutOff(lost: (holder: ConnectionHolder) => boolean): void {
		for (const [socket, connection] of this.connections) {
			if (lost(connection)) socket.close(YjsCloseCode.forbidden, 'access ended');
		}
	}

	/** Waits for every applied update to be stored (and sent). */
	flushed(): Promise<void> {
		return this.#outbox;
	}

	compact(): Promise<void> {
		clearTimeout(this.#compaction);
		this.#compaction = undefined;
		this.#logged = 0;
		return this.#store.compact(this.#id);
	}

	/**
	 * Compaction is blocking database work; it waits for a pause in the typing rather than sit in
	 * the store-then-broadcast queue, so no edit is held up by it. A log that never sees a pause
	 * is compacted anyway once it is several times the threshold. Updates stored meanwhile stay
	 * in the log: compaction deletes exactly the rows it replayed.
	 */
	#compactSoon(threshold: number): void {
		const run = () =>
			void this.compact().catch((error: unknown) =>
				console.error('Shared document: compaction failed', error)
			);
		if (this.#logged >= threshold * 5) return run();
		clearTimeout(this.#compaction);
		this.#compaction = setTimeout(run, 500);
		this.#compaction.unref();
	}

	destroy(): void {
		clearTimeout(this.#compaction);
		this.awareness.destroy();
		this.doc.destroy();
	}

	#greet(socket: WebSocket): void {
		send(
			socket,
			syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc))
		);
		const states = [...this.awareness.getStates().keys()];
		if (states.length > 0) {
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(
				message,
				awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)
			);
			send(socket, encoding.toUint8Array(message));
		}
	}

	/** Whether an awareness update touches client ids another connection has announced. */
	#claimsOthers(connection: Connection, update: Uint8Array): boolean {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		for (let i = 0; i < count; i += 1) {
			const clientId = decoding.readVarUint(decoder);
			decoding.readVarUint(decoder); // clock
			decoding.readVarString(decoder); // state
			if (clientId === this.doc.clientID) return true;
			for (const other of this.connections.values()) {
				if (other !== connection && other.clients.has(clientId)) return true;
			}
		}
		return false;
	}

	/** The meeting ended: participants read from now on; only the studierektor writes. */
	endMeeting(): void {
		for (const connection of this.connections.values()) {
			if (connection.participantId !== null) connection.readOnly = true;
		}
	}

	/**
	 * A presence shows the name the server authenticated, never one a client made up; an empty
	 * name (the shared screen, which only watches) stays empty.
	 */
	#ownName(connection: Connection, clientIds: number[]): void {
		for (const id of clientIds) {
			const state = this.awareness.states.get(id);
			const user = state?.user as { name?: unknown } | undefined;
			if (state && user && typeof user === 'object' && user.name !== '') {
				state.user = { ...user, name: connection.name };
			}
		}
	}

	async #receive(socket: WebSocket, connection: Connection, data: Uint8Array): Promise<void> {
		if (!this.connections.has(socket)) return;
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) await this.#receiveSync(socket, connection, decoder);
			else if (type === MESSAGE_AWARENESS) {
				const update = decoding.readVarUint8Array(decoder);
				// A reader announces nothing: no cursor, no name, nobody can tell they are there.
				if (connection.readOnly) return;
				// Nor may one connection speak for a presence another connection announced.
				if (this.#claimsOthers(connection, update)) return;
				awarenessProtocol.applyAwarenessUpdate(this.awareness, update, socket);
			} else if (type === MESSAGE_QUERY_AWARENESS) this.#greet(socket);
		} catch {
			// A message we cannot read or apply harms nobody else: only this connection goes.
			socket.close(YjsCloseCode.malformed, 'malformed message');
		}
	}

	async #receiveSync(
		socket: WebSocket,
		connection: Connection,
		decoder: decoding.Decoder
	): Promise<void> {
		const kind = decoding.readVarUint(decoder);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			// Answer only with what is stored: wait for updates still on their way to storage.
			await this.#afterPending(() =>
				send(
					socket,
					syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, stateVector))
				)
			);
			return;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate)
			throw new Error('unknown sync message');
		const update = decoding.readVarUint8Array(decoder);
		if (connection.readOnly) return; // observers read; their edits are dropped
		// Read the whole update first: applyUpdate would integrate (and so store and relay) the
		// structs before the garbage after them, and only then throw.
		Y.decodeUpdate(update);
		Y.applyUpdate(this.doc, update, socket);
	}

	#afterPending(action: () => void): Promise<void> {
		const done = this.#outbox.then(action);
		return done;
	}

	#broadcast(message: Uint8Array): void {
		for (const socket of this.connections.keys()) send(socket, message);
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function send(socket: WebSocket, message: Uint8Array): void {
	if (socket.readyState !== socket.OPEN) return;
	socket.send(message, (error) => {
		if (error) socket.terminate();
	});
}
