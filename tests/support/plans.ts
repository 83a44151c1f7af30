import type { DevelopmentPlan } from '@kollegium/model';

/** Sara's development plan, complete enough to be marked final; change what a test needs. */
export function completePlan(overrides: Partial<DevelopmentPlan> = {}): DevelopmentPlan {
	return {
		summary: 'Trygg i akuta lägen, ödmjuk inför svåra beslut.',
		strengths: ['Lugn'],
		developmentAreas: ['Delegera'],
		goals: [
			{
				description: 'Leda ronden självständigt',
				goals: ['STa5'],
				activities: [
					{ kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' }
				],
				responsible: 'Karin Holmlund',
				dueDate: '2027-03-01',
				followUp: 'Vid nästa handledarsamtal'
			}
		],
		nextFollowUp: '2027-04-15',
		atRisk: false,
		actionPlan: null,
		...overrides
	};
}
