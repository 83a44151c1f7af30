import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** What the link is for. The token goes to the API in the body, never in a URL it logs. */
export const load: PageLoad = async ({ params }) => {
	try {
		return { info: await api('POST /auth/account-link', { body: { token: params.token } }) };
	} catch (failure) {
		// Unknown, used, withdrawn and expired links are one answer; a malformed one is the same.
		if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 400))
			return { info: null };
		throw failure;
	}
};
