import { describe, expect, it } from 'vitest';
import { frameForView, MeetingFrame, type FrameState } from './frame.ts';

const KARIN = { handle: 'q0Zr8vXk2LmN4pQs6tUw-A', name: 'Karin Holmlund' };
const PETER = { handle: 'Hb3_yT9cEe1Rf5Gg7Ii2Jw', name: 'Peter Sjövik' };
const GUEST = { handle: 'Zz9_aa1Bb2Cc3Dd4Ee5Ff6', name: 'Olof Gäst' };

const state: FrameState = {
	position: 0,
	revealed: ['intro:s1'],
	showSelf: false,
	splitByFamiliarity: false,
	stepStartedAt: '2026-03-02T09:00:00.000Z',
	subjectStartedAt: '2026-03-02T09:00:00.000Z',
	speakingOrder: [PETER, GUEST, KARIN],
	hands: [KARIN],
	version: 4
};
const control: MeetingFrame = {
	kollegiumId: '00000000-0000-4000-8000-000000000001',
	title: 'Specialistkollegium',
	state,
	agenda: [],
	current: null,
	present: [KARIN, PETER],
	candidates: [
		{ ...KARIN, connected: true, preselected: true },
		{ ...PETER, connected: true, preselected: true }
	]
};
const names = (frame: MeetingFrame) =>
	[KARIN, PETER, GUEST].map((p) => p.name).filter((name) => JSON.stringify(frame).includes(name));

describe('the frame each view receives', () => {
	it('gives the control everything it shows: who is connected, hands, the draw, the order', () => {
		expect(frameForView(control, 'control')).toEqual(control);
	});

	it('gives the shared screen the speaking order by name, and nothing of who is connected or has a hand up', () => {
		const screen = frameForView(control, 'presenter');
		expect(screen.state.speakingOrder).toEqual([PETER, GUEST, KARIN]);
		expect(screen.state.hands).toEqual([]);
		expect(screen.present).toEqual([]);
		expect(screen.candidates).toEqual([]);
		expect(MeetingFrame.safeParse(screen).success).toBe(true);
	});

	it('gives a participant handles without a single name, enough to find their own hand and place', () => {
		const phone = frameForView({ ...control, you: PETER.handle }, 'participant');
		expect(names(phone)).toEqual([]);
		expect(phone.state.hands).toEqual([{ handle: KARIN.handle }]);
		expect(phone.state.speakingOrder?.map((p) => p.handle)).toEqual([
			PETER.handle,
			GUEST.handle,
			KARIN.handle
		]);
		expect(phone.present).toEqual([]);
		expect(phone.candidates).toEqual([]);
		expect(phone.you).toBeUndefined();
		expect(MeetingFrame.safeParse(phone).success).toBe(true);
	});

	it('keeps a speaking order not drawn as none, on every view', () => {
		const undrawn = { ...control, state: { ...state, speakingOrder: null } };
		for (const view of ['presenter', 'participant'] as const)
			expect(frameForView(undrawn, view).state.speakingOrder).toBeNull();
	});

	it('refuses a frame that names someone by participant id', () => {
		const withId = {
			...control,
			present: [{ participantId: '00000000-0000-4000-8000-000000000002', name: 'Karin Holmlund' }]
		};
		expect(MeetingFrame.safeParse(withId).success).toBe(false);
		const handleAsId = {
			...control,
			state: { ...state, hands: [{ handle: '00000000-0000-4000-8000-000000000002' }] }
		};
		expect(MeetingFrame.safeParse(handleAsId).success).toBe(false);
	});
});
