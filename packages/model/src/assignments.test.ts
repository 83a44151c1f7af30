import { describe, expect, it } from 'vitest';
import { assignmentsFor, type Assignment } from './assignments.ts';
import type { ParticipantRole, Subject } from './kollegium.ts';
import type { KollegiumKind } from './template.ts';

function uuid(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

const people = {
	anna: uuid(1),
	bo: uuid(2),
	cilla: uuid(3),
	david: uuid(4),
	eva: uuid(5)
};

function trainee(id: string, participantId: string, name: string): Subject {
	return {
		id,
		kind: 'trainee',
		name,
		participantId,
		specialty: 'Internmedicin',
		stStart: '2023-09-01',
		monthsOfLeave: 0,
		regulation: 'HSLF-FS 2021:8',
		supervisorId: null
	};
}

function other(id: string, kind: 'clinic' | 'supervisor', name: string): Subject {
	return {
		id,
		kind,
		name,
		participantId: null,
		specialty: null,
		stStart: null,
		monthsOfLeave: 0,
		regulation: null,
		supervisorId: null
	};
}

/** Two trainees, Anna and Bo, assessed in a specialistkollegium. */
const specialistSubjects = [
	trainee(uuid(101), people.anna, 'Anna Testsson'),
	trainee(uuid(102), people.bo, 'Bo Påhittad')
];

/** The clinic and two supervisors in an ST-läkarkollegium. */
const stSubjects = [
	other(uuid(201), 'clinic', 'Kliniken'),
	other(uuid(202), 'supervisor', 'Cilla Exempelsdotter'),
	other(uuid(203), 'supervisor', 'David Fiktiv')
];

describe('assignmentsFor', () => {
	const cases: {
		name: string;
		input: { kind: KollegiumKind; id: string; roles: ParticipantRole[]; subjects: Subject[] };
		expected: Assignment[];
	}[] = [
		{
			name: 'asks a specialistkollegium assessor to assess every trainee',
			input: {
				kind: 'specialistkollegium',
				id: people.cilla,
				roles: ['assessor'],
				subjects: specialistSubjects
			},
			expected: [
				{ subjectId: uuid(101), role: 'assessor' },
				{ subjectId: uuid(102), role: 'assessor' }
			]
		},
		{
			name: 'asks a trainee for a self-assessment of their own subject only',
			input: {
				kind: 'specialistkollegium',
				id: people.anna,
				roles: ['trainee'],
				subjects: specialistSubjects
			},
			expected: [{ subjectId: uuid(101), role: 'self' }]
		},
		{
			name: 'asks an assessor who is also assessed for a self-assessment of themselves and an assessment of the others',
			input: {
				kind: 'specialistkollegium',
				id: people.bo,
				roles: ['assessor', 'trainee'],
				subjects: specialistSubjects
			},
			expected: [
				{ subjectId: uuid(101), role: 'assessor' },
				{ subjectId: uuid(102), role: 'self' }
			]
		},
		{
			name: 'gives an observer no forms in a specialistkollegium',
			input: {
				kind: 'specialistkollegium',
				id: people.eva,
				roles: ['observer'],
				subjects: specialistSubjects
			},
			expected: []
		},
		{
			name: 'gives a trainee who is not one of the subjects no forms in a specialistkollegium',
			input: {
				kind: 'specialistkollegium',
				id: people.david,
				roles: ['trainee'],
				subjects: specialistSubjects
			},
			expected: []
		},
		{
			name: 'gives an assessor no forms when there are no trainees yet',
			input: { kind: 'specialistkollegium', id: people.cilla, roles: ['assessor'], subjects: [] },
			expected: []
		},
		{
			name: 'ignores clinic and supervisor subjects in a specialistkollegium',
			input: {
				kind: 'specialistkollegium',
				id: people.cilla,
				roles: ['assessor', 'trainee'],
				subjects: [...stSubjects, specialistSubjects[0]!]
			},
			expected: [{ subjectId: uuid(101), role: 'assessor' }]
		},
		{
			name: 'asks an st-lakarkollegium trainee about the clinic and every supervisor',
			input: {
				kind: 'st-lakarkollegium',
				id: people.anna,
				roles: ['trainee'],
				subjects: stSubjects
			},
			expected: [
				{ subjectId: uuid(201), role: 'trainee' },
				{ subjectId: uuid(202), role: 'trainee' },
				{ subjectId: uuid(203), role: 'trainee' }
			]
		},
		{
			name: 'gives an st-lakarkollegium assessor no forms',
			input: {
				kind: 'st-lakarkollegium',
				id: people.cilla,
				roles: ['assessor'],
				subjects: stSubjects
			},
			expected: []
		},
		{
			name: 'gives an st-lakarkollegium supervisor no forms',
			input: {
				kind: 'st-lakarkollegium',
				id: people.cilla,
				roles: ['supervisor', 'assessor'],
				subjects: stSubjects
			},
			expected: []
		},
		{
			name: 'gives an st-lakarkollegium observer no forms',
			input: {
				kind: 'st-lakarkollegium',
				id: people.eva,
				roles: ['observer'],
				subjects: stSubjects
			},
			expected: []
		},
		{
			name: 'ignores trainee subjects in an st-lakarkollegium',
			input: {
				kind: 'st-lakarkollegium',
				id: people.anna,
				roles: ['trainee'],
				subjects: [...specialistSubjects, stSubjects[0]!]
			},
			expected: [{ subjectId: uuid(201), role: 'trainee' }]
		}
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(
				assignmentsFor({
					kind: input.kind,
					participant: { id: input.id, roles: input.roles },
					subjects: input.subjects
				})
			).toEqual(expected);
		});
	}
});
