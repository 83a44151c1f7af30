// The one line every benchmark ends with, so a script (or tests/api/benches.test.ts) can read a
// run's outcome without parsing the human-readable table above it:
//   {"bench":"pdf","figures":{…},"goals":{"fast":{"target":"…","value":512.3,"pass":true}},"pass":true}

/** One goal: whether it passed, and usually what it asks for and what was measured. */
export interface Goal {
	pass: boolean;
	/** The goal in words, e.g. "warm p50 < 700 ms". */
	target?: string;
	/** The figure the goal was judged on. */
	value?: number | string | boolean | null;
}

export interface BenchResult {
	/** The benchmark's name: "reveal" for tests/bench/reveal.ts. */
	bench: string;
	/** Every figure worth keeping, JSON-serialisable (numbers in ms unless the key says so). */
	figures: Record<string, unknown>;
	goals: Record<string, Goal>;
}

/** Two decimals are plenty for milliseconds; NaN and Infinity become null, as JSON has them. */
const rounded = (_key: string, value: unknown) =>
	typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;

/**
 * Prints the result as one line of JSON, with `pass` true when every goal passed; call it last,
 * so the line ends the output. Returns that `pass`; a benchmark's exit code stays its own.
 */
export function printResult({ bench, figures, goals }: BenchResult): boolean {
	const pass = Object.values(goals).every((goal) => goal.pass);
	console.log(JSON.stringify({ bench, figures, goals, pass }, rounded));
	return pass;
}
