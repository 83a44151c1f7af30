import { z } from 'zod';
import type { Subject } from '../kollegium.ts';
import { respondentRole, sectionsFor, type Template } from '../template.ts';

export const StepKind = z.enum(['intro', 'followUp', 'ratings', 'comments', 'discussion']);
export type StepKind = z.infer<typeof StepKind>;

/** One step of the meeting: about one subject, and for ratings and comments one area of the form. */
export const Step = z.object({
	id: z.string(),
	kind: StepKind,
	subjectId: z.uuid(),
	sectionId: z.string().nullable()
});
export type Step = z.infer<typeof Step>;

/**
 * The meeting's agenda: per subject an introduction; the follow-up of the trainee's previous
 * plan, if they have one; per area of the form its ratings, then its comments; then
 * discussion. Derived from the form, the subjects and which of them have a previous plan, so
 * it is never stored.
 */
export function buildAgenda(options: {
	form: Template;
	subjects: readonly Subject[];
	/** Ids of the trainee subjects whose previous final plan is followed up. */
	withPreviousPlan?: ReadonlySet<string>;
}): Step[] {
	return options.subjects.flatMap((subject) => {
		const sections = sectionsFor({
			form: options.form,
			about: subject.kind,
			role: respondentRole(subject.kind)
		});
		const areaSteps = sections.flatMap((section): Step[] => {
			const steps: Step[] = [];
			if (section.items.some((item) => item.type === 'rating')) {
				steps.push(step('ratings', subject.id, section.id));
			}
			if (section.items.some((item) => item.type === 'text')) {
				steps.push(step('comments', subject.id, section.id));
			}
			return steps;
		});
		const followUp =
			subject.kind === 'trainee' && options.withPreviousPlan?.has(subject.id)
				? [step('followUp', subject.id, null)]
				: [];
		return [
			step('intro', subject.id, null),
			...followUp,
			...areaSteps,
			step('discussion', subject.id, null)
		];
	});
}

/** The subject a step is about, read from its id (`kind:subjectId[:sectionId]`). */
export function stepSubjectId(stepId: string): string | null {
	return stepId.split(':')[1] ?? null;
}

function step(kind: StepKind, subjectId: string, sectionId: string | null): Step {
	return { id: [kind, subjectId, sectionId].filter(Boolean).join(':'), kind, subjectId, sectionId };
}

/** A deterministic shuffle: the same seed gives the same order, so a reload does not reshuffle. */
export function stableShuffle<T>(items: readonly T[], seed: string): T[] {
	let state = hash(seed);
	const random = () => {
		// mulberry32: small, fast, good enough to keep a room from guessing who wrote what first.
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const result = [...items];
	for (let i = result.length - 1; i > 0; i -= 1) {
		const j = Math.floor(random() * (i + 1));
		[result[i], result[j]] = [result[j] as T, result[i] as T];
	}
	return result;
}

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}
