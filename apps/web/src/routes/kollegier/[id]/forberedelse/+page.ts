import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const [detail, preparation] = await Promise.all([
			api('GET /kollegier/:id', { params }),
			api('GET /kollegier/:id/preparation', { params })
		]);
		return { detail, preparation };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 404)
			error(404, { message: 'Not found' });
		throw failure;
	}
};
