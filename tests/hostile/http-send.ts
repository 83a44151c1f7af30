import { Agent, request } from 'node:http';
import type fc from 'fast-check';
import type { Family } from './batch.ts';
import type { HttpInput } from './http-inputs.ts';
import { classOf, type Outcome } from './tally.ts';

/** One connection pool per run, so hostile requests share keep-alive connections as browsers do. */
export const agent = new Agent({ keepAlive: true, maxSockets: 16 });

const describe = (input: HttpInput) => {
	const body = input.body
		? ` body(${input.body.length} B)=${JSON.stringify(input.body.subarray(0, 160).toString('utf8'))}`
		: '';
	const headers = Object.entries(input.headers)
		.map(([name, value]) => `${name}: ${value.length > 80 ? `${value.slice(0, 80)}…` : value}`)
		.join('; ');
	return `${input.method} ${input.path.length > 200 ? `${input.path.slice(0, 200)}…` : input.path} [${headers}]${body}`;
};

/** Kept-alive connections reset under a request, which was then sent again on a new one. */
export const resets = { count: 0 };

/** How many requests each pooled connection has carried (Node's reusedSocket is not reliable). */
const uses = new WeakMap<object, number>();

/** Sends one request and judges the answer against what the input expects. */
export async function sendHttp(url: string, input: HttpInput): Promise<Outcome> {
	const first = await exchange(url, input, agent);
	// A kept-alive connection the server closed as this request went out: a browser sends it
	// again on a new connection, and so do we. Only a fresh connection's failure counts.
	const answer = first.retry ? await exchange(url, input, false) : first;
	if (first.retry) resets.count += 1;
	return judge(input, answer.status, answer.text);
}

interface Exchange {
	status: number | null;
	text: string;
	retry?: boolean;
}

function exchange(
	url: string,
	input: HttpInput,
	via: Agent | false,
	timeoutMs = 15_000
): Promise<Exchange> {
	return new Promise((resolve) => {
		let settled = false;
		const done = (status: number | null, text: string, retry = false) => {
			if (settled) return;
			settled = true;
			resolve({ status, text, retry });
		};
		const headers: Record<string, string> = { ...input.headers };
		if (input.body) headers['Content-Length'] = String(input.body.length);
		const outgoing = request(
			`${url}${input.path}`,
			{ method: input.method, headers, agent: via, timeout: timeoutMs },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => {
					if (chunks.length < 4) chunks.push(chunk);
				});
				response.on('end', () =>
					done(response.statusCode ?? 0, Buffer.concat(chunks).subarray(0, 300).toString('utf8'))
				);
				response.on('error', () => done(response.statusCode ?? 0, '(the body was cut off)'));
			}
		);
		outgoing.on('timeout', () => {
			outgoing.destroy();
			done(null, `no answer within ${timeoutMs} ms`);
		});
		// A 413 may be answered and the connection closed before the whole body is written.
		let reused = false;
		outgoing.on('socket', (socket) => {
			const count = (uses.get(socket) ?? 0) + 1;
			uses.set(socket, count);
			reused = count > 1 || outgoing.reusedSocket;
		});
		outgoing.on('error', (error: NodeJS.ErrnoException) =>
			done(null, `${error.code ?? error.message}`, reused && error.code === 'ECONNRESET')
		);
		outgoing.end(input.body);
	});
}

function judge(input: HttpInput, status: number | null, answer: string): Outcome {
	const outcome: Outcome = {
		group: input.group,
		status: status === null ? 'closed' : classOf(status),
		input: describe(input),
		answer: status === null ? `connection dropped: ${answer}` : `${status} ${answer}`
	};
	if (status === null) outcome.failure = 'no HTTP answer';
	else if (status >= 500) outcome.failure = '5xx';
	else if (input.expect === 'reject' && status < 400)
		outcome.failure = 'accepted a malformed request';
	else if (input.expect === 'forbidden' && status !== 403)
		outcome.failure =
			'a cookie-authenticated mutation without a same-origin Origin was not refused with 403';
	return outcome;
}

/** The HTTP family as a batch runner: requests need nothing opened beforehand. */
export function httpFamily(
	name: string,
	url: string,
	arbitrary: fc.Arbitrary<HttpInput>
): Family<HttpInput> {
	return {
		name,
		arbitrary,
		concurrency: 8,
		open: () =>
			Promise.resolve({
				run: (input: HttpInput) => sendHttp(url, input),
				close: () => Promise.resolve()
			})
	};
}
