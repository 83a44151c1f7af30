import { describe, expect, it } from 'vitest';
import { DevelopmentPlan, ImprovementPlan } from './plans.ts';
import { checkInput } from './validation.ts';

const goal = {
	description: 'Leda ronden självständigt på vårdavdelningen',
	goals: ['STa5'],
	activities: [{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' }],
	responsible: 'Karin Holmlund',
	dueDate: '2027-03-01',
	followUp: 'Vid nästa handledarsamtal'
};
const plan = {
	summary: 'Trygg i akuta lägen; kan ta mer plats vid ronden.',
	strengths: ['Lugn och strukturerad'],
	developmentAreas: ['Delegera tydligare'],
	goals: [goal],
	nextFollowUp: '2027-04-15',
	atRisk: false,
	actionPlan: null
};

describe('DevelopmentPlan', () => {
	it('accepts a complete plan', () => {
		expect(DevelopmentPlan.safeParse(plan).success).toBe(true);
	});

	const cases = [
		{
			name: 'a goal without a responsible person',
			change: { goals: [{ ...goal, responsible: '' }] },
			path: 'goals.0.responsible'
		},
		{
			name: 'a goal without a due date',
			change: { goals: [{ ...goal, dueDate: '' }] },
			path: 'goals.0.dueDate'
		},
		{
			name: 'a goal linked to no delmål',
			change: { goals: [{ ...goal, goals: [] }] },
			path: 'goals.0.goals'
		},
		{
			name: 'an assessment activity without its instrument',
			change: {
				goals: [
					{
						...goal,
						activities: [{ kind: 'assessment', description: 'Bedömning', instrument: null }]
					}
				]
			},
			path: 'goals.0.activities.0.instrument'
		},
		{ name: 'no next follow-up', change: { nextFollowUp: '' }, path: 'nextFollowUp' },
		{
			name: 'a trainee at risk without an åtgärdsplan',
			change: { atRisk: true },
			path: 'actionPlan'
		},
		{
			name: 'an åtgärdsplan without the studierektor informed',
			change: {
				atRisk: true,
				actionPlan: {
					problemAreas: ['Journalföring'],
					supportMeasures: ['Extra handledning'],
					timePlan: 'Tre månader',
					followUpDate: '2027-02-01',
					studierektorInformed: false
				}
			},
			path: 'actionPlan.studierektorInformed'
		}
	];
	for (const { name, change, path } of cases) {
		it(`points out ${name}, in Swedish, at its field`, () => {
			const result = checkInput(DevelopmentPlan, { ...plan, ...change }, 'sv');
			expect(result.success).toBe(false);
			if (!result.success) {
				const issue = result.issues.find((i) => i.path === path);
				expect(issue, JSON.stringify(result.issues)).toBeDefined();
				expect(issue?.message).toMatch(/[a-zåäö]/i);
			}
		});
	}
});

describe('ImprovementPlan', () => {
	const row = {
		area: 'E',
		action: 'Schemalägg handledning varannan vecka',
		dueDate: '2027-01-31',
		owner: 'Verksamhetschef',
		followUpDate: '2027-06-01',
		followUpBy: 'Studierektor'
	};

	it('accepts SPUR handlingsplan rows and summaries per area', () => {
		expect(
			ImprovementPlan.safeParse({ summaries: { E: 'Handledningen är ojämn.' }, rows: [row] })
				.success
		).toBe(true);
	});

	it('refuses a row with an area outside A–H, or a plan without rows', () => {
		expect(
			ImprovementPlan.safeParse({ summaries: {}, rows: [{ ...row, area: 'K' }] }).success
		).toBe(false);
		expect(ImprovementPlan.safeParse({ summaries: {}, rows: [] }).success).toBe(false);
	});
});
