// Runs before `npm start`: builds the web app only when its build is missing or older than
// something it is built from, so a restart serves pages at once instead of after a build.
// Plain JavaScript importing only node: modules, because it runs on every start.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const built = join(root, 'apps/web/build/handler.js');

// What `vite build` in apps/web reads. The form templates are not among them: the pages fetch
// them from the API at run time. The tsconfigs are, because Vite transforms TypeScript with them.
const sources = [
	'apps/web/src',
	'apps/web/static',
	'apps/web/package.json',
	'apps/web/svelte.config.js',
	'apps/web/tsconfig.json',
	'svelte.config.js',
	'packages/model/src',
	'packages/model/package.json',
	'packages/model/tsconfig.json',
	'package-lock.json',
	...readdirSync(join(root, 'apps/web'))
		.filter((name) => name.startsWith('vite.config.'))
		.map((name) => `apps/web/${name}`)
];

/**
 * The first file or directory under `path` changed after `since`, or null. Directories count
 * too: removing or renaming a file changes only its directory's time. Tests are not built.
 */
function changedAfter(path, since) {
	const stats = statSync(path, { throwIfNoEntry: false });
	if (!stats) return null;
	if (stats.mtimeMs > since) return path;
	if (!stats.isDirectory()) return null;
	for (const entry of readdirSync(path)) {
		if (entry.includes('.test.')) continue;
		const changed = changedAfter(join(path, entry), since);
		if (changed) return changed;
	}
	return null;
}

/** Why the build must be redone, or null when it is current. */
function staleness() {
	const stats = statSync(built, { throwIfNoEntry: false });
	if (!stats) return `${relative(root, built)} is missing`;
	for (const source of sources) {
		const changed = changedAfter(join(root, source), stats.mtimeMs);
		if (changed) return `${relative(root, changed)} changed after the last build`;
	}
	return null;
}

const reason = staleness();
if (!reason) {
	console.log('The web app build is current (apps/web/build); starting without building.');
} else {
	console.log(`Building the web app: ${reason}.`);
	const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (build.status !== 0) {
		const how = build.error?.message ?? `exit code ${build.status ?? build.signal}`;
		console.error(`The web app build failed (${how}); not starting.`);
		process.exit(build.status || 1);
	}
}
