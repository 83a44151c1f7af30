import {
	ACCOUNT_LINK_DAYS,
	AccountRole,
	clinicRoleOf,
	fieldIssue,
	type AcceptInvitationInput,
	type Account,
	type AccountChange,
	type AccountInvitationInput,
	type AccountLinkInfo,
	type IssuedAccountLink,
	type Locale,
	type LoginInput,
	type Me,
	type PasswordChangeInput,
	type PasswordResetInput,
	type PendingAccountInvitation,
	type SetupInput
} from '@kollegium/model';
import { membershipsOf, type SignedInUser } from '../auth/identity.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';

/** Verified against when there is no such user, so the answer's timing does not tell. */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

export async function hasUsers(deps: Deps): Promise<boolean> {
	return Boolean(await deps.db.selectFrom('users').select('id').executeTakeFirst());
}

/** The signed-in user with the clinics they belong to. */
export async function meOf(db: Db, user: SignedInUser): Promise<Me> {
	return { ...user, clinics: await membershipsOf(db, user.id) };
}

/**
 * Creates the first account with the one-time setup link: it administers the installation and
 * is studierektor of the clinic it names. Spending the link, creating the account and the
 * clinic are one transaction, so two requests with the same link make one account.
 */
export async function createFirstAccount(
	deps: Deps,
	input: SetupInput
): Promise<{ user: SignedInUser; clinicId: string }> {
	const user = {
		id: crypto.randomUUID(),
		name: input.name,
		email: input.email.toLowerCase(),
		admin: true
	};
	const clinicId = crypto.randomUUID();
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
			.values({
				id: user.id,
				name: user.name,
				email: user.email,
				passwordHash,
				isAdmin: 1,
				createdAt: now
			})
			.execute();
		await trx
			.insertInto('clinics')
			.values({ id: clinicId, name: input.clinicName, specialties: '[]', createdAt: now })
			.execute();
		await trx
			.insertInto('clinicMembers')
			.values({ clinicId, userId: user.id, role: 'studierektor', createdAt: now })
			.execute();
	});
	return { user, clinicId };
}

/**
 * Checks a password, throttled per account and per address. A hash made with a lower cost
 * than today's is replaced on the way in. A deactivated account is refused even with the
 * right password.
 */
export async function signIn(
	deps: Deps,
	options: { input: LoginInput; address: string }
): Promise<SignedInUser> {
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
	if (user.deactivatedAt) fail(403, 'accountDeactivated');
	if (needsRehash(user.passwordHash)) {
		const passwordHash = await hashPassword(password);
		await deps.db.updateTable('users').set({ passwordHash }).where('id', '=', user.id).execute();
	}
	return { id: user.id, name: user.name, email: user.email, admin: user.isAdmin === 1 };
}

/**
 * Changes one's own password, after checking the current one (throttled like signing in).
 * Every other session of the account ends: whoever else had it open must sign in again.
 */
export async function changePassword(
	deps: Deps,
	options: { user: SignedInUser; input: PasswordChangeInput; keepSession: string; locale: Locale }
): Promise<void> {
	const keys = [`account:${options.user.email}`];
	const now = deps.now().getTime();
	const wait = deps.throttle.retryAfterMs(keys, now);
	if (wait > 0) fail(429, 'tooManyAttempts', [], { 'Retry-After': String(Math.ceil(wait / 1000)) });
	const row = await deps.db
		.selectFrom('users')
		.select('passwordHash')
		.where('id', '=', options.user.id)
		.executeTakeFirstOrThrow();
	if (!(await verifyPassword(options.input.currentPassword, row.passwordHash))) {
		deps.throttle.recordFailure(keys, now);
		fail(400, 'wrongPassword', [
			fieldIssue({ path: 'currentPassword', message: 'wrongPassword', locale: options.locale })
		]);
	}
	deps.throttle.recordSuccess(keys);
	const passwordHash = await hashPassword(options.input.newPassword);
	await deps.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('users')
			.set({ passwordHash })
			.where('id', '=', options.user.id)
			.execute();
		await trx
			.deleteFrom('sessions')
			.where('userId', '=', options.user.id)
			.where('tokenHash', '!=', hashToken(options.keepSession))
			.execute();
	});
}

