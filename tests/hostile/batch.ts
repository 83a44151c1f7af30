import fc from 'fast-check';
import { changes, snapshot } from './db.ts';
import type { Failure, Outcome, Tally } from './tally.ts';
import type { World } from './world.ts';

/** One family of hostile inputs: how to make them, and how to send one within a batch. */
export interface Family<T> {
	name: string;
	arbitrary: fc.Arbitrary<T>;
	concurrency: number;
	/**
	 * The inputs that, by their content, could have written (a half-applied Yjs update): asked
	 * first, as sending each input alone again finds no write that can happen only once.
	 */
	suspects?(inputs: T[]): string[];
	/** Opens what a batch needs (sockets to send on); `close` ends them all. */
	open(): Promise<{ run(input: T): Promise<Outcome>; close(): Promise<void> }>;
}

export interface Run {
	world: World;
	tally: Tally;
}

/** Runs `task` on every item, at most `limit` at a time, keeping the order of the results. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>) {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** What the server rightly says about the inputs it drops; left out of failure reports. */
const expected = /dropped a (connection|malformed request)/;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one batch, then checks the server: still alive, /healthz answers 200, not one row
 * written, and a real meeting step still reaches the participant. Returns the new failures.
 */
export async function runBatch<T>(run: Run, family: Family<T>, inputs: T[]): Promise<Failure[]> {
	const { world, tally } = run;
	const { server } = world;
	const first = tally.failures.length;
	const mark = server.mark();
	const before = snapshot(server.databasePath);
	const batch = await family.open();
	const outcomes = await pool(inputs, family.concurrency, (input) => batch.run(input));
	await batch.close();
	await pause(30); // what the last inputs set off on the server's side
	tally.batches += 1;
	const log = () => server.errorsSince(mark).filter((line) => !expected.test(line));
	for (const outcome of outcomes)
		tally.add(outcome, outcome.failure ? related(log(), outcome) : []);
	if (!server.alive()) {
		tally.fail({
			kind: 'alive',
			what: `the process died: ${await server.exitReport()}`,
			log: log()
		});
		await server.restart();
		await world.reconnect();
		return tally.failures.slice(first);
	}
	const written = changes(before, snapshot(server.databasePath));
	if (written.length > 0) {
		const suspects = (family.suspects?.(inputs) ?? []).slice(0, 5);
		const culprits = suspects.length > 0 ? suspects : await attribute(run, family, inputs);
		tally.fail({
			kind: 'noWrites',
			what: `a ${family.name} batch of rejected inputs wrote rows: ${written.join('; ')}`,
			input: culprits.length > 0 ? culprits.join('\n    input: ') : 'not one input alone',
			log: log()
		});
	}
	await checkHealth(run, log);
	return tally.failures.slice(first);
}

async function checkHealth(run: Run, log: () => string[]): Promise<void> {
	const { world, tally } = run;
	const health = await fetch(`${world.server.url}/healthz`).then(
		(response) => `${response.status}`,
		(error: unknown) => String(error)
	);
	if (health !== '200')
		tally.fail({ kind: 'health', what: `/healthz answered ${health}`, log: log() });
	const document = await world.documentStep();
	if (document)
		tally.fail({ kind: 'health', what: `the shared document: ${document}`, log: log() });
	const step = await world.step();
	if (step) {
		tally.fail({ kind: 'meeting', what: `a real meeting step: ${step}`, log: log() });
		await world.reconnect();
	}
}

/**
 * The stderr lines that belong to a failed input (a line naming its path and the stack under
 * it), or all of the batch's when none names it.
 */
function related(lines: string[], outcome: Outcome): string[] {
	const path = /^[A-Z]+ (\/\S*?)[?[ ]/.exec(outcome.input)?.[1];
	const at = path ? lines.findIndex((line) => line.includes(path)) : -1;
	return (at >= 0 ? lines.slice(at, at + 6) : lines).slice(0, 12);
}

/** Which inputs of a batch write on their own: each alone, between two snapshots. */
async function attribute<T>(run: Run, family: Family<T>, inputs: T[]): Promise<string[]> {
	const path = run.world.server.databasePath;
	const culprits: string[] = [];
	const batch = await family.open();
	for (const input of inputs.slice(0, 150)) {
		const before = snapshot(path);
		const outcome = await batch.run(input);
		await pause(5);
		const written = changes(before, snapshot(path));
		if (written.length > 0)
			culprits.push(`${outcome.input} → ${outcome.answer} wrote ${written.join('; ')}`);
		if (culprits.length >= 5 || !run.world.server.alive()) break;
	}
	await batch.close();
	return culprits;
}

/**
 * A family as a fast-check property: each run is one batch of `size` inputs. With a fixed seed
 * the same inputs come every time; nothing is shrunk (that would mean re-sending hundreds of
 * batches to a server that may be down). When `stop` is set the first failing batch ends it.
 */
export async function runFamily<T>(
	run: Run,
	family: Family<T>,
	options: { seed: number; batches: number; size: number; stop: boolean }
) {
	const property = fc.asyncProperty(
		fc.array(family.arbitrary, { minLength: options.size, maxLength: options.size }),
		async (inputs) => {
			const failures = await runBatch(run, family, inputs);
			if (options.stop && failures.length > 0)
				throw new Error(`${failures.length} failure(s) in a ${family.name} batch`);
		}
	);
	return fc.check(property, { seed: options.seed, numRuns: options.batches, endOnFailure: true });
}
