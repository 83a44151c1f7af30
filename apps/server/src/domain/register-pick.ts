import {
	fieldIssue,
	type Locale,
	type ParticipantRole,
	type Person,
	type RegisterPick
} from '@kollegium/model';
import type { Transaction } from 'kysely';
import type { Database, KollegiumRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';
import { insertParticipant } from './participants.ts';
import { toPerson } from './people.ts';
import { insertTrainee, markSupervisor } from './subjects.ts';

type Trx = Transaction<Database>;

/** Who of the register is in a kollegium already, and the participant each one is. */
interface Present {
	/** Register person → participant. */
	byPerson: Map<string, string>;
	/** E-mail (lower case) → participant and the register person it is linked to, if any. */
	byEmail: Map<string, { id: string; personId: string | null }>;
	/** Participants who are assessed here (a trainee subject's participant). */
	assessed: Set<string>;
}

/**
 * Adds people picked from the clinic's register to a kollegium, in one transaction. Specialists
 * and observers become participants with the picked roles (by default assessor or observer). A
 * trainee becomes, in a specialistkollegium, a subject with their participant, whose handledare
 * is the participant taken from the trainee's register handledare if that specialist is in the
 * kollegium; in an ST-läkarkollegium, a participant with the role trainee. Someone already in
 * the kollegium (by register entry or e-mail) is not added again. The kollegium keeps copies
 * (the language of their e-mail too): later changes to the register do not reach it.
 */
export async function pickFromRegister(
	deps: Deps,
	options: { row: KollegiumRow; pick: RegisterPick; locale: Locale }
): Promise<void> {
	const { row } = options;
	const now = deps.now().toISOString();
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'kollegier', row.id);
		const picked = await pickedPeople(trx, { ...options, clinicId: row.clinicId });
		const present = await presentIn(trx, row.id);
		await linkByEmail(trx, present, picked);
		const fresh = picked.filter(({ person }) => !isPresent(present, person));
		const asSubject = ({ person }: Pick) =>
			row.kind === 'specialistkollegium' && person.kind === 'trainee';
		// Participants first, so a trainee's handledare picked further down is there for them.
		const joined = new Set<string>();
		for (const { person, roles } of fresh.filter((entry) => !asSubject(entry))) {
			const participantId = await insertParticipant(trx, {
				kollegiumId: row.id,
				input: { name: person.name, email: person.email, roles, language: person.language },
				personId: person.id,
				now
			});
			present.byPerson.set(person.id, participantId);
			joined.add(person.id);
		}
		for (const { person } of fresh.filter(asSubject)) {
			if (person.kind !== 'trainee') continue;
			const input = { ...person, supervisorId: supervisorFor(present, person.supervisorId) };
			await insertTrainee(trx, { kollegiumId: row.id, input, personId: person.id, now });
		}
		await superviseEarlierTrainees(trx, { kollegiumId: row.id, present, joined });
	});
}

function isPresent(present: Present, person: Person): boolean {
	return (
		present.byPerson.has(person.id) ||
		(person.email !== '' && present.byEmail.has(person.email.toLowerCase()))
	);
}

/** The participant who may be a trainee's huvudhandledare, taken from their register handledare. */
function supervisorFor(present: Present, personId: string): string {
	const participantId = personId ? present.byPerson.get(personId) : undefined;
	return participantId && !present.assessed.has(participantId) ? participantId : '';
}

/** The register people in a kollegium, by entry and by e-mail. */
async function presentIn(trx: Trx, kollegiumId: string): Promise<Present> {
	const participants = await trx
		.selectFrom('participants')
		.select(['id', 'email', 'personId'])
		.where('kollegiumId', '=', kollegiumId)
		.execute();
	const subjects = await trx
		.selectFrom('subjects')
		.select('participantId')
		.where('kollegiumId', '=', kollegiumId)
		.execute();
	const present: Present = {
		byPerson: new Map(),
		byEmail: new Map(),
		assessed: new Set(subjects.flatMap((s) => (s.participantId ? [s.participantId] : [])))
	};
	for (const { id, email, personId } of participants) {
		if (personId && !present.byPerson.has(personId)) present.byPerson.set(personId, id);
		if (email) present.byEmail.set(email.toLowerCase(), { id, personId });
	}
	return present;
}

