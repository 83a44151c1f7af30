import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ParticipantInput } from './kollegium.ts';
import { translate } from './messages/index.ts';
import { ActionPlan, DevelopmentPlan } from './plans.ts';
import { checkInput } from './validation.ts';

const messages = (schema: z.ZodType, input: unknown) => {
	const result = checkInput(schema, input, 'sv');
	return Object.fromEntries(
		(result.success ? [] : result.issues).map((issue) => [issue.path, issue.message])
	);
};
const sv = translate.bind(null, 'sv');

describe('field messages that fit the field', () => {
	it('asks to fill in an empty name, not for "at least 2 characters"', () => {
		expect(messages(ParticipantInput, { name: '', roles: ['assessor'] }).name).toBe(
			sv('validation.missing')
		);
		expect(messages(ParticipantInput, { name: '   ', roles: ['assessor'] }).name).toBe(
			sv('validation.missing')
		);
		expect(messages(ParticipantInput, { name: 'Å', roles: ['assessor'] }).name).toBe(
			sv('validation.minChars', { n: 2 })
		);
	});

	it('asks to choose only where there is something to choose', () => {
		expect(messages(ParticipantInput, { name: 'Karin', roles: [] }).roles).toBe('Välj minst 1.');
	});

	it('asks to fill in an empty free-text list (one per line), never to choose', () => {
		const found = messages(ActionPlan, {
			problemAreas: [],
			supportMeasures: [],
			timePlan: 'Åtta veckor',
			followUpDate: '2030-12-15',
			studierektorInformed: true
		});
		expect(found.problemAreas).toBe(sv('validation.missing'));
		expect(found.supportMeasures).toBe(sv('validation.missing'));
	});

	it('asks to add a row to an empty list of rows', () => {
		const found = messages(DevelopmentPlan, {
			strengths: 'Trygg i akuta lägen',
			developmentAreas: 'Handledning',
			goals: [],
			nextFollowUp: '2030-12-15'
		});
		expect(found.goals).toBe(sv('validation.minEntries', { n: 1 }));
	});

	it('asks to choose at least one delmål code, a list of picked codes', () => {
		const Goals = z.object({ goals: z.array(z.string().regex(/^ST[abc]\d$/)).min(1) });
		expect(messages(Goals, { goals: [] }).goals).toBe('Välj minst 1.');
	});

	it('finds the list inside optional and defaulted wrappers', () => {
		const Nested = z.object({
			plan: z.object({ lines: z.array(z.string().trim().min(3)).min(2) }).optional()
		});
		expect(messages(Nested, { plan: { lines: ['Ronden'] } })['plan.lines']).toBe(
			sv('validation.minEntries', { n: 2 })
		);
	});
});
