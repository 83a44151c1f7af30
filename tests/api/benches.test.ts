import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The benchmarks are measurements, not tests; but a change that breaks one (a new access rule,
// a renamed route) should not wait for someone to run it by hand. Each runs here, small.
describe('the benchmarks still run', () => {
	const cases: [string, Record<string, string>][] = [
		['tests/bench/reveal.ts', { PARTICIPANTS: '5', ROUNDS: '4' }],
		['tests/bench/doc.ts', { CLIENTS: '4', EDITS: '10', WARMUP: '2' }],
		[
			'tests/bench/pdf.ts',
			{ PARTICIPANTS: '4', ROUNDS: '4', BLOCKS: '1', BATCHES: '1', SEQUENTIAL: '1' }
		]
	];
	for (const [script, env] of cases) {
		it(`${script} prints its figures and goals`, { timeout: 120_000 }, async () => {
			const { stdout } = await run(process.execPath, [script], {
				env: { ...process.env, ...env },
				timeout: 110_000
			});
			expect(stdout).toMatch(/goal/i);
			expect(stdout).toMatch(/p95/);
		});
	}
});
