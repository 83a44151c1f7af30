import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** An invitation link: the holder's forms, or why the link does not work. */
export const load: PageLoad = async ({ params, url }) => {
	// Reading the chosen form makes moving between the list and a form refetch, so the list
	// shows what was just saved or submitted.
	url.searchParams.get('formular');
	try {
		const view = await api('GET /respond', { invitation: params.token });
		return { view, failure: null };
	} catch (error) {
		// The server answers an unknown, a replaced and an expired link alike, on purpose.
		if (error instanceof ApiFailure && (error.status === 404 || error.status === 401)) {
			return { view: null, failure: 'invalid' as const };
		}
		throw error;
	}
};
