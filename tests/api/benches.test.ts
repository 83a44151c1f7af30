import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The benchmarks are measurements, not tests; but a change that breaks one (a new access rule,
// a renamed route) should not wait for someone to run it by hand. Each runs here, small, and
// must end with its one line of JSON (tests/bench/report.ts); whether its goals pass at this
// size says nothing, so only their shape is checked.
describe('the benchmarks still run', () => {
	const cases: { script: string; bench: string; goals: string[]; env: Record<string, string> }[] = [
		{
			script: 'tests/bench/reveal.ts',
			bench: 'reveal',
			goals: ['fast', 'nearBare'],
			env: { PARTICIPANTS: '5', ROUNDS: '4' }
		},
		{
			script: 'tests/bench/doc.ts',
			bench: 'doc',
			goals: ['fast', 'nearRelay'],
			env: { CLIENTS: '4', EDITS: '10', WARMUP: '2' }
		},
		{
			script: 'tests/bench/pdf.ts',
			bench: 'pdf',
			goals: ['fivePdfs', 'latencyUnchanged'],
			env: { PARTICIPANTS: '4', ROUNDS: '4', BLOCKS: '1', BATCHES: '1', SEQUENTIAL: '1' }
		}
	];
	for (const { script, bench, goals, env } of cases) {
		it(
			`${script} ends with one line of JSON: its figures and goals`,
			{ timeout: 120_000 },
			async () => {
				const { stdout } = await run(process.execPath, [script], {
					env: { ...process.env, ...env },
					timeout: 110_000
				});
				expect(stdout).toMatch(/p95/);
				const last = stdout.trimEnd().split('\n').at(-1) ?? '';
				const result = JSON.parse(last) as Record<string, unknown>;
				expect(Object.keys(result)).toEqual(['bench', 'figures', 'goals', 'pass']);
				expect(result.bench).toBe(bench);
				expect(result.figures).toBeTypeOf('object');
				expect(Object.keys(result.figures as object).length).toBeGreaterThan(0);
				const outcome = result.goals as Record<string, { pass: unknown; target: unknown }>;
				expect(Object.keys(outcome)).toEqual(goals);
				for (const goal of Object.values(outcome)) {
					expect(goal.pass).toBeTypeOf('boolean');
					expect(goal.target).toBeTypeOf('string');
					expect(goal).toHaveProperty('value');
				}
				expect(result.pass).toBe(Object.values(outcome).every((goal) => goal.pass === true));
			}
		);
	}
});
