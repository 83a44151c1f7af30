import { describe, expect, it } from 'vitest';
import type { Step } from './agenda.ts';
import {
	initialMeetingState,
	isRevealed,
	MeetingCommand,
	MeetingState,
	nextMeetingState,
	ParticipantCommand,
	type MeetingAction
} from './meeting.ts';

const ANNA = '00000000-0000-4000-8000-000000000001';
const BO = '00000000-0000-4000-8000-000000000002';
/** Handles, as the server gives them: 16 random bytes, base64url. */
const ASTRID = 'q0Zr8vXk2LmN4pQs6tUw-A';
const BERTIL = 'Hb3_yT9cEe1Rf5Gg7Ii2Jw';

function step(kind: Step['kind'], subjectId: string, sectionId: string | null = null): Step {
	return { id: [kind, subjectId, sectionId].filter(Boolean).join(':'), kind, subjectId, sectionId };
}

const agenda: Step[] = [
	step('intro', ANNA),
	step('ratings', ANNA, 'kliniskt'),
	step('comments', ANNA, 'kliniskt'),
	step('discussion', ANNA),
	step('intro', BO),
	step('ratings', BO, 'kliniskt'),
	step('discussion', BO)
];
const ids = agenda.map((entry) => entry.id);

const start = new Date('2025-03-10T13:00:00.000Z');
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** Applies actions in turn, one minute apart, starting a minute after the meeting began. */
function run(actions: MeetingAction[], state = initialMeetingState({ agenda, now: start })) {
	return actions.reduce(
		(current, action, index) =>
			nextMeetingState(current, action, { agenda, now: later(index + 1) }),
		state
	);
}

function at(position: number): MeetingState {
	return run([{ type: 'goto', position }]);
}

describe('initialMeetingState', () => {
	it('starts at the first step, version 0, with the clocks at now', () => {
		expect(initialMeetingState({ agenda, now: start })).toEqual({
			position: 0,
			revealed: [ids[0]],
			showSelf: false,
			splitByFamiliarity: false,
			stepStartedAt: '2025-03-10T13:00:00.000Z',
			subjectStartedAt: '2025-03-10T13:00:00.000Z',
			speakingOrder: null,
			hands: [],
			version: 0
		});
	});

	it('reveals nothing when the first step holds answers', () => {
		const state = initialMeetingState({ agenda: agenda.slice(1), now: start });
		expect(state.revealed).toEqual([]);
	});

	it('reveals nothing for an empty agenda', () => {
		expect(initialMeetingState({ agenda: [], now: start }).revealed).toEqual([]);
	});

	it('is accepted by the MeetingState schema', () => {
		expect(MeetingState.safeParse(initialMeetingState({ agenda, now: start })).success).toBe(true);
	});
});

