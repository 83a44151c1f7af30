import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const [detail, progress, templates, catalogues] = await Promise.all([
			api('GET /kollegier/:id', { params }),
			api('GET /kollegier/:id/progress', { params }),
			api('GET /catalog/templates'),
			api('GET /catalog/goals')
		]);
		// After the meeting the page follows the handover of each trainee's feedback.
		const handover = ['live', 'closed', 'delivered'].includes(detail.status)
			? await api('GET /kollegier/:id/handover', { params })
			: null;
		return { detail, progress, templates, catalogues, handover };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 404)
			error(404, { message: 'Not found' });
		throw failure;
	}
};
