import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const [clinic, accounts] = await Promise.all([
			api('GET /clinics/:clinicId', { params }),
			api('GET /accounts')
		]);
		return { forbidden: false as const, clinic, accounts };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 403)
			return { forbidden: true as const };
		if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 400))
			error(404, { message: 'Not found' });
		throw failure;
	}
};
