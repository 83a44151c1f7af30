import type { DevelopmentPlan } from '@kollegium/model';
import { fullAnswers } from '../api/helpers.ts';
import { ApiClient, tokenOf } from './client.ts';
import { openDocument, pause, writeDevelopmentPlan } from './documents.ts';
import { kollegiumInput, ownClinicOf } from './fixtures.ts';
import { completePlan } from './plans.ts';
import type { TestServer } from './server.ts';

const day = 86_400_000;

export const SPECIALISTS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'] as const;

/** The first plan's goals: the second kollegium follows them up. */
export const FIRST_GOALS: DevelopmentPlan['goals'] = [
	{
		description: 'Leda ronden självständigt',
		goals: ['STa5'],
		activities: [{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' }],
		responsible: 'Karin Holmlund',
		dueDate: '2027-03-01',
		followUp: 'Vid nästa kollegium'
	},
	{
		description: 'Skriva tydliga remisser',
		goals: ['STb1', 'STa2'],
		activities: [
			{ kind: 'course', description: 'Remisskurs', instrument: null },
			{ kind: 'supervision', description: 'Genomgång med handledaren', instrument: null }
		],
		responsible: 'Peter Sjövik',
		dueDate: '2027-05-01',
		followUp: 'Handledarsamtal'
	}
];

/**
 * A clinic's register with three specialists and two trainees (Sara, whose handledare is
 * Karin, and Jonas), for kollegier that follow the trainees over time.
 */
export async function registerWithTrainees(eva: ApiClient) {
	const clinicId = await ownClinicOf(eva);
	const ids: Record<string, string> = {};
	const add = async (person: Record<string, unknown>) => {
		const response = await eva.post(`/clinics/${clinicId}/people`, person);
		if (response.status !== 201) throw new Error(`adding a person failed: ${response.text}`);
		ids[person.name as string] = response.json.id as string;
	};
	for (const name of SPECIALISTS)
		await add({ kind: 'specialist', name, email: '', title: 'Överläkare' });
	for (const name of ['Sara Lindholm', 'Jonas Bergstedt']) {
		await add({
			kind: 'trainee',
			name,
			email: '',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8',
			monthsOfLeave: 0,
			...(name === 'Sara Lindholm' ? { supervisorId: ids['Karin Holmlund'] } : {})
		});
	}
	return { clinicId, people: ids };
}

/**
 * A live specialistkollegium about trainees picked from the register, starting `startsIn` days
 * from the server's now: every specialist answered about every trainee with `rating`.
 */
export async function liveKollegiumOf(
	server: TestServer,
	eva: ApiClient,
	options: {
		clinicId: string;
		title: string;
		startsIn: number;
		personIds: string[];
		trainees: string[];
		rating: number;
	}
) {
	const now = server.clock.now().getTime();
	const created = await eva.post(
		`/kollegier?clinicId=${options.clinicId}`,
		kollegiumInput(server, {
			title: options.title,
			startsAt: new Date(now + options.startsIn * day).toISOString(),
			answerDeadline: new Date(now + (options.startsIn - 2) * day).toISOString()
		})
	);
	if (created.status !== 201) throw new Error(`creating failed: ${created.text}`);
	const id = created.json.id as string;
	const picked = await eva.post(`/kollegier/${id}/people`, {
		people: options.personIds.map((personId) => ({ personId }))
	});
	if (picked.status !== 201) throw new Error(`picking failed: ${picked.text}`);
	await eva.post(`/kollegier/${id}/status`, { status: 'open' });
	const links = (await eva.post(`/kollegier/${id}/invitations`)).json as {
		participantId: string;
		url: string;
	}[];
	const detail = (await eva.get(`/kollegier/${id}`)).json;
	const subjects: Record<string, string> = Object.fromEntries(
		detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
	);
	const people: Record<string, ApiClient> = {};
	for (const link of links) {
		const person = detail.participants.find((p: { id: string }) => p.id === link.participantId);
		people[person.name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
	}
	const form = (await people[SPECIALISTS[0]]!.get('/respond')).json.form;
	for (const name of SPECIALISTS) {
		for (const trainee of options.trainees) {
			const answers = fullAnswers(form, {
				about: 'trainee',
				role: 'assessor',
				rating: options.rating,
				text: `Kommentar från ${name}`
			});
			const response = await people[name]!.post(`/respond/responses/${subjects[trainee]}/submit`, {
				answers
			});
			if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
		}
	}
	await eva.post(`/kollegier/${id}/close-answering`);
	const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
	if (live.status !== 200) throw new Error(`going live failed: ${live.text}`);
	return { id, subjects, people };
}

/** Writes a plan into the shared document and marks it final once the server has it. */
export async function finalizePlan(
	server: TestServer,
	eva: ApiClient,
	ids: { kollegiumId: string; subjectId: string; plan: Parameters<typeof writeDevelopmentPlan>[2] }
) {
	const { doc, provider } = await openDocument(server, ids.kollegiumId, {
		cookie: eva.cookieHeader
	});
	try {
		writeDevelopmentPlan(doc, ids.subjectId, ids.plan);
		let last = '';
		for (let attempt = 0; attempt < 50; attempt += 1) {
			const response = await eva.post(
				`/kollegier/${ids.kollegiumId}/subjects/${ids.subjectId}/plan/final`
			);
			if (response.status === 201)
				return response.json as { version: number; plan: DevelopmentPlan };
			last = response.text;
			await pause(50);
		}
		throw new Error(`The plan was never accepted as final: ${last}`);
	} finally {
		provider.destroy();
	}
}

/**
 * Sara's first kollegium, held, her plan with FIRST_GOALS final and closed, then a second one about
 * Sara and Jonas, live: the second follows up Sara's first plan.
 */
export async function secondKollegium(server: TestServer, eva: ApiClient) {
	const register = await registerWithTrainees(eva);
	const { people } = register;
	const specialists = SPECIALISTS.map((name) => people[name]!);
	const first = await liveKollegiumOf(server, eva, {
		clinicId: register.clinicId,
		title: 'Specialistkollegium VT',
		startsIn: 10,
		personIds: [people['Sara Lindholm']!, ...specialists],
		trainees: ['Sara Lindholm'],
		rating: 2
	});
	const firstPlan = await finalizePlan(server, eva, {
		kollegiumId: first.id,
		subjectId: first.subjects['Sara Lindholm']!,
		plan: completePlan({ goals: FIRST_GOALS })
	});
	// The first meeting is over before the next: only then are its answers trends.
	const closed = await eva.post(`/kollegier/${first.id}/status`, { status: 'closed' });
	if (closed.status !== 200) throw new Error(`closing failed: ${closed.text}`);
	const second = await liveKollegiumOf(server, eva, {
		clinicId: register.clinicId,
		title: 'Specialistkollegium HT',
		startsIn: 40,
		personIds: [people['Sara Lindholm']!, people['Jonas Bergstedt']!, ...specialists],
		trainees: ['Sara Lindholm', 'Jonas Bergstedt'],
		rating: 4
	});
	return { register, first, firstPlan, second };
}
