import type { PendingRequest, SamlServiceProvider } from '../auth/saml.ts';
import type { Deps } from '../http/env.ts';
import type { SignInIdentity } from './external-sign-in.ts';

type Store = Pick<Deps, 'db' | 'now'>;

/** Remembers an authentication request until it is answered or expires (and clears expired ones). */
export async function rememberSamlRequest(deps: Store, id: string, minutes: number): Promise<void> {
	const now = deps.now();
	await deps.db.deleteFrom('samlRequests').where('expiresAt', '<=', now.toISOString()).execute();
	await deps.db
		.insertInto('samlRequests')
		.values({
			id,
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString()
		})
		.execute();
}

/**
 * Who a response posted back vouches for, or null (the reason goes to the log): it must answer
 * the request this browser started (its cookie), not yet answered nor expired, and hold up to
 * every check of the provider's signature, audience and time. The request is then answered.
 */
export async function answeredIdentity(
	deps: Store,
	provider: SamlServiceProvider,
	options: { requestId: string; samlResponse: string }
): Promise<SignInIdentity | null> {
	try {
		const pending = await pendingSamlRequest(deps, options.requestId);
		if (!pending) throw new Error('No sign-in was started in this browser, or it expired');
		const identity = await provider.finish(options.samlResponse, pending);
		// Answered once: of two posts of the same response only one finds the request.
		if (!(await forgetSamlRequest(deps, pending.id)))
			throw new Error('The request was already answered');
		return identity;
	} catch (error) {
		console.warn('Sign-in through SAML failed:', error instanceof Error ? error.message : error);
		return null;
	}
}

/** The request a response may answer, if it was sent and has not expired or been answered. */
async function pendingSamlRequest(deps: Store, id: string): Promise<PendingRequest | null> {
	const row = await deps.db
		.selectFrom('samlRequests')
		.select(['id', 'createdAt'])
		.where('id', '=', id)
		.where('expiresAt', '>', deps.now().toISOString())
		.executeTakeFirst();
	return row ?? null;
}

/**
 * Marks a request answered, once: one conditional delete, so of two posts of the same response
 * (even at the same moment, on a pool of connections) only one finds it.
 */
async function forgetSamlRequest(deps: Store, id: string): Promise<boolean> {
	const deleted = await deps.db
		.deleteFrom('samlRequests')
		.where('id', '=', id)
		.where('expiresAt', '>', deps.now().toISOString())
		.executeTakeFirst();
	return Number(deleted.numDeletedRows) === 1;
}
