import {
	KollegiumInput,
	assignmentsFor,
	itemsOf,
	sectionsFor,
	type Answers,
	type IssuedInvitation,
	type Template
} from '@kollegium/model';
import type { SignedInUser } from '../auth/identity.ts';
import type { Deps } from '../http/env.ts';
import { issueInvitation } from './invitations.ts';
import { createKollegium, participantsOf, subjectsOf } from './kollegier.ts';
import { serializeAnswers } from './responses.ts';

// Invented people only: the example must never carry a real name.
const specialists = [
	{
		name: 'Karin Holmlund',
		email: 'karin.holmlund@example.org',
		roles: ['assessor', 'supervisor']
	},
	{ name: 'Peter Sjövik', email: 'peter.sjovik@example.org', roles: ['assessor', 'supervisor'] },
	{ name: 'Amira Nordqvist', email: '', roles: ['assessor'] },
	{ name: 'Lars Ekbacken', email: '', roles: ['assessor'] }
];
const trainees = [
	{ name: 'Sara Lindholm', specialty: 'Internmedicin', monthsAgo: 14, supervisor: 0 },
	{ name: 'Jonas Bergstedt', specialty: 'Internmedicin', monthsAgo: 40, supervisor: 1 }
];
const titles = ['Överläkare', 'Specialistläkare', 'Specialistläkare', 'Överläkare'];
/** The example lives in a clinic of its own, so invented people never mix with real ones. */
export const EXAMPLE_CLINIC_NAME = 'Exempelkliniken (påhittad)';

export interface ExampleKollegium {
	kollegiumId: string;
	invitations: (IssuedInvitation & { name: string })[];
}

/**
 * An example clinic with invented people in its register, and a ready specialistkollegium
 * with them, open for answers, two specialists' answers already in: a newcomer sees progress
 * at once and can answer as the others.
 */
export async function createExampleKollegium(
	deps: Deps,
	options: { user: SignedInUser; origin: string }
): Promise<ExampleKollegium> {
	const now = deps.now();
	const day = 86_400_000;
	const clinicId = crypto.randomUUID();
	const specialistPeople = specialists.map(() => crypto.randomUUID());
	const stStartOf = (monthsAgo: number) =>
		new Date(now.getTime() - monthsAgo * 30.44 * day).toISOString().slice(0, 10);
	await deps.db.transaction().execute(async (trx) => {
		const at = now.toISOString();
		await trx
			.insertInto('clinics')
			.values({
				id: clinicId,
				name: EXAMPLE_CLINIC_NAME,
				specialties: JSON.stringify(['Internmedicin']),
				createdAt: at
			})
			.execute();
		await trx
			.insertInto('clinicMembers')
			.values({ clinicId, userId: options.user.id, role: 'studierektor', createdAt: at })
			.execute();
		const person = { clinicId, specialty: null, stStart: null, regulation: null };
		await trx
			.insertInto('people')
			.values([
				...specialists.map((s, i) => ({
					...person,
					id: specialistPeople[i] ?? '',
					kind: 'specialist',
					name: s.name,
					email: s.email,
					title: titles[i] ?? '',
					monthsOfLeave: 0,
					supervisorId: null,
					createdAt: at,
					updatedAt: at
				})),
				...trainees.map((t) => ({
					...person,
					id: crypto.randomUUID(),
					kind: 'trainee',
					name: t.name,
					email: '',
					title: '',
					specialty: t.specialty,
					stStart: stStartOf(t.monthsAgo),
					regulation: 'HSLF-FS 2021:8',
					monthsOfLeave: 0,
					supervisorId: specialistPeople[t.supervisor] ?? null,
					createdAt: at,
					updatedAt: at
				}))
			])
			.execute();
	});
	const startsAt = new Date(Math.ceil((now.getTime() + 14 * day) / day) * day + 12 * 3_600_000);
	const input = KollegiumInput.parse({
		kind: 'specialistkollegium',
		title: 'Exempel: Specialistkollegium, medicinkliniken',
		templateId: 'specialistkollegium-allman',
		startsAt: startsAt.toISOString(),
		answerDeadline: new Date(startsAt.getTime() - 3 * day).toISOString(),
		location: 'Konferensrum Ekorren, plan 3',
		focusGoals: ['STa5', 'STb1']
	});
	const kollegiumId = await createKollegium(deps, {
		clinicId,
		createdBy: options.user.id,
		input,
		locale: 'sv'
	});
	const ids = specialists.map(() => crypto.randomUUID());
	await deps.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('participants')
			.values(
				specialists.map((s, i) => ({
					id: ids[i] ?? '',
					kollegiumId,
					name: s.name,
					email: s.email,
					roles: JSON.stringify(s.roles),
					position: i,
					createdAt: now.toISOString(),
					personId: specialistPeople[i] ?? null
				}))
			)
			.execute();
		for (const [i, t] of trainees.entries()) {
			const participantId = crypto.randomUUID();
			await trx
				.insertInto('participants')
				.values({
					id: participantId,
					kollegiumId,
					name: t.name,
					email: '',
					roles: '["trainee"]',
					position: specialists.length + i,
					createdAt: now.toISOString()
				})
				.execute();
			const stStart = stStartOf(t.monthsAgo);
			await trx
				.insertInto('subjects')
				.values({
					id: crypto.randomUUID(),
					kollegiumId,
					kind: 'trainee',
					name: t.name,
					participantId,
					specialty: t.specialty,
					stStart,
					monthsOfLeave: 0,
					regulation: 'HSLF-FS 2021:8',
					supervisorId: ids[t.supervisor] ?? null,
					position: i
				})
				.execute();
		}
		await trx
			.updateTable('kollegier')
			.set({ status: 'open' })
			.where('id', '=', kollegiumId)
			.execute();
	});
	await answerAsFirstSpecialists(deps, kollegiumId, 2);
	const participants = await participantsOf(deps.db, kollegiumId);
	const invitations = [];
	for (const participant of participants) {
		const issued = await issueInvitation(deps, {
			kollegiumId,
			participantId: participant.id,
			startsAt: input.startsAt,
			origin: options.origin
		});
		invitations.push({ ...issued, name: participant.name });
	}
	return { kollegiumId, invitations };
}

