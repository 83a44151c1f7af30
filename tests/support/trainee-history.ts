import type { DevelopmentPlan } from '@kollegium/model';
import { expect } from 'vitest';
import { fullAnswers } from '../api/helpers.ts';
import { signIn } from './accounts.ts';
import { ApiClient, tokenOf } from './client.ts';
import { openDocument, pause, writeDevelopmentPlan } from './documents.ts';
import { kollegiumInput, PASSWORD } from './fixtures.ts';
import type { TestServer } from './server.ts';

/**
 * A register trainee's history of held specialistkollegier, made through the API as a
 * studierektor would: picked from the register, answered, held, plans marked final, handed over.
 * Each kollegium moves the test's clock past its day, which ends sessions: whoever signs in
 * after it signs in afresh.
 */

const day = 86_400_000;
export const ASSESSORS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'] as const;
export type Assessor = (typeof ASSESSORS)[number];
export const SELF_TEXT = 'Min egen bedömning av mig själv';
export const ASSESSOR_TEXT = (name: string) => `Fritext skriven av ${name}`;

export type Form = Parameters<typeof fullAnswers>[0];
type FormAnswers = Record<string, string | number>;

/** Every item answered by an assessor, `rating` on each scale, their own free text. */
export const ratedAll = (form: Form, rating: number, name: string): FormAnswers =>
	fullAnswers(form, { about: 'trainee', role: 'assessor', rating, text: ASSESSOR_TEXT(name) });

/** Every rating item of an area answered "kan ej bedöma". */
export function cannotAssess(form: Form, sectionId: string, answers: FormAnswers): FormAnswers {
	const sections = form.sections as (Form['sections'][number] & { id: string })[];
	const section = sections.find((s) => s.id === sectionId);
	for (const item of section?.items ?? []) {
		if (item.type === 'rating') answers[item.id] = 'cannot-assess';
	}
	return answers;
}

/** A studierektor's client, signed in afresh (the clock may have passed the last session). */
export async function signedIn(
	server: TestServer,
	email = 'eva@example.org',
	password = PASSWORD
): Promise<ApiClient> {
	const { client, response } = await signIn(server, email, password);
	expect(response.status, response.text).toBe(200);
	return client;
}

/** Writes the plan into the shared document and marks it final once the server has it. */
async function finalize(
	server: TestServer,
	eva: ApiClient,
	ids: { kollegiumId: string; subjectId: string; plan: DevelopmentPlan }
) {
	const { doc, provider } = await openDocument(server, ids.kollegiumId, {
		cookie: eva.cookieHeader
	});
	try {
		writeDevelopmentPlan(doc, ids.subjectId, ids.plan);
		let last = '';
		for (let attempt = 0; attempt < 50; attempt += 1) {
			const path = `/kollegier/${ids.kollegiumId}/subjects/${ids.subjectId}/plan/final`;
			const response = await eva.post(path);
			if (response.status === 201) return;
			last = response.text;
			await pause(50);
		}
		throw new Error(`The plan was never accepted as final: ${last}`);
	} finally {
		provider.destroy();
	}
}

/** The kollegium's invitation links, each as its holder's client, by name. */
async function linksOf(server: TestServer, eva: ApiClient, id: string) {
	const links = (await eva.post(`/kollegier/${id}/invitations`)).json as {
		participantId: string;
		url: string;
	}[];
	const detail = (await eva.get(`/kollegier/${id}`)).json as {
		participants: { id: string; name: string }[];
	};
	return (name: string) => {
		const person = detail.participants.find((p) => p.name === name);
		const link = links.find((entry) => entry.participantId === person?.id);
		return new ApiClient(server.url, { invitation: tokenOf(link?.url ?? '') });
	};
}

/**
 * One specialistkollegium about a register trainee with three specialists: each answers as
 * `answers` says, the trainee assesses themself with the top step everywhere (which must
 * count nowhere), the meeting is held, each plan is marked final in turn, and the feedback is
 * handed over two days later.
 */
export async function holdKollegium(
	server: TestServer,
	options: {
		/** The studierektor's client; the one signed in afresh comes back. */
		facilitator: ApiClient;
		clinicId: string;
		personId: string;
		title: string;
		answers: (form: Form, assessor: Assessor) => FormAnswers;
		plans: DevelopmentPlan[];
	}
): Promise<{ id: string; subjectId: string; handedOverOn: string; facilitator: ApiClient }> {
	let eva = options.facilitator;
	const input = kollegiumInput(server, { title: options.title });
	const created = await eva.post(`/kollegier?clinicId=${options.clinicId}`, input);
	expect(created.status, created.text).toBe(201);
	const id = created.json.id as string;
	for (const name of ASSESSORS) {
		await eva.post(`/kollegier/${id}/participants`, { name, roles: ['assessor'] });
	}
	const picked = await eva.post(`/kollegier/${id}/people`, {
		people: [{ personId: options.personId }]
	});
	expect(picked.status, picked.text).toBe(201);
	const subjectId = picked.json.subjects[0].id as string;
	const trainee = picked.json.subjects[0].name as string;
	await eva.post(`/kollegier/${id}/status`, { status: 'open' });
	const linkOf = await linksOf(server, eva, id);
	const form = (await linkOf(ASSESSORS[0]).get('/respond')).json.form as Form;
	for (const name of ASSESSORS) {
		const answers = options.answers(form, name);
		const sent = await linkOf(name).post(`/respond/responses/${subjectId}/submit`, { answers });
		expect(sent.status, sent.text).toBe(200);
	}
	const self = fullAnswers(form, { about: 'trainee', role: 'self', rating: 5, text: SELF_TEXT });
	const own = await linkOf(trainee).post(`/respond/responses/${subjectId}/submit`, {
		answers: self
	});
	expect(own.status, own.text).toBe(200);

	server.clock.set(new Date(Date.parse(input.startsAt) + 60 * 60 * 1000));
	eva = await signedIn(server);
	await eva.post(`/kollegier/${id}/close-answering`);
	const live = await eva.post(`/kollegier/${id}/status`, { status: 'live' });
	expect(live.status, live.text).toBe(200);
	for (const plan of options.plans)
		await finalize(server, eva, { kollegiumId: id, subjectId, plan });
	const closed = await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
	expect(closed.status, closed.text).toBe(200);

	server.clock.advance(2 * day);
	eva = await signedIn(server);
	const handedOverOn = new Date(server.clock.now()).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Stockholm'
	});
	const given = await eva.post(`/kollegier/${id}/subjects/${subjectId}/handover`, {
		givenOn: handedOverOn,
		sharedWithTrainee: true
	});
	expect(given.status, given.text).toBe(200);
	return { id, subjectId, handedOverOn, facilitator: eva };
}
