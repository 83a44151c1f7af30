import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** Administrators only: anyone else is told so on the page instead of seeing it. */
export const load: PageLoad = async () => {
	try {
		const [accounts, invitations, clinics, methods] = await Promise.all([
			api('GET /accounts'),
			api('GET /accounts/invitations'),
			api('GET /clinics'),
			api('GET /auth/methods')
		]);
		// The claim the identity provider recognises accounts by, if one is configured.
		const claim = methods.oidc?.matchClaim ?? methods.saml?.matchAttribute ?? null;
		return { forbidden: false as const, accounts, invitations, clinics, claim };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 403)
			return { forbidden: true as const };
		throw failure;
	}
};
