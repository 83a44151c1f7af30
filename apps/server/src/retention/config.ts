import type { RetentionKind } from '@kollegium/model';
import { ConfigError } from '../config.ts';

/** Each kind of data's retention period, in days (README, "Retention (gallring)"). */
export type RetentionConfig = Record<RetentionKind, number>;

/**
 * The setting of each kind and its default. The defaults are a starting point a region's
 * informationshanteringsplan can confirm or change; the README says why each is what it is.
 */
export const retentionSettings: Record<RetentionKind, { env: string; days: number }> = {
	// Two years after the meeting: the next kollegium (about a year later) still shows the
	// trends and follows up; what lasts longer is in the plan.
	results: { env: 'RETENTION_RESULTS_DAYS', days: 730 },
	// Ten years after a plan is final: past the end of a 5–5.5-year training and the
	// application for the specialist certificate, for questions about the training afterwards.
	plans: { env: 'RETENTION_PLANS_DAYS', days: 3650 },
	// A year after the meeting: a working copy; by then the plan has been marked final.
	document: { env: 'RETENTION_DOC_DAYS', days: 365 },
	// 90 days after a link expired or was used: long enough to answer "did I get a link?".
	invitations: { env: 'RETENTION_LINKS_DAYS', days: 90 },
	// 30 days after sending: enough to see why a message did not arrive.
	outbox: { env: 'RETENTION_OUTBOX_DAYS', days: 30 },
	// Two years after the entry: a fixed period to look into how the data was handled.
	audit: { env: 'RETENTION_AUDIT_DAYS', days: 730 }
};

/** The periods from the environment; a value that is not a whole number of days stops start-up. */
export function retentionFromEnv(env: NodeJS.ProcessEnv): RetentionConfig {
	const entries = Object.entries(retentionSettings).map(([kind, setting]) => [
		kind,
		days(env[setting.env], setting)
	]);
	return Object.fromEntries(entries) as RetentionConfig;
}

/** Days as a whole number from 1 to 100 years; unset or empty gives the default. */
function days(value: string | undefined, setting: { env: string; days: number }): number {
	if (value === undefined || value.trim() === '') return setting.days;
	const parsed = Number(value);
	if (!/^\s*\d+\s*$/.test(value) || parsed < 1 || parsed > 36_500)
		throw new ConfigError(
			`${setting.env} must be a whole number of days from 1 to 36500 (default ${setting.days}), got "${value}"`
		);
	return parsed;
}
