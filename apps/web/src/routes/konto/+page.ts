import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		return { me: await api('GET /auth/me') };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		throw failure;
	}
};
