import { randomInt, randomUUID } from 'node:crypto';
import {
	nextMeetingState,
	shuffleSpeakers,
	speakersOfDraw,
	type MeetingAction,
	type MeetingFrame,
	type MeetingState,
	type Participant,
	type SpeakingOrderDraw
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import {
	buildFrame,
	followUpGoalsOf,
	loadMeetingContext,
	loadMeetingState,
	saveMeetingState,
	type MeetingContext
} from '../domain/meeting.ts';

type Person = MeetingFrame['present'][number];

/** What an action computed at the moment it is applied can read: the meeting as it is then. */
export interface LiveMeeting {
	present: Person[];
	state: MeetingState;
	context: MeetingContext;
}

interface Live {
	context: MeetingContext;
	state: MeetingState;
	/** Connected participants by socket id. */
	present: Map<string, Person>;
}

/**
 * The meetings in progress, held in memory while they run and stored after every change, so a
 * restart resumes where it was. Changes to one meeting are applied one at a time.
 */
export class Meetings {
	readonly #db: Db;
	readonly #now: () => Date;
	readonly #publish: (kollegiumId: string, frame: MeetingFrame) => void;
	readonly #live = new Map<string, Promise<Live>>();
	readonly #queues = new Map<string, Promise<unknown>>();

	constructor(options: {
		db: Db;
		now: () => Date;
		publish: (kollegiumId: string, frame: MeetingFrame) => void;
	}) {
		this.#db = options.db;
		this.#now = options.now;
		this.#publish = options.publish;
	}

	/** The current frame, loading the meeting if this process has not seen it yet. */
	async frame(kollegiumId: string): Promise<MeetingFrame> {
		return this.#frameOf(await this.#load(kollegiumId));
	}

	/**
	 * Applies an action, stores the new state, then sends the frame to every client. Resolves
	 * with the steps it revealed to the room (for the audit log).
	 */
	apply(
		kollegiumId: string,
		action: MeetingAction | ((live: LiveMeeting) => MeetingAction)
	): Promise<string[]> {
		return this.#serially(kollegiumId, async () => {
			const live = await this.#load(kollegiumId);
			const resolved =
				typeof action === 'function'
					? action({
							present: [...live.present.values()],
							state: live.state,
							context: live.context
						})
					: action;
			const now = this.#now();
			const next = nextMeetingState(live.state, resolved, {
				agenda: live.context.agenda,
				now,
				followUpGoals: followUpGoalsOf(live.context)
			});
			if (next === live.state) return [];
			await saveMeetingState(this.#db, kollegiumId, next, now);
			const revealed = next.revealed.filter((id) => !live.state.revealed.includes(id));
			live.state = next;
			this.#publish(kollegiumId, this.#frameOf(live));
			return revealed;
		});
	}

	/** Whether a mark names a goal of a previous plan this meeting follows up. */
	async marksKnownGoal(
		kollegiumId: string,
		mark: { subjectId: string; index: number }
	): Promise<boolean> {
		const live = await this.#load(kollegiumId);
		const goals = live.context.previousPlans.get(mark.subjectId)?.goals.length ?? 0;
		return mark.index < goals;
	}

	join(kollegiumId: string, socketId: string, person: Person | null): Promise<void> {
		return this.#serially(kollegiumId, async () => {
			const live = await this.#load(kollegiumId);
			if (!person) return;
			live.present.set(socketId, person);
			this.#publish(kollegiumId, this.#frameOf(live));
		});
	}

	leave(kollegiumId: string, socketId: string): Promise<void> {
		return this.#serially(kollegiumId, async () => {
			const live = await this.#live.get(kollegiumId);
			const person = live?.present.get(socketId);
			if (!live || !person || !live.present.delete(socketId)) return;
			const stillHere = [...live.present.values()].some(
				(p) => p.participantId === person.participantId
			);
			const lowered = stillHere
				? live.state
				: nextMeetingState(
						live.state,
						{ type: 'lowerHand', participantId: person.participantId },
						{ agenda: live.context.agenda, now: this.#now() }
					);
			if (lowered !== live.state) {
				await saveMeetingState(this.#db, kollegiumId, lowered, this.#now());
				live.state = lowered;
			}
			this.#publish(kollegiumId, this.#frameOf(live));
		});
	}

	/** Answers, comments or subjects changed: rebuild the context, keep the state. */
	invalidate(kollegiumId: string): Promise<void> {
		return this.#serially(kollegiumId, async () => {
			const live = await this.#live.get(kollegiumId);
			if (!live) return;
			live.context = await loadMeetingContext(this.#db, kollegiumId);
			this.#publish(kollegiumId, this.#frameOf(live));
		});
	}

	/** Forgets a meeting (it was closed); its stored state stays. */
	forget(kollegiumId: string): void {
		this.#live.delete(kollegiumId);
	}

	#frameOf(live: Live): MeetingFrame {
		const present = [
			...new Map([...live.present.values()].map((p) => [p.participantId, p])).values()
		];
		return buildFrame({ context: live.context, state: live.state, present });
	}

	#load(kollegiumId: string): Promise<Live> {
		let live = this.#live.get(kollegiumId);
		if (!live) {
			live = (async () => {
				const context = await loadMeetingContext(this.#db, kollegiumId);
				const state = await loadMeetingState(this.#db, context, this.#now());
				return { context, state, present: new Map() };
			})();
			live.catch(() => this.#live.delete(kollegiumId));
			this.#live.set(kollegiumId, live);
		}
		return live;
	}

	#serially<T>(kollegiumId: string, task: () => Promise<T>): Promise<T> {
		const previous = this.#queues.get(kollegiumId) ?? Promise.resolve();
		const run = previous.then(task, task);
		this.#queues.set(
			kollegiumId,
			run.catch(() => undefined)
		);
		return run;
	}
}

/**
 * The studierektor's draw as an action: among the people ticked (connected or not) and the names
 * typed in, or by default the connected participants who speak, in a crypto-random order.
 */
export function drawSpeakingOrder(
	draw: SpeakingOrderDraw,
	participants: readonly Participant[]
): (live: LiveMeeting) => MeetingAction {
	return ({ present, context }) => {
		const speakers = speakersOfDraw({
			kind: context.kollegium.kind,
			participants,
			subjects: context.subjects,
			connected: new Set(present.map((person) => person.participantId)),
			draw,
			newId: randomUUID
		});
		return speakers.length === 0
			? { type: 'clearSpeakingOrder' }
			: { type: 'setSpeakingOrder', order: shuffleSpeakers(speakers, randomInt) };
	};
}
