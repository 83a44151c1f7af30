import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./shared-fonts.fixture.ts', import.meta.url));
const hashes = (mode: 'shared' | 'own') =>
	execFileSync(process.execPath, [fixture, mode], { encoding: 'utf8' }).trim().split('\n');

describe('fonts parsed once and words shaped once across PDFs', () => {
	it('lays out byte for byte the same PDFs as a font parsed for each document', () => {
		const own = hashes('own');
		const shared = hashes('shared');
		expect(own).toHaveLength(3);
		// The second and third documents reuse the first one's font and shaped words.
		expect(shared).toEqual(own);
	}, 60_000);
});
