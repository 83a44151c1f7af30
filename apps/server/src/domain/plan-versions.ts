import type { Db } from '../db/database.ts';
import { lockRow } from './locks.ts';

export interface FrozenPlan {
	version: number;
	finalizedAt: string;
	plan: unknown;
}

/**
 * Freezes a checked plan as the subject's next numbered version. The subject's row is locked
 * first, so two "mark final" at once number their versions one after the other instead of
 * colliding; marking the very plan of the newest version final again returns that version.
 */
export async function freezePlan(
	db: Db,
	options: { kollegiumId: string; subjectId: string; plan: unknown; now: Date }
): Promise<FrozenPlan & { created: boolean }> {
	const text = JSON.stringify(options.plan);
	return db.transaction().execute(async (trx) => {
		await lockRow(trx, 'subjects', options.subjectId);
		const newest = await trx
			.selectFrom('planVersions')
			.select(['version', 'plan', 'finalizedAt'])
			.where('subjectId', '=', options.subjectId)
			.orderBy('version', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (newest && newest.plan === text) {
			return {
				version: newest.version,
				finalizedAt: newest.finalizedAt,
				plan: options.plan,
				created: false
			};
		}
		const version = (newest?.version ?? 0) + 1;
		const finalizedAt = options.now.toISOString();
		await trx
			.insertInto('planVersions')
			.values({
				id: crypto.randomUUID(),
				kollegiumId: options.kollegiumId,
				subjectId: options.subjectId,
				version,
				plan: text,
				finalizedAt
			})
			.execute();
		return { version, finalizedAt, plan: options.plan, created: true };
	});
}
