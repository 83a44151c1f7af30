import {
	DevelopmentPlan,
	MeetingState,
	followUpResult,
	type FollowUpResult,
	type PreviousPlan
} from '@kollegium/model';
import type { Db } from '../db/database.ts';

/** The kollegium a follow-up is for: which clinic, and when it starts. */
export interface FollowingKollegium {
	id: string;
	clinicId: string;
	startsAt: string;
}

/**
 * The register entries of a kollegium's trainees: a trainee added by hand has none and is not
 * followed over time.
 */
export async function traineePeopleOf(db: Db, kollegiumId: string): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('subjects')
		.select(['id', 'personId'])
		.where('kollegiumId', '=', kollegiumId)
		.where('kind', '=', 'trainee')
		.where('personId', 'is not', null)
		.execute();
	return new Map(rows.flatMap((row) => (row.personId ? [[row.id, row.personId]] : [])));
}

/**
 * Per trainee subject, "the last plan": the newest final version of the plan of that person's
 * latest earlier kollegium in the same clinic that has a final plan. Reads only plan versions,
 * subjects and kollegier, never an answer.
 */
export async function previousPlans(
	db: Db,
	options: { kollegium: FollowingKollegium; people: ReadonlyMap<string, string> }
): Promise<Map<string, PreviousPlan>> {
	const { kollegium, people } = options;
	const personIds = [...new Set(people.values())];
	if (personIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('planVersions')
		.innerJoin('subjects', 'subjects.id', 'planVersions.subjectId')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.select([
			'subjects.personId',
			'kollegier.id as kollegiumId',
			'kollegier.title',
			'kollegier.startsAt',
			'planVersions.version',
			'planVersions.plan'
		])
		.where('subjects.personId', 'in', personIds)
		.where('subjects.kind', '=', 'trainee')
		.where('kollegier.clinicId', '=', kollegium.clinicId)
		.where('kollegier.startsAt', '<', kollegium.startsAt)
		.where('kollegier.id', '!=', kollegium.id)
		.orderBy('kollegier.startsAt', 'desc')
		.orderBy('planVersions.version', 'desc')
		.execute();
	const byPerson = new Map<string, PreviousPlan>();
	for (const row of rows) {
		if (!row.personId || byPerson.has(row.personId)) continue;
		const plan = DevelopmentPlan.safeParse(JSON.parse(row.plan));
		if (!plan.success) continue;
		byPerson.set(row.personId, {
			kollegiumId: row.kollegiumId,
			title: row.title,
			startsAt: row.startsAt,
			version: row.version,
			goals: plan.data.goals
		});
	}
	const bySubject = new Map<string, PreviousPlan>();
	for (const [subjectId, personId] of people) {
		const plan = byPerson.get(personId);
		if (plan) bySubject.set(subjectId, plan);
	}
	return bySubject;
}

/**
 * One trainee's follow-up as it stands: the previous plan's goals with the marks the meeting
 * has stored; null when the trainee has no previous plan.
 */
export async function followUpOf(
	db: Db,
	options: { kollegium: FollowingKollegium; subjectId: string }
): Promise<FollowUpResult | null> {
	const { kollegium, subjectId } = options;
	const people = await traineePeopleOf(db, kollegium.id);
	const personId = people.get(subjectId);
	if (!personId) return null;
	const plans = await previousPlans(db, { kollegium, people: new Map([[subjectId, personId]]) });
	const previous = plans.get(subjectId);
	if (!previous) return null;
	const row = await db
		.selectFrom('meetings')
		.select('state')
		.where('kollegiumId', '=', kollegium.id)
		.executeTakeFirst();
	const state = row ? MeetingState.safeParse(JSON.parse(row.state)) : null;
	return followUpResult(previous, state?.success ? state.data.followUp?.[subjectId] : undefined);
}
