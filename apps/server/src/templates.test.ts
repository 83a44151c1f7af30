import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, TemplateError } from './templates.ts';

const shipped = new URL('../../../templates/', import.meta.url);
const dirs: string[] = [];

/** A copy of the shipped templates with one specialty list of our own in place of the example. */
function templatesWith(name: string, list: unknown): string {
	const dir = mkdtempSync(join(tmpdir(), 'kollegium-templates-'));
	dirs.push(dir);
	cpSync(shipped, dir, { recursive: true });
	const specialties = join(dir, 'goals', 'specialties');
	rmSync(specialties, { recursive: true, force: true });
	mkdirSync(specialties);
	writeFileSync(join(specialties, name), JSON.stringify(list));
	return dir;
}

const list = (example: boolean) => ({
	regulation: 'SOSFS 2015:8',
	specialty: 'Allmänmedicin',
	example,
	goals: [{ code: 'c1', title: { sv: 'Exempel: ett delmål' } }]
});

afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the shipped specialty lists', () => {
	it('loads the example with its file name as id, marked as shipped', () => {
		const library = loadTemplates(templatesWith('exempel-allmanmedicin.json', list(true)));
		expect(
			library.specialtyGoals.map(({ id, shipped, example }) => ({ id, shipped, example }))
		).toEqual([{ id: 'exempel-allmanmedicin', shipped: true, example: true }]);
	});

	it('refuses to start with a shipped list that does not say it is an example', () => {
		expect(() => loadTemplates(templatesWith('allmanmedicin.json', list(false)))).toThrow(
			TemplateError
		);
	});

	it('refuses a code of the other regulation, naming the file and the field', () => {
		const wrong = { ...list(true), goals: [{ code: 'STc1', title: { sv: 'Exempel' } }] };
		expect(() => loadTemplates(templatesWith('fel.json', wrong))).toThrow(
			/fel\.json: at goals\[0\]\.code/
		);
	});
});
