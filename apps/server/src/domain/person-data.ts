import {
	KollegiumKind,
	KollegiumStatus,
	type PersonDataExport,
	translate,
	type Locale
} from '@kollegium/model';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PeopleTable } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { toPerson } from './people.ts';

/**
 * #13 one person's data. Where a register person appears: as a participant (copied from the
 * register, `participants.person_id`, or added by hand with their e-mail address) and as a
 * subject (`subjects.person_id`, or the subject that is one of their participants), in the
 * kollegier of the register's clinic.
 */
export interface PersonRows {
	person: Selectable<PeopleTable>;
	participants: { id: string; kollegiumId: string; roles: string }[];
	subjects: { id: string; kollegiumId: string; kind: string; participantId: string | null }[];
	kollegier: { id: string; title: string; kind: string; startsAt: string; status: string }[];
}

/** The register entry and every row naming them; 404 for an id outside the clinic. */
export async function personRows(
	db: Db,
	options: { clinicId: string; personId: string }
): Promise<PersonRows> {
	const { clinicId, personId } = options;
	const person = await db
		.selectFrom('people')
		.selectAll()
		.where('id', '=', personId)
		.where('clinicId', '=', clinicId)
		.executeTakeFirst();
	if (!person) fail(404, 'personNotFound');
	const email = person.email.toLowerCase();
	const participants = await db
		.selectFrom('participants')
		.innerJoin('kollegier', 'kollegier.id', 'participants.kollegiumId')
		.select(['participants.id', 'participants.kollegiumId', 'participants.roles'])
		.where('kollegier.clinicId', '=', clinicId)
		.where((eb) =>
			eb.or([
				eb('participants.personId', '=', personId),
				...(email ? [eb(eb.fn<string>('lower', ['participants.email']), '=', email)] : [])
			])
		)
		.execute();
	const participantIds = participants.map((p) => p.id);
	const subjects = await db
		.selectFrom('subjects')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.select(['subjects.id', 'subjects.kollegiumId', 'subjects.kind', 'subjects.participantId'])
		.where('kollegier.clinicId', '=', clinicId)
		.where((eb) =>
			eb.or([
				eb('subjects.personId', '=', personId),
				...(participantIds.length ? [eb('subjects.participantId', 'in', participantIds)] : [])
			])
		)
		.execute();
	const ids = [...new Set([...participants, ...subjects].map((row) => row.kollegiumId))];
	const kollegier = ids.length
		? await db
				.selectFrom('kollegier')
				.select(['id', 'title', 'kind', 'startsAt', 'status'])
				.where('id', 'in', ids)
				.orderBy('startsAt')
				.orderBy('id')
				.execute()
		: [];
	return { person, participants, subjects, kollegier };
}

/**
 * Everything about one register person as JSON: the entry, each kollegium they took part in
 * with their roles and, where the forms were about them, their own self-assessment, the plan
 * versions and the handover. Never anyone else's answers: no assessor's answer, no comment.
 */
export async function exportPersonData(
	deps: Deps,
	options: { clinicId: string; personId: string }
): Promise<PersonDataExport> {
	const rows = await personRows(deps.db, options);
	const clinic = await deps.db
		.selectFrom('clinics')
		.select(['id', 'name'])
		.where('id', '=', options.clinicId)
		.executeTakeFirstOrThrow();
	const kollegier = [];
	for (const k of rows.kollegier) {
		const roles = rows.participants
			.filter((p) => p.kollegiumId === k.id)
			.flatMap((p) => JSON.parse(p.roles) as string[]);
		const subject = rows.subjects.find((s) => s.kollegiumId === k.id);
		if (subject) roles.push('subject');
		kollegier.push({
			kollegiumId: k.id,
			title: k.title,
			kind: KollegiumKind.parse(k.kind),
			startsAt: k.startsAt,
			status: KollegiumStatus.parse(k.status),
			roles: [...new Set(roles)],
			asSubject: subject ? await aboutThem(deps.db, subject.id) : null
		});
	}
	return {
		exportedAt: deps.now().toISOString(),
		clinic,
		person: toPerson(rows.person),
		kollegier
	};
}

/** What a kollegium holds about its subject that is theirs: their own answers, plans, handover. */
async function aboutThem(db: Db, subjectId: string) {
	const own = await db
		.selectFrom('responses')
		.selectAll()
		.where('subjectId', '=', subjectId)
		.where('role', '=', 'self')
		.executeTakeFirst();
	const versions = await db
		.selectFrom('planVersions')
		.select(['version', 'finalizedAt', 'plan'])
		.where('subjectId', '=', subjectId)
		.orderBy('version')
		.execute();
	const handover = await db
		.selectFrom('handovers')
		.select(['givenOn', 'planVersion', 'sharedWithTrainee'])
		.where('subjectId', '=', subjectId)
		.executeTakeFirst();
	const submitted = Boolean(own?.submittedAt);
	return {
		subjectId,
		selfAssessment: own
			? {
					submitted,
					declined: (submitted ? own.submittedDeclined : own.declined) === 1,
					answers: JSON.parse((submitted ? own.submittedAnswers : own.answers) ?? '{}') as Record<
						string,
						unknown
					>,
					submittedAt: own.submittedAt
				}
			: null,
		planVersions: versions.map((v) => ({
			version: v.version,
			finalizedAt: v.finalizedAt,
			plan: JSON.parse(v.plan) as unknown
		})),
		handover: handover
			? {
					givenOn: handover.givenOn,
					planVersion: handover.planVersion,
					sharedWithTrainee: handover.sharedWithTrainee === 1
				}
			: null
	};
}

/** The download's name: "Uppgifter om Sara Lindholm 2026-12-01.json". */
export function personExportFileName(
	data: PersonDataExport,
	options: { locale: Locale; day: string }
): string {
	const name = translate(options.locale, 'privacy.exportFileName', {
		name: data.person.name,
		day: options.day
	});
	return `${name}.json`.replace(/[\\/:*?"<>|]/g, '-');
}
