import { error, redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const detail = await api('GET /kollegier/:id', { params });
		// A läsare reads the kollegium, its plans and handover; answering and preparing are not theirs.
		const runs = me.clinics.some(
			(clinic) => clinic.clinicId === detail.clinic.id && clinic.role === 'studierektor'
		);
		const [progress, mail, templates, catalogues] = await Promise.all([
			runs ? api('GET /kollegier/:id/progress', { params }) : null,
			runs ? api('GET /kollegier/:id/outbox', { params }) : null,
			api('GET /catalog/templates'),
			api('GET /catalog/goals')
		]);
		// After the meeting the page follows the handover of each trainee's feedback.
		const handover = ['live', 'closed', 'delivered'].includes(detail.status)
			? await api('GET /kollegier/:id/handover', { params })
			: null;
		return { detail, runs, progress, mail, templates, catalogues, handover };
	} catch (failure) {
		if (failure instanceof ApiFailure && failure.status === 401) redirect(307, '/logga-in');
		if (failure instanceof ApiFailure && failure.status === 404)
			error(404, { message: 'Not found' });
		throw failure;
	}
};
