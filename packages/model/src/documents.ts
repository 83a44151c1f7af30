import type { z } from 'zod';
import { DevelopmentPlan, ImprovementPlan } from './plans.ts';
import type { SubjectKind } from './template.ts';

/**
 * The shared discussion document's structure: a Yjs map named `plans`, keyed by subject id,
 * each value a map whose plain JSON is that subject's plan (a development plan for a trainee,
 * the SPUR handlingsplan under the clinic of an ST-läkarkollegium).
 */
export const PLANS_MAP = 'plans';

/** The schema a subject's plan is validated with when marked final; null if it has none. */
export function planSchemaFor(kind: SubjectKind): z.ZodType | null {
	switch (kind) {
		case 'trainee':
			return DevelopmentPlan;
		case 'clinic':
			return ImprovementPlan;
		case 'supervisor':
			return null;
	}
}