describe('nextMeetingState: moving', () => {
	const cases: { name: string; from: number; action: MeetingAction; expected: number }[] = [
		{ name: 'next moves one step forward', from: 0, action: { type: 'next' }, expected: 1 },
		{ name: 'previous moves one step back', from: 3, action: { type: 'previous' }, expected: 2 },
		{
			name: 'goto moves to any step',
			from: 1,
			action: { type: 'goto', position: 5 },
			expected: 5
		},
		{
			name: 'goto can move backwards',
			from: 5,
			action: { type: 'goto', position: 0 },
			expected: 0
		},
		{
			name: 'goto can reach the last step',
			from: 0,
			action: { type: 'goto', position: agenda.length - 1 },
			expected: agenda.length - 1
		}
	];
	for (const { name, from, action, expected } of cases) {
		it(name, () => {
			const result = run([action], at(from));
			expect(result.position).toBe(expected);
		});
	}

	const noMoves: { name: string; from: number; action: MeetingAction }[] = [
		{ name: 'next on the last step', from: agenda.length - 1, action: { type: 'next' } },
		{ name: 'previous on the first step', from: 0, action: { type: 'previous' } },
		{ name: 'goto past the end', from: 2, action: { type: 'goto', position: agenda.length } },
		{ name: 'goto far past the end', from: 2, action: { type: 'goto', position: 1000 } },
		{ name: 'goto a negative position', from: 2, action: { type: 'goto', position: -1 } },
		{ name: 'goto the current step', from: 2, action: { type: 'goto', position: 2 } }
	];
	for (const { name, from, action } of noMoves) {
		it(`changes nothing for ${name}`, () => {
			const state = at(from);
			const result = nextMeetingState(state, action, { agenda, now: later(30) });
			expect(result).toBe(state);
			expect(result.version).toBe(state.version);
		});
	}

	it('changes nothing when moving on an empty agenda', () => {
		const state = initialMeetingState({ agenda: [], now: start });
		for (const action of [{ type: 'next' }, { type: 'previous' }] as const) {
			expect(nextMeetingState(state, action, { agenda: [], now: later(1) })).toBe(state);
		}
	});

	it('reveals an intro or a discussion as soon as the meeting reaches it', () => {
		const state = run([
			{ type: 'goto', position: 3 },
			{ type: 'goto', position: 4 }
		]);
		expect(state.revealed).toEqual([ids[0], ids[3], ids[4]]);
	});

	it('never reveals a ratings or comments step by moving to it', () => {
		const state = run([
			{ type: 'next' },
			{ type: 'next' },
			{ type: 'goto', position: 5 },
			{ type: 'previous' },
			{ type: 'next' }
		]);
		for (const position of [1, 2, 5]) {
			expect(state.revealed).not.toContain(ids[position]);
		}
	});

	it('walks through the whole agenda revealing only intros and discussions', () => {
		const state = run(agenda.slice(1).map(() => ({ type: 'next' }) as const));
		expect(state.position).toBe(agenda.length - 1);
		expect([...state.revealed].sort()).toEqual(
			agenda
				.filter((entry) => entry.kind === 'intro' || entry.kind === 'discussion')
				.map((entry) => entry.id)
				.sort()
		);
	});

	it('does not list a step as revealed twice when the meeting returns to it', () => {
		const state = run([
			{ type: 'next' },
			{ type: 'previous' },
			{ type: 'next' },
			{ type: 'previous' }
		]);
		expect(state.revealed).toEqual([ids[0]]);
	});

	it('keeps a revealed ratings step revealed when the meeting moves away and back', () => {
		const state = run([
			{ type: 'next' },
			{ type: 'reveal' },
			{ type: 'next' },
			{ type: 'previous' }
		]);
		expect(state.position).toBe(1);
		expect(state.revealed).toContain(ids[1]);
	});

	it('restarts the step clock on every move', () => {
		const state = run([{ type: 'next' }, { type: 'next' }]);
		expect(state.stepStartedAt).toBe(later(2).toISOString());
	});

	it('keeps the subject clock while moving within a subject', () => {
		const state = run([{ type: 'next' }, { type: 'next' }, { type: 'previous' }]);
		expect(state.subjectStartedAt).toBe(start.toISOString());
		expect(state.stepStartedAt).toBe(later(3).toISOString());
	});

	it('restarts the subject clock when the meeting moves to another subject', () => {
		const state = run([{ type: 'goto', position: 3 }, { type: 'next' }, { type: 'next' }]);
		expect(state.position).toBe(5);
		expect(state.subjectStartedAt).toBe(later(2).toISOString());
		expect(state.stepStartedAt).toBe(later(3).toISOString());
	});

	it('restarts the subject clock when going back to the previous subject', () => {
		const state = run([{ type: 'goto', position: 4 }, { type: 'previous' }]);
		expect(state.subjectStartedAt).toBe(later(2).toISOString());
	});

	it('keeps the speaking order through one trainee\u2019s steps and clears it for the next trainee', () => {
		const order = [{ handle: ASTRID, name: 'Astrid' }];
		const within = run([{ type: 'setSpeakingOrder', order }, { type: 'next' }]);
		expect(within.speakingOrder).toEqual(order);
		const next = run([
			{ type: 'setSpeakingOrder', order },
			{ type: 'goto', position: 4 }
		]);
		expect(next.speakingOrder).toBeNull();
	});

	it('advances like a clicker: shows an unshown step first, then moves on', () => {
		const onRatings = run([{ type: 'next' }]);
		const shown = run([{ type: 'advance' }], onRatings);
		expect(shown.position).toBe(1);
		expect(shown.revealed).toContain(ids[1]);
		const moved = run([{ type: 'advance' }], shown);
		expect(moved.position).toBe(2);
	});

	it('keeps raised hands when moving', () => {
		const state = run([{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }, { type: 'next' }]);
		expect(state.hands).toEqual([{ handle: ASTRID, name: 'Astrid' }]);
	});

	it('keeps the self and split toggles when moving', () => {
		const state = run([{ type: 'toggleSelf' }, { type: 'toggleSplit' }, { type: 'next' }]);
		expect(state).toMatchObject({ showSelf: true, splitByFamiliarity: true });
	});
});

