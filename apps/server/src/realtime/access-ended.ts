import type { ColleagueAccessEnded } from '../http/env.ts';

/**
 * Whether a live connection (socket.io or Yjs) belongs to the colleague or the session whose
 * access ended. A participant's connection (no colleague on it) never does.
 */
export function hasLost(
	holder: { userId: string | null; sessionHash: string | null },
	ended: ColleagueAccessEnded
): boolean {
	if (holder.userId === null) return false;
	if ('sessionHash' in ended) return holder.sessionHash === ended.sessionHash;
	return holder.userId === ended.userId && holder.sessionHash !== (ended.keepSession ?? null);
}
