import type { TestProject } from 'vitest/node';
import { startCluster } from '../support/postgres.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The throwaway PostgreSQL server of this run; each test server gets a database on it. */
		postgres: string;
	}
}

/** One PostgreSQL cluster for the whole run of a project, removed when the run ends. */
export default async function setup(project: TestProject): Promise<() => void> {
	const started = performance.now();
	const cluster = await startCluster();
	// Should the run end without its teardown (Ctrl-C, a crash), the cluster still goes with it.
	process.once('exit', cluster.stop);
	project.provide('postgres', cluster.url);
	console.log(
		`PostgreSQL for ${project.name}: up in ${Math.round(performance.now() - started)} ms`
	);
	return () => {
		process.off('exit', cluster.stop);
		cluster.stop();
	};
}
