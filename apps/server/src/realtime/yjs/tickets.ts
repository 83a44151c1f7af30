import { hashToken, randomToken } from '../../auth/tokens.ts';

/** How long a ticket may wait for its connection: a page fetches one right before it connects. */
export const TICKET_TTL_MS = 30_000;
/** Unused tickets one invitation may hold; asking for more spends its oldest, nobody else's. */
const PER_INVITATION = 8;

/**
 * Short-lived, single-use tickets for opening a shared document with an invitation. A
 * browser's websocket cannot send an Authorization header, and the invitation token in the
 * URL would end up in every proxy's access log; a ticket there is worthless once used or
 * half a minute old. Kept in memory (hashed, like every token): a restart only makes the
 * open pages fetch a new one, which they do before every connection anyway.
 */
export class DocumentTickets {
	/** Ticket hash → its invitation and expiry. */
	readonly #tickets = new Map<string, { invitationId: string; expiresAt: number }>();
	/** Invitation → its unused ticket hashes, oldest first. */
	readonly #byInvitation = new Map<string, string[]>();
	readonly #now: () => Date;

	constructor(options: { now: () => Date }) {
		this.#now = options.now;
	}

	/** A new ticket standing for this invitation. */
	issue(invitationId: string): string {
		const now = this.#now().getTime();
		const held = (this.#byInvitation.get(invitationId) ?? []).filter((key) => {
			const live = (this.#tickets.get(key)?.expiresAt ?? 0) >= now;
			if (!live) this.#tickets.delete(key);
			return live;
		});
		while (held.length >= PER_INVITATION) this.#tickets.delete(held.shift() ?? '');
		const ticket = randomToken();
		const key = hashToken(ticket);
		this.#tickets.set(key, { invitationId, expiresAt: now + TICKET_TTL_MS });
		this.#byInvitation.set(invitationId, [...held, key]);
		return ticket;
	}

	/** The invitation a ticket stands for, once: a second use, or a late one, gets null. */
	redeem(ticket: string): string | null {
		const key = hashToken(ticket);
		const entry = this.#tickets.get(key);
		if (!entry) return null;
		this.#tickets.delete(key);
		const held = this.#byInvitation.get(entry.invitationId)?.filter((k) => k !== key) ?? [];
		if (held.length > 0) this.#byInvitation.set(entry.invitationId, held);
		else this.#byInvitation.delete(entry.invitationId);
		return entry.expiresAt < this.#now().getTime() ? null : entry.invitationId;
	}
}
