import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	GoalCatalogue,
	Slug,
	SpecialtyGoals,
	Template,
	isKnownGoal,
	specialtyKey,
	type Regulation,
	type SpecialtyGoalList
} from '@kollegium/model';
import type { z } from 'zod';

export interface TemplateLibrary {
	templates: Map<string, Template>;
	catalogues: GoalCatalogue[];
	catalogueFor(regulation: Regulation): GoalCatalogue | undefined;
	/** Specialty goal lists shipped as examples (templates/goals/specialties), never official. */
	specialtyGoals: SpecialtyGoalList[];
}

/** A template or catalogue file that does not match the model: names the file and the path. */
export class TemplateError extends Error {
	override name = 'TemplateError';
}

/** Reads and validates every goal catalogue and form template; the first fault stops start-up. */
export function loadTemplates(dir: string): TemplateLibrary {
	const catalogues = readAll(join(dir, 'goals'), GoalCatalogue);
	const templates = readAll(join(dir, 'forms'), Template);
	for (const { file, value } of templates)
		checkGoals(
			file,
			value,
			catalogues.map((c) => c.value)
		);
	const byId = new Map<string, Template>();
	for (const { file, value } of templates) {
		if (byId.has(value.id)) throw new TemplateError(`${file}: id "${value.id}" is used twice`);
		byId.set(value.id, value);
	}
	const catalogueList = catalogues.map((c) => c.value);
	return {
		templates: byId,
		catalogues: catalogueList,
		catalogueFor: (regulation) => catalogueList.find((c) => c.regulation === regulation),
		specialtyGoals: loadSpecialtyGoals(join(dir, 'goals', 'specialties'))
	};
}

/**
 * The shipped specialty lists: each must say it is an example (its titles are not checked
 * against Socialstyrelsen's målbeskrivning), and one per specialty and regulation.
 */
function loadSpecialtyGoals(dir: string): SpecialtyGoalList[] {
	if (!existsSync(dir)) return [];
	const seen = new Set<string>();
	return readAll(dir, SpecialtyGoals).map(({ file, value }) => {
		if (!value.example)
			throw new TemplateError(`${file}: at example: a shipped list must be an example`);
		const key = `${value.regulation}|${specialtyKey(value.specialty)}`;
		if (seen.has(key)) throw new TemplateError(`${file}: a second list for ${value.specialty}`);
		seen.add(key);
		const id = basename(file, '.json');
		if (!Slug.safeParse(id).success)
			throw new TemplateError(`${file}: name the file in lower case letters, digits and dashes`);
		return { ...value, id, shipped: true, updatedAt: null, updatedBy: null };
	});
}

function readAll<S extends z.ZodType>(
	dir: string,
	schema: S
): { file: string; value: z.output<S> }[] {
	const files = readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort();
	return files.map((name) => {
		const file = join(dir, name);
		let data: unknown;
		try {
			data = JSON.parse(readFileSync(file, 'utf8'));
		} catch (error) {
			throw new TemplateError(`${file}: not valid JSON (${(error as Error).message})`);
		}
		const result = schema.safeParse(data);
		if (!result.success) {
			const first = result.error.issues[0];
			const path = first?.path.map((part) =>
				typeof part === 'number' ? `[${part}]` : `.${String(part)}`
			);
			throw new TemplateError(
				`${file}: at ${path?.join('').replace(/^\./, '') || '(root)'}: ${first?.message}`
			);
		}
		return { file, value: result.data };
	});
}

function checkGoals(file: string, template: Template, catalogues: GoalCatalogue[]): void {
	template.sections.forEach((section, s) =>
		section.items.forEach((item, i) =>
			item.goals.forEach((code, g) => {
				if (!catalogues.some((catalogue) => isKnownGoal(catalogue, code))) {
					throw new TemplateError(
						`${file}: at sections[${s}].items[${i}].goals[${g}]: unknown delmål "${code}"`
					);
				}
			})
		)
	);
}
