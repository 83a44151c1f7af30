import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './sign-in.ts';

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
