import { z } from 'zod';
import { isAnswering, type KollegiumStatus } from './kollegium.ts';

/**
 * What a kollegium needs next, in the order a clinic's start page lists them: prepare a draft,
 * wait while answers come in, run the meeting, finish plans and handovers, done.
 */
export const KollegiumStage = z.enum(['prepare', 'answering', 'ready', 'followUp', 'done']);
export type KollegiumStage = z.infer<typeof KollegiumStage>;

/** What the stage of a kollegium depends on. */
export interface Stageable {
	status: KollegiumStatus;
	startsAt: string;
	answerDeadline: string;
}

/** The stage a kollegium is in: an open one whose deadline has passed is ready to be run. */
export function stageOf(kollegium: Stageable, now: Date): KollegiumStage {
	switch (kollegium.status) {
		case 'draft':
			return 'prepare';
		case 'open':
			return isAnswering({ ...kollegium, now }) ? 'answering' : 'ready';
		case 'live':
			return 'ready';
		case 'closed':
			return 'followUp';
		case 'delivered':
			return 'done';
	}
}

export interface StageGroup<K extends Stageable> {
	stage: KollegiumStage;
	kollegier: K[];
}

const byTime =
	(key: 'startsAt' | 'answerDeadline', direction: 1 | -1) => (a: Stageable, b: Stageable) =>
		direction * (Date.parse(a[key]) - Date.parse(b[key]));

// Work still to do comes soonest (or longest waiting) first; what is done, the latest first.
const ORDER: Record<KollegiumStage, (a: Stageable, b: Stageable) => number> = {
	prepare: byTime('startsAt', 1),
	answering: byTime('answerDeadline', 1),
	ready: byTime('startsAt', 1),
	followUp: byTime('startsAt', 1),
	done: byTime('startsAt', -1)
};

/** Every stage in order, each with its kollegier (possibly none), sorted for what to do first. */
export function groupByStage<K extends Stageable>(
	kollegier: readonly K[],
	now: Date
): StageGroup<K>[] {
	return KollegiumStage.options.map((stage) => ({
		stage,
		kollegier: kollegier.filter((k) => stageOf(k, now) === stage).sort(ORDER[stage])
	}));
}
