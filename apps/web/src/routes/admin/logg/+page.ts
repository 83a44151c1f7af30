import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** Administrators only: the newest entries of the audit log. */
export const load: PageLoad = async () => {
	try {
		return {
			forbidden: false as const,
			entries: await api('GET /audit', { query: { limit: 200 } })
		};
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 403)
			return { forbidden: true as const };
		throw failure;
	}
};
