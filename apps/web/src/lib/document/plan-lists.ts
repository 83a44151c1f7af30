import * as Y from 'yjs';

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
