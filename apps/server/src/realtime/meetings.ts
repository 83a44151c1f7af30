import { randomBytes, randomInt } from 'node:crypto';
import {
	nextMeetingState,
	shuffleSpeakers,
	speakersOfDraw,
	speakingOrderCandidates,
	type Handle,
	type MeetingAction,
	type MeetingFrame,
	type MeetingState,
	type Participant,
	type SpeakingOrderCandidate,
	type SpeakingOrderDraw
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import { participantsOf } from '../domain/kollegier.ts';
import {
	buildFrame,
	dropPresence,
	followUpGoalsOf,
	loadHandles,
	loadMeetingContext,
	loadMeetingState,
	saveHandles,
	saveMeetingState,
	type MeetingContext
} from '../domain/meeting.ts';

/** A connected participant: who they are (server only) and who the meeting's screens see. */
interface Connected {
	participantId: string;
	handle: Handle;
	name: string;
}

/** What an action computed at the moment it is applied can read: the meeting as it is then. */
export interface LiveMeeting {
	state: MeetingState;
	context: MeetingContext;
	/** Who the speaking order can be drawn among, by handle. */
	candidates: SpeakingOrderCandidate[];
}

interface Live {
	context: MeetingContext;
	state: MeetingState;
	participants: Participant[];
	/** Participant id → their handle in this meeting, stored beside the state. */
	handles: Map<string, Handle>;
	/** Connected participants by socket id. */
	present: Map<string, Connected>;
}

/** A handle: 16 random bytes, nothing derived from anyone's id. */
export const newHandle = (): Handle => randomBytes(16).toString('base64url');

/**
 * The meetings in progress, held in memory while they run and stored after every change, so a
 * restart resumes where it was. Changes to one meeting are applied one at a time. Inside a
 * meeting people are handles: the map from participant to handle never leaves this process
 * and the meeting's row, and goes when the meeting closes.
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
		/** Sends the control's frame; the transport trims it for the other views. */
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
					? action({ state: live.state, context: live.context, candidates: candidatesOf(live) })
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

	/**
	 * Draws the speaking order among the participant list as it is now (someone may have been
	 * added since the meeting started) and the names typed in.
	 */
	async drawSpeakingOrder(kollegiumId: string, draw: SpeakingOrderDraw): Promise<void> {
		await this.#serially(kollegiumId, async () => {
			const live = await this.#load(kollegiumId);
			live.participants = await participantsOf(this.#db, kollegiumId);
			await this.#giveHandles(live, kollegiumId);
		});
		await this.apply(kollegiumId, drawnOrder(draw));
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

	/**
	 * A view joined. A participant is among those present from now on; resolves with their
	 * handle (null for the studierektor's views).
	 */
	join(
		kollegiumId: string,
		socketId: string,
		participant: { id: string; name: string } | null
	): Promise<Handle | null> {
		return this.#serially(kollegiumId, async () => {
			const live = await this.#load(kollegiumId);
			if (!participant) return null;
			if (!live.handles.has(participant.id)) {
				// Added to the list after the meeting was loaded.
				live.participants = await participantsOf(this.#db, kollegiumId);
				live.handles.set(participant.id, newHandle());
				await this.#giveHandles(live, kollegiumId, true);
			}
			const handle = live.handles.get(participant.id)!;
			live.present.set(socketId, { participantId: participant.id, handle, name: participant.name });
			this.#publish(kollegiumId, this.#frameOf(live));
			return handle;
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
						{ type: 'lowerHand', handle: person.handle },
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
			live.participants = await participantsOf(this.#db, kollegiumId);
			await this.#giveHandles(live, kollegiumId);
			this.#publish(kollegiumId, this.#frameOf(live));
		});
	}

	/**
	 * The meeting closed: forgets it here and drops who was in it (the handles, the hands, the
	 * speaking order) from its stored state; the rest of the state stays.
	 */
	forget(kollegiumId: string): Promise<void> {
		this.#live.delete(kollegiumId);
		return this.#serially(kollegiumId, async () => {
			this.#live.delete(kollegiumId);
			await dropPresence(this.#db, kollegiumId);
		});
	}

	#frameOf(live: Live): MeetingFrame {
		const present = [
			...new Map(
				[...live.present.values()].map((p) => [p.participantId, { handle: p.handle, name: p.name }])
			).values()
		];
		return buildFrame({
			context: live.context,
			state: live.state,
			present,
			candidates: candidatesOf(live)
		});
	}

	/** Gives every participant without one a handle, and stores the map if it grew. */
	async #giveHandles(live: Live, kollegiumId: string, grew = false): Promise<void> {
		for (const participant of live.participants) {
			if (live.handles.has(participant.id)) continue;
			live.handles.set(participant.id, newHandle());
			grew = true;
		}
		if (!grew) return;
		await saveHandles(this.#db, {
			kollegiumId,
			state: live.state,
			handles: live.handles,
			now: this.#now()
		});
	}

	#load(kollegiumId: string): Promise<Live> {
		let live = this.#live.get(kollegiumId);
		if (!live) {
			live = (async () => {
				const context = await loadMeetingContext(this.#db, kollegiumId);
				const [state, participants, handles] = await Promise.all([
					loadMeetingState(this.#db, context, this.#now()),
					participantsOf(this.#db, kollegiumId),
					loadHandles(this.#db, kollegiumId)
				]);
				const loaded: Live = { context, state, participants, handles, present: new Map() };
				await this.#giveHandles(loaded, kollegiumId);
				return loaded;
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

/** Who the draw can be among: the participant list (subjects left out) by handle. */
function candidatesOf(live: Live): SpeakingOrderCandidate[] {
	return speakingOrderCandidates({
		kind: live.context.kollegium.kind,
		participants: live.participants,
		subjects: live.context.subjects,
		connected: new Set([...live.present.values()].map((person) => person.participantId)),
		handleOf: (participantId) => live.handles.get(participantId) ?? ''
	});
}

/**
 * The studierektor's draw as an action: among the people ticked (connected or not) and the names
 * typed in, or by default the connected participants who speak, in a crypto-random order.
 */
function drawnOrder(draw: SpeakingOrderDraw): (live: LiveMeeting) => MeetingAction {
	return ({ candidates }) => {
		const speakers = speakersOfDraw({ candidates, draw, newHandle });
		return speakers.length === 0
			? { type: 'clearSpeakingOrder' }
			: { type: 'setSpeakingOrder', order: shuffleSpeakers(speakers, randomInt) };
	};
}
