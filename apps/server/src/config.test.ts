import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.ts';

const provider = {
	OIDC_ISSUER: 'https://idp.region.example',
	OIDC_CLIENT_ID: 'kollegium',
	OIDC_CLIENT_SECRET: 'hemligt'
};

describe('sign-in and e-mail settings', () => {
	it('takes the identity provider when all three settings are there', () => {
		const config = configFromEnv({
			...provider,
			OIDC_LABEL: 'SITHS eID',
			OIDC_MATCH_CLAIM: 'hsa_id'
		});
		expect(config.oidc).toEqual({
			issuer: 'https://idp.region.example',
			clientId: 'kollegium',
			clientSecret: 'hemligt',
			label: 'SITHS eID',
			matchClaim: 'hsa_id'
		});
		expect(config.passwordSignIn).toBe(true);
		expect(configFromEnv({}).oidc).toBeNull();
	});

	it('refuses half a provider and plain http beyond this machine, saying what to set', () => {
		expect(() => configFromEnv({ OIDC_ISSUER: provider.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
		expect(() => configFromEnv({ ...provider, OIDC_ISSUER: 'http://idp.region.example' })).toThrow(
			ConfigError
		);
		expect(configFromEnv({ ...provider, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
			'http://127.0.0.1:9000'
		);
	});

	it('turns password sign-in off only when there is another way in', () => {
		expect(configFromEnv({ ...provider, PASSWORD_SIGN_IN: 'off' }).passwordSignIn).toBe(false);
		expect(() => configFromEnv({ PASSWORD_SIGN_IN: 'off' })).toThrow(/OIDC_ISSUER/);
	});

	it('keeps e-mail off without SMTP_URL, and names the sender after PUBLIC_URL', () => {
		expect(configFromEnv({}).smtpUrl).toBeNull();
		const config = configFromEnv({
			SMTP_URL: 'smtps://kollegium:hemligt@smtp.region.example:465',
			PUBLIC_URL: 'https://kollegium.region.example'
		});
		expect(config.smtpUrl).toBe('smtps://kollegium:hemligt@smtp.region.example:465');
		expect(config.mailFrom).toBe('Kollegium <kollegium@kollegium.region.example>');
		expect(configFromEnv({ MAIL_FROM: 'ST-enheten <st@region.example>' }).mailFrom).toBe(
			'ST-enheten <st@region.example>'
		);
	});
});
