// npm run fuzz — the hostile-network suite at length: at least 100,000 inputs across every
// family (FUZZ_INPUTS to change it, FUZZ_SEED for other inputs), against the server process as
// `npm start` runs it. A process that dies is restarted on the same data and the run goes on,
// so one run finds every failure it can. Ends with one line of JSON (tests/bench/report.ts);
// exits non-zero when a goal fails.
import { printResult } from '../bench/report.ts';
import { runFamily } from './batch.ts';
import { families, type FamilyName } from './families.ts';
import { resets } from './http-send.ts';
import { unequalInvitationAnswers } from './invitations.ts';
import { ServerProcess } from './process.ts';
import { Tally, type Failure, type StatusClass } from './tally.ts';
import { World } from './world.ts';

const TOTAL = Number(process.env.FUZZ_INPUTS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_601);

/** Each family's share of the inputs, and its batch size. */
const plan: Record<FamilyName, { share: number; size: number }> = {
	http: { share: 0.5, size: 250 },
	'cross-origin': { share: 0.01, size: 100 },
	'socket.io': { share: 0.15, size: 200 },
	'engine.io': { share: 0.1, size: 200 },
	yjs: { share: 0.14, size: 200 },
	'raw frames': { share: 0.1, size: 200 }
};

const classes: StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'closed', 'none'];

function table(tally: Tally): string {
	const rows = [['group', ...classes, 'total'].map((cell) => cell.padStart(10)).join('')];
	for (const [group, byClass] of tally.counts) {
		const cells = classes.map((status) => String(byClass.get(status) ?? 0));
		const total = [...byClass.values()].reduce((sum, n) => sum + n, 0);
		rows.push([group, ...cells, String(total)].map((cell) => cell.padStart(10)).join(''));
	}
	return rows.join('\n');
}

const count = (failures: Failure[], ...kinds: Failure['kind'][]) =>
	failures.filter((failure) => kinds.includes(failure.kind)).length;

const started = Date.now();
const server = await ServerProcess.start({ env: { INVITATION_GRACE_DAYS: '0' } });
const world = await World.create(server);
const { all } = await families(world);
const tally = new Tally();
console.log(
	`fuzz: ${TOTAL} inputs, seed ${SEED}, against ${server.url} (pid data ${server.dataDir})`
);

for (const [name, { share, size }] of Object.entries(plan) as [
	FamilyName,
	(typeof plan)[FamilyName]
][]) {
	const batches = Math.max(1, Math.ceil((TOTAL * share) / size));
	const before = { inputs: tally.inputs, failures: tally.failures.length, at: Date.now() };
	await runFamily({ world, tally }, all[name], { seed: SEED, batches, size, stop: false });
	const seconds = ((Date.now() - before.at) / 1000).toFixed(1);
	console.log(
		`${name.padEnd(12)} ${String(tally.inputs - before.inputs).padStart(7)} inputs in ${seconds} s, ${tally.failures.length - before.failures} failures`
	);
}
for (const difference of await unequalInvitationAnswers(world)) {
	tally.fail({
		kind: 'rejects',
		what: `invitation links answered differently: ${difference}`,
		log: []
	});
}

world.close();
const alive = server.alive();
const exit = await server.stop();
if (!alive || exit.code !== 0)
	tally.fail({
		kind: 'alive',
		what: `SIGTERM did not end it cleanly: ${JSON.stringify(exit)}`,
		log: []
	});
server.dispose();

const seconds = (Date.now() - started) / 1000;
console.log(`\n${table(tally)}\n`);
if (resets.count > 0)
	console.log(
		`${resets.count} kept-alive connections were reset under a request (sent again on a new one, as a browser does)\n`
	);
console.log(
	tally.failures.length === 0
		? 'No failures.'
		: `${tally.failures.length} failures:\n${tally.describe()}`
);
const { failures } = tally;
const passed = printResult({
	bench: 'fuzz',
	figures: {
		inputs: tally.inputs,
		batches: tally.batches,
		seconds,
		seed: SEED,
		restarts: server.restarts,
		keepAliveResets: resets.count,
		failures: failures.length,
		counts: tally.figures()
	},
	goals: {
		no5xx: {
			target: 'no 5xx, no dropped HTTP connection',
			value: count(failures, 'no5xx'),
			pass: count(failures, 'no5xx') === 0
		},
		alive: {
			target:
				'alive after every batch: /healthz 200, a meeting step reaches a participant, clean SIGTERM',
			value: count(failures, 'alive', 'health', 'meeting'),
			pass: count(failures, 'alive', 'health', 'meeting') === 0
		},
		noWrites: {
			target: 'no rejected input wrote a row',
			value: count(failures, 'noWrites'),
			pass: count(failures, 'noWrites') === 0
		},
		rejects: {
			target: 'every malformed input refused as it should be (4xx, 403, 4403, an ack)',
			value: count(failures, 'rejects'),
			pass: count(failures, 'rejects') === 0
		}
	}
});
process.exit(passed ? 0 : 1);
