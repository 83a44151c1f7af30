import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const [templates, catalogues] = await Promise.all([
			api('GET /catalog/templates'),
			api('GET /catalog/goals')
		]);
		return { templates, catalogues };
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) redirect(307, '/logga-in');
		throw error;
	}
};