function expiry(deps: Deps): { createdAt: string; expiresAt: string } {
	const now = deps.now();
	return {
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + ACCOUNT_LINK_DAYS * 86_400_000).toISOString()
	};
}

/**
 * An administrator invites a colleague to a clinic with a role: a one-time link, valid 7 days,
 * of which only the hash is kept. A new invitation to the same address replaces the old one.
 */
export async function inviteColleague(
	deps: Deps,
	options: { by: SignedInUser; input: AccountInvitationInput; locale: Locale }
): Promise<IssuedAccountLink> {
	const email = options.input.email.toLowerCase();
	const token = randomToken();
	const times = expiry(deps);
	await deps.db.transaction().execute(async (trx) => {
		const clinic = await trx
			.selectFrom('clinics')
			.select('id')
			.where('id', '=', options.input.clinicId)
			.executeTakeFirst();
		if (!clinic)
			fail(400, 'validation', [
				fieldIssue({ path: 'clinicId', message: 'unknownClinic', locale: options.locale })
			]);
		const taken = await trx.selectFrom('users').select('id').where('email', '=', email).execute();
		if (taken.length > 0)
			fail(400, 'validation', [
				fieldIssue({ path: 'email', message: 'emailTaken', locale: options.locale })
			]);
		await trx
			.updateTable('accountLinks')
			.set({ usedAt: times.createdAt, expiresAt: times.createdAt })
			.where('kind', '=', 'invitation')
			.where('email', '=', email)
			.where('usedAt', 'is', null)
			.execute();
		await trx
			.insertInto('accountLinks')
			.values({
				id: crypto.randomUUID(),
				tokenHash: hashToken(token),
				kind: 'invitation',
				email,
				userId: null,
				clinicId: options.input.clinicId,
				role: options.input.role,
				createdBy: options.by.id,
				...times,
				usedAt: null
			})
			.execute();
	});
	return { url: `${deps.site.origin}/konto/${token}`, expiresAt: times.expiresAt };
}

/** Invitations not yet taken up and not expired, newest first. */
export async function pendingInvitations(deps: Deps): Promise<PendingAccountInvitation[]> {
	const rows = await deps.db
		.selectFrom('accountLinks')
		.innerJoin('clinics', 'clinics.id', 'accountLinks.clinicId')
		.select([
			'accountLinks.id',
			'accountLinks.email',
			'accountLinks.role',
			'accountLinks.clinicId',
			'clinics.name as clinicName',
			'accountLinks.createdAt',
			'accountLinks.expiresAt'
		])
		.where('accountLinks.kind', '=', 'invitation')
		.where('accountLinks.usedAt', 'is', null)
		.where('accountLinks.expiresAt', '>', deps.now().toISOString())
		.orderBy('accountLinks.createdAt', 'desc')
		.execute();
	return rows.map((row) => ({
		...row,
		clinicId: row.clinicId ?? '',
		role: AccountRole.parse(row.role)
	}));
}

/** Withdraws an invitation: its link stops working at once. */
export async function withdrawInvitation(deps: Deps, invitationId: string): Promise<void> {
	const now = deps.now().toISOString();
	const withdrawn = await deps.db
		.updateTable('accountLinks')
		.set({ usedAt: now, expiresAt: now })
		.where('id', '=', invitationId)
		.where('kind', '=', 'invitation')
		.where('usedAt', 'is', null)
		.returning('id')
		.executeTakeFirst();
	if (!withdrawn) fail(404, 'notFound');
}

/** An administrator's reset link for an account: a one-time link to choose a new password. */
export async function issueResetLink(
	deps: Deps,
	options: { by: SignedInUser; userId: string }
): Promise<IssuedAccountLink> {
	const token = randomToken();
	const times = expiry(deps);
	await deps.db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'email'])
			.where('id', '=', options.userId)
			.executeTakeFirst();
		if (!user) fail(404, 'accountNotFound');
		// Only the newest reset link works.
		await trx
			.updateTable('accountLinks')
			.set({ usedAt: times.createdAt, expiresAt: times.createdAt })
			.where('kind', '=', 'reset')
			.where('userId', '=', user.id)
			.where('usedAt', 'is', null)
			.execute();
		await trx
			.insertInto('accountLinks')
			.values({
				id: crypto.randomUUID(),
				tokenHash: hashToken(token),
				kind: 'reset',
				email: user.email,
				userId: user.id,
				clinicId: null,
				role: null,
				createdBy: options.by.id,
				...times,
				usedAt: null
			})
			.execute();
	});
	return { url: `${deps.site.origin}/konto/${token}`, expiresAt: times.expiresAt };
}

