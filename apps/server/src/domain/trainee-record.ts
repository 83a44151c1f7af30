import {
	byAttention,
	KollegiumStatus,
	Regulation,
	swedishDay,
	traineeRecord,
	traineeSummary,
	type TraineeFacts,
	type TraineeRecord,
	type TraineeSummary
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { fail } from '../http/errors.ts';
import { areaTrends } from './trends.ts';

/** The clinic's register trainees, what needs attention first. */
export async function traineeSummaries(
	db: Db,
	options: { clinicId: string; now: Date }
): Promise<TraineeSummary[]> {
	const today = swedishDay(options.now);
	const facts = await traineeFacts(db, { clinicId: options.clinicId });
	return facts.map((entry) => traineeSummary({ facts: entry, today })).sort(byAttention);
}

/** One register trainee's page; anyone not a trainee in the clinic's register is not found. */
export async function traineeRecordOf(
	db: Db,
	options: { clinicId: string; personId: string; now: Date }
): Promise<TraineeRecord> {
	const { clinicId, personId } = options;
	const [facts] = await traineeFacts(db, { clinicId, personId });
	if (!facts) fail(404, 'personNotFound');
	const trends = await areaTrends(db, { clinicId, personId });
	return traineeRecord({ facts, today: swedishDay(options.now), trends });
}

/**
 * The facts about the clinic's register trainees (or one of them): their specialistkollegier in
 * the clinic, the final plan versions and handovers. Four queries, whatever the number.
 */
async function traineeFacts(
	db: Db,
	options: { clinicId: string; personId?: string }
): Promise<TraineeFacts[]> {
	const people = await db
		.selectFrom('people')
		.leftJoin('people as supervisor', 'supervisor.id', 'people.supervisorId')
		.select([
			'people.id',
			'people.name',
			'people.specialty',
			'people.regulation',
			'people.stStart',
			'people.monthsOfLeave',
			'supervisor.name as supervisorName'
		])
		.where('people.clinicId', '=', options.clinicId)
		.where('people.kind', '=', 'trainee')
		.$if(options.personId !== undefined, (query) =>
			query.where('people.id', '=', options.personId ?? '')
		)
		.execute();
	if (people.length === 0) return [];
	const subjects = await registerSubjects(db, {
		clinicId: options.clinicId,
		personIds: people.map((person) => person.id)
	});
	const subjectIds = subjects.map((subject) => subject.subjectId);
	const [versions, handovers] =
		subjectIds.length === 0
			? [[], []]
			: await Promise.all([
					db
						.selectFrom('planVersions')
						.select(['subjectId', 'version', 'finalizedAt', 'plan'])
						.where('subjectId', 'in', subjectIds)
						.execute(),
					db
						.selectFrom('handovers')
						.select(['subjectId', 'givenOn', 'planVersion', 'sharedWithTrainee'])
						.where('subjectId', 'in', subjectIds)
						.execute()
				]);
	return people.map((person) => ({
		person: {
			id: person.id,
			name: person.name,
			specialty: person.specialty ?? '',
			regulation: Regulation.parse(person.regulation),
			stStart: person.stStart ?? '',
			monthsOfLeave: person.monthsOfLeave,
			supervisorName: person.supervisorName ?? null
		},
		kollegier: subjects
			.filter((subject) => subject.personId === person.id)
			.map((subject) => {
				const handover = handovers.find((entry) => entry.subjectId === subject.subjectId);
				return {
					kollegiumId: subject.kollegiumId,
					title: subject.title,
					startsAt: subject.startsAt,
					status: KollegiumStatus.parse(subject.status),
					plans: versions
						.filter((version) => version.subjectId === subject.subjectId)
						.map((version) => ({
							version: version.version,
							finalizedAt: version.finalizedAt,
							plan: JSON.parse(version.plan) as unknown
						})),
					handover: handover
						? {
								givenOn: handover.givenOn,
								planVersion: handover.planVersion,
								sharedWithTrainee: handover.sharedWithTrainee === 1
							}
						: null
				};
			})
	}));
}

/** The trainee subjects picked from the register into the clinic's specialistkollegier. */
async function registerSubjects(db: Db, options: { clinicId: string; personIds: string[] }) {
	return db
		.selectFrom('subjects')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.select([
			'subjects.id as subjectId',
			'subjects.personId',
			'kollegier.id as kollegiumId',
			'kollegier.title',
			'kollegier.startsAt',
			'kollegier.status'
		])
		.where('subjects.personId', 'in', options.personIds)
		.where('subjects.kind', '=', 'trainee')
		.where('kollegier.clinicId', '=', options.clinicId)
		.where('kollegier.kind', '=', 'specialistkollegium')
		.execute();
}
