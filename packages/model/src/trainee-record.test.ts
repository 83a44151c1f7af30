import { describe, expect, it } from 'vitest';
import type { DevelopmentPlan } from './plans.ts';
import {
	byAttention,
	traineeRecord,
	TraineeRecord,
	traineeSummary,
	TraineeSummary,
	type TraineeFacts
} from './trainee-record.ts';
import type { AreaTrend } from './trends.ts';

const ids = {
	person: '7d0f6b4e-3c55-4a0e-9a4f-000000000001',
	first: '7d0f6b4e-3c55-4a0e-9a4f-000000000011',
	second: '7d0f6b4e-3c55-4a0e-9a4f-000000000012',
	third: '7d0f6b4e-3c55-4a0e-9a4f-000000000013'
};

function plan(overrides: Partial<DevelopmentPlan> = {}): DevelopmentPlan {
	return {
		summary: 'Går framåt.',
		strengths: ['Lugn'],
		developmentAreas: [],
		goals: [
			{
				description: 'Leda ronden',
				goals: ['STa5'],
				activities: [{ kind: 'supervision', description: 'Handledning', instrument: null }],
				responsible: 'Handledaren',
				dueDate: '2026-01-31',
				followUp: 'Vid nästa kollegium'
			}
		],
		nextFollowUp: '2026-03-01',
		atRisk: false,
		actionPlan: null,
		...overrides
	};
}

const actionPlan = {
	problemAreas: ['Journalföring'],
	supportMeasures: ['Extra handledning'],
	timePlan: 'Tre månader',
	followUpDate: '2026-02-15',
	studierektorInformed: true as const
};

function facts(kollegier: TraineeFacts['kollegier']): TraineeFacts {
	return {
		person: {
			id: ids.person,
			name: 'Saga Ek',
			specialty: 'Internmedicin',
			regulation: 'HSLF-FS 2021:8',
			stStart: '2024-09-01',
			monthsOfLeave: 2,
			supervisorName: 'Olle Berg'
		},
		kollegier
	};
}

const heldTwice = facts([
	{
		kollegiumId: ids.second,
		title: 'Kollegium hösten 2025',
		startsAt: '2025-10-02T12:00:00.000Z',
		status: 'delivered',
		plans: [
			{
				version: 2,
				finalizedAt: '2025-10-04T08:00:00.000Z',
				plan: plan({ atRisk: true, actionPlan })
			},
			{ version: 1, finalizedAt: '2025-10-03T08:00:00.000Z', plan: plan() }
		],
		handover: { givenOn: '2025-10-10', planVersion: 2, sharedWithTrainee: true }
	},
	{
		kollegiumId: ids.first,
		title: 'Kollegium hösten 2024',
		startsAt: '2024-11-05T23:30:00.000Z',
		status: 'closed',
		plans: [{ version: 1, finalizedAt: '2024-11-07T08:00:00.000Z', plan: plan() }],
		handover: null
	},
	{
		kollegiumId: ids.third,
		title: 'Kollegium våren 2026',
		startsAt: '2026-04-01T12:00:00.000Z',
		status: 'open',
		plans: [],
		handover: null
	}
]);

const trends: AreaTrend[] = [];

describe('traineeRecord', () => {
	it('lists every kollegium oldest first with its plan versions, handover and Swedish day', () => {
		const record = TraineeRecord.parse(
			traineeRecord({ facts: heldTwice, today: '2026-02-01', trends })
		);
		expect(record.kollegier.map((k) => [k.kollegiumId, k.date, k.held])).toEqual([
			[ids.first, '2024-11-06', true],
			[ids.second, '2025-10-02', true],
			[ids.third, '2026-04-01', false]
		]);
		expect(record.kollegier[1]?.plans.map((p) => p.version)).toEqual([1, 2]);
		expect(record.kollegier[1]?.handover?.givenOn).toBe('2025-10-10');
		expect(record.specialistkollegier).toEqual({ held: 2, target: 3 });
		expect(record.monthOfTraining).toBe(16);
	});

	it('takes the åtgärdsplan and follow-up from the newest version of the latest final plan', () => {
		const record = traineeRecord({ facts: heldTwice, today: '2026-02-01', trends });
		expect(record.latestPlan).toMatchObject({ kollegiumId: ids.second, version: 2, atRisk: true });
		expect(record.actionPlan).toEqual(actionPlan);
		expect(record.nextFollowUp).toEqual({ date: '2026-03-01', overdue: false });
	});

	const overdueCases = [
		{ name: 'is not overdue on its own day', today: '2026-03-01', overdue: false },
		{ name: 'is overdue once its date has passed', today: '2026-03-02', overdue: true }
	];
	for (const { name, today, overdue } of overdueCases) {
		it(`a follow-up ${name}`, () => {
			expect(traineeRecord({ facts: heldTwice, today, trends }).nextFollowUp?.overdue).toBe(
				overdue
			);
		});
	}

	it('is not overdue when a later specialistkollegium has been held', () => {
		const later = facts([
			...heldTwice.kollegier.slice(0, 2),
			{ ...heldTwice.kollegier[2]!, status: 'live' }
		]);
		const record = traineeRecord({ facts: later, today: '2026-05-01', trends });
		expect(record.nextFollowUp).toEqual({ date: '2026-03-01', overdue: false });
		expect(record.specialistkollegier.held).toBe(3);
	});

	it('has no åtgärdsplan when the latest plan is not at risk, nor a follow-up without a plan', () => {
		const calm = facts([{ ...heldTwice.kollegier[1]! }]);
		expect(traineeRecord({ facts: calm, today: '2026-02-01', trends }).actionPlan).toBeNull();
		const none = traineeRecord({ facts: facts([]), today: '2026-02-01', trends });
		expect([none.latestPlan, none.nextFollowUp, none.actionPlan]).toEqual([null, null, null]);
		expect(none.specialistkollegier).toEqual({ held: 0, target: 3 });
	});
});

describe('traineeSummary', () => {
	it('sums up the trainee for the clinic list', () => {
		expect(TraineeSummary.parse(traineeSummary({ facts: heldTwice, today: '2026-03-02' }))).toEqual(
			{
				personId: ids.person,
				name: 'Saga Ek',
				specialty: 'Internmedicin',
				regulation: 'HSLF-FS 2021:8',
				monthOfTraining: 17,
				specialistkollegier: { held: 2, target: 3 },
				lastKollegium: '2025-10-02',
				nextFollowUp: { date: '2026-03-01', overdue: true },
				atRisk: true
			}
		);
	});

	it('puts overdue follow-ups first, then trainees at risk, then by name', () => {
		const base = traineeSummary({ facts: facts([]), today: '2026-02-01' });
		const line = (name: string, overdue: boolean | null, atRisk: boolean): TraineeSummary => ({
			...base,
			name,
			atRisk,
			nextFollowUp: overdue === null ? null : { date: '2026-01-01', overdue }
		});
		const sorted = [
			line('Örjan', null, false),
			line('Anna', false, false),
			line('Björn', false, true),
			line('Cilla', true, false)
		].sort(byAttention);
		expect(sorted.map((summary) => summary.name)).toEqual(['Cilla', 'Björn', 'Anna', 'Örjan']);
	});
});
