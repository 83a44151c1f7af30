import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const clinic = session.clinic;
		if (!clinic) return { clinicId: null, trainees: [] };
		const trainees = await api('GET /clinics/:clinicId/trainees', {
			params: { clinicId: clinic.clinicId }
		});
		return { clinicId: clinic.clinicId, trainees };
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) redirect(307, '/logga-in');
		throw error;
	}
};
