import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const clinic = session.clinic;
		if (!clinic) error(404, { message: 'Not found' });
		const record = await api('GET /clinics/:clinicId/trainees/:personId', {
			params: { clinicId: clinic.clinicId, personId: params.personId }
		});
		return { clinicId: clinic.clinicId, record };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 404)
			error(404, { message: 'Not found' });
		throw failure;
	}
};
