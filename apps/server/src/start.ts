import { ConfigError, configFromEnv } from './config.ts';
import { startServer } from './server.ts';
import { issueSetupLink } from './setup-link.ts';
import { TemplateError } from './templates.ts';

try {
	const config = configFromEnv();
	const server = await startServer({ config });
	const data = config.databaseUrl
		? `PostgreSQL at ${new URL(config.databaseUrl).host}`
		: config.dataDir;
	console.log(`Kollegium is running at ${server.url}  (data: ${data})`);
	const setupLink = await issueSetupLink(server.deps, server.url);
	if (setupLink) {
		console.log(
			`\nFirst start: create the studierektor account with this one-time link (valid 24 h):\n  ${setupLink}\n`
		);
	}
	let closing = false;
	const shutdown = (signal: string) => {
		if (closing) return;
		closing = true;
		console.log(`${signal}: closing connections and the database`);
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error('Shutdown failed', error);
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
	if (error instanceof TemplateError)
		console.error(`Kollegium cannot start: a template is broken.\n${error.message}`);
	else if (error instanceof ConfigError) console.error(`Kollegium cannot start: ${error.message}`);
	else console.error('Kollegium cannot start:', error);
	process.exit(1);
}
