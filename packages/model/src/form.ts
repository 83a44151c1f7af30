import { z } from 'zod';
import { GoalCode } from './goals.ts';
import { localizedMessage } from './messages/index.ts';
import {
	SubjectKind,
	type Item,
	type KollegiumKind,
	type Section,
	type Template
} from './template.ts';
import type { LocalizedText } from './text.ts';

/** The subject kinds a kind of kollegium has sections about. */
export function subjectKindsOf(kind: KollegiumKind): SubjectKind[] {
	return kind === 'specialistkollegium' ? ['trainee'] : ['clinic', 'supervisor'];
}

/** A question the facilitator adds to one kollegium's form. */
export const CustomItem = z.object({
	type: z.enum(['rating', 'text']),
	text: z.string().trim().min(3).max(300),
	about: SubjectKind.default('trainee')
});
export type CustomItem = z.infer<typeof CustomItem>;

export const FocusGoals = z.array(GoalCode).max(40).default([]);

const customSectionTitle = localizedMessage('form.customSection');

/**
 * The form stored with a kollegium: the template as it is today plus the facilitator's own
 * questions. A snapshot, so later template edits never change a past meeting.
 */
export function buildFormSnapshot(options: {
	template: Template;
	customItems: readonly CustomItem[];
}): Template {
	const { template, customItems } = options;
	const kinds = [...new Set(customItems.map((item) => item.about))];
	const extra: Section[] = kinds.map((about) => ({
		id: `egna-fragor-${about}`,
		title: customSectionTitle,
		about,
		items: customItems
			.map((item, index) => ({ item, index }))
			.filter(({ item }) => item.about === about)
			.map(({ item, index }) => customToItem(template, item, index))
	}));
	const copy = structuredClone(template);
	return { ...copy, sections: [...copy.sections, ...extra] };
}

function customToItem(template: Template, item: CustomItem, index: number): Item {
	const common = {
		id: `egen-${index + 1}`,
		text: { sv: item.text },
		goals: [],
		audience: 'all' as const,
		required: false
	};
	const scale = template.scales[0];
	if (item.type === 'rating' && scale) {
		return { ...common, type: 'rating', scale: scale.id };
	}
	return { ...common, type: 'text', maxLength: 2000, purpose: 'comment' };
}

/**
 * A section's help texts, each said once: a text several of its items share is shown once under
 * the section's heading, in order of first use; a text only one item has stays with that item.
 */
export function sectionHelp(items: readonly { id: string; help?: LocalizedText | undefined }[]): {
	shared: LocalizedText[];
	perItem: Map<string, LocalizedText>;
} {
	const uses = new Map<string, { help: LocalizedText; ids: string[] }>();
	for (const item of items) {
		if (!item.help) continue;
		const key = JSON.stringify([item.help.sv, item.help.en ?? null]);
		const entry = uses.get(key) ?? { help: item.help, ids: [] };
		entry.ids.push(item.id);
		uses.set(key, entry);
	}
	const shared: LocalizedText[] = [];
	const perItem = new Map<string, LocalizedText>();
	for (const { help, ids } of uses.values()) {
		if (ids.length > 1) shared.push(help);
		else if (ids[0] !== undefined) perItem.set(ids[0], help);
	}
	return { shared, perItem };
}
