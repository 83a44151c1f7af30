import { describe, expect, it } from 'vitest';
import type { KollegiumStatus } from './kollegium.ts';
import { supervisorResult, type SupervisorResult } from './supervisor-feedback.ts';

const cases: {
	name: string;
	status: KollegiumStatus;
	respondents: number;
	anyStepShown: boolean;
	expected: SupervisorResult;
}[] = [
	{
		name: 'tells nothing while answering is open',
		status: 'open',
		respondents: 9,
		anyStepShown: false,
		expected: 'pending'
	},
	{
		name: 'tells nothing during the meeting',
		status: 'live',
		respondents: 9,
		anyStepShown: true,
		expected: 'pending'
	},
	{
		name: 'has no result below k',
		status: 'closed',
		respondents: 3,
		anyStepShown: true,
		expected: 'belowK'
	},
	{
		name: 'has no result below k once delivered',
		status: 'delivered',
		respondents: 0,
		anyStepShown: false,
		expected: 'belowK'
	},
	{
		name: 'has a result at exactly k',
		status: 'closed',
		respondents: 4,
		anyStepShown: true,
		expected: 'available'
	},
	{
		name: 'has a result above k once delivered',
		status: 'delivered',
		respondents: 7,
		anyStepShown: true,
		expected: 'available'
	},
	{
		name: 'has nothing to give when the room was shown none of their steps',
		status: 'closed',
		respondents: 7,
		anyStepShown: false,
		expected: 'notShown'
	}
];

describe('supervisorResult (k = 4)', () => {
	for (const { name, expected, ...facts } of cases) {
		it(name, () => {
			expect(supervisorResult({ ...facts, k: 4 })).toBe(expected);
		});
	}
});
