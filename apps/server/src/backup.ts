// `npm run backup [-- file]` and `npm run restore -- file [--replace]`: a consistent copy of the
// database while the server runs, and bringing one back. Configured like the server, by
// DATA_DIR and DATABASE_URL.
import { ConfigError, configFromEnv } from './config.ts';
import { backupDatabase, BackupError, defaultBackupFile, restoreDatabase } from './db/backup.ts';

const [command, ...rest] = process.argv.slice(2);
const replace = rest.includes('--replace');
const file = rest.find((arg) => !arg.startsWith('--'));

try {
	const config = configFromEnv(process.env);
	if (command === 'backup') {
		const target = file ?? defaultBackupFile(config);
		await backupDatabase(config, target);
		console.log(`Backup written to ${target}`);
	} else if (command === 'restore' && file) {
		await restoreDatabase(config, file, { replace });
		console.log(`Restored ${file}. Start the server (npm start) to use it.`);
	} else {
		console.error('Usage: npm run backup [-- file]   |   npm run restore -- file [--replace]');
		process.exitCode = 2;
	}
} catch (error) {
	if (!(error instanceof BackupError || error instanceof ConfigError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
}
