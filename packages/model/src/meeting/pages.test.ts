import { describe, expect, it } from 'vitest';
import type { Step } from './agenda.ts';
import {
	initialMeetingState,
	MeetingCommand,
	nextMeetingState,
	pageOf,
	type MeetingAction,
	type MeetingState
} from './meeting.ts';
import { columnsFor, packPages, type MeasuredBlock } from './pages.ts';

const ANNA = '00000000-0000-4000-8000-000000000001';
const agenda: Step[] = [
	{ id: `intro:${ANNA}`, kind: 'intro', subjectId: ANNA, sectionId: null },
	{ id: `ratings:${ANNA}:a`, kind: 'ratings', subjectId: ANNA, sectionId: 'a' },
	{ id: `ratings:${ANNA}:b`, kind: 'ratings', subjectId: ANNA, sectionId: 'b' },
	{ id: `discussion:${ANNA}`, kind: 'discussion', subjectId: ANNA, sectionId: null }
];
const [intro, ratingsA, ratingsB] = agenda.map((step) => step.id) as [string, string, string];
const now = new Date('2025-03-10T13:00:00.000Z');

function run(actions: MeetingAction[], state = initialMeetingState({ agenda, now })): MeetingState {
	return actions.reduce(
		(current, action) => nextMeetingState(current, action, { agenda, now }),
		state
	);
}

/** Where the room is: the step's id and the screen's page, as "id p/n". */
function where(state: MeetingState): string {
	const { page, pages } = pageOf(state);
	return `${agenda[state.position]?.id} ${page + 1}/${pages}`;
}

const block = (height: number): MeasuredBlock => ({ height });

describe('packPages', () => {
	it('puts blocks that fit one screen on one page, balanced over its columns', () => {
		const pages = packPages({
			blocks: [200, 200, 200, 200].map((h) => block(h)),
			columns: 2,
			height: 500,
			gap: 20
		});
		expect(pages).toEqual([
			{
				wide: false,
				columns: [
					[0, 1],
					[2, 3]
				]
			}
		]);
	});

	it('uses the second column for two blocks that would fit one column', () => {
		const pages = packPages({ blocks: [block(200), block(200)], columns: 2, height: 500, gap: 20 });
		expect(pages).toEqual([{ wide: false, columns: [[0], [1]] }]);
	});

	it('goes on to a new page when the columns are full, keeping the order', () => {
		const pages = packPages({
			blocks: [300, 300, 300, 300, 300].map((h) => block(h)),
			columns: 2,
			height: 500,
			gap: 20
		});
		expect(pages.map((page) => page.columns)).toEqual([[[0], [1]], [[2], [3]], [[4]]]);
	});

	it('gives a block taller than a column a page of its own at the full width', () => {
		const pages = packPages({
			blocks: [block(100), block(900), block(100)],
			columns: 2,
			height: 500,
			gap: 20
		});
		expect(pages).toEqual([
			{ wide: false, columns: [[0]] },
			{ wide: true, columns: [[1]] },
			{ wide: false, columns: [[2]] }
		]);
	});

	it('counts the repeated heading of a block that starts a column', () => {
		// Three comments of one question: the one that opens the second column repeats the question.
		const blocks = [
			{ height: 260, headed: 260 },
			{ height: 200, headed: 260 },
			{ height: 200, headed: 260 }
		];
		const pages = packPages({ blocks, columns: 2, height: 480, gap: 20 });
		expect(pages).toEqual([{ wide: false, columns: [[0, 1], [2]] }]);
		const tight = packPages({ blocks, columns: 2, height: 479, gap: 20 });
		expect(tight.map((page) => page.columns)).toEqual([[[0], [1]], [[2]]]);
	});

	it('never fills a column beyond its height, for any mix of blocks', () => {
		for (let seed = 1; seed < 300; seed += 1) {
			const blocks = Array.from({ length: 1 + (seed % 17) }, (_, i) => {
				const height = 40 + ((seed * 37 + i * 91) % 460);
				return i % 3 === 1 ? { height, headed: height + 50 } : { height };
			});
			const pages = packPages({ blocks, columns: 1 + (seed % 3), height: 480, gap: 16 });
			const order = pages.flatMap((page) => page.columns.flat());
			expect(order).toEqual(blocks.map((_, index) => index));
			for (const page of pages.filter((p) => !p.wide)) {
				expect(page.columns.length).toBeLessThanOrEqual(1 + (seed % 3));
				for (const column of page.columns) {
					const used = column.reduce(
						(sum, i, at) =>
							sum +
							(at === 0
								? (blocks[i]?.headed ?? blocks[i]?.height ?? 0)
								: 16 + (blocks[i]?.height ?? 0)),
						0
					);
					expect(used, `seed ${seed}`).toBeLessThanOrEqual(480);
				}
			}
		}
	});
});

