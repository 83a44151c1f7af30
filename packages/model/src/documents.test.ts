import { describe, expect, it } from 'vitest';
import { checkInput } from './validation.ts';
import { planInputFromDocument, planSchemaFor, textFieldsFor } from './documents.ts';
import { DevelopmentPlan } from './plans.ts';

const goal = {
	id: 'g1',
	description: 'Leda ronden självständigt',
	goals: ['STa5'],
	activities: [
		{ id: 'a1', kind: 'assessment', description: 'Observerad rond', instrument: 'mini-cex' },
		{ id: 'a2', kind: 'course', description: 'Ledarskapskurs', instrument: 'dops' }
	],
	responsible: 'Karin Holmlund',
	dueDate: '2027-03-01',
	followUp: 'Vid nästa handledarsamtal'
};
const texts = {
	summary: ['Trygg i akuta lägen.', 'Tar ansvar.'],
	strengths: ['Lugn'],
	development: ['Delegera']
};

describe('a plan read from the shared document', () => {
	it('becomes a valid development plan, without the editor\u2019s ids', () => {
		const input = planInputFromDocument(
			'trainee',
			{ goals: [goal], nextFollowUp: '2027-04-15', atRisk: false, problemAreas: 'Kvar' },
			texts
		);
		const checked = checkInput(DevelopmentPlan, input, 'sv');
		expect(checked.success).toBe(true);
		expect(input).toMatchObject({
			summary: 'Trygg i akuta lägen.\nTar ansvar.',
			strengths: ['Lugn'],
			developmentAreas: ['Delegera'],
			actionPlan: null
		});
		const [activity, other] = (input as DevelopmentPlan).goals[0]!.activities;
		expect(activity).toEqual({
			kind: 'assessment',
			description: 'Observerad rond',
			instrument: 'mini-cex'
		});
		// An instrument left over from when the activity was an assessment does not count.
		expect(other?.instrument).toBeNull();
		expect(JSON.stringify(input)).not.toContain('"id"');
	});

	it('points at the field the editor shows: a missing owner and date by the goal\u2019s position', () => {
		const input = planInputFromDocument(
			'trainee',
			{ goals: [goal, { ...goal, id: 'g2', responsible: '', dueDate: '' }], nextFollowUp: '' },
			texts
		);
		const checked = checkInput(DevelopmentPlan, input, 'sv');
		expect(checked.success).toBe(false);
		if (checked.success) return;
		expect(checked.issues.map((issue) => issue.path).sort()).toEqual([
			'goals.1.dueDate',
			'goals.1.responsible',
			'nextFollowUp'
		]);
	});

	it('has an åtgärdsplan, one problem per line, only when the trainee is at risk', () => {
		const input = planInputFromDocument(
			'trainee',
			{
				goals: [goal],
				nextFollowUp: '2027-04-15',
				atRisk: true,
				problemAreas: 'Journalföring\n\n  Tidspassning ',
				supportMeasures: 'Veckovis avstämning',
				timePlan: 'Tre månader',
				actionFollowUpDate: '2027-02-01',
				studierektorInformed: false
			},
			texts
		) as DevelopmentPlan;
		expect(input.actionPlan?.problemAreas).toEqual(['Journalföring', 'Tidspassning']);
		const checked = checkInput(DevelopmentPlan, input, 'sv');
		expect(checked.success ? [] : checked.issues.map((issue) => issue.path)).toEqual([
			'actionPlan.studierektorInformed'
		]);
	});

	it('gives the clinic a summary per SPUR area that was written in, and its rows', () => {
		const row = {
			id: 'r1',
			area: 'E',
			action: 'Schemalägg handledning',
			dueDate: '2027-02-01',
			owner: 'Verksamhetschef',
			followUpDate: '2027-06-01',
			followUpBy: 'Studierektor'
		};
		const input = planInputFromDocument(
			'clinic',
			{ rows: [row] },
			{ 'spur-E': ['Ojämn handledning.'], 'spur-F': [] }
		);
		expect(input).toEqual({
			summaries: { E: 'Ojämn handledning.' },
			rows: [
				{
					area: 'E',
					action: 'Schemalägg handledning',
					dueDate: '2027-02-01',
					owner: 'Verksamhetschef',
					followUpDate: '2027-06-01',
					followUpBy: 'Studierektor'
				}
			]
		});
		expect(checkInput(planSchemaFor('clinic')!, input, 'sv').success).toBe(true);
	});

	it('has rich-text fields per kind, and no plan for a supervisor', () => {
		expect(textFieldsFor('trainee')).toEqual(['summary', 'strengths', 'development']);
		expect(textFieldsFor('clinic')).toHaveLength(8);
		expect(planSchemaFor('supervisor')).toBeNull();
	});
});
