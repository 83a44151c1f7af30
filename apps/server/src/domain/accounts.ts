import type { LoginInput, Me, SetupInput } from '@kollegium/model';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';

/** Verified against when there is no such user, so the answer's timing does not tell. */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

export async function hasUsers(deps: Deps): Promise<boolean> {
	return Boolean(await deps.db.selectFrom('users').select('id').executeTakeFirst());
}

/**
 * Creates the first studierektor with the one-time setup link. Spending the link and creating
 * the account are one transaction, so two requests with the same link make one account.
 */
export async function createFirstAccount(deps: Deps, input: SetupInput): Promise<Me> {
	const user = { id: crypto.randomUUID(), name: input.name, email: input.email.toLowerCase() };
	const passwordHash = await hashPassword(input.password);
	const now = deps.now().toISOString();
	await deps.db.transaction().execute(async (trx) => {
		const token = await trx
			.deleteFrom('setupTokens')
			.where('tokenHash', '=', hashToken(input.token))
			.where('expiresAt', '>', now)
			.returning('tokenHash')
			.executeTakeFirst();
		if (!token || (await trx.selectFrom('users').select('id').executeTakeFirst()))
			fail(403, 'setupLinkInvalid');
		await trx.deleteFrom('setupTokens').execute();
		await trx
			.insertInto('users')
			.values({ ...user, passwordHash, createdAt: now })
			.execute();
	});
	return user;
}

/**
 * Checks a password, throttled per account and per address. A hash made with a lower cost
 * than today's is replaced on the way in.
 */
export async function signIn(
	deps: Deps,
	options: { input: LoginInput; address: string }
): Promise<Me> {
	const { email, password } = options.input;
	const keys = [`account:${email.toLowerCase()}`, `address:${options.address}`];
	const now = deps.now().getTime();
	const wait = deps.throttle.retryAfterMs(keys, now);
	if (wait > 0) fail(429, 'tooManyAttempts', [], { 'Retry-After': String(Math.ceil(wait / 1000)) });
	const user = await deps.db
		.selectFrom('users')
		.selectAll()
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
	const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
	if (!user || !ok) {
		deps.throttle.recordFailure(keys, now);
		fail(401, 'wrongCredentials');
	}
	deps.throttle.recordSuccess(keys);
	if (needsRehash(user.passwordHash)) {
		const passwordHash = await hashPassword(password);
		await deps.db.updateTable('users').set({ passwordHash }).where('id', '=', user.id).execute();
	}
	return { id: user.id, name: user.name, email: user.email };
}