/** A live account link by its token, or 404: unknown, used and expired are answered alike. */
async function liveLink(db: Db | Transaction<Database>, deps: Deps, token: string) {
	const link = await db
		.selectFrom('accountLinks')
		.leftJoin('clinics', 'clinics.id', 'accountLinks.clinicId')
		.selectAll('accountLinks')
		.select('clinics.name as clinicName')
		.where('accountLinks.tokenHash', '=', hashToken(token))
		.where('accountLinks.usedAt', 'is', null)
		.where('accountLinks.expiresAt', '>', deps.now().toISOString())
		.executeTakeFirst();
	return link ?? fail(404, 'accountLinkInvalid');
}

/** What a link is for, shown before its holder chooses a password. */
export async function accountLinkInfo(deps: Deps, token: string): Promise<AccountLinkInfo> {
	const link = await liveLink(deps.db, deps, token);
	return {
		kind: link.kind === 'reset' ? 'reset' : 'invitation',
		email: link.email,
		clinicName: link.clinicName ?? null,
		role: link.role ? AccountRole.parse(link.role) : null
	};
}

/** Spends a live link inside a transaction: the row is taken once, whoever comes second fails. */
async function spendLink(trx: Transaction<Database>, deps: Deps, token: string, kind: string) {
	const link = await liveLink(trx, deps, token);
	if (link.kind !== kind) fail(404, 'accountLinkInvalid');
	const spent = await trx
		.updateTable('accountLinks')
		.set({ usedAt: deps.now().toISOString() })
		.where('id', '=', link.id)
		.where('usedAt', 'is', null)
		.returning('id')
		.executeTakeFirst();
	if (!spent) fail(404, 'accountLinkInvalid');
	return link;
}

/** Takes up an invitation: the account is created with the role it gives, in its clinic. */
export async function acceptInvitation(
	deps: Deps,
	input: AcceptInvitationInput
): Promise<SignedInUser> {
	const passwordHash = await hashPassword(input.password);
	const now = deps.now().toISOString();
	return deps.db.transaction().execute(async (trx) => {
		const link = await spendLink(trx, deps, input.token, 'invitation');
		const role = AccountRole.parse(link.role);
		const taken = await trx
			.selectFrom('users')
			.select('id')
			.where('email', '=', link.email)
			.executeTakeFirst();
		if (taken) fail(404, 'accountLinkInvalid');
		return createInvitedAccount(trx, {
			link: { ...link, role },
			user: { name: input.name, email: link.email, passwordHash },
			now
		});
	});
}

/**
 * The account an invitation gives, with its role in its clinic, in the caller's transaction
 * (which has spent the link): by a password chosen on the link, or by the identity provider.
 */
export async function createInvitedAccount(
	trx: Transaction<Database>,
	options: {
		link: { role: AccountRole; clinicId: string | null };
		user: {
			name: string;
			email: string;
			passwordHash: string;
			externalSubject?: string;
			identityClaim?: string | null;
		};
		now: string;
	}
): Promise<SignedInUser> {
	const { link, now } = options;
	const { passwordHash, externalSubject, identityClaim, ...named } = options.user;
	const user = { id: crypto.randomUUID(), ...named };
	await trx
		.insertInto('users')
		.values({
			...user,
			passwordHash,
			isAdmin: link.role === 'admin' ? 1 : 0,
			createdAt: now,
			externalSubject: externalSubject ?? null,
			identityClaim: identityClaim ?? null
		})
		.execute();
	if (link.clinicId)
		await trx
			.insertInto('clinicMembers')
			.values({
				clinicId: link.clinicId,
				userId: user.id,
				role: clinicRoleOf(link.role),
				createdAt: now
			})
			.execute();
	return { ...user, admin: link.role === 'admin' };
}

