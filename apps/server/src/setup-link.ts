import { hashToken, randomToken } from './auth/tokens.ts';
import type { Deps } from './http/env.ts';
import { hasUsers } from './domain/accounts.ts';

/**
 * On a fresh installation there is no default password: a one-time link creates the first
 * studierektor. A new link replaces the last on every start until someone has used one.
 */
export async function issueSetupLink(deps: Deps, baseUrl: string): Promise<string | null> {
	if (await hasUsers(deps)) return null;
	const token = randomToken();
	const expiresAt = new Date(deps.now().getTime() + 24 * 3_600_000).toISOString();
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('setupTokens').execute();
		await trx
			.insertInto('setupTokens')
			.values({ tokenHash: hashToken(token), expiresAt })
			.execute();
	});
	return `${baseUrl}/setup/${token}`;
}
