import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	GoalCatalogue,
	isKnownGoal,
	itemsOf,
	KollegiumKind,
	Regulation,
	Template,
	type Item
} from '@kollegium/model';

/** One shipped JSON file, as read from disk and before any schema has looked at it. */
interface Shipped {
	file: string;
	name: string;
	json: unknown;
}

function load(folder: 'forms' | 'goals'): Shipped[] {
	const dir = new URL(`../templates/${folder}/`, import.meta.url);
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = `${folder}/${name}`;
			const text = readFileSync(new URL(name, dir), 'utf8');
			try {
				return { file, name, json: JSON.parse(text) as unknown };
			} catch (error) {
				throw new Error(`templates/${file} is not valid JSON`, { cause: error });
			}
		});
}

const formFiles = load('forms');
const goalFiles = load('goals');

const catalogues = goalFiles.flatMap(({ json }) => {
	const result = GoalCatalogue.safeParse(json);
	return result.success ? [result.data] : [];
});

function kindOf(json: unknown): unknown {
	return typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
}

function formsOfKind(kind: KollegiumKind): Shipped[] {
	return formFiles.filter(({ json }) => kindOf(json) === kind);
}

/** Every object with an `sv` key is a LocalizedText; returns each one's path and value. */
function localizedTexts(
	value: unknown,
	path = '$'
): { path: string; text: Record<string, unknown> }[] {
	if (Array.isArray(value)) {
		return value.flatMap((entry, index) => localizedTexts(entry, `${path}[${index}]`));
	}
	if (typeof value !== 'object' || value === null) return [];
	const record = value as Record<string, unknown>;
	if ('sv' in record) return [{ path, text: record }];
	return Object.entries(record).flatMap(([key, entry]) => localizedTexts(entry, `${path}.${key}`));
}

function itemIds(items: readonly Item[]): string[] {
	return items.map((item) => item.id);
}

describe('shipped goal catalogues', () => {
	it.each(goalFiles)('$file parses with the model schema', ({ json }) => {
		const result = GoalCatalogue.safeParse(json);
		expect(result.error?.issues ?? []).toEqual([]);
	});

	it.each(goalFiles)('$file is named after its id', ({ name, json }) => {
		expect(GoalCatalogue.parse(json).id).toBe(name.replace(/\.json$/, ''));
	});

	it.each(Regulation.options)('ships a goal catalogue for %s', (regulation) => {
		expect(catalogues.map((catalogue) => catalogue.regulation)).toContain(regulation);
	});
});

describe('shipped form templates', () => {
	it.each(formFiles)('$file parses with the model schema', ({ json }) => {
		const result = Template.safeParse(json);
		expect(result.error?.issues ?? []).toEqual([]);
	});

	it.each(formFiles)('$file is named after its id', ({ name, json }) => {
		expect(Template.parse(json).id).toBe(name.replace(/\.json$/, ''));
	});

	it.each(formFiles)('$file only uses goal codes that exist in a catalogue', ({ json }) => {
		const unknown = itemsOf(Template.parse(json).sections)
			.flatMap((item) => item.goals.map((code) => ({ item: item.id, code })))
			.filter(({ code }) => !catalogues.some((catalogue) => isKnownGoal(catalogue, code)));
		expect(catalogues.length).toBeGreaterThan(0);
		expect(unknown).toEqual([]);
	});

	it.each(KollegiumKind.options)(
		'ships at least one %s template, each offering a "cannot assess" answer',
		(kind) => {
			const forms = formsOfKind(kind).map(({ json }) => Template.parse(json));
			expect(forms.length).toBeGreaterThan(0);
			for (const form of forms) {
				expect(
					form.scales.some((scale) => scale.cannotAssess),
					form.id
				).toBe(true);
			}
		}
	);
});

