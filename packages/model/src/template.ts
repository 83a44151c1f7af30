import { z } from 'zod';
import { GoalCode } from './goals.ts';
import { LocalizedText, Slug } from './text.ts';

export const KollegiumKind = z.enum(['specialistkollegium', 'st-lakarkollegium']);
export type KollegiumKind = z.infer<typeof KollegiumKind>;

/** SPUR's areas of a clinic's training (A–H); ST-läkarkollegium items map onto them. */
export const SpurArea = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
export type SpurArea = z.infer<typeof SpurArea>;

/** What a section of a form is about: the trainee, the clinic or one supervisor. */
export const SubjectKind = z.enum(['trainee', 'clinic', 'supervisor']);
export type SubjectKind = z.infer<typeof SubjectKind>;

/** Who sees an item: everyone, only assessors, or only the trainee's self-assessment. */
export const ItemAudience = z.enum(['all', 'assessor', 'self']);
export type ItemAudience = z.infer<typeof ItemAudience>;

export const ScaleStep = z.object({
	value: z.int().min(0).max(10),
	label: LocalizedText
});

/** A named rating scale; `cannotAssess` adds the "kan ej bedöma" answer. */
export const Scale = z.object({
	id: Slug,
	label: LocalizedText,
	steps: z.array(ScaleStep).min(2).max(10),
	cannotAssess: z.boolean()
});
export type Scale = z.infer<typeof Scale>;

const itemBase = {
	id: Slug,
	text: LocalizedText,
	/** The wording of the item in the trainee's self-assessment, when it differs. */
	selfText: LocalizedText.optional(),
	help: LocalizedText.optional(),
	goals: z.array(GoalCode).default([]),
	spur: SpurArea.optional(),
	audience: ItemAudience.default('all'),
	required: z.boolean().default(false)
};

export const RatingItem = z.object({ ...itemBase, type: z.literal('rating'), scale: Slug });
export const TextItem = z.object({
	...itemBase,
	type: z.literal('text'),
	maxLength: z.int().min(10).max(5000).default(2000),
	/** Lets later steps find the strengths and development comments. */
	purpose: z.enum(['strengths', 'development', 'comment']).default('comment')
});
export const ChoiceOption = z.object({ value: Slug, label: LocalizedText });
export const ChoiceItem = z.object({
	...itemBase,
	type: z.literal('choice'),
	options: z.array(ChoiceOption).min(2).max(12),
	/** `familiarity`: how much the assessor has worked with the trainee lately. */
	purpose: z.enum(['familiarity', 'other']).default('other')
});
export const Item = z.discriminatedUnion('type', [RatingItem, TextItem, ChoiceItem]);
export type Item = z.infer<typeof Item>;
export type RatingItem = z.infer<typeof RatingItem>;
export type TextItem = z.infer<typeof TextItem>;
export type ChoiceItem = z.infer<typeof ChoiceItem>;

export const Section = z.object({
	id: Slug,
	title: LocalizedText,
	description: LocalizedText.optional(),
	about: SubjectKind,
	items: z.array(Item).min(1)
});
export type Section = z.infer<typeof Section>;

const TemplateShape = z.object({
	id: Slug,
	version: z.int().min(1),
	kind: KollegiumKind,
	title: LocalizedText,
	description: LocalizedText.optional(),
	scales: z.array(Scale).default([]),
	sections: z.array(Section).min(1)
});

/** A form template, or the snapshot of one stored with a kollegium. */
export const Template = TemplateShape.superRefine((template, ctx) => {
	const allowed: SubjectKind[] =
		template.kind === 'specialistkollegium' ? ['trainee'] : ['clinic', 'supervisor']; // see subjectKindsOf
	const itemIds = new Set<string>();
	const scaleIds = new Set(template.scales.map((scale) => scale.id));
	const sectionIds = new Set<string>();
	template.sections.forEach((section, s) => {
		if (sectionIds.has(section.id)) {
			ctx.addIssue({
				code: 'custom',
				path: ['sections', s, 'id'],
				message: 'Duplicate section id'
			});
		}
		sectionIds.add(section.id);
		if (!allowed.includes(section.about)) {
			ctx.addIssue({
				code: 'custom',
				path: ['sections', s, 'about'],
				message: `A ${template.kind} section cannot be about "${section.about}"`
			});
		}
		section.items.forEach((item, i) => {
			const path = ['sections', s, 'items', i];
			if (itemIds.has(item.id)) {
				ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: 'Duplicate item id' });
			}
			itemIds.add(item.id);
			if (item.type === 'rating' && !scaleIds.has(item.scale)) {
				ctx.addIssue({ code: 'custom', path: [...path, 'scale'], message: 'Unknown scale' });
			}
		});
	});
});
export type Template = z.infer<typeof Template>;

/** The role in which someone fills a form about a subject. */
export const FormRole = z.enum(['assessor', 'self', 'trainee']);
export type FormRole = z.infer<typeof FormRole>;

/** The role in which the people answering about a kind of subject fill its form. */
export function respondentRole(about: SubjectKind): FormRole {
	return about === 'trainee' ? 'assessor' : 'trainee';
}

/** The sections and items one respondent sees for one subject, in form order. */
export function sectionsFor(options: {
	form: Template;
	about: SubjectKind;
	role: FormRole;
}): Section[] {
	const { form, about, role } = options;
	return form.sections
		.filter((section) => section.about === about)
		.map((section) => ({
			...section,
			items: section.items.filter((item) => isForRole(item.audience, role))
		}))
		.filter((section) => section.items.length > 0);
}

function isForRole(audience: ItemAudience, role: FormRole): boolean {
	switch (audience) {
		case 'all':
			return true;
		case 'assessor':
			return role === 'assessor';
		case 'self':
			return role === 'self';
	}
}

/** Every item of a form, flattened. */
export function itemsOf(sections: readonly Section[]): Item[] {
	return sections.flatMap((section) => section.items);
}

/** Looks a scale up by id; templates are validated, so a miss is a programming error. */
export function scaleOf(form: Template, item: RatingItem): Scale {
	const scale = form.scales.find((candidate) => candidate.id === item.scale);
	if (!scale) throw new Error(`Scale ${item.scale} missing from form ${form.id}`);
	return scale;
}
