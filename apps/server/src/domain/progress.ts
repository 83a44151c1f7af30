import { KollegiumKind, computeProgress, type Progress } from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { participantsOf, subjectsOf } from './kollegier.ts';
import { responseStates } from './responses.ts';

/** Who has answered, counted; shared by the HTTP route and the live socket feed. */
export async function progressOf(db: Db, row: { id: string; kind: string }): Promise<Progress> {
	const [participants, subjects, responses] = await Promise.all([
		participantsOf(db, row.id),
		subjectsOf(db, row.id),
		responseStates(db, row.id)
	]);
	return computeProgress({
		kind: KollegiumKind.parse(row.kind),
		participants,
		subjects,
		responses
	});
}
