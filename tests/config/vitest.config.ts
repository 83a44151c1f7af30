import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
	test: {
		root,
		expect: { requireAssertions: true },
		// A DATABASE_URL in the shell must never reach a server a test starts: the tests choose.
		env: { DATABASE_URL: '' },
		// Two files at a time on a 2-core machine (the default would be one) where it is safe: the
		// model's and the PostgreSQL API's tests first; then the SQLite API's, one file after
		// another, because some of them measure time (a restart within 2 s, the hostile suite);
		// then the browser's, one after another. Vitest runs each group in its own pool.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					sequence: { groupOrder: 0 },
					include: [
						'packages/*/src/**/*.test.ts',
						'apps/server/src/**/*.test.ts',
						'tests/*.test.ts'
					]
				}
			},
			{
				extends: true,
				test: {
					name: 'api',
					sequence: { groupOrder: 1 },
					fileParallelism: false,
					include: ['tests/api/**/*.test.ts'],
					// Needs the PostgreSQL cluster: the api-postgres project runs it.
					exclude: [...configDefaults.exclude, 'tests/api/backup-postgres.test.ts'],
					testTimeout: 20_000
				}
			},
			{
				// The same API tests on PostgreSQL: every startTestServer() gets an empty database on
				// one throwaway cluster. Left out: tests that start `node …/main.ts` or `npm start`
				// themselves and look at the SQLite file, and those that never open a database.
				extends: true,
				test: {
					name: 'api-postgres',
					sequence: { groupOrder: 0 },
					include: ['tests/api/**/*.test.ts', 'apps/server/src/db/**/*.test.ts'],
					exclude: [
						...configDefaults.exclude,
						'tests/api/startup.test.ts',
						'tests/api/restart.test.ts',
						'tests/api/yjs-crash.test.ts',
						'tests/api/hostile*.test.ts',
						'tests/api/benches.test.ts',
						// The SQLite file's backup; backup-postgres.test.ts is this project's.
						'tests/api/backup.test.ts',
						'tests/api/pdf-render.test.ts'
					],
					globalSetup: ['tests/config/postgres.global.ts'],
					testTimeout: 20_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					sequence: { groupOrder: 2 },
					include: ['tests/browser/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
