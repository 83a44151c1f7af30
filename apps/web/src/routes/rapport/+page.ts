import { REPORT_YEARS, ReportYear, swedishDay } from '@kollegium/model';
import { redirect } from '@sveltejs/kit';
import { api, ApiFailure } from '$lib/api.ts';
import { session } from '$lib/clinic.svelte.ts';
import type { PageLoad } from './$types';

/** The clinic's yearly report for `?ar=2026`; the current year when none (or none valid) is asked. */
export const load: PageLoad = async ({ url }) => {
	const thisYear = Number(swedishDay(new Date()).slice(0, 4));
	const asked = url.searchParams.get('ar');
	const parsed = ReportYear.safeParse(asked ?? thisYear);
	const year = parsed.success ? parsed.data : thisYear;
	const years = { thisYear, min: REPORT_YEARS.min, max: REPORT_YEARS.max };
	try {
		const me = session.me ?? (await session.load());
		if (!me) redirect(307, '/logga-in');
		const clinic = session.clinic;
		if (!clinic) return { clinicId: null, year, years, badYear: !parsed.success, report: null };
		const report = await api('GET /clinics/:clinicId/report/:year', {
			params: { clinicId: clinic.clinicId, year: String(year) }
		});
		return { clinicId: clinic.clinicId, year, years, badYear: !parsed.success, report };
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) redirect(307, '/logga-in');
		throw error;
	}
};
