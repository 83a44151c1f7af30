import { z } from 'zod';
import { LocalizedText, Slug } from './text.ts';

/** The regulations trainees follow; many still follow the older SOSFS 2015:8. */
export const Regulation = z.enum(['HSLF-FS 2021:8', 'SOSFS 2015:8']);
export type Regulation = z.infer<typeof Regulation>;

/** A delmål code such as STa1 (HSLF-FS 2021:8) or a1 (SOSFS 2015:8). */
export const GoalCode = z.string().regex(/^(ST)?[abc]\d{1,2}$/, 'Not a delmål code');
export type GoalCode = z.infer<typeof GoalCode>;

export const Goal = z.object({
	code: GoalCode,
	title: LocalizedText
});
export type Goal = z.infer<typeof Goal>;

/** One regulation's delmål, kept as data in templates/goals. */
export const GoalCatalogue = z
	.object({
		id: Slug,
		regulation: Regulation,
		title: LocalizedText,
		goals: z.array(Goal).min(1),
		/** Specialty-specific goals (c) differ per specialty; codes matching this are accepted. */
		specialtyGoalPattern: z.string().min(1)
	})
	.superRefine((catalogue, ctx) => {
		const seen = new Set<string>();
		catalogue.goals.forEach((goal, index) => {
			if (seen.has(goal.code)) {
				ctx.addIssue({ code: 'custom', path: ['goals', index, 'code'], message: 'Duplicate code' });
			}
			seen.add(goal.code);
		});
	});
export type GoalCatalogue = z.infer<typeof GoalCatalogue>;

/** Whether a code names a goal of the catalogue, a listed one or a specialty-specific one. */
export function isKnownGoal(catalogue: GoalCatalogue, code: string): boolean {
	return (
		catalogue.goals.some((goal) => goal.code === code) ||
		new RegExp(catalogue.specialtyGoalPattern).test(code)
	);
}
