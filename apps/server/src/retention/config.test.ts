import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../config.ts';

describe('retention periods', () => {
	it('has a default for every kind, and takes each from its own setting', () => {
		expect(configFromEnv({}).retention).toEqual({
			results: 730,
			plans: 3650,
			document: 365,
			invitations: 90,
			outbox: 30,
			audit: 730
		});
		const config = configFromEnv({ RETENTION_RESULTS_DAYS: '365', RETENTION_AUDIT_DAYS: ' 1825 ' });
		expect(config.retention).toMatchObject({ results: 365, audit: 1825, plans: 3650 });
	});

	it('stops start-up on a value that is not a whole number of days, naming the setting', () => {
		for (const value of ['0', '-5', '1.5', 'tre', '2 år', '36501']) {
			expect(() => configFromEnv({ RETENTION_PLANS_DAYS: value })).toThrow(ConfigError);
			expect(() => configFromEnv({ RETENTION_PLANS_DAYS: value })).toThrow(/RETENTION_PLANS_DAYS/);
		}
		expect(() => configFromEnv({ RETENTION_OUTBOX_DAYS: 'x' })).toThrow(/default 30/);
		expect(configFromEnv({ RETENTION_OUTBOX_DAYS: '' }).retention.outbox).toBe(30);
	});
});