/** Chooses a new password with a reset link; every session of the account ends. */
export async function resetPassword(deps: Deps, input: PasswordResetInput): Promise<SignedInUser> {
	const passwordHash = await hashPassword(input.password);
	return deps.db.transaction().execute(async (trx) => {
		const link = await spendLink(trx, deps, input.token, 'reset');
		const user = await trx
			.updateTable('users')
			.set({ passwordHash })
			.where('id', '=', link.userId ?? '')
			.where('deactivatedAt', 'is', null)
			.returning(['id', 'name', 'email', 'isAdmin'])
			.executeTakeFirst();
		if (!user) fail(404, 'accountLinkInvalid');
		await trx.deleteFrom('sessions').where('userId', '=', user.id).execute();
		return { id: user.id, name: user.name, email: user.email, admin: user.isAdmin === 1 };
	});
}

/** Every account, with its clinics, for administrators. */
export async function listAccounts(db: Db): Promise<Account[]> {
	const users = await db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'isAdmin', 'deactivatedAt', 'createdAt', 'identityClaim'])
		.orderBy('name')
		.orderBy('id')
		.execute();
	return Promise.all(users.map(async (user) => accountOf(db, user)));
}

async function accountOf(
	db: Db | Transaction<Database>,
	user: {
		id: string;
		name: string;
		email: string;
		isAdmin: number;
		deactivatedAt: string | null;
		createdAt: string;
		identityClaim: string | null;
	}
): Promise<Account> {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		admin: user.isAdmin === 1,
		active: user.deactivatedAt === null,
		clinics: await membershipsOf(db, user.id),
		createdAt: user.createdAt,
		identityClaim: user.identityClaim
	};
}

/**
 * Changes an account's administrator role or deactivates it. A deactivated account's sessions
 * end at once; its kollegier stay with their clinic. Nobody deactivates or demotes themselves,
 * and one active administrator always remains (checked under a lock, so two administrators
 * demoting each other at once cannot both succeed).
 */
export async function changeAccount(
	deps: Deps,
	options: { by: SignedInUser; userId: string; change: AccountChange }
): Promise<Account> {
	const { change } = options;
	const demotes = change.admin === false || change.active === false;
	if (options.userId === options.by.id && demotes) fail(400, 'notYourself');
	return deps.db.transaction().execute(async (trx) => {
		// Every change to who administers is ordered by one row: the installation's first clinic.
		await lockAdministrators(trx);
		const user = await trx
			.selectFrom('users')
			.select(['id', 'name', 'email', 'isAdmin', 'deactivatedAt', 'createdAt', 'identityClaim'])
			.where('id', '=', options.userId)
			.executeTakeFirst();
		if (!user) fail(404, 'accountNotFound');
		const identityClaim =
			change.identityClaim === undefined ? user.identityClaim : change.identityClaim;
		if (identityClaim !== null && identityClaim !== user.identityClaim) {
			// One person per claim: a second account with it would be a second way into the first.
			const taken = await trx
				.selectFrom('users')
				.select('id')
				.where('identityClaim', '=', identityClaim)
				.where('id', '!=', user.id)
				.executeTakeFirst();
			if (taken) fail(409, 'identityClaimTaken');
		}
		const isAdmin = change.admin === undefined ? user.isAdmin : change.admin ? 1 : 0;
		const deactivatedAt =
			change.active === undefined
				? user.deactivatedAt
				: change.active
					? null
					: (user.deactivatedAt ?? deps.now().toISOString());
		await trx
			.updateTable('users')
			.set({ isAdmin, deactivatedAt, identityClaim })
			.where('id', '=', user.id)
			.execute();
		const admins = await trx
			.selectFrom('users')
			.select('id')
			.where('isAdmin', '=', 1)
			.where('deactivatedAt', 'is', null)
			.execute();
		if (admins.length === 0) fail(400, 'lastAdmin');
		if (deactivatedAt) await trx.deleteFrom('sessions').where('userId', '=', user.id).execute();
		return accountOf(trx, { ...user, isAdmin, deactivatedAt, identityClaim });
	});
}

async function lockAdministrators(trx: Transaction<Database>): Promise<void> {
	const first = await trx
		.selectFrom('users')
		.select('id')
		.orderBy('createdAt')
		.orderBy('id')
		.executeTakeFirst();
	if (first) await lockRow(trx, 'users', first.id);
}
