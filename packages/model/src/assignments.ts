import type { KollegiumKind, FormRole } from './template.ts';
import type { Participant, Subject } from './kollegium.ts';

/** One form a participant is asked to fill: about which subject, in which role. */
export interface Assignment {
	subjectId: string;
	role: FormRole;
}

/**
 * Which forms a participant fills. In a specialistkollegium assessors answer about every
 * trainee but themselves and a trainee answers the self-assessment; in an ST-läkarkollegium
 * trainees answer about the clinic and every supervisor.
 */
export function assignmentsFor(options: {
	kind: KollegiumKind;
	participant: Pick<Participant, 'id' | 'roles'>;
	subjects: readonly Subject[];
}): Assignment[] {
	const { kind, participant, subjects } = options;
	const roles = new Set(participant.roles);
	if (kind === 'specialistkollegium') {
		return subjects
			.filter((subject) => subject.kind === 'trainee')
			.flatMap((subject): Assignment[] => {
				if (subject.participantId === participant.id)
					return [{ subjectId: subject.id, role: 'self' }];
				return roles.has('assessor') ? [{ subjectId: subject.id, role: 'assessor' }] : [];
			});
	}
	// A supervisor the kollegium is about answers nothing, whatever roles they were given (#11 D).
	const isSupervisor = subjects.some(
		(subject) => subject.kind === 'supervisor' && subject.participantId === participant.id
	);
	if (!roles.has('trainee') || isSupervisor) return [];
	return subjects
		.filter((subject) => subject.kind === 'clinic' || subject.kind === 'supervisor')
		.map((subject) => ({ subjectId: subject.id, role: 'trainee' }));
}
