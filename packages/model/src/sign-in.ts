import { z } from 'zod';

/** How colleagues may sign in here, for the sign-in page. */
export const SignInMethods = z.object({
	password: z.boolean(),
	/** The region's identity provider over OpenID Connect, with the name its button shows. */
	oidc: z
		.object({
			label: z.string(),
			/** The claim an account is also recognised by (for example `hsa_id`), if configured. */
			matchClaim: z.string().nullable()
		})
		.nullable(),
	/** The region's identity provider over SAML 2.0, with the name its button shows. */
	saml: z
		.object({
			label: z.string(),
			/** The attribute an account is also recognised by (for example an HSA-id), if configured. */
			matchAttribute: z.string().nullable()
		})
		.nullable()
});
export type SignInMethods = z.infer<typeof SignInMethods>;

/** Why a sign-in through the identity provider came back without a session (`?fel=` on the page). */
export const ExternalSignInError = z.enum([
	'oidcNoAccount',
	'oidcUnverifiedEmail',
	'oidcFailed',
	'oidcOff',
	'samlFailed',
	'samlOff',
	'accountDeactivated'
]);
export type ExternalSignInError = z.infer<typeof ExternalSignInError>;

/**
 * Where a sign-in may return to: a path of this site, never another site. Anything a browser
 * could read as another host (`//x`, `/\\x`, a tab or newline it drops, `/%09/x`) goes home.
 */
export function safeReturnPath(value: string | null | undefined): string {
	if (!value || !/^\/[\w\-./?=&%~+]*$/.test(value)) return '/';
	if (value.startsWith('//') || /%(0[0-9a-f]|1[0-9a-f]|2f|5c)/i.test(value)) return '/';
	const base = 'https://kollegium.invalid';
	const url = new URL(value, base);
	return url.origin === base ? `${url.pathname}${url.search}` : '/';
}
