import { z } from 'zod';
import { Locale } from './text.ts';

const Id = z.uuid();
const Name = z.string().trim().min(2).max(120);
const Email = z.email().max(200);

/** At least 12 characters: a phrase of several words is easy to remember and hard to guess. */
export const Password = z.string().min(12).max(200);

/**
 * What a colleague may do in a clinic. A studierektor prepares, runs and follows up its
 * kollegier; a läsare (for example the verksamhetschef) reads plans, handovers and reports,
 * never a form while it is answered and never the meeting's control.
 */
export const ClinicRole = z.enum(['studierektor', 'reader']);
export type ClinicRole = z.infer<typeof ClinicRole>;

/**
 * The role an invitation gives: an administratör also administers the installation (accounts
 * and clinics) and is a studierektor of the clinic it is invited to.
 */
export const AccountRole = z.enum(['admin', 'studierektor', 'reader']);
export type AccountRole = z.infer<typeof AccountRole>;

/** The clinic role an account role carries. */
export function clinicRoleOf(role: AccountRole): ClinicRole {
	return role === 'reader' ? 'reader' : 'studierektor';
}

/** A clinic the signed-in user belongs to, with their role in it. */
export const Membership = z.object({ clinicId: Id, name: z.string(), role: ClinicRole });
export type Membership = z.infer<typeof Membership>;

/** The signed-in user. */
export const Me = z.object({
	id: Id,
	name: z.string(),
	email: z.string(),
	/** Administers the installation: accounts and clinics. */
	admin: z.boolean(),
	clinics: z.array(Membership)
});
export type Me = z.infer<typeof Me>;

/** The first account: it administers the installation and is studierektor of its clinic. */
export const SetupInput = z.object({
	token: z.string().min(20).max(200),
	name: Name,
	email: Email,
	password: Password,
	clinicName: Name,
	createExample: z.boolean().default(false),
	locale: Locale.default('sv')
});
export type SetupInput = z.infer<typeof SetupInput>;

export const LoginInput = z.object({
	email: Email,
	password: z.string().min(1).max(200)
});
export type LoginInput = z.infer<typeof LoginInput>;

/** A clinic (klinik or verksamhet): its name and the specialties its trainees train in. */
export const ClinicInput = z.object({
	name: Name,
	specialties: z.array(Name).max(50).default([])
});
export type ClinicInput = z.infer<typeof ClinicInput>;

export const ClinicMember = z.object({
	userId: Id,
	name: z.string(),
	email: z.string(),
	role: ClinicRole,
	active: z.boolean()
});
export type ClinicMember = z.infer<typeof ClinicMember>;

export const Clinic = z.object({
	id: Id,
	name: z.string(),
	specialties: z.array(z.string()),
	members: z.array(ClinicMember)
});
export type Clinic = z.infer<typeof Clinic>;

/** A clinic in a list: the reader's own role in it, or null for an administrator outside it. */
export const ClinicSummary = z.object({
	id: Id,
	name: z.string(),
	specialties: z.array(z.string()),
	role: ClinicRole.nullable()
});
export type ClinicSummary = z.infer<typeof ClinicSummary>;

export const MembershipChange = z.object({ role: ClinicRole });
export type MembershipChange = z.infer<typeof MembershipChange>;

/** An administrator invites a colleague, by e-mail, to a clinic with a role. */
export const AccountInvitationInput = z.object({
	email: Email,
	role: AccountRole,
	clinicId: Id
});
export type AccountInvitationInput = z.infer<typeof AccountInvitationInput>;

/** A one-time account link, just issued: the only time its token leaves the server. */
export const IssuedAccountLink = z.object({ url: z.string(), expiresAt: z.string() });
export type IssuedAccountLink = z.infer<typeof IssuedAccountLink>;

/** An invitation not yet taken up, as administrators see it. */
export const PendingAccountInvitation = z.object({
	id: Id,
	email: z.string(),
	role: AccountRole,
	clinicId: Id,
	clinicName: z.string(),
	createdAt: z.string(),
	expiresAt: z.string()
});
export type PendingAccountInvitation = z.infer<typeof PendingAccountInvitation>;

/** The one-time token of an account link, sent in the body so it stays out of access logs. */
export const AccountLinkToken = z.object({ token: z.string().min(20).max(200) });
export type AccountLinkToken = z.infer<typeof AccountLinkToken>;

/** What an account link is for, shown before its holder chooses a password. */
export const AccountLinkInfo = z.object({
	kind: z.enum(['invitation', 'reset']),
	email: z.string(),
	/** For an invitation: the clinic and the role it gives. */
	clinicName: z.string().nullable(),
	role: AccountRole.nullable()
});
export type AccountLinkInfo = z.infer<typeof AccountLinkInfo>;

/** Taking up an invitation: the new account's name and password. */
export const AcceptInvitationInput = AccountLinkToken.extend({
	name: Name,
	password: Password,
	locale: Locale.default('sv')
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

/** Choosing a new password with a reset link. */
export const PasswordResetInput = AccountLinkToken.extend({ password: Password });
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;

/** Changing one's own password, signed in. */
export const PasswordChangeInput = z.object({
	currentPassword: z.string().min(1).max(200),
	newPassword: Password
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** An account as administrators see it. */
export const Account = z.object({
	id: Id,
	name: z.string(),
	email: z.string(),
	admin: z.boolean(),
	active: z.boolean(),
	clinics: z.array(Membership),
	createdAt: z.string(),
	/**
	 * What the identity provider's configured claim (OIDC_MATCH_CLAIM, for example an HSA-id)
	 * says for this person: set by an administrator, or recorded at the first sign-in.
	 */
	identityClaim: z.string().nullable()
});
export type Account = z.infer<typeof Account>;

/** What an administrator changes on an account. */
export const AccountChange = z
	.object({
		admin: z.boolean().optional(),
		active: z.boolean().optional(),
		/** Null removes it; the account is then found by its verified e-mail again. */
		identityClaim: z.string().trim().min(1).max(100).nullable().optional()
	})
	.refine(
		(change) =>
			change.admin !== undefined ||
			change.active !== undefined ||
			change.identityClaim !== undefined,
		{ message: 'nothingToChange' }
	);
export type AccountChange = z.infer<typeof AccountChange>;

/** Days an account link (an invitation or a password reset) can be used. */
export const ACCOUNT_LINK_DAYS = 7;
