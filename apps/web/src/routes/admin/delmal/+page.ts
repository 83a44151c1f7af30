import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** Administrators only: every account reads the lists, but only an administrator keeps them. */
export const load: PageLoad = async () => {
	try {
		const [me, lists, clinics] = await Promise.all([
			api('GET /auth/me'),
			api('GET /catalog/specialty-goals'),
			api('GET /clinics')
		]);
		if (!me.admin) return { forbidden: true as const };
		const specialties = [...new Set(clinics.flatMap((clinic) => clinic.specialties))].sort((a, b) =>
			a.localeCompare(b, 'sv')
		);
		return { forbidden: false as const, lists, specialties };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		throw failure;
	}
};
