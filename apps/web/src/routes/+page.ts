import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const clinicId = session.clinic?.clinicId ?? null;
		const kollegier = clinicId ? await api('GET /kollegier', { query: { clinicId } }) : [];
		// The clock the groups are read at: an open kollegium past its deadline is ready to run.
		return { clinicId, kollegier, now: Date.now() };
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) redirect(307, '/logga-in');
		throw error;
	}
};
