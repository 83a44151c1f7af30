import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The tables this migration reads and writes (Kysely sees camelCase). */
interface Tables {
	meetings: { kollegiumId: string; state: string; handles: string | null };
	kollegier: { id: string; status: string };
	participants: { id: string; kollegiumId: string };
}

type Stored = { participantId?: unknown; name?: unknown };

/**
 * 0019: people in a meeting are opaque handles, never participant ids. The meeting's map from
 * participant to handle is kept beside its state, on the server only, while the meeting is
 * live, so a restart keeps raised hands and the speaking order. Meetings stored before this
 * name people by participant id: a live one has every id replaced by a new handle (the map
 * keeps the real participants'); any other has its hands and speaking order emptied.
 */
export const presenceMigration: Migration = {
	async up(untyped: Kysely<unknown>) {
		const db = untyped as Kysely<Tables>;
		await db.schema.alterTable('meetings').addColumn('handles', 'text').execute();
		const rows = await db
			.selectFrom('meetings')
			.innerJoin('kollegier', 'kollegier.id', 'meetings.kollegiumId')
			.select(['meetings.kollegiumId', 'meetings.state', 'kollegier.status'])
			.execute();
		for (const row of rows) {
			const participants = await db
				.selectFrom('participants')
				.select('id')
				.where('kollegiumId', '=', row.kollegiumId)
				.execute();
			const converted = stateWithHandles({
				state: JSON.parse(row.state) as Record<string, unknown>,
				live: row.status === 'live',
				participantIds: new Set(participants.map((p) => p.id)),
				newHandle: () => randomBytes(16).toString('base64url')
			});
			await db
				.updateTable('meetings')
				.set({ state: JSON.stringify(converted.state), handles: converted.handles })
				.where('kollegiumId', '=', row.kollegiumId)
				.execute();
		}
	}
};

/** One stored meeting state with its people as handles, and the map to keep (live only). */
export function stateWithHandles(options: {
	state: Record<string, unknown>;
	live: boolean;
	participantIds: ReadonlySet<string>;
	newHandle: () => string;
}): { state: Record<string, unknown>; handles: string | null } {
	const { state, live, participantIds, newHandle } = options;
	if (!live) return { state: { ...state, hands: [], speakingOrder: null }, handles: null };
	const handles = new Map<string, string>();
	const convert = (people: unknown) =>
		(Array.isArray(people) ? (people as Stored[]) : []).map(({ participantId, name }) => {
			const id = String(participantId);
			const handle = handles.get(id) ?? newHandle();
			handles.set(id, handle);
			return { handle, name: typeof name === 'string' ? name : '' };
		});
	const hands = convert(state.hands);
	const speakingOrder = Array.isArray(state.speakingOrder) ? convert(state.speakingOrder) : null;
	const kept = [...handles].filter(([id]) => participantIds.has(id));
	return {
		state: { ...state, hands, speakingOrder },
		handles: JSON.stringify(Object.fromEntries(kept))
	};
}
