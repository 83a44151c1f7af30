import { describe, expect, it } from 'vitest';
import { followUpResult, isCarriable, marksFor, withMark, type PreviousPlan } from './follow-up.ts';
import { DevelopmentPlan, FollowUpResult } from './plans.ts';

const goal = {
	description: 'Leda ronden självständigt',
	goals: ['STa5'],
	activities: [
		{ kind: 'assessment' as const, description: 'Observerad rond', instrument: 'mini-cex' as const }
	],
	responsible: 'Karin Holmlund',
	dueDate: '2026-03-01',
	followUp: 'Vid nästa kollegium'
};
const previous: PreviousPlan = {
	kollegiumId: '00000000-0000-4000-8000-0000000000c1',
	title: 'Specialistkollegium VT',
	startsAt: '2026-03-10T13:00:00.000Z',
	version: 3,
	goals: [goal, { ...goal, description: 'Skriva remisser', goals: ['STb1'] }]
};

describe('follow-up of the previous plan', () => {
	it('leaves every goal unmarked until the room marks it', () => {
		expect(marksFor(previous, undefined)).toEqual([
			{ outcome: null, note: '' },
			{ outcome: null, note: '' }
		]);
	});

	const refused = [
		{ name: 'a negative index', index: -1 },
		{ name: 'an index past the last goal', index: 2 },
		{ name: 'a fractional index', index: 0.5 }
	];
	for (const { name, index } of refused) {
		it(`marks nothing for ${name}`, () => {
			const mark = { outcome: 'reached' as const, note: '' };
			expect(withMark({ marks: undefined, goals: 2, index, mark })).toBeNull();
		});
	}

	it('marks one goal and fills the others as unmarked', () => {
		const marks = withMark({
			marks: undefined,
			goals: 2,
			index: 1,
			mark: { outcome: 'partly', note: ' Halvvägs ' }
		});
		expect(marks).toEqual([
			{ outcome: null, note: '' },
			{ outcome: 'partly', note: 'Halvvägs' }
		]);
	});

	it('carries each earlier goal as written, with its mark, into what the new plan holds', () => {
		const result = followUpResult(previous, [{ outcome: 'notReached', note: 'Ej påbörjat' }]);
		expect(result).toEqual({
			from: { title: 'Specialistkollegium VT', startsAt: '2026-03-10T13:00:00.000Z', version: 3 },
			goals: [
				{
					description: 'Leda ronden självständigt',
					goals: ['STa5'],
					activities: goal.activities,
					outcome: 'notReached',
					note: 'Ej påbörjat'
				},
				{
					description: 'Skriva remisser',
					goals: ['STb1'],
					activities: goal.activities,
					outcome: null,
					note: ''
				}
			]
		});
		expect(FollowUpResult.safeParse(result).success).toBe(true);
	});

	it('offers to carry on a goal partly or not reached, not one reached or unjudged', () => {
		expect([null, 'reached', 'partly', 'notReached'].map((o) => isCarriable(o as never))).toEqual([
			false,
			false,
			true,
			true
		]);
	});
});

describe('DevelopmentPlan with a follow-up', () => {
	const plan = {
		summary: 'Trygg i akuta lägen.',
		strengths: ['Lugn'],
		developmentAreas: ['Delegera'],
		goals: [goal],
		nextFollowUp: '2027-04-15',
		atRisk: false,
		actionPlan: null
	};

	it('still reads a plan frozen before follow-ups existed', () => {
		const parsed = DevelopmentPlan.parse(plan);
		expect(parsed.followUp).toBeUndefined();
	});

	it('keeps the follow-up it carries', () => {
		const followUp = followUpResult(previous, [{ outcome: 'reached', note: '' }]);
		expect(DevelopmentPlan.parse({ ...plan, followUp }).followUp).toEqual(followUp);
	});

	it('refuses a follow-up with an unknown outcome', () => {
		const followUp = followUpResult(previous, []);
		const broken = { ...followUp, goals: [{ ...followUp.goals[0], outcome: 'maybe' }] };
		expect(DevelopmentPlan.safeParse({ ...plan, followUp: broken }).success).toBe(false);
	});
});
