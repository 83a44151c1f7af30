import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogues, isMessageKey } from '@kollegium/model';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverSource = join(root, 'apps/server/src');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

const sources = sourceFiles(serverSource).map((path) => ({
	file: relative(root, path),
	text: readFileSync(path, 'utf8')
}));

/** Where the server names an error code it sends: `fail(409, 'code'`, `error: 'code'`. */
const codePatterns = [/\bfail\(\s*\d{3}\s*,\s*'(\w+)'/g, /\berror:\s*'(\w+)'/g];

/** The codes errors.ts gives an HTTPException thrown without a body (`return 'forbidden'`). */
const defaultCodePattern = /\breturn\s+'(\w+)'/g;

function codesIn(): Map<string, string> {
	const found = new Map<string, string>();
	for (const { file, text } of sources) {
		const patterns = file.endsWith('http/errors.ts')
			? [...codePatterns, defaultCodePattern]
			: codePatterns;
		for (const pattern of patterns) {
			for (const match of text.matchAll(pattern)) {
				const code = match[1] ?? '';
				if (!found.has(code)) found.set(code, file);
			}
		}
	}
	return found;
}

describe('the error codes the server sends', () => {
	const codes = codesIn();

	it('are found in the server source (the scan itself works)', () => {
		expect(codes.size).toBeGreaterThan(30);
		expect(codes.has('kollegiumNotFound')).toBe(true);
		expect(codes.has('forbidden')).toBe(true);
	});

	for (const [code, file] of codes) {
		it(`has a Swedish and an English message for ${code} (${file})`, () => {
			const key = `error.${code}`;
			expect(isMessageKey(key), `${key} is missing from the catalogue`).toBe(true);
			if (!isMessageKey(key)) return;
			expect(catalogues.sv[key].trim()).not.toBe('');
			expect(catalogues.en[key].trim()).not.toBe('');
		});
	}
});

describe('the field messages the server sends', () => {
	// A message written into the source is in one language, whoever reads it. A literal may only
	// name a validation code (`fieldIssue({ message: 'inThePast', … })`), which the catalogue says
	// in the reader's language.
	const literal = /\bmessage(?::|\s*=)\s*(['`"])((?:(?!\1).)*)\1/g;
	// `locale === 'sv' ? 'Minst …' : 'At least …'`: a catalogue of its own (a language tag is fine).
	const ownTranslation = /\blocale\s*===\s*'(?:sv|en)'\s*\?\s*(['`])(?![a-z]{2}-[A-Z]{2}\1).*/g;

	function found(pattern: RegExp, file: string, text: string): string[] {
		return Array.from(text.matchAll(pattern))
			.filter((match) => !isMessageKey(`validation.${match[2] ?? ''}`))
			.map((match) => {
				const line = text.slice(0, match.index).split('\n').length;
				return `${file}:${line}: ${match[0]}`;
			});
	}

	it('are never a literal sentence or a translation of their own in the server source', () => {
		const offenders = sources.flatMap(({ file, text }) => [
			...found(literal, file, text),
			...found(ownTranslation, file, text)
		]);
		expect(offenders).toEqual([]);
	});
});
