import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const [detail, catalogues, me, handover] = await Promise.all([
			api('GET /kollegier/:id', { params }),
			api('GET /catalog/goals'),
			api('GET /auth/me'),
			api('GET /kollegier/:id/handover', { params })
		]);
		return { detail, catalogues, me, handover };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 404)
			error(404, { message: 'Not found' });
		throw failure;
	}
};
