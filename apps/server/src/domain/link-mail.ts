import type { Deps } from '../http/env.ts';
import { queueMail, type NewMail } from '../mail/outbox.ts';
import { issueInvitationIn } from './invitations.ts';
import { lockRow } from './locks.ts';

/**
 * Queues one message that carries a new personal link, once per idempotency key: the link is
 * issued only when the message is new, in the same transaction as the message, and the
 * connections on the link it replaces are closed afterwards. Answers whether it was queued now.
 */
export async function queueWithNewLink(
	deps: Deps,
	options: {
		key: string;
		kollegiumId: string;
		startsAt: string;
		recipient: { participantId: string; name: string; email: string };
		kind: NewMail['kind'];
		compose: (link: string) => { subject: string; text: string };
	}
): Promise<boolean> {
	const { key, kollegiumId, recipient } = options;
	const queued = await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'participants', recipient.participantId);
		const sent = await trx
			.selectFrom('outbox')
			.select('id')
			.where('idempotencyKey', '=', key)
			.executeTakeFirst();
		if (sent) return false;
		const issued = await issueInvitationIn(trx, deps, {
			kollegiumId,
			participantId: recipient.participantId,
			startsAt: options.startsAt,
			origin: deps.site.origin
		});
		const message = options.compose(issued.url);
		return queueMail(
			trx,
			{
				idempotencyKey: key,
				kollegiumId,
				participantId: recipient.participantId,
				kind: options.kind,
				to: { name: recipient.name, email: recipient.email },
				subject: message.subject,
				body: message.text,
				calendar: null
			},
			deps.now()
		);
	});
	// Connections on the link just replaced close, as when a link is re-issued by hand.
	if (queued) deps.changes.participantRevoked(recipient.participantId);
	return queued;
}
