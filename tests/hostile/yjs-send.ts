import type fc from 'fast-check';
import WebSocket from 'ws';
import type { Family } from './batch.ts';
import { classOf, type Outcome } from './tally.ts';
import type { World } from './world.ts';
import { asksForState, halfApplies, writers, type YjsInput } from './yjs-inputs.ts';

const WAIT_MS = 5000;
/** A sync step 1 with an empty state vector: the server answers it, after everything before it. */
const PROBE = Uint8Array.of(0, 0, 1, 0);

/** A single-use ticket for Peter's invitation, as the participant's page fetches one. */
async function ticket(world: World): Promise<string> {
	const response = await fetch(`${world.server.url}/api/respond/document-ticket`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${world.invitations.peter}` }
	});
	const body = (await response.json().catch(() => null)) as { ticket?: string } | null;
	return body?.ticket ?? `no-ticket-${response.status}`;
}

/** Opens a connection once and closes it, so its ticket is spent. */
async function spent(world: World): Promise<string> {
	const used = await ticket(world);
	const ws = new WebSocket(
		`${world.server.url.replace('http', 'ws')}/yjs/${world.liveId}?ticket=${used}`
	);
	ws.on('error', () => undefined);
	await new Promise((resolve) => {
		ws.once('open', resolve);
		ws.once('close', resolve);
	});
	ws.terminate();
	return used;
}

async function address(
	world: World,
	input: YjsInput
): Promise<{ url: string; headers: Record<string, string> }> {
	const base = `${world.server.url.replace('http', 'ws')}/yjs`;
	const cookie = { cookie: world.facilitator.cookieHeader };
	switch (input.target) {
		case 'session':
			return { url: `${base}/${world.liveId}`, headers: cookie };
		case 'ticket':
			return { url: `${base}/${world.liveId}?ticket=${await ticket(world)}`, headers: {} };
		case 'anonymous':
			return { url: `${base}/${world.liveId}`, headers: {} };
		case 'unknown-kollegium':
			return { url: `${base}/${crypto.randomUUID()}`, headers: cookie };
		case 'invitation-in-url':
			return { url: `${base}/${world.liveId}?invitation=${world.invitations.karin}`, headers: {} };
		case 'junk-ticket':
			return { url: `${base}/${world.liveId}?ticket=${'A'.repeat(43)}&ticket=`, headers: {} };
		case 'spent-ticket':
			return { url: `${base}/${world.liveId}?ticket=${await spent(world)}`, headers: {} };
		case 'foreign-origin':
			return {
				url: `${base}/${world.liveId}`,
				headers: { ...cookie, origin: 'http://evil.example' }
			};
	}
}

const hex = (data: Uint8Array) =>
	Buffer.from(data.subarray(0, 48)).toString('hex') +
	(data.length > 48 ? `…(${data.length} B)` : '');

const describeInput = (input: YjsInput) =>
	`yjs ${input.target} messages=[${input.messages.map(hex).join(', ')}]`;

/**
 * Sends the messages, then a probe: a connection that may write must answer the probe (or
 * close, for a malformed message); a refused one must close with 4403 and send nothing first.
 */
export async function sendYjs(world: World, input: YjsInput): Promise<Outcome> {
	const { url, headers } = await address(world, input);
	const described = describeInput(input);
	const writer = writers.has(input.target);
	const expectedReplies = 1 + input.messages.filter(asksForState).length;
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers, handshakeTimeout: WAIT_MS });
		let replies = 0;
		let dataBeforeClose = false;
		const timer = setTimeout(
			() => finish('none', `no answer within ${WAIT_MS} ms`, 'hung'),
			WAIT_MS
		);
		const finish = (status: Outcome['status'], answer: string, failure?: string) => {
			clearTimeout(timer);
			ws.removeAllListeners();
			ws.on('error', () => undefined);
			ws.terminate();
			resolve({ group: 'yjs', status, input: described, answer, ...(failure ? { failure } : {}) });
		};
		ws.on('open', () => {
			for (const m of input.messages) ws.send(m);
			ws.send(PROBE);
		});
		ws.on('message', (data: Buffer) => {
			dataBeforeClose = true;
			if (data[0] === 0 && data[1] === 1) replies += 1;
			if (writer && replies >= expectedReplies) finish('none', 'answered the probe');
			if (!writer && replies > 0)
				finish('2xx', 'answered the probe', 'a connection that must be refused was let in');
		});
		ws.on('close', (code) => {
			if (code === 1011) return finish('5xx', `closed ${code}`, '5xx');
			if (writer) return finish('closed', `closed ${code}`);
			if (code !== 4403)
				return finish('closed', `closed ${code}`, 'a refused connection was not closed with 4403');
			if (dataBeforeClose)
				return finish(
					'closed',
					'closed 4403 after sending document data',
					'a refused connection was sent document data'
				);
			finish('closed', 'closed 4403');
		});
		ws.on('unexpected-response', (_request, response) => {
			const status = response.statusCode ?? 0;
			finish(classOf(status), `HTTP ${status}`, status >= 500 ? '5xx' : undefined);
		});
		ws.on('error', (error) =>
			finish('closed', `error ${error.message}`, 'the upgrade failed without an answer')
		);
	});
}

export function yjsFamily(world: World, arbitrary: fc.Arbitrary<YjsInput>): Family<YjsInput> {
	return {
		name: 'yjs',
		arbitrary,
		concurrency: 12,
		suspects: (inputs) =>
			inputs
				.filter((input) => writers.has(input.target) && input.messages.some(halfApplies))
				.map(
					(input) => `${describeInput(input)} (its update throws only after changing the document)`
				),
		open: () =>
			Promise.resolve({
				run: (input: YjsInput) => sendYjs(world, input),
				close: () => Promise.resolve()
			})
	};
}
