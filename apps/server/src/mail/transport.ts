import nodemailer from 'nodemailer';

/** One message as it leaves: the outbox row's content and a Message-ID that repeats on retry. */
export interface OutgoingMail {
	messageId: string;
	to: { name: string; address: string };
	subject: string;
	text: string;
	calendar: { method: string; content: string } | null;
}

/** Hands messages to an SMTP server. */
export interface Mailer {
	send(mail: OutgoingMail): Promise<void>;
	close(): void;
}

/** Why `SMTP_URL` cannot work, or null when it has the form of an SMTP server's address. */
export function smtpUrlProblem(smtpUrl: string): string | null {
	const url = URL.canParse(smtpUrl) ? new URL(smtpUrl) : null;
	if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname)
		return 'SMTP_URL is not a valid smtp:// or smtps:// address (for example smtps://user:password@smtp.region.se:465)';
	return null;
}

/** Wrong settings: no attempt can succeed, so the message fails at once with this reason. */
export class PermanentMailError extends Error {}

/**
 * A mailer for `SMTP_URL` (smtp://… or smtps://…, with user and password in the address), or
 * one whose every send fails with the reason the address is wrong: a typo in the settings shows
 * as a failed message with that reason, never as a server that will not start.
 */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
	const problem = smtpUrlProblem(options.smtpUrl);
	if (problem) {
		return {
			send: () => Promise.reject(new PermanentMailError(problem)),
			close: () => undefined
		};
	}
	const transport = nodemailer.createTransport({
		url: options.smtpUrl,
		// An unreachable server fails the attempt in seconds; the outbox tries again later.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	return {
		async send(mail) {
			try {
				await transport.sendMail({
					from: options.from,
					to: mail.to,
					subject: mail.subject,
					text: mail.text,
					messageId: mail.messageId,
					...(mail.calendar
						? {
								icalEvent: {
									method: mail.calendar.method,
									filename: 'kollegium.ics',
									content: mail.calendar.content
								}
							}
						: {})
				});
			} catch (error) {
				// 5xx: the server refuses this message for good (a bad address, no relaying).
				const code = (error as { responseCode?: number }).responseCode;
				if (code !== undefined && code >= 500)
					throw new PermanentMailError(reason(error), { cause: error });
				throw new Error(reason(error), { cause: error });
			}
		},
		close: () => transport.close()
	};
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
