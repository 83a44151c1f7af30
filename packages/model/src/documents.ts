import type { z } from 'zod';
import { DevelopmentPlan, ImprovementPlan } from './plans.ts';
import { SpurArea, type SubjectKind } from './template.ts';

/**
 * The shared discussion document's structure, one Yjs document per kollegium. Everything hangs
 * off top-level names, which Yjs never lets two editors create twice, so two people starting the
 * same subject's plan at once cannot overwrite each other:
 * - `plan:<subjectId>`, a map with the scalar fields of that subject's plan: `nextFollowUp`,
 *   `atRisk`, and the åtgärdsplan's `problemAreas` and `supportMeasures` (one per line),
 *   `timePlan`, `actionFollowUpDate` and `studierektorInformed`;
 * - `goals:<subjectId>`, an array of maps, one per goal of a development plan, each with its
 *   `activities` as an array of maps made in the same transaction as the goal;
 * - `rows:<subjectId>`, an array of maps, the rows of the clinic's handlingsplan;
 * - `<subjectId>:<field>`, rich-text fragments for what the room writes as prose: the discussion
 *   summary, strengths and development areas (one per line or bullet), and for the clinic a
 *   summary per SPUR area.
 */
export function planMapName(subjectId: string): string {
	return `plan:${subjectId}`;
}

/** The Yjs name of a subject's list of plan goals or handlingsplan rows. */
export function planListName(subjectId: string, list: 'goals' | 'rows'): string {
	return `${list}:${subjectId}`;
}

export type TextField = 'summary' | 'strengths' | 'development' | `spur-${SpurArea}`;

/** The rich-text fields the document holds for a subject of this kind. */
export function textFieldsFor(kind: SubjectKind): TextField[] {
	switch (kind) {
		case 'trainee':
			return ['summary', 'strengths', 'development'];
		case 'clinic':
			return SpurArea.options.map((area) => `spur-${area}` as const);
		case 'supervisor':
			return ['summary'];
	}
}

/** The Yjs name of one subject's rich-text field. */
export function fragmentName(subjectId: string, field: TextField): string {
	return `${subjectId}:${field}`;
}

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

type Raw = Record<string, unknown>;
const record = (value: unknown): Raw =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A multi-line field as the schema's list: one entry per non-empty line. */
const lines = (value: unknown): string[] =>
	Array.isArray(value)
		? value.map(text)
		: text(value)
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean);

/**
 * What a plan looks like to its schema, read from the document: the structured map's known
 * fields (ids and anything else the editor keeps are left out) and the rich-text fields as lines.
 * Field names and list positions are kept, so a validation issue's path points at the field the
 * editor shows.
 */
export function planInputFromDocument(
	kind: SubjectKind,
	structured: unknown,
	texts: Partial<Record<TextField, string[]>>
): unknown {
	const raw = record(structured);
	if (kind === 'clinic') {
		const summaries: Partial<Record<SpurArea, string>> = {};
		for (const area of SpurArea.options) {
			const written = (texts[`spur-${area}`] ?? []).join('\n').trim();
			if (written) summaries[area] = written;
		}
		return {
			summaries,
			rows: list(raw.rows).map((value) => {
				const row = record(value);
				return {
					area: row.area,
					action: text(row.action),
					dueDate: text(row.dueDate),
					owner: text(row.owner),
					followUpDate: text(row.followUpDate),
					followUpBy: text(row.followUpBy)
				};
			})
		};
	}
	const atRisk = raw.atRisk === true;
	return {
		summary: (texts.summary ?? []).join('\n').trim(),
		strengths: texts.strengths ?? [],
		developmentAreas: texts.development ?? [],
		goals: list(raw.goals).map((value) => {
			const goal = record(value);
			return {
				description: text(goal.description),
				goals: list(goal.goals).map(text),
				activities: list(goal.activities).map((entry) => {
					const activity = record(entry);
					const kind = text(activity.kind) || 'other';
					return {
						kind,
						description: text(activity.description),
						instrument: kind === 'assessment' ? (activity.instrument ?? null) : null
					};
				}),
				responsible: text(goal.responsible),
				dueDate: text(goal.dueDate),
				followUp: text(goal.followUp)
			};
		}),
		nextFollowUp: text(raw.nextFollowUp),
		atRisk,
		actionPlan: atRisk
			? {
					problemAreas: lines(raw.problemAreas),
					supportMeasures: lines(raw.supportMeasures),
					timePlan: text(raw.timePlan),
					followUpDate: text(raw.actionFollowUpDate),
					studierektorInformed: raw.studierektorInformed === true
				}
			: null
	};
}