describe('shipped texts', () => {
	it.each([...goalFiles, ...formFiles])(
		'$file has an English translation of every text',
		({ json }) => {
			const texts = localizedTexts(json);
			const missing = texts
				.filter(({ text }) => typeof text.en !== 'string' || text.en.trim() === '')
				.map(({ path }) => path);
			expect(texts.length).toBeGreaterThan(0);
			expect(missing).toEqual([]);
		}
	);
});

describe.each(formsOfKind('specialistkollegium'))(
	'the specialistkollegium form $file',
	({ json }) => {
		// Parsed per test, so a template that does not parse fails its tests instead of the file.
		const items = (): Item[] => itemsOf(Template.parse(json).sections);

		it('asks each assessor how much they have worked with the trainee', () => {
			const familiarity = items().filter(
				(item) => item.type === 'choice' && item.purpose === 'familiarity'
			);
			expect(familiarity).toHaveLength(1);
			expect(familiarity[0]).toMatchObject({ audience: 'assessor', required: true });
		});

		it('asks for strengths and development areas in free text', () => {
			const purposes = items().flatMap((item) => (item.type === 'text' ? [item.purpose] : []));
			expect(purposes).toContain('strengths');
			expect(purposes).toContain('development');
		});

		it('words every rating and free-text item for the self-assessment too', () => {
			const all = items();
			const withoutSelfText = all
				.filter((item) => item.type !== 'choice' && item.audience !== 'assessor' && !item.selfText)
				.map((item) => item.id);
			expect(all.some((item) => item.type === 'rating')).toBe(true);
			expect(withoutSelfText).toEqual([]);
		});

		it('links goal-tagged items to a goal of every regulation, whichever one the trainee follows', () => {
			const tagged = items().filter((item) => item.goals.length > 0);
			const oneSided = tagged
				.filter(
					(item) =>
						!catalogues.every((catalogue) =>
							item.goals.some((code) => isKnownGoal(catalogue, code))
						)
				)
				.map((item) => item.id);
			expect(tagged.length).toBeGreaterThan(0);
			expect(oneSided).toEqual([]);
		});
	}
);

describe('the surgical specialistkollegium form', () => {
	it('asks everything the general form asks, plus operative items', () => {
		const general = formFiles.find(({ name }) => name === 'specialistkollegium-allman.json');
		const surgical = formFiles.find(({ name }) => name === 'specialistkollegium-kirurgi.json');
		expect(general).toBeDefined();
		expect(surgical).toBeDefined();
		const generalItems = itemsOf(Template.parse(general?.json).sections);
		const surgicalItems = itemsOf(Template.parse(surgical?.json).sections);
		expect(surgicalItems).toEqual(expect.arrayContaining(generalItems));
		expect(surgicalItems.length).toBeGreaterThan(generalItems.length);
		expect(itemIds(surgicalItems)).toContain('op-teknik');
	});
});

describe.each(formsOfKind('st-lakarkollegium'))('the ST-läkarkollegium form $file', ({ json }) => {
	const form = (): Template => Template.parse(json);
	const items = (): Item[] => itemsOf(form().sections);

	it('tags every item with a SPUR area, so results feed the clinic self-assessment', () => {
		const all = items();
		const untagged = all.filter((item) => !item.spur).map((item) => item.id);
		expect(all.length).toBeGreaterThan(0);
		expect(untagged).toEqual([]);
	});

	it('has at least one section about an individual supervisor', () => {
		expect(
			form().sections.filter((section) => section.about === 'supervisor').length
		).toBeGreaterThan(0);
	});

	it('asks the clinic what works well and what should improve in free text', () => {
		const purposes = form()
			.sections.filter((section) => section.about === 'clinic')
			.flatMap((section) => section.items)
			.flatMap((item) => (item.type === 'text' ? [item.purpose] : []));
		expect(purposes).toContain('strengths');
		expect(purposes).toContain('development');
	});

	it('has no self-assessment wording, since trainees answer about others', () => {
		expect(
			items()
				.filter((item) => item.selfText)
				.map((item) => item.id)
		).toEqual([]);
	});
});
