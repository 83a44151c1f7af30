import {
	Answers,
	Template,
	areaTrendsOf,
	isMeetingOver,
	swedishDay,
	KollegiumStatus,
	type AreaTrend,
	type TrendSource
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { assessorAnswersAbout } from './answers.ts';

/**
 * A trainee's areas over their held specialistkollegier in the clinic, followed through the
 * register (`subjects.person_id`). `before` limits them to kollegier that started before the
 * given one, never that one itself. Reads only submitted, non-declined assessor answers, each
 * kollegium on its own with its own k; the self-assessment is never read.
 */
export async function areaTrends(
	db: Db,
	options: {
		clinicId: string;
		personId: string;
		before?: { kollegiumId: string; startsAt: string };
	}
): Promise<AreaTrend[]> {
	// Stored instants are normalised ISO strings, so the caller's is too before comparing.
	const before = options.before && {
		kollegiumId: options.before.kollegiumId,
		startsAt: new Date(options.before.startsAt).toISOString()
	};
	const subjects = await db
		.selectFrom('subjects')
		.innerJoin('kollegier', 'kollegier.id', 'subjects.kollegiumId')
		.select([
			'subjects.id as subjectId',
			'kollegier.id as kollegiumId',
			'kollegier.startsAt',
			'kollegier.status',
			'kollegier.form',
			'kollegier.minRespondents'
		])
		.where('subjects.personId', '=', options.personId)
		.where('subjects.kind', '=', 'trainee')
		.where('kollegier.clinicId', '=', options.clinicId)
		.where('kollegier.kind', '=', 'specialistkollegium')
		.$if(before !== undefined, (query) =>
			query
				.where('kollegier.startsAt', '<', before?.startsAt ?? '')
				.where('kollegier.id', '!=', before?.kollegiumId ?? '')
		)
		.execute();
	// Only meetings that are over: a live one's answers are the room's, shown step by step.
	const held = subjects.filter((row) => isMeetingOver(KollegiumStatus.parse(row.status)));
	if (held.length === 0) return [];
	const answers = await assessorAnswers(
		db,
		held.map((row) => row.subjectId)
	);
	const sources: TrendSource[] = held.map((row) => ({
		kollegiumId: row.kollegiumId,
		date: swedishDay(new Date(row.startsAt)),
		form: Template.parse(JSON.parse(row.form)),
		k: row.minRespondents,
		answers: answers.get(row.subjectId) ?? []
	}));
	return areaTrendsOf(sources);
}

/** The submitted, non-declined assessor answers per subject, without who gave them. */
async function assessorAnswers(db: Db, subjectIds: string[]): Promise<Map<string, Answers[]>> {
	const answers = new Map<string, Answers[]>();
	for (const row of await assessorAnswersAbout(db, subjectIds)) {
		const parsed = Answers.parse(JSON.parse(row.answers));
		answers.set(row.subjectId, [...(answers.get(row.subjectId) ?? []), parsed]);
	}
	return answers;
}