async function answerAsFirstSpecialists(
	deps: Deps,
	kollegiumId: string,
	count: number
): Promise<void> {
	const row = await deps.db
		.selectFrom('kollegier')
		.select('form')
		.where('id', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	const form = JSON.parse(row.form) as Template;
	const [participants, subjects] = await Promise.all([
		participantsOf(deps.db, kollegiumId),
		subjectsOf(deps.db, kollegiumId)
	]);
	const now = deps.now().toISOString();
	for (const [p, participant] of participants.slice(0, count).entries()) {
		for (const assignment of assignmentsFor({
			kind: 'specialistkollegium',
			participant,
			subjects
		})) {
			const answers = serializeAnswers(exampleAnswers(form, p));
			await deps.db
				.insertInto('responses')
				.values({
					id: crypto.randomUUID(),
					kollegiumId,
					subjectId: assignment.subjectId,
					participantId: participant.id,
					role: assignment.role,
					declined: 0,
					answers,
					submittedDeclined: 0,
					submittedAnswers: answers,
					submittedAt: now,
					revision: 1,
					createdAt: now,
					updatedAt: now
				})
				.execute();
		}
	}
}

function exampleAnswers(form: Template, seed: number): Answers {
	const answers: Answers = {};
	for (const [i, item] of itemsOf(
		sectionsFor({ form, about: 'trainee', role: 'assessor' })
	).entries()) {
		if (item.type === 'rating') answers[item.id] = 3 + ((i + seed) % 2);
		if (item.type === 'choice')
			answers[item.id] = item.options[seed % item.options.length]?.value ?? '';
		if (item.type === 'text' && item.purpose === 'strengths')
			answers[item.id] = 'Lugn och strukturerad i akuta lägen, lyssnar på patienterna.';
		if (item.type === 'text' && item.purpose === 'development')
			answers[item.id] = 'Kan ta mer plats vid ronden och delegera tydligare.';
	}
	return answers;
}
