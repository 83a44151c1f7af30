import { describe, expect, it } from 'vitest';
import { computeProgress } from './progress.ts';
import { Template } from './template.ts';
import { answersKeptAfterClose } from './unlinking.ts';

const form = Template.parse({
	id: 'unlink-test',
	version: 1,
	kind: 'specialistkollegium',
	title: { sv: 'Avlänkning' },
	scales: [
		{
			id: 'niva',
			label: { sv: 'Nivå' },
			steps: [1, 2, 3].map((value) => ({ value, label: { sv: `Steg ${value}` } })),
			cannotAssess: false
		}
	],
	sections: [
		{
			id: 'kompetens',
			title: { sv: 'Kompetens' },
			about: 'trainee',
			items: [
				{ id: 'kunskap', type: 'rating', text: { sv: 'Kunskap' }, scale: 'niva' },
				{
					id: 'samarbete',
					type: 'choice',
					text: { sv: 'Samarbete' },
					audience: 'assessor',
					options: [
						{ value: 'mycket', label: { sv: 'Mycket' } },
						{ value: 'lite', label: { sv: 'Lite' } }
					]
				},
				{ id: 'styrkor', type: 'text', text: { sv: 'Styrkor' } }
			]
		}
	]
});

describe('answersKeptAfterClose', () => {
	it('keeps ratings and choices and drops free text and unknown items', () => {
		expect(
			answersKeptAfterClose({
				form,
				about: 'trainee',
				answers: { kunskap: 2, samarbete: 'lite', styrkor: 'Lugn i akuta lägen', gammal: 3 }
			})
		).toEqual({ kunskap: 2, samarbete: 'lite' });
	});
});

describe('computeProgress once the answers are unlinked', () => {
	const subjects = [
		{
			id: '00000000-0000-4000-8000-000000000001',
			kind: 'trainee' as const,
			name: 'Sara',
			participantId: null,
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			monthsOfLeave: 0,
			regulation: 'HSLF-FS 2021:8' as const,
			supervisorId: null,
			personId: null
		}
	];
	const participants = ['Karin', 'Peter', 'Amira'].map((name, index) => ({
		id: `00000000-0000-4000-8000-00000000001${index}`,
		name,
		roles: ['assessor' as const]
	}));

	it('counts the unlinked answers and names nobody as pending', () => {
		const progress = computeProgress({
			kind: 'specialistkollegium',
			participants,
			subjects,
			responses: [
				{ subjectId: subjects[0]!.id, participantId: null, submitted: true },
				{ subjectId: subjects[0]!.id, participantId: null, submitted: true }
			]
		});
		expect(progress.answersUnlinked).toBe(true);
		expect(progress.subjects[0]).toMatchObject({ invited: 3, submitted: 2, pending: [] });
		expect(progress.pending).toEqual([]);
	});

	it('names who has not answered while answers are still linked', () => {
		const progress = computeProgress({
			kind: 'specialistkollegium',
			participants,
			subjects,
			responses: [
				{ subjectId: subjects[0]!.id, participantId: participants[0]!.id, submitted: true }
			]
		});
		expect(progress.answersUnlinked).toBe(false);
		expect(progress.subjects[0]!.submitted).toBe(1);
		expect(progress.pending.map((p) => p.name)).toEqual(['Peter', 'Amira']);
	});
});