/**
 * Someone added by hand before the register knew them is the picked person with their e-mail:
 * linked to the entry, so a trainee picked later finds them as handledare.
 */
async function linkByEmail(trx: Trx, present: Present, picked: readonly Pick[]): Promise<void> {
	for (const { person } of picked) {
		const same = person.email ? present.byEmail.get(person.email.toLowerCase()) : undefined;
		if (!same || same.personId !== null || present.byPerson.has(person.id)) continue;
		await trx
			.updateTable('participants')
			.set({ personId: person.id })
			.where('id', '=', same.id)
			.where('personId', 'is', null)
			.execute();
		same.personId = person.id;
		present.byPerson.set(person.id, same.id);
	}
}

/**
 * A trainee picked earlier, still without huvudhandledare, gets the one picked now when that
 * is their register handledare. One whose handledare the studierektor chose is left alone.
 */
async function superviseEarlierTrainees(
	trx: Trx,
	options: { kollegiumId: string; present: Present; joined: ReadonlySet<string> }
): Promise<void> {
	const { kollegiumId, present, joined } = options;
	if (joined.size === 0) return;
	const waiting = await trx
		.selectFrom('subjects')
		.innerJoin('people', 'people.id', 'subjects.personId')
		.select(['subjects.id', 'people.supervisorId'])
		.where('subjects.kollegiumId', '=', kollegiumId)
		.where('subjects.kind', '=', 'trainee')
		.where('subjects.supervisorId', 'is', null)
		.where('people.supervisorId', 'in', [...joined])
		.execute();
	for (const subject of waiting) {
		const supervisorId = supervisorFor(present, subject.supervisorId ?? '');
		if (!supervisorId) continue;
		await trx
			.updateTable('subjects')
			.set({ supervisorId })
			.where('id', '=', subject.id)
			.where('supervisorId', 'is', null)
			.execute();
		await markSupervisor(trx, supervisorId);
	}
}

interface Pick {
	person: Person;
	roles: ParticipantRole[];
}

/** A pick's people in the order picked, each once, with their roles; 400 for one not in the register. */
async function pickedPeople(
	trx: Trx,
	options: { clinicId: string; pick: RegisterPick; locale: Locale }
): Promise<Pick[]> {
	const { clinicId, pick, locale } = options;
	const ids = [...new Set(pick.people.map((entry) => entry.personId))];
	const rows = await trx
		.selectFrom('people')
		.selectAll()
		.where('clinicId', '=', clinicId)
		.where('id', 'in', ids)
		.execute();
	const people = new Map(rows.map((row) => [row.id, toPerson(row)]));
	const unknown = pick.people.flatMap((entry, index) =>
		people.has(entry.personId)
			? []
			: [
					fieldIssue({
						path: `people.${index}.personId`,
						code: 'invalid_value',
						message: 'invalid',
						locale
					})
				]
	);
	if (unknown.length > 0) fail(400, 'validation', unknown);
	const seen = new Set<string>();
	return pick.people.flatMap(({ personId, roles }) => {
		const person = people.get(personId);
		if (!person || seen.has(personId)) return [];
		seen.add(personId);
		return [{ person, roles: rolesOf(person, roles) }];
	});
}

/** A trainee is always a trainee; the others take the picked roles, or their kind's usual one. */
function rolesOf(person: Person, picked: readonly ParticipantRole[]): ParticipantRole[] {
	if (person.kind === 'trainee') return ['trainee'];
	if (picked.length > 0) return [...new Set(picked)];
	return person.kind === 'specialist' ? ['assessor'] : ['observer'];
}
