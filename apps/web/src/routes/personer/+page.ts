import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const clinic = session.clinic;
		// The register is for those who prepare kollegier; a läsare gets a sentence, not a 403.
		if (!clinic || !session.runs) return { clinicId: clinic?.clinicId ?? null, people: null };
		const people = await api('GET /clinics/:clinicId/people', {
			params: { clinicId: clinic.clinicId }
		});
		return { clinicId: clinic.clinicId, people };
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) redirect(307, '/logga-in');
		throw error;
	}
};
