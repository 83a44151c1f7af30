import { MAX_MAIL_ATTEMPTS, MailKind, carriesLink, mailRetryDelay } from '@kollegium/model';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { PermanentMailError, type Mailer } from './transport.ts';

/** A message to queue. The key makes queueing idempotent: the same key is queued once. */
export interface NewMail {
	idempotencyKey: string;
	kollegiumId: string | null;
	participantId: string | null;
	kind: MailKind;
	to: { name: string; email: string };
	subject: string;
	body: string;
	calendar: { method: string; content: string } | null;
}

/** How long one attempt may hold a message before another process may take it over. */
const LEASE_MS = 2 * 60_000;
/** How often the schedule is looked at, by the server's clock. */
const SCHEDULE_MS = 60_000;
/** Messages taken per look through the outbox. */
const BATCH = 20;

/** Puts a message in the outbox, in the caller's transaction; false when its key was queued before. */
export async function queueMail(db: Kysely<Database>, mail: NewMail, now: Date): Promise<boolean> {
	const at = now.toISOString();
	const result = await db
		.insertInto('outbox')
		.values({
			id: crypto.randomUUID(),
			idempotencyKey: mail.idempotencyKey,
			kollegiumId: mail.kollegiumId,
			participantId: mail.participantId,
			kind: mail.kind,
			recipientName: mail.to.name,
			recipientEmail: mail.to.email,
			subject: mail.subject,
			body: mail.body,
			calendar: mail.calendar?.content ?? null,
			calendarMethod: mail.calendar?.method ?? null,
			status: 'queued',
			nextAttemptAt: at,
			createdAt: at
		})
		.onConflict((conflict) => conflict.column('idempotencyKey').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Sends what the outbox holds. Each message is claimed with one conditional update (queued and
 * due, or held by an attempt whose lease ran out), so two processes or two ticks never send the
 * same row at once; its Message-ID is the row's, so a retry after a crash mid-send is the same
 * message to the receiving server. A failure waits longer each time (mailRetryDelay); a refusal
 * that no retry can mend, or the last attempt, leaves it failed with the reason.
 */
export class OutboxWorker {
	readonly #db: Kysely<Database>;
	readonly #mailer: Mailer | null;
	readonly #now: () => Date;
	readonly #pollMs: number;
	readonly #schedule: (() => Promise<void>) | null;
	#timer: NodeJS.Timeout | null = null;
	/** When the schedule (reminders) was last looked at, by the server's clock. */
	#scheduledAt = -Infinity;
	#running: Promise<void> | null = null;
	#again = false;
	#closed = false;

	constructor(options: {
		db: Kysely<Database>;
		mailer: Mailer | null;
		now: () => Date;
		pollMs: number;
		/** What the schedule queues (reminders), looked at once a minute by the server's clock. */
		schedule?: () => Promise<void>;
	}) {
		this.#db = options.db;
		this.#mailer = options.mailer;
		this.#now = options.now;
		this.#pollMs = options.pollMs;
		this.#schedule = options.schedule ?? null;
	}

	/** Starts polling (without a mailer there is nothing to send and nothing runs). */
	start(): void {
		if (!this.#mailer || this.#timer) return;
		this.#timer = setInterval(() => this.kick(), this.#pollMs);
		this.#timer.unref();
		this.kick();
	}

	/** Looks through the outbox now (after queueing, instead of waiting for the next poll). */
	kick(): void {
		if (!this.#mailer || this.#closed) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#drain()
			.catch((error: unknown) => console.error('The outbox could not be sent', error))
			.finally(() => {
				this.#running = null;
				if (this.#again) {
					this.#again = false;
					this.kick();
				}
			});
	}

	/** Stops polling and waits for the attempt under way, so nothing is left half-recorded. */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearInterval(this.#timer);
		await this.#running;
		this.#mailer?.close();
	}

	async #drain(): Promise<void> {
		const mailer = this.#mailer;
		if (!mailer) return;
		const clock = this.#now().getTime();
		if (this.#schedule && clock - this.#scheduledAt >= SCHEDULE_MS) {
			this.#scheduledAt = clock;
			await this.#schedule();
		}
		const at = this.#now().toISOString();
		const due = await this.#db
			.selectFrom('outbox')
			.select('id')
			.where((eb) =>
				eb.or([
					eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', at)]),
					eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<', at)])
				])
			)
			.orderBy('createdAt')
			.limit(BATCH)
			.execute();
		for (const { id } of due) {
			if (this.#closed) return;
			await this.#attempt(mailer, id);
		}
	}

	async #attempt(mailer: Mailer, id: string): Promise<void> {
		const now = this.#now();
		const at = now.toISOString();
		const claimed = await this.#db
			.updateTable('outbox')
			.set((eb) => ({
				status: 'sending',
				leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
				attempts: eb('attempts', '+', 1)
			}))
			.where('id', '=', id)
			.where((eb) =>
				eb.or([
					eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', at)]),
					eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<', at)])
				])
			)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) return;
		const row = await this.#db
			.selectFrom('outbox')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		try {
			await mailer.send({
				messageId: `<${row.id}@kollegium>`,
				to: { name: row.recipientName, address: row.recipientEmail },
				subject: row.subject,
				text: row.body,
				calendar:
					row.calendar && row.calendarMethod
						? { method: row.calendarMethod, content: row.calendar }
						: null
			});
			await this.#db
				.updateTable('outbox')
				.set({
					status: 'sent',
					sentAt: this.#now().toISOString(),
					leaseUntil: null,
					lastError: null,
					// The personal link is in the body: once sent, the outbox forgets it.
					...(carriesLink(MailKind.parse(row.kind)) ? { body: '' } : {})
				})
				.where('id', '=', id)
				.execute();
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			const giveUp = error instanceof PermanentMailError || row.attempts >= MAX_MAIL_ATTEMPTS;
			const later = new Date(this.#now().getTime() + mailRetryDelay(row.attempts) * 1000);
			await this.#db
				.updateTable('outbox')
				.set({
					status: giveUp ? 'failed' : 'queued',
					lastError: reason.slice(0, 500),
					leaseUntil: null,
					nextAttemptAt: later.toISOString(),
					// A link given up on is never sent: sending again issues a new one.
					...(giveUp && carriesLink(MailKind.parse(row.kind)) ? { body: '' } : {})
				})
				.where('id', '=', id)
				.execute();
			console.warn(`E-mail ${row.kind} ${id} ${giveUp ? 'failed' : 'will be retried'}: ${reason}`);
		}
	}
}
