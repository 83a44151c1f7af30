import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBatch, runFamily, type Family } from '../hostile/batch.ts';
import { families, type FamilyName } from '../hostile/families.ts';
import { sweep, type HttpTarget } from '../hostile/http-inputs.ts';
import { unequalInvitationAnswers } from '../hostile/invitations.ts';
import { ServerProcess } from '../hostile/process.ts';
import { Tally } from '../hostile/tally.ts';
import { World } from '../hostile/world.ts';
import { truncations } from '../hostile/yjs-inputs.ts';

// The server process as `npm start` runs it, fed hostile input from every side: malformed
// bodies on every route of the OpenAPI document, socket.io events with and without acks and raw
// engine.io packets, broken Yjs messages, and hand-written websocket frames. After every batch
// it must still be running, answer /healthz, have written nothing, and carry a meeting step to
// a participant. Inputs come from fast-check with a fixed seed (HOSTILE_SEED to change it).
const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_601);

/** Batches per family and inputs per batch: sized so the whole file stays well under 60 s. */
const sizes: Record<FamilyName, { batches: number; size: number }> = {
	http: { batches: 30, size: 60 },
	'cross-origin': { batches: 2, size: 30 },
	'socket.io': { batches: 6, size: 50 },
	'engine.io': { batches: 4, size: 50 },
	yjs: { batches: 6, size: 50 },
	'raw frames': { batches: 6, size: 50 }
};

describe('the server process under hostile network input', { timeout: 30_000 }, () => {
	let server: ServerProcess;
	let world: World;
	let all: Record<FamilyName, Family<any>>;
	let target: HttpTarget;

	beforeAll(async () => {
		// A link expires with its meeting when there is no grace period: the expired link compared below.
		server = await ServerProcess.start({ env: { INVITATION_GRACE_DAYS: '0' } });
		world = await World.create(server);
		({ all, target } = await families(world));
	}, 60_000);
	beforeEach(async () => {
		// A family that killed the process is reported by its own test, not by every one after it.
		if (server && !server.alive()) {
			await server.restart();
			await world.reconnect();
		}
	});
	afterAll(() => {
		world?.close();
		server?.dispose();
	});

	/** Runs a family's batches; the failures, with the seed to send the same inputs again. */
	async function attack(name: FamilyName) {
		const tally = new Tally();
		const details = await runFamily({ world, tally }, all[name], {
			seed: SEED,
			...sizes[name],
			stop: true
		});
		const heading = `HOSTILE_SEED=${details.seed}: ${tally.inputs} ${name} inputs in ${tally.batches} batches`;
		if (details.failed) console.error(`${heading}\n${tally.describe()}`);
		return { tally, heading };
	}

	const failuresOf = (tally: Tally) =>
		tally.failures.map((f) => `[${f.kind}] ${f.what} — ${f.input ?? ''}`);

	it('answers every malformed request on every route with a 4xx and writes nothing', async () => {
		const { tally, heading } = await attack('http');
		expect(failuresOf(tally), heading).toEqual([]);
		expect(tally.inputs).toBeGreaterThan(0);
	});

	it('answers each kind of malformed body on each JSON route with a 4xx, signed in', async () => {
		const tally = new Tally();
		const inputs = sweep(target);
		await runBatch({ world, tally }, all.http, inputs);
		expect(failuresOf(tally), `${inputs.length} requests`).toEqual([]);
		expect(inputs.length).toBeGreaterThan(50);
	});

	it('refuses cookie-authenticated changes without a same-origin Origin with 403', async () => {
		const { tally, heading } = await attack('cross-origin');
		expect(failuresOf(tally), heading).toEqual([]);
	});

	it('answers unknown, revoked and expired invitation links alike', async () => {
		expect(world.invitations.expired, 'an expired link to compare').not.toBe('');
		expect(await unequalInvitationAnswers(world)).toEqual([]);
	});

	it('answers malformed socket.io events, with or without an ack, and keeps the meeting going', async () => {
		const { tally, heading } = await attack('socket.io');
		expect(failuresOf(tally), heading).toEqual([]);
	});

	it('survives raw engine.io garbage on the socket.io websocket', async () => {
		const { tally, heading } = await attack('engine.io');
		expect(failuresOf(tally), heading).toEqual([]);
	});

	it('closes only the Yjs connection that sends a broken message, and refuses the uninvited', async () => {
		const { tally, heading } = await attack('yjs');
		expect(failuresOf(tally), heading).toEqual([]);
	});

	it('stores nothing from any truncation of a sync, update or awareness message', async () => {
		const tally = new Tally();
		const inputs = truncations(SEED);
		await runBatch({ world, tally }, all.yjs, inputs);
		expect(failuresOf(tally), `${inputs.length} truncated messages`).toEqual([]);
		expect(inputs.length).toBeGreaterThan(20);
	});

	it('survives hand-written websocket frames, half-open upgrades and garbage before the request', async () => {
		const { tally, heading } = await attack('raw frames');
		expect(failuresOf(tally), heading).toEqual([]);
	});

	it('stops cleanly on SIGTERM after all of it', async () => {
		world.close();
		expect(server.alive()).toBe(true);
		expect(await server.stop()).toEqual({ code: 0, signal: null });
	});
});
