import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../apps/server/src/db/database.ts';

/** A message as the SMTP server received it, parsed, with its calendar part if it had one. */
export interface ReceivedMail {
	to: string;
	subject: string;
	text: string;
	messageId: string;
	calendar: string | null;
}

/**
 * A real SMTP server on a random port (the smtp-server package), which parses every message
 * it accepts with mailparser. `refuse` makes it answer 550 to every recipient.
 */
export async function startSmtpServer(options: { port?: number; refuse?: boolean } = {}) {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (options.refuse) {
				const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
				callback(error);
				return;
			}
			callback();
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push(summary(mail));
					callback();
				})
				.catch((error: unknown) => callback(error as Error));
		}
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

function summary(mail: ParsedMail): ReceivedMail {
	const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
	const calendar = mail.attachments.find((part) => part.contentType.startsWith('text/calendar'));
	return {
		to: to?.value[0]?.address ?? '',
		subject: mail.subject ?? '',
		text: mail.text ?? '',
		messageId: mail.messageId ?? '',
		// Long iCalendar lines are folded (RFC 5545): unfolded here so a test reads whole lines.
		calendar: calendar ? calendar.content.toString('utf8').replace(/\r?\n[ \t]/g, '') : null
	};
}

/** Waits until `check` holds, for at most `ms`; the mail worker sends in the background. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('Timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/**
 * Waits until no message is being sent. A test that then moves the server's clock forward
 * cannot make a message in flight look abandoned (its lease runs by that clock) and sent twice.
 */
export async function outboxSettled(db: Db, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	for (;;) {
		const sending = await db
			.selectFrom('outbox')
			.select('id')
			.where('status', '=', 'sending')
			.executeTakeFirst();
		if (!sending) return;
		if (Date.now() > end) throw new Error('Timed out waiting for the outbox to settle');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