describe('columnsFor', () => {
	const cases = [
		{ width: 1840, minWidth: 760, expected: 2 },
		{ width: 1200, minWidth: 500, expected: 2 },
		{ width: 700, minWidth: 500, expected: 1 },
		{ width: 300, minWidth: 500, expected: 1 },
		{ width: 4000, minWidth: 500, expected: 3 }
	];
	for (const { width, minWidth, expected } of cases) {
		it(`fits ${expected} column(s) of ${minWidth} px in ${width} px`, () => {
			expect(columnsFor({ width, minWidth, gap: 40, max: 3 })).toBe(expected);
		});
	}
});

describe('nextMeetingState: the shared screen’s pages', () => {
	const shownA: MeetingAction[] = [{ type: 'advance' }, { type: 'advance' }];

	it('turns the pages of a long step with → before it moves to the next step', () => {
		const states = [
			run([...shownA, { type: 'pages', stepId: ratingsA, count: 2 }]),
			run([...shownA, { type: 'pages', stepId: ratingsA, count: 2 }, { type: 'advance' }]),
			run([
				...shownA,
				{ type: 'pages', stepId: ratingsA, count: 2 },
				{ type: 'advance' },
				{ type: 'advance' }
			])
		];
		expect(states.map(where)).toEqual([`${ratingsA} 1/2`, `${ratingsA} 2/2`, `${ratingsB} 1/1`]);
	});

	it('turns the page with space once the step is shown, and reveals with it first', () => {
		const state = run([
			{ type: 'advance' },
			{ type: 'reveal' },
			{ type: 'pages', stepId: ratingsA, count: 3 },
			{ type: 'reveal' },
			{ type: 'reveal' },
			{ type: 'reveal' }
		]);
		expect(where(state)).toBe(`${ratingsA} 3/3`);
		expect(state.revealed).toContain(ratingsA);
	});

	it('goes back a page with ←, then to the last page of the step before', () => {
		const onB = run([
			...shownA,
			{ type: 'pages', stepId: ratingsA, count: 2 },
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'pages', stepId: ratingsB, count: 2 },
			{ type: 'advance' }
		]);
		expect(where(onB)).toBe(`${ratingsB} 2/2`);
		const back = [1, 2, 3].map((n) => run(Array<MeetingAction>(n).fill({ type: 'previous' }), onB));
		// Back on a: its page count is asked again, so "last" waits for the screen's report.
		expect(back.map((state) => [where(state), state.page])).toEqual([
			[`${ratingsB} 1/2`, 0],
			[`${ratingsA} 1/1`, 'last'],
			[`${intro} 1/1`, 'last']
		]);
		const reported = run([{ type: 'pages', stepId: ratingsA, count: 2 }], back[1]);
		expect(where(reported)).toBe(`${ratingsA} 2/2`);
	});

	it('starts every step on its first page when moving with next or goto', () => {
		const paged = run([
			...shownA,
			{ type: 'pages', stepId: ratingsA, count: 2 },
			{ type: 'advance' }
		]);
		expect(where(run([{ type: 'next' }, { type: 'previous' }], paged))).toBe(`${ratingsA} 1/1`);
		expect(run([{ type: 'goto', position: 2 }], paged).page).toBe(0);
	});

	it('ignores a report about a step the meeting has left', () => {
		const onB = run([...shownA, { type: 'next' }]);
		expect(run([{ type: 'pages', stepId: ratingsA, count: 4 }], onB)).toBe(onB);
	});

	it('keeps the page inside a count that shrank, and changes nothing for the same report', () => {
		const paged = run([
			...shownA,
			{ type: 'pages', stepId: ratingsA, count: 3 },
			{ type: 'advance' },
			{ type: 'advance' }
		]);
		const shrunk = run([{ type: 'pages', stepId: ratingsA, count: 2 }], paged);
		expect(where(shrunk)).toBe(`${ratingsA} 2/2`);
		expect(run([{ type: 'pages', stepId: ratingsA, count: 2 }], shrunk)).toBe(shrunk);
	});

	it('accepts page counts from the screen only within bounds', () => {
		const parse = (count: number) =>
			MeetingCommand.safeParse({ type: 'pages', stepId: ratingsA, count }).success;
		expect([0, 1, 50, 51, 1.5].map(parse)).toEqual([false, true, true, false, false]);
	});
});