describe('nextMeetingState: revealing', () => {
	it('reveals the current step and only that one', () => {
		const state = run([{ type: 'next' }, { type: 'reveal' }]);
		expect(state.revealed).toEqual([ids[0], ids[1]]);
		expect(state.revealed).not.toContain(ids[2]);
	});

	it('changes nothing when the current step is already revealed', () => {
		const state = at(1);
		const revealed = run([{ type: 'reveal' }], state);
		const again = nextMeetingState(revealed, { type: 'reveal' }, { agenda, now: later(9) });
		expect(again).toBe(revealed);
		expect(again.version).toBe(revealed.version);
	});

	it('changes nothing when revealing an intro the meeting has already shown', () => {
		const state = initialMeetingState({ agenda, now: start });
		expect(nextMeetingState(state, { type: 'reveal' }, { agenda, now: later(1) })).toBe(state);
	});

	it('changes nothing when revealing on an empty agenda', () => {
		const state = initialMeetingState({ agenda: [], now: start });
		expect(nextMeetingState(state, { type: 'reveal' }, { agenda: [], now: later(1) })).toBe(state);
	});

	it('does not move the meeting or restart its clocks', () => {
		const before = at(1);
		const after = run([{ type: 'reveal' }], before);
		expect(after.position).toBe(1);
		expect(after.stepStartedAt).toBe(before.stepStartedAt);
		expect(after.subjectStartedAt).toBe(before.subjectStartedAt);
	});
});

