import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
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

// #12 saml
describe('SAML 2.0 settings', async () => {
	const pems = await generate([{ name: 'commonName', value: 'IdP' }], { keySize: 2048 });
	const saml = {
		SAML_ENTRY_POINT: 'https://idp.region.example/sso',
		SAML_IDP_CERT: pems.cert
	};

	it('reads the provider, and names our entity after PUBLIC_URL', () => {
		const config = configFromEnv({
			...saml,
			PUBLIC_URL: 'https://kollegium.region.example',
			SAML_LABEL: 'SITHS eID',
			SAML_MATCH_ATTRIBUTE: 'hsaIdentity'
		});
		expect(config.saml).toMatchObject({
			entryPoint: 'https://idp.region.example/sso',
			issuer: 'https://kollegium.region.example/auth/saml/metadata',
			label: 'SITHS eID',
			matchAttribute: 'hsaIdentity',
			signing: null
		});
		expect(config.saml?.idpCerts).toHaveLength(1);
		expect(configFromEnv({}).saml).toBeNull();
		expect(configFromEnv({ ...saml, SAML_ISSUER: 'urn:kollegium' }).saml?.issuer).toBe(
			'urn:kollegium'
		);
	});

	it('takes the certificate from a file, or on one line with \\n', () => {
		const dir = mkdtempSync(join(tmpdir(), 'kollegium-saml-'));
		try {
			const path = join(dir, 'idp.pem');
			writeFileSync(path, pems.cert);
			expect(configFromEnv({ ...saml, SAML_IDP_CERT: path }).saml?.idpCerts).toHaveLength(1);
			const oneLine = pems.cert.trim().replace(/\n/g, '\\n');
			expect(configFromEnv({ ...saml, SAML_IDP_CERT: oneLine }).saml?.idpCerts).toHaveLength(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('refuses settings that cannot work, saying which', () => {
		for (const [env, message] of [
			[{ SAML_ENTRY_POINT: saml.SAML_ENTRY_POINT }, /SAML_IDP_CERT/],
			[{ SAML_IDP_CERT: saml.SAML_IDP_CERT }, /SAML_ENTRY_POINT/],
			[{ ...saml, SAML_ENTRY_POINT: 'http://idp.region.example/sso' }, /https/],
			[{ ...saml, SAML_IDP_CERT: '/no/such/file.pem' }, /cannot read/],
			[
				{ ...saml, SAML_IDP_CERT: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
				/cannot be read/
			],
			[{ ...saml, PUBLIC_URL: 'http://kollegium.region.example' }, /PUBLIC_URL/],
			[{ ...saml, SAML_PRIVATE_KEY: pems.private }, /SAML_CERT/]
		] as const)
			expect(() => configFromEnv(env), JSON.stringify(env).slice(0, 80)).toThrow(message);
		// A key that cannot be read is named, never echoed.
		expect(() =>
			configFromEnv({
				...saml,
				SAML_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nhemlig\n-----END PRIVATE KEY-----',
				SAML_CERT: pems.cert
			})
		).toThrow(/^SAML_PRIVATE_KEY is not a readable private key/);
		expect(
			configFromEnv({ ...saml, SAML_PRIVATE_KEY: pems.private, SAML_CERT: pems.cert }).saml?.signing
		).not.toBeNull();
	});

	it('lets SAML be the one way in when password sign-in is off', () => {
		expect(configFromEnv({ ...saml, PASSWORD_SIGN_IN: 'off' }).passwordSignIn).toBe(false);
		expect(() => configFromEnv({ PASSWORD_SIGN_IN: 'off' })).toThrow(/SAML_ENTRY_POINT/);
	});
});
