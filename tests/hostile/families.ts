import type { Family } from './batch.ts';
import { engineFamily, engineInput } from './engine.ts';
import { rawInput } from './frames.ts';
import { crossOriginInput } from './cross-origin.ts';
import { httpInput, type HttpTarget } from './http-inputs.ts';
import { httpFamily } from './http-send.ts';
import { loadOperations, type Operation } from './openapi.ts';
import { rawFamily } from './raw-send.ts';
import { socketInput, type SocketInput } from './socket-inputs.ts';
import { socketFamily } from './socket-send.ts';
import type { World } from './world.ts';
import { yjsInput } from './yjs-inputs.ts';
import { yjsFamily } from './yjs-send.ts';

export type FamilyName = 'http' | 'cross-origin' | 'socket.io' | 'engine.io' | 'yjs' | 'raw frames';

/**
 * Every family of hostile inputs aimed at one world, the same for `npm test` and `npm run
 * fuzz`: the API's routes as its OpenAPI document lists them, socket.io above and below the
 * client library, the Yjs endpoint, and hand-written websocket frames.
 */
export async function families(
	world: World
): Promise<{ all: Record<FamilyName, Family<any>>; target: HttpTarget }> {
	const { url } = world.server;
	const { target, victim } = targets(world, await loadOperations(url));
	const kollegiumIds = [world.liveId, world.victimId];
	const events = socketInput(kollegiumIds).filter(
		(input): input is SocketInput => input.kind === 'event'
	);
	const all = {
		http: httpFamily('http', url, httpInput(target)),
		'cross-origin': httpFamily('cross-origin', url, crossOriginInput(victim)),
		'socket.io': socketFamily(world, socketInput(kollegiumIds)),
		'engine.io': engineFamily(world, engineInput(events)),
		yjs: yjsFamily(world, yjsInput()),
		'raw frames': rawFamily(world, rawInput)
	};
	return { all, target };
}

/**
 * What HTTP inputs aim at: the live kollegium with the main session and Karin's link, and,
 * for cross-origin requests, the victim kollegium with the second session.
 */
function targets(world: World, operations: Operation[]) {
	const { invitations } = world;
	const target: HttpTarget = {
		url: world.server.url,
		operations,
		ids: world.ids,
		cookie: world.facilitator.cookieHeader,
		invitation: invitations.karin,
		deadInvitations: [invitations.revoked, invitations.expired, 'A'.repeat(43)].filter(Boolean)
	};
	const victim: HttpTarget = { ...target, ids: world.victimIds, cookie: world.victim.cookieHeader };
	return { target, victim };
}
