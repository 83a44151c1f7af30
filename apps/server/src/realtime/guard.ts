import type { Socket } from 'socket.io';

type Ack = (result: { ok: false; error: 'internal' }) => void;

/**
 * Wraps a socket.io listener. socket.io never awaits what a listener returns, so a rejected
 * promise in one would be an unhandled rejection, which ends the process and every meeting
 * on it. Here it becomes a log line and, when the client asked for an answer, the answer
 * `{ ok: false, error: 'internal' }`; the listener's ack is also made answer-once, so an error
 * after a reply sends no second one.
 */
export function guarded<Args extends unknown[]>(
	event: string,
	listener: (...args: Args) => unknown
): (...args: Args) => void {
	return (...args: Args): void => {
		const last = args.length - 1;
		const ack = typeof args[last] === 'function' ? answerOnce(args[last] as Ack) : null;
		if (ack) args[last] = ack;
		const fail = (error: unknown) => {
			console.error(`socket.io: "${event}" failed`, error);
			ack?.({ ok: false, error: 'internal' });
		};
		try {
			Promise.resolve(listener(...args)).catch(fail);
		} catch (error) {
			fail(error);
		}
	};
}

/** The same for `io.use`: a failing middleware refuses the connection instead of hanging it. */
export function guardedMiddleware<S extends Socket>(
	middleware: (socket: S) => Promise<void>
): (socket: S, next: (error?: Error) => void) => void {
	return (socket, next) => {
		middleware(socket).then(
			() => next(),
			(error: unknown) => {
				if (!(error instanceof RefusedConnection))
					console.error('socket.io: authenticating a connection failed', error);
				next(new Error(error instanceof RefusedConnection ? error.message : 'internal'));
			}
		);
	};
}

/** Thrown by a middleware to refuse a connection with a reason the client may see. */
export class RefusedConnection extends Error {}

function answerOnce(ack: Ack): (...args: unknown[]) => void {
	let answered = false;
	return (...args: unknown[]) => {
		if (answered) return;
		answered = true;
		(ack as (...a: unknown[]) => void)(...args);
	};
}
