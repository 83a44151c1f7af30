import {
	fieldIssue,
	Person,
	PersonKind,
	type FieldIssue,
	type Locale,
	type PersonInput
} from '@kollegium/model';
import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, PeopleTable } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';

type Trx = Transaction<Database>;

// Names as a Swedish list sorts them: Å, Ä and Ö after Z, case and accents aside.
const byName = new Intl.Collator('sv', { sensitivity: 'base' });

/** A register row as the API shows it. */
export function toPerson(row: Selectable<PeopleTable>): Person {
	const stored = {
		id: row.id,
		name: row.name,
		email: row.email,
		language: row.language,
		updatedAt: row.updatedAt
	};
	if (row.kind !== 'trainee') return Person.parse({ ...stored, kind: row.kind, title: row.title });
	return Person.parse({
		...stored,
		kind: 'trainee',
		specialty: row.specialty,
		stStart: row.stStart,
		regulation: row.regulation,
		monthsOfLeave: row.monthsOfLeave,
		supervisorId: row.supervisorId ?? ''
	});
}

/** A clinic's register: specialists, then trainees, then observers, each by name. */
export async function peopleOf(db: Db, clinicId: string): Promise<Person[]> {
	const rows = await db.selectFrom('people').selectAll().where('clinicId', '=', clinicId).execute();
	const order = (kind: string) => PersonKind.options.indexOf(kind as PersonKind);
	return rows
		.sort(
			(a, b) =>
				order(a.kind) - order(b.kind) || byName.compare(a.name, b.name) || a.id.localeCompare(b.id)
		)
		.map(toPerson);
}

/** A register entry to write, whose language may be left out: it is then Swedish. */
export type PersonFields = PersonInput extends infer P
	? P extends PersonInput
		? Omit<P, 'language'> & { language?: Locale }
		: never
	: never;

/** The stored columns of a person; a kind's own fields are cleared when the kind changes. */
export function personColumns(input: PersonFields) {
	const common = {
		kind: input.kind,
		name: input.name,
		email: input.email,
		language: input.language ?? 'sv'
	};
	if (input.kind !== 'trainee') {
		return {
			...common,
			title: input.title,
			specialty: null,
			stStart: null,
			regulation: null,
			monthsOfLeave: 0,
			supervisorId: null
		};
	}
	return {
		...common,
		title: '',
		specialty: input.specialty,
		stStart: input.stStart,
		regulation: input.regulation,
		monthsOfLeave: input.monthsOfLeave,
		supervisorId: input.supervisorId || null
	};
}

/** Adds someone to a clinic's register. */
export async function createPerson(
	deps: Deps,
	options: { clinicId: string; input: PersonInput; locale: Locale }
): Promise<Person> {
	const { clinicId, input } = options;
	const id = crypto.randomUUID();
	const now = deps.now().toISOString();
	await deps.db.transaction().execute(async (trx) => {
		// The clinic's row orders writers of its register, so two at once cannot share an e-mail.
		await lockRow(trx, 'clinics', clinicId);
		await checkPerson(trx, { ...options, personId: null });
		await trx
			.insertInto('people')
			.values({ id, clinicId, ...personColumns(input), createdAt: now, updatedAt: now })
			.execute();
	});
	return personOf(deps.db, { clinicId, personId: id });
}

/** Changes someone in the register. The kollegier they were copied into keep their copy. */
export async function updatePerson(
	deps: Deps,
	options: { clinicId: string; personId: string; input: PersonInput; locale: Locale }
): Promise<Person> {
	const { clinicId, personId, input } = options;
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'clinics', clinicId);
		await personOf(trx, { clinicId, personId });
		await checkPerson(trx, options);
		await trx
			.updateTable('people')
			.set({ ...personColumns(input), updatedAt: deps.now().toISOString() })
			.where('id', '=', personId)
			.where('clinicId', '=', clinicId)
			.execute();
	});
	return personOf(deps.db, { clinicId, personId });
}

/**
 * Takes someone out of the register: the trainees they supervised keep no handledare, and the
 * kollegier they were copied into keep their copy, no longer linked to an entry.
 */
export async function deletePerson(
	deps: Deps,
	options: { clinicId: string; personId: string }
): Promise<void> {
	const { clinicId, personId } = options;
	await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'clinics', clinicId);
		await personOf(trx, options);
		await trx
			.updateTable('people')
			.set({ supervisorId: null })
			.where('supervisorId', '=', personId)
			.execute();
		await trx
			.updateTable('participants')
			.set({ personId: null })
			.where('personId', '=', personId)
			.execute();
		await trx
			.updateTable('subjects')
			.set({ personId: null })
			.where('personId', '=', personId)
			.execute();
		await trx.deleteFrom('people').where('id', '=', personId).execute();
	});
}

