import { AccountRole, type ExternalSignInError } from '@kollegium/model';
import type { ExternalIdentity } from '../auth/oidc.ts';
import type { SignedInUser } from '../auth/identity.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomToken } from '../auth/tokens.ts';
import type { Deps } from '../http/env.ts';
import { createInvitedAccount } from './accounts.ts';

/**
 * What an identity provider vouched for, over either protocol. The subject is what the account
 * is bound to at its first sign-in, one column per protocol; a SAML provider that sends only a
 * transient NameID has none, and the account is then found by claim or e-mail every time.
 */
export type SignInIdentity = Omit<ExternalIdentity, 'subject'> & {
	provider?: 'oidc' | 'saml';
	subject: string | null;
};

const subjectColumn = (identity: SignInIdentity) =>
	identity.provider === 'saml' ? ('samlSubject' as const) : ('externalSubject' as const);

export type ExternalMatch =
	{ user: SignedInUser; created: boolean } | { error: ExternalSignInError };

/**
 * The account a person from the identity provider signs in to. Only an account an
 * administrator made or invited: by the provider's subject once bound, else by the configured
 * claim, else by a verified e-mail address (an account, or an invitation not yet taken up,
 * which then becomes the account). Nobody signs themselves up.
 */
export async function matchExternalAccount(
	deps: Pick<Deps, 'db' | 'now' | 'config'>,
	identity: SignInIdentity
): Promise<ExternalMatch> {
	const { db } = deps;
	const column = subjectColumn(identity);
	const users = db.selectFrom('users').selectAll();
	const found =
		(identity.subject
			? await users.where(column, '=', identity.subject).executeTakeFirst()
			: undefined) ??
		(identity.claim
			? await users.where('identityClaim', '=', identity.claim).executeTakeFirst()
			: undefined) ??
		(identity.email && identity.emailVerified
			? await users.where('email', '=', identity.email).executeTakeFirst()
			: undefined);
	if (found) {
		if (found.deactivatedAt) return { error: 'accountDeactivated' };
		// Bound on first sign-in; an account bound to another subject stays bound to it.
		const bound = found[column];
		if (bound !== null && identity.subject !== null && bound !== identity.subject)
			return { error: 'oidcNoAccount' };
		const learned = {
			...(identity.subject ? { [column]: identity.subject } : {}),
			...(identity.claim ? { identityClaim: identity.claim } : {})
		};
		if (Object.keys(learned).length > 0)
			await db.updateTable('users').set(learned).where('id', '=', found.id).execute();
		const user = { id: found.id, name: found.name, email: found.email, admin: found.isAdmin === 1 };
		return { user, created: false };
	}
	if (!identity.email) return { error: 'oidcNoAccount' };
	if (!identity.emailVerified) return { error: 'oidcUnverifiedEmail' };
	return takeUpInvitation(deps, { ...identity, email: identity.email });
}

/** A pending invitation for the verified address becomes the account, as taking up its link would. */
async function takeUpInvitation(
	deps: Pick<Deps, 'db' | 'now'>,
	identity: SignInIdentity & { email: string }
): Promise<ExternalMatch> {
	const now = deps.now().toISOString();
	// Nobody signs in with this password: the account is the provider's to open.
	const passwordHash = await hashPassword(randomToken());
	return deps.db.transaction().execute(async (trx): Promise<ExternalMatch> => {
		const link = await trx
			.selectFrom('accountLinks')
			.selectAll()
			.where('kind', '=', 'invitation')
			.where('email', '=', identity.email)
			.where('usedAt', 'is', null)
			.where('expiresAt', '>', now)
			.orderBy('createdAt', 'desc')
			.executeTakeFirst();
		if (!link) return { error: 'oidcNoAccount' };
		const spent = await trx
			.updateTable('accountLinks')
			.set({ usedAt: now })
			.where('id', '=', link.id)
			.where('usedAt', 'is', null)
			.executeTakeFirst();
		if (Number(spent.numUpdatedRows) === 0) return { error: 'oidcNoAccount' };
		const user = await createInvitedAccount(trx, {
			link: { role: AccountRole.parse(link.role), clinicId: link.clinicId },
			user: {
				name: identity.name ?? identity.email,
				email: identity.email,
				passwordHash,
				...(identity.provider !== 'saml' && identity.subject
					? { externalSubject: identity.subject }
					: {}),
				identityClaim: identity.claim
			},
			now
		});
		if (identity.provider === 'saml' && identity.subject)
			await trx
				.updateTable('users')
				.set({ samlSubject: identity.subject })
				.where('id', '=', user.id)
				.execute();
		return { user, created: true };
	});
}