describe('nextMeetingState: version', () => {
	const changes: { name: string; actions: MeetingAction[] }[] = [
		{ name: 'next', actions: [{ type: 'next' }] },
		{ name: 'goto', actions: [{ type: 'goto', position: 4 }] },
		{ name: 'reveal', actions: [{ type: 'next' }, { type: 'reveal' }] },
		{ name: 'toggleSelf', actions: [{ type: 'toggleSelf' }] },
		{ name: 'toggleSplit', actions: [{ type: 'toggleSplit' }] },
		{ name: 'restartTimer', actions: [{ type: 'restartTimer' }] },
		{
			name: 'setSpeakingOrder',
			actions: [{ type: 'setSpeakingOrder', order: [{ handle: ASTRID, name: 'Astrid' }] }]
		},
		{
			name: 'raiseHand',
			actions: [{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }]
		}
	];
	for (const { name, actions } of changes) {
		it(`goes up by exactly one for ${name}`, () => {
			const before = run(actions.slice(0, -1));
			const last = actions.at(-1);
			if (!last) throw new Error('no action');
			const after = nextMeetingState(before, last, { agenda, now: later(20) });
			expect(after).not.toBe(before);
			expect(after.version).toBe(before.version + 1);
		});
	}

	it('counts every effective change of a sequence once', () => {
		const state = run([
			{ type: 'next' },
			{ type: 'reveal' },
			{ type: 'reveal' },
			{ type: 'previous' },
			{ type: 'previous' },
			{ type: 'toggleSelf' },
			{ type: 'clearSpeakingOrder' },
			{ type: 'lowerHand', handle: ASTRID }
		]);
		expect(state.version).toBe(4);
	});

	it('does not change the state it is given', () => {
		const state = at(1);
		const copy = structuredClone(state);
		run(
			[
				{ type: 'reveal' },
				{ type: 'next' },
				{ type: 'toggleSelf' },
				{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }
			],
			state
		);
		expect(state).toEqual(copy);
	});

	it('keeps every state it produces valid for the MeetingState schema', () => {
		let state = initialMeetingState({ agenda, now: start });
		const actions: MeetingAction[] = [
			{ type: 'next' },
			{ type: 'reveal' },
			{ type: 'setSpeakingOrder', order: [{ handle: BERTIL, name: 'Bertil' }] },
			{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' },
			{ type: 'goto', position: 6 },
			{ type: 'restartTimer' }
		];
		for (const [index, action] of actions.entries()) {
			state = nextMeetingState(state, action, { agenda, now: later(index + 1) });
			expect(MeetingState.safeParse(state).success).toBe(true);
		}
	});
});

describe('nextMeetingState: toggles and timer', () => {
	it('toggles showing the self-assessment on and off', () => {
		expect(run([{ type: 'toggleSelf' }]).showSelf).toBe(true);
		expect(run([{ type: 'toggleSelf' }, { type: 'toggleSelf' }]).showSelf).toBe(false);
	});

	it('toggles splitting by familiarity on and off', () => {
		expect(run([{ type: 'toggleSplit' }]).splitByFamiliarity).toBe(true);
		expect(run([{ type: 'toggleSplit' }, { type: 'toggleSplit' }]).splitByFamiliarity).toBe(false);
	});

	it('restarts the step clock but not the subject clock', () => {
		const state = run([{ type: 'next' }, { type: 'restartTimer' }]);
		expect(state.position).toBe(1);
		expect(state.stepStartedAt).toBe(later(2).toISOString());
		expect(state.subjectStartedAt).toBe(start.toISOString());
	});
});

describe('nextMeetingState: speaking order and hands', () => {
	const order = [
		{ handle: BERTIL, name: 'Bertil' },
		{ handle: ASTRID, name: 'Astrid' }
	];

	it('sets the speaking order the server drew', () => {
		expect(run([{ type: 'setSpeakingOrder', order }]).speakingOrder).toEqual(order);
	});

	it('clears the speaking order', () => {
		const state = run([{ type: 'setSpeakingOrder', order }, { type: 'clearSpeakingOrder' }]);
		expect(state.speakingOrder).toBeNull();
	});

	it('changes nothing when clearing a speaking order that is not there', () => {
		const state = at(1);
		expect(nextMeetingState(state, { type: 'clearSpeakingOrder' }, { agenda, now: later(9) })).toBe(
			state
		);
	});

	it('adds raised hands in the order they were raised', () => {
		const state = run([
			{ type: 'raiseHand', handle: BERTIL, name: 'Bertil' },
			{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }
		]);
		expect(state.hands).toEqual(order);
	});

	it('changes nothing when a hand already raised is raised again', () => {
		const state = run([{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }]);
		const again = nextMeetingState(
			state,
			{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' },
			{ agenda, now: later(9) }
		);
		expect(again).toBe(state);
		expect(again.hands).toHaveLength(1);
	});

	it('lowers only the hand asked for', () => {
		const state = run([
			{ type: 'raiseHand', handle: BERTIL, name: 'Bertil' },
			{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' },
			{ type: 'lowerHand', handle: BERTIL }
		]);
		expect(state.hands).toEqual([{ handle: ASTRID, name: 'Astrid' }]);
	});

	it('changes nothing when lowering a hand that is not raised', () => {
		const state = run([{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' }]);
		const result = nextMeetingState(
			state,
			{ type: 'lowerHand', handle: BERTIL },
			{ agenda, now: later(9) }
		);
		expect(result).toBe(state);
		expect(result.version).toBe(state.version);
	});

	it('changes nothing when lowering a hand twice', () => {
		const lowered = run([
			{ type: 'raiseHand', handle: ASTRID, name: 'Astrid' },
			{ type: 'lowerHand', handle: ASTRID }
		]);
		expect(
			nextMeetingState(lowered, { type: 'lowerHand', handle: ASTRID }, { agenda, now: later(9) })
		).toBe(lowered);
	});
});

describe('isRevealed', () => {
	it('is true for a revealed step and false for one not yet revealed', () => {
		const state = initialMeetingState({ agenda, now: start });
		expect(isRevealed(state, agenda[0])).toBe(true);
		expect(isRevealed(state, agenda[1])).toBe(false);
	});

	it('is false for no step', () => {
		expect(isRevealed(initialMeetingState({ agenda, now: start }), undefined)).toBe(false);
	});
});

describe('MeetingCommand', () => {
	const cases: { name: string; input: unknown; valid: boolean }[] = [
		{ name: 'accepts next', input: { type: 'next' }, valid: true },
		{ name: 'accepts previous', input: { type: 'previous' }, valid: true },
		{ name: 'accepts goto a position', input: { type: 'goto', position: 3 }, valid: true },
		{ name: 'accepts goto the first position', input: { type: 'goto', position: 0 }, valid: true },
		{
			name: 'rejects goto a negative position',
			input: { type: 'goto', position: -1 },
			valid: false
		},
		{
			name: 'rejects goto a fractional position',
			input: { type: 'goto', position: 1.5 },
			valid: false
		},
		{ name: 'rejects goto without a position', input: { type: 'goto' }, valid: false },
		{
			name: 'rejects goto a position as text',
			input: { type: 'goto', position: '2' },
			valid: false
		},
		{ name: 'accepts reveal', input: { type: 'reveal' }, valid: true },
		{ name: 'accepts toggleSelf', input: { type: 'toggleSelf' }, valid: true },
		{ name: 'accepts toggleSplit', input: { type: 'toggleSplit' }, valid: true },
		{ name: 'accepts drawSpeakingOrder', input: { type: 'drawSpeakingOrder' }, valid: true },
		{ name: 'accepts clearSpeakingOrder', input: { type: 'clearSpeakingOrder' }, valid: true },
		{
			name: 'accepts lowering a participant’s hand',
			input: { type: 'lowerHand', handle: ASTRID },
			valid: true
		},
		{
			name: 'rejects lowering a hand of something not a handle',
			input: { type: 'lowerHand', handle: 'astrid' },
			valid: false
		},
		{
			name: 'rejects lowering a hand by participant id: inside a meeting people are handles',
			input: { type: 'lowerHand', participantId: '00000000-0000-4000-8000-0000000000a1' },
			valid: false
		},
		{ name: 'accepts restartTimer', input: { type: 'restartTimer' }, valid: true },
		{ name: 'rejects an unknown type', input: { type: 'revealAll' }, valid: false },
		{ name: 'rejects a command without a type', input: {}, valid: false },
		{ name: 'rejects something not an object', input: 'next', valid: false },
		{
			name: 'rejects setting a speaking order, which only the server draws',
			input: { type: 'setSpeakingOrder', order: [] },
			valid: false
		},
		{
			name: 'rejects raising someone’s hand',
			input: { type: 'raiseHand', handle: ASTRID, name: 'Astrid' },
			valid: false
		}
	];
	for (const { name, input, valid } of cases) {
		it(name, () => {
			expect(MeetingCommand.safeParse(input).success).toBe(valid);
		});
	}
});

describe('ParticipantCommand', () => {
	const cases: { name: string; input: unknown; valid: boolean }[] = [
		{ name: 'accepts raising one’s hand', input: { type: 'raiseHand' }, valid: true },
		{ name: 'accepts lowering one’s own hand', input: { type: 'lowerOwnHand' }, valid: true },
		...['next', 'previous', 'reveal', 'toggleSelf', 'drawSpeakingOrder', 'restartTimer'].map(
			(type) => ({ name: `rejects the facilitator's ${type}`, input: { type }, valid: false })
		),
		{
			name: 'rejects lowering another participant’s hand',
			input: { type: 'lowerHand', handle: ASTRID },
			valid: false
		},
		{ name: 'rejects an unknown type', input: { type: 'shout' }, valid: false }
	];
	for (const { name, input, valid } of cases) {
		it(name, () => {
			expect(ParticipantCommand.safeParse(input).success).toBe(valid);
		});
	}

	it('drops an id, handle or name sent along, so nobody raises a hand as someone else', () => {
		expect(
			ParticipantCommand.parse({
				type: 'raiseHand',
				participantId: '00000000-0000-4000-8000-0000000000a1',
				handle: ASTRID,
				name: 'Astrid'
			})
		).toEqual({ type: 'raiseHand' });
	});
});

describe('nextMeetingState: follow-up of the previous plan', () => {
	const withFollowUp: Step[] = [
		step('intro', ANNA),
		step('followUp', ANNA),
		step('ratings', ANNA, 'kliniskt'),
		step('discussion', ANNA)
	];
	const context = { agenda: withFollowUp, now: later(1), followUpGoals: { [ANNA]: 2 } };
	const initial = initialMeetingState({ agenda: withFollowUp, now: start });
	const mark = (
		overrides: Partial<Extract<MeetingAction, { type: 'markFollowUp' }>> = {}
	): MeetingAction => ({
		type: 'markFollowUp',
		subjectId: ANNA,
		index: 1,
		outcome: 'notReached',
		note: '  Inte påbörjat  ',
		...overrides
	});

	it('shows the follow-up as soon as the meeting reaches it: it holds nothing from the answers', () => {
		const state = nextMeetingState(initial, { type: 'next' }, context);
		expect(isRevealed(state, withFollowUp[1])).toBe(true);
	});

	it('records a goal\u2019s mark by its index, the others unmarked, the note trimmed', () => {
		const state = nextMeetingState(initial, mark(), context);
		expect(state.followUp).toEqual({
			[ANNA]: [
				{ outcome: null, note: '' },
				{ outcome: 'notReached', note: 'Inte påbörjat' }
			]
		});
		expect(state.version).toBe(initial.version + 1);
	});

	it('changes a mark again, and keeps the other goal\u2019s', () => {
		const first = nextMeetingState(
			initial,
			mark({ index: 0, outcome: 'reached', note: '' }),
			context
		);
		const second = nextMeetingState(first, mark({ outcome: 'partly', note: '' }), context);
		expect(second.followUp?.[ANNA]).toEqual([
			{ outcome: 'reached', note: '' },
			{ outcome: 'partly', note: '' }
		]);
	});

	const ignored: { name: string; action: MeetingAction; goals?: Record<string, number> }[] = [
		{ name: 'a goal the plan does not have', action: mark({ index: 2 }) },
		{ name: 'a subject with no previous plan', action: mark({ subjectId: BO }) },
		{ name: 'a meeting told of no previous plans', action: mark(), goals: {} }
	];
	for (const { name, action, goals } of ignored) {
		it(`changes nothing for ${name}`, () => {
			const state = nextMeetingState(initial, action, {
				...context,
				followUpGoals: goals ?? context.followUpGoals
			});
			expect(state).toBe(initial);
		});
	}

	it('changes nothing, not even the version, when the mark is the same', () => {
		const once = nextMeetingState(initial, mark(), context);
		expect(nextMeetingState(once, mark(), context)).toBe(once);
	});

	it('turns the trends of the introduction on and off', () => {
		const on = nextMeetingState(initial, { type: 'toggleTrends' }, context);
		expect(on.showTrends).toBe(true);
		expect(nextMeetingState(on, { type: 'toggleTrends' }, context).showTrends).toBe(false);
	});

	it('reads a state stored before follow-ups existed', () => {
		const stored = { ...initial };
		delete stored.followUp;
		delete stored.showTrends;
		expect(MeetingState.parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
	});

	const commands: { name: string; input: unknown; valid: boolean }[] = [
		{ name: 'accepts a mark', input: mark(), valid: true },
		{ name: 'accepts clearing a mark', input: mark({ outcome: null, note: '' }), valid: true },
		{ name: 'accepts toggleTrends', input: { type: 'toggleTrends' }, valid: true },
		{ name: 'rejects an unknown outcome', input: { ...mark(), outcome: 'maybe' }, valid: false },
		{ name: 'rejects a negative index', input: mark({ index: -1 }), valid: false },
		{ name: 'rejects an index past any plan', input: mark({ index: 20 }), valid: false },
		{ name: 'rejects a subject that is no id', input: mark({ subjectId: 'anna' }), valid: false },
		{ name: 'rejects a note too long', input: mark({ note: 'x'.repeat(1001) }), valid: false },
		{ name: 'rejects a mark without a note', input: { ...mark(), note: undefined }, valid: false }
	];
	for (const { name, input, valid } of commands) {
		it(`MeetingCommand ${name}`, () => {
			expect(MeetingCommand.safeParse(input).success).toBe(valid);
		});
	}
});
