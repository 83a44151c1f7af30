import { jitteredBackoff } from '@kollegium/model';
import { api, ApiFailure } from '../api.ts';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { colorFor } from './colors.ts';

export type DocumentStatus = 'connecting' | 'synced' | 'offline' | 'refused';

/** What each editor tells the others: who they are, and which field they are typing in. */
export interface Presence {
	clientId: number;
	name: string;
	color: string;
	typing: string | null;
}

/** Close codes in 4400–4499 mean "do not come back" (refused, revoked, malformed). */
const terminal = (code: number | undefined) => code !== undefined && code >= 4400 && code < 4500;

/**
 * One page's connection to a kollegium's shared document. Edits go into the local Y.Doc at
 * once and reach the server whenever there is a connection: made offline, they merge on
 * reconnect. y-websocket backs off exponentially but deterministically, so after a server
 * restart every client would come back in the same millisecond; the reconnect here is taken
 * over and spread with jitter.
 */
export class SharedDocument {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	#status = $state<DocumentStatus>('connecting');
	#presence = $state<Presence[]>([]);
	#attempt = 0;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#typingTimer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	readonly #invitation: string | undefined;
	#retriedRefusal = false;

	constructor(options: { kollegiumId: string; name: string; invitation?: string }) {
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.#invitation = options.invitation;
		// Not connected yet: a participant first fetches a ticket, so the invitation token
		// itself never travels in the websocket's URL (where proxies log it).
		this.provider = new WebsocketProvider(
			`${scheme}://${location.host}/yjs`,
			options.kollegiumId,
			this.doc,
			{ connect: false, disableBc: true }
		);
		const awareness = this.provider.awareness;
		awareness.setLocalStateField('user', {
			name: options.name,
			color: colorFor(this.doc.clientID)
		});
		awareness.setLocalStateField('typing', null);
		// Editors update their cursor in the awareness synchronously, sometimes while Svelte is
		// rendering (a focus moving as a form mounts); the presence list is read a moment later.
		awareness.on('change', () => queueMicrotask(() => this.#readPresence()));
		this.provider.on('sync', (synced: boolean) => {
			if (synced) {
				this.#attempt = 0;
				this.#retriedRefusal = false;
				this.#status = 'synced';
			}
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			if (this.#destroyed || !this.provider.shouldConnect) return;
			if (terminal(event?.code)) {
				// A refused ticket is tried once more with a fresh one: if the link itself is no
				// longer valid, asking for that ticket says so.
				if (this.#invitation && !this.#retriedRefusal) {
					this.#retriedRefusal = true;
					this.provider.shouldConnect = false;
					this.#connect();
					return;
				}
				this.#status = 'refused';
				return;
			}
			this.#status = 'offline';
			// Our own timer replaces the provider's: its scheduled attempt becomes a no-op.
			this.provider.shouldConnect = false;
			clearTimeout(this.#retry);
			this.#retry = setTimeout(() => this.#connect(), jitteredBackoff(this.#attempt++));
		});
		// An upgrade refused with 403 never opens: the browser reports only a close (1006).
		this.provider.on('connection-error', () => {
			if (this.#status === 'connecting' && this.#attempt > 3) this.#status = 'offline';
		});
		this.#connect();
	}

	/** Connects, with a fresh single-use ticket for an invitation's holder. */
	#connect(): void {
		if (this.#destroyed) return;
		if (!this.#invitation) return this.provider.connect();
		api('POST /respond/document-ticket', { invitation: this.#invitation }).then(
			({ ticket }) => {
				if (this.#destroyed) return;
				this.provider.params = { ticket };
				this.provider.connect();
			},
			(error: unknown) => {
				if (this.#destroyed) return;
				// The link itself is no longer valid: retrying will not help.
				if (error instanceof ApiFailure && error.status >= 400 && error.status < 500) {
					this.#status = 'refused';
					return;
				}
				if (this.#attempt > 3) this.#status = 'offline';
				clearTimeout(this.#retry);
				this.#retry = setTimeout(() => this.#connect(), jitteredBackoff(this.#attempt++));
			}
		);
	}

	get status(): DocumentStatus {
		return this.#status;
	}

	/** Everyone else editing now, with their colour and the field they are typing in. */
	get presence(): Presence[] {
		return this.#presence;
	}

	/** Says "typing in this field" for a few seconds after each keystroke. */
	typing(field: string): void {
		const awareness = this.provider.awareness;
		if (awareness.getLocalState()?.typing !== field) awareness.setLocalStateField('typing', field);
		clearTimeout(this.#typingTimer);
		this.#typingTimer = setTimeout(() => awareness.setLocalStateField('typing', null), 3000);
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#retry);
		clearTimeout(this.#typingTimer);
		this.provider.destroy();
		this.doc.destroy();
	}

	#readPresence(): void {
		const own = this.doc.clientID;
		const people: Presence[] = [];
		this.provider.awareness.getStates().forEach((state, clientId) => {
			const user = state.user as { name?: unknown; color?: unknown } | undefined;
			// The shared screen watches with no name: it is nobody, and not listed.
			if (clientId === own || typeof user?.name !== 'string' || user.name === '') return;
			people.push({
				clientId,
				name: user.name,
				color: typeof user.color === 'string' ? user.color : '#444',
				typing: typeof state.typing === 'string' ? state.typing : null
			});
		});
		this.#presence = people;
	}
}
