import type {
	ActionPlan,
	DevelopmentPlan,
	ImprovementRow,
	PlanActivity,
	PlanGoal
} from '@kollegium/model';
import * as Y from 'yjs';

/**
 * A list entry as the shared document holds it: its id, and the plan's fields as far as the
 * room has written them. Marking final checks them with the model's schema.
 */
export type Entry<T> = { id: string } & Partial<T>;
export type ActivityEntry = Entry<PlanActivity>;
/** A development plan's goal, its activities nested as entries of their own. */
export type GoalEntry = Entry<Omit<PlanGoal, 'activities'>> & { activities?: ActivityEntry[] };
/** A row of the clinic's handlingsplan. */
export type RowEntry = Entry<ImprovementRow>;
/**
 * The scalar fields of a subject's plan map (`planMapName`): the development plan's, and the
 * åtgärdsplan's under their document names, its lists as text with one entry per line.
 */
export type PlanScalars = Partial<
	Pick<DevelopmentPlan, 'nextFollowUp' | 'atRisk'> &
		Pick<ActionPlan, 'timePlan'> & {
			problemAreas: string;
			supportMeasures: string;
			actionFollowUpDate: ActionPlan['followUpDate'];
			/** Ticked or not; a final åtgärdsplan requires it ticked. */
			studierektorInformed: boolean;
		}
>;

/**
 * Adding and removing the maps of a plan's lists (goals, their activities, handlingsplan rows).
 * A new entry is made whole in one transaction, nested lists included, so no two editors can
 * each create "the" activity list of the same goal.
 */
export function addEntry(
	list: Y.Array<Y.Map<unknown>>,
	fields: Record<string, unknown>,
	nested: string[] = []
): void {
	const entry = new Y.Map<unknown>();
	entry.set('id', crypto.randomUUID());
	for (const [key, value] of Object.entries(fields)) entry.set(key, value);
	for (const key of nested) entry.set(key, new Y.Array<Y.Map<unknown>>());
	list.push([entry]);
}

/** Removes the entry with this id, wherever concurrent edits have moved it. */
export function removeEntry(list: Y.Array<Y.Map<unknown>>, id: string): void {
	const index = list.toArray().findIndex((entry) => entry.get('id') === id);
	if (index >= 0) list.delete(index, 1);
}

export function entryOf(list: Y.Array<Y.Map<unknown>>, id: string): Y.Map<unknown> | undefined {
	return list.toArray().find((entry) => entry.get('id') === id);
}
