/**
 * How a hostile input was answered, in the terms of HTTP whatever the transport: an ack with
 * `ok: true` counts as 2xx, a refusal as 4xx, `error: 'internal'` as 5xx; `closed` is a
 * connection the server dropped or closed, `none` an input nothing answers (an event without
 * an ack, a half-open upgrade we gave up on).
 */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'closed' | 'none';

export type Group =
	| '/api/auth'
	| '/api/catalog'
	| '/api/kollegier'
	| '/api/respond'
	| '/api/other'
	| 'socket.io'
	| 'engine.io'
	| 'yjs'
	| 'raw frames';

/** One input and what became of it; `failure` says what was wrong, if anything. */
export interface Outcome {
	group: Group;
	status: StatusClass;
	/** A short description of the input, enough to send it again by hand. */
	input: string;
	/** What the server answered, briefly (status and body, close code, ack). */
	answer: string;
	failure?: string;
}

/** A problem found after a batch, or in one input: what, on which input, and the log lines. */
export interface Failure {
	kind: 'no5xx' | 'alive' | 'noWrites' | 'rejects' | 'meeting' | 'health';
	what: string;
	input?: string;
	log: string[];
}

export const classOf = (status: number): StatusClass =>
	status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';

const shorten = (text: string, max = 240) =>
	text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/** Counts by group and status class, and every failure, across batches. */
export class Tally {
	readonly counts = new Map<Group, Map<StatusClass, number>>();
	readonly failures: Failure[] = [];
	inputs = 0;
	batches = 0;

	add(outcome: Outcome, log: string[] = []): void {
		this.inputs += 1;
		const byClass = this.counts.get(outcome.group) ?? new Map<StatusClass, number>();
		byClass.set(outcome.status, (byClass.get(outcome.status) ?? 0) + 1);
		this.counts.set(outcome.group, byClass);
		if (outcome.failure) {
			this.failures.push({
				kind:
					outcome.status === '5xx' || outcome.failure === 'no HTTP answer' ? 'no5xx' : 'rejects',
				what: `${outcome.failure}: ${shorten(outcome.answer)}`,
				input: shorten(outcome.input, 400),
				log
			});
		}
	}

	fail(failure: Failure): void {
		this.failures.push(failure);
	}

	/** Counts as plain data, `{ 'socket.io': { '4xx': 12, … }, … }`. */
	figures(): Record<string, Record<string, number>> {
		const figures: Record<string, Record<string, number>> = {};
		for (const [group, byClass] of this.counts) figures[group] = Object.fromEntries(byClass);
		return figures;
	}

	/** The failures, one paragraph each, the same kind of failure on the same answer once. */
	describe(limit = 40): string {
		const seen = new Map<string, { failure: Failure; times: number }>();
		for (const failure of this.failures) {
			const key = `${failure.kind} ${failure.what}`;
			const entry = seen.get(key);
			if (entry) entry.times += 1;
			else seen.set(key, { failure, times: 1 });
		}
		const lines = [...seen.values()].slice(0, limit).map(({ failure, times }) => {
			const log = failure.log.slice(0, 8).map((line) => `      | ${line}`);
			return [
				`- [${failure.kind}] ${failure.what}${times > 1 ? ` (×${times})` : ''}`,
				...(failure.input ? [`    input: ${failure.input}`] : []),
				...log
			].join('\n');
		});
		if (seen.size > limit) lines.push(`… and ${seen.size - limit} more kinds`);
		return lines.join('\n');
	}
}
