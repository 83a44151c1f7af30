import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { enModel } from './messages/en-model.ts';
import { sv } from './messages/sv.ts';
import { svModel } from './messages/sv-model.ts';
import { ExternalSignInError, safeReturnPath, SignInMethods } from './sign-in.ts';

describe('safeReturnPath', () => {
	it('keeps a path of this site, with its query', () => {
		expect(safeReturnPath('/kollegier/abc?flik=2')).toBe('/kollegier/abc?flik=2');
		expect(safeReturnPath('/st-lakare')).toBe('/st-lakare');
	});

	it('sends anything that could leave the site home', () => {
		for (const hostile of [
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/%09/evil.example',
			'/%2F/evil.example',
			'/%5Cevil.example',
			'https://evil.example',
			'javascript:alert(1)',
			' /x',
			'',
			null,
			undefined
		]) {
			expect(safeReturnPath(hostile), String(hostile)).toBe('/');
		}
	});
});

// #12 saml
describe('SignInMethods', () => {
	it('names a SAML provider beside OpenID Connect, or none', () => {
		const both = {
			password: false,
			oidc: null,
			saml: { label: 'SITHS eID', matchAttribute: 'hsaIdentity' }
		};
		expect(SignInMethods.parse(both)).toEqual(both);
		expect(SignInMethods.safeParse({ password: true, oidc: null }).success).toBe(false);
	});

	it('has a Swedish and an English text for every reason a sign-in came back refused', () => {
		expect(ExternalSignInError.options).toContain('samlFailed');
		for (const code of ExternalSignInError.options) {
			const page = `login.external.${code}`;
			const api = `error.${code}`;
			expect([page in sv, page in en, api in svModel, api in enModel], code).toEqual([
				true,
				true,
				true,
				true
			]);
		}
	});
});
