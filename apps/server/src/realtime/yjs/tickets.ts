import { hashToken, randomToken } from '../../auth/tokens.ts';

/** How long a ticket may wait for its connection: a page fetches one right before it connects. */
export const TICKET_TTL_MS = 30_000;
/** Tickets held at most; beyond it the oldest go, so a flood of requests cannot grow memory. */
const MAX_TICKETS = 10_000;

/**
 * Short-lived, single-use tickets for opening a shared document with an invitation. A
 * browser's websocket cannot send an Authorization header, and the invitation token in the
 * URL would end up in every proxy's access log; a ticket there is worthless once used or
 * half a minute old. Kept in memory (hashed, like every token): a restart only makes the
 * open pages fetch a new one, which they do before every connection anyway.
 */
export class DocumentTickets {
	readonly #tickets = new Map<string, { invitationId: string; expiresAt: number }>();
	readonly #now: () => Date;

	constructor(options: { now: () => Date }) {
		this.#now = options.now;
	}

	/** A new ticket standing for this invitation. */
	issue(invitationId: string): string {
		this.#sweep();
		const ticket = randomToken();
		this.#tickets.set(hashToken(ticket), {
			invitationId,
			expiresAt: this.#now().getTime() + TICKET_TTL_MS
		});
		return ticket;
	}

	/** The invitation a ticket stands for, once: a second use, or a late one, gets null. */
	redeem(ticket: string): string | null {
		const key = hashToken(ticket);
		const entry = this.#tickets.get(key);
		this.#tickets.delete(key);
		if (!entry || entry.expiresAt < this.#now().getTime()) return null;
		return entry.invitationId;
	}

	#sweep(): void {
		const now = this.#now().getTime();
		for (const [key, entry] of this.#tickets) {
			if (entry.expiresAt >= now && this.#tickets.size < MAX_TICKETS) break;
			this.#tickets.delete(key);
		}
	}
}
