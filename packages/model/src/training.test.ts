import { describe, expect, it } from 'vitest';
import { monthOfTraining } from './training.ts';

describe('monthOfTraining', () => {
	const cases: {
		name: string;
		input: { stStart: string; at: string; monthsOfLeave?: number };
		expected: number;
	}[] = [
		{
			name: 'counts the start date as month 1',
			input: { stStart: '2024-09-02', at: '2024-09-02' },
			expected: 1
		},
		{
			name: 'stays in month 1 the day before the start day of the next month',
			input: { stStart: '2024-09-02', at: '2024-10-01' },
			expected: 1
		},
		{
			name: 'moves to month 2 on the start day of the next month',
			input: { stStart: '2024-09-02', at: '2024-10-02' },
			expected: 2
		},
		{
			name: 'stays in month 2 the day after the start day of the next month',
			input: { stStart: '2024-09-02', at: '2024-10-03' },
			expected: 2
		},
		{
			name: 'counts a start on the 1st from the 1st of each month',
			input: { stStart: '2024-01-01', at: '2024-04-01' },
			expected: 4
		},
		{
			name: 'keeps counting across a year end',
			input: { stStart: '2024-11-15', at: '2025-01-15' },
			expected: 3
		},
		{
			name: 'keeps counting across a year end when the day is before the start day',
			input: { stStart: '2024-11-15', at: '2025-01-14' },
			expected: 2
		},
		{
			name: 'is month 13 one year after the start',
			input: { stStart: '2024-09-02', at: '2025-09-02' },
			expected: 13
		},
		{
			name: 'is month 60 on the last day of the fifth year',
			input: { stStart: '2020-06-10', at: '2025-06-09' },
			expected: 60
		},
		{
			name: 'subtracts months of leave',
			input: { stStart: '2023-01-10', at: '2024-01-10', monthsOfLeave: 3 },
			expected: 10
		},
		{
			name: 'treats zero months of leave like no leave',
			input: { stStart: '2023-01-10', at: '2024-01-10', monthsOfLeave: 0 },
			expected: 13
		},
		{
			name: 'never goes below month 1 however much leave there is',
			input: { stStart: '2024-01-10', at: '2024-03-10', monthsOfLeave: 6 },
			expected: 1
		},
		{
			name: 'is month 1 when leave equals the months elapsed',
			input: { stStart: '2024-01-10', at: '2024-03-10', monthsOfLeave: 2 },
			expected: 1
		},
		{
			name: 'returns 0 for a meeting the day before the start',
			input: { stStart: '2024-09-02', at: '2024-09-01' },
			expected: 0
		},
		{
			name: 'returns 0 for a meeting a year before the start',
			input: { stStart: '2024-09-02', at: '2023-09-02' },
			expected: 0
		},
		{
			name: 'returns 0 before the start even with leave',
			input: { stStart: '2024-09-02', at: '2024-08-01', monthsOfLeave: 4 },
			expected: 0
		},
		{
			name: 'accepts a meeting time in UTC',
			input: { stStart: '2024-09-02', at: '2024-10-02T13:00:00Z' },
			expected: 2
		},
		{
			name: 'accepts a meeting time with a Swedish offset',
			input: { stStart: '2024-09-02', at: '2024-10-02T09:00:00+02:00' },
			expected: 2
		},
		{
			name: 'keeps a meeting time the day before the start day in the previous month',
			input: { stStart: '2024-09-02', at: '2024-10-01T15:30:00+02:00' },
			expected: 1
		},
		{
			name: 'returns 0 for a meeting time the day before the start',
			input: { stStart: '2024-09-02', at: '2024-09-01T10:00:00+02:00' },
			expected: 0
		},
		{
			name: 'counts a meeting later on the start date as month 1',
			input: { stStart: '2024-09-02', at: '2024-09-02T14:00:00+02:00' },
			expected: 1
		}
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(monthOfTraining(input)).toBe(expected);
		});
	}

	it('throws a RangeError for a start that is not a date', () => {
		expect(() => monthOfTraining({ stStart: 'not-a-date', at: '2024-09-02' })).toThrow(RangeError);
	});

	it('throws a RangeError for a meeting time that is not a date', () => {
		expect(() => monthOfTraining({ stStart: '2024-09-02', at: 'tomorrow' })).toThrow(RangeError);
	});
});