/** A person of this clinic's register, or 404: an id from another clinic is as good as absent. */
async function personOf(db: Db, options: { clinicId: string; personId: string }): Promise<Person> {
	const row = await db
		.selectFrom('people')
		.selectAll()
		.where('id', '=', options.personId)
		.where('clinicId', '=', options.clinicId)
		.executeTakeFirst();
	return row ? toPerson(row) : fail(404, 'personNotFound');
}

/**
 * The rules of one register entry: its e-mail is nobody else's in the clinic, a trainee's
 * handledare is a specialist of the same register, and a specialist who supervises someone
 * stays a specialist until that trainee has another handledare.
 */
async function checkPerson(
	trx: Trx,
	options: { clinicId: string; personId: string | null; input: PersonInput; locale: Locale }
): Promise<void> {
	const { clinicId, personId, input, locale } = options;
	const issues: FieldIssue[] = [];
	const clash = input.email && (await personWithEmail(trx, { clinicId, email: input.email }));
	if (clash && clash.id !== personId) {
		issues.push(fieldIssue({ path: 'email', message: 'peopleEmailTaken', locale }));
	}
	if (input.kind === 'trainee' && input.supervisorId) {
		const supervisor = await trx
			.selectFrom('people')
			.select('kind')
			.where('id', '=', input.supervisorId)
			.where('clinicId', '=', clinicId)
			.executeTakeFirst();
		if (supervisor?.kind !== 'specialist' || input.supervisorId === personId) {
			const message = 'peopleSupervisorNotSpecialist';
			issues.push(fieldIssue({ path: 'supervisorId', code: 'invalid_value', message, locale }));
		}
	}
	if (personId && input.kind !== 'specialist') {
		const supervised = await trx
			.selectFrom('people')
			.select('name')
			.where('supervisorId', '=', personId)
			.where('id', '!=', personId)
			.executeTakeFirst();
		if (supervised) {
			const params = { name: supervised.name };
			issues.push(fieldIssue({ path: 'kind', message: 'peopleStillSupervisor', locale, params }));
		}
	}
	if (issues.length > 0) fail(400, 'validation', issues);
}

/** The clinic's person with this e-mail address, any case (there is at most one). */
export async function personWithEmail(
	db: Db,
	options: { clinicId: string; email: string }
): Promise<Selectable<PeopleTable> | undefined> {
	return db
		.selectFrom('people')
		.selectAll()
		.where('clinicId', '=', options.clinicId)
		.where((eb) => eb(eb.fn<string>('lower', ['email']), '=', options.email.toLowerCase()))
		.executeTakeFirst();
}

/** Whom someone added to a kollegium by hand is in the register, and what to make if nobody. */
export interface RegisterCandidate {
	kind: PersonKind;
	name: string;
	email: string;
	/** The entry to create when there is none; null: only link to one that exists. */
	create: PersonFields | null;
}

/**
 * The register entry of someone added to a kollegium by hand: the clinic's person with their
 * e-mail, or, without e-mail, the one person of that exact name and kind. Created when there is
 * none, never changed when there is. Null when nobody matches and nothing is to be created, or
 * when several share the name. Call inside the transaction that adds them.
 */
export async function joinRegister(
	trx: Trx,
	options: { clinicId: string; candidate: RegisterCandidate; now: string }
): Promise<string | null> {
	const { clinicId, candidate, now } = options;
	await lockRow(trx, 'clinics', clinicId);
	if (candidate.email) {
		const found = await personWithEmail(trx, { clinicId, email: candidate.email });
		if (found) return found.id;
	} else {
		const namesakes = await trx
			.selectFrom('people')
			.select('id')
			.where('clinicId', '=', clinicId)
			.where('kind', '=', candidate.kind)
			.where('name', '=', candidate.name)
			.limit(2)
			.execute();
		if (namesakes.length > 1) return null;
		if (namesakes[0]) return namesakes[0].id;
	}
	if (!candidate.create) return null;
	const id = crypto.randomUUID();
	await trx
		.insertInto('people')
		.values({ id, clinicId, ...personColumns(candidate.create), createdAt: now, updatedAt: now })
		.execute();
	return id;
}
