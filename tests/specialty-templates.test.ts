import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Slug, SpecialtyGoals, specialtyGoalListName, specialtyKey } from '@kollegium/model';

// The shipped c-delmål lists are examples of the format, never Socialstyrelsen's own words.

const dir = new URL('../templates/goals/specialties/', import.meta.url);
const files = readdirSync(dir)
	.filter((name) => name.endsWith('.json'))
	.sort()
	.map((name) => ({ name, json: JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown }));

describe('templates/goals/specialties', () => {
	it('ships at most one example specialty', () => {
		expect(files.length).toBeLessThanOrEqual(1);
	});

	for (const { name, json } of files) {
		describe(name, () => {
			const parsed = SpecialtyGoals.safeParse(json);

			it('is a valid list of c-delmål of its regulation', () => {
				expect(parsed.error?.issues ?? []).toEqual([]);
				expect(Slug.safeParse(name.replace(/\.json$/, '')).success).toBe(true);
			});

			it('says it is an example, in its name and in every title', () => {
				const list = parsed.data;
				expect(list?.example).toBe(true);
				if (!list) return;
				expect(specialtyGoalListName(list, 'sv')).toMatch(/^Exempel/);
				for (const goal of list.goals) {
					expect(goal.title.sv).toMatch(/^Exempel/);
					expect(goal.title.en ?? 'Example').toMatch(/^Example/);
				}
				expect(name).toContain(specialtyKey(list.specialty));
			});
		});
	}
});
