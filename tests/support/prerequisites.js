// Checks what `npm start` / `npm test` need before they run, and says how to get it.
// Plain JavaScript on purpose: it must run on an old Node.js to tell you to upgrade.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const forTests = process.argv.includes('--tests');
const problems = [];

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
	problems.push(
		`Node.js 24 or later is needed (this is ${process.version}).\n` +
			'  Install it with: npm i -g --prefix /usr/local node@24   (then open a new shell)'
	);
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (forTests && !existsSync(chromium)) {
	problems.push(
		`The browser tests drive Chromium at ${chromium}, which is missing.\n` +
			'  On Debian: apt-get install -y chromium poppler-utils   (or set CHROMIUM_PATH)'
	);
}

if (forTests && !hasInitdb()) {
	problems.push(
		'The API tests also run against a throwaway PostgreSQL cluster, and initdb is missing.\n' +
			'  On Debian: apt-get install -y postgresql   (bash .ci/setup --tests does it)'
	);
}

if (problems.length > 0) {
	console.error(
		`Kollegium cannot ${forTests ? 'run its tests' : 'start'} yet:\n- ${problems.join('\n- ')}`
	);
	process.exit(1);
}

/** Debian's PostgreSQL binaries, or an initdb on PATH. */
function hasInitdb() {
	const debian = '/usr/lib/postgresql';
	const versions = existsSync(debian) ? readdirSync(debian) : [];
	if (versions.some((version) => existsSync(join(debian, version, 'bin', 'initdb')))) return true;
	return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'initdb')));
}
