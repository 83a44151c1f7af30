import type { Progress } from './api.ts';
import { assignmentsFor } from './assignments.ts';
import type { Participant, Subject } from './kollegium.ts';
import type { KollegiumKind } from './template.ts';

export interface ResponseState {
	subjectId: string;
	/** Null once answering has closed for good and the answers were detached from their authors. */
	participantId: string | null;
	submitted: boolean;
}

/**
 * Progress while answers come in. Counts per subject and who has not finished; never content.
 * In a specialistkollegium "pending" names an assessor until they have submitted for every
 * trainee; in an ST-läkarkollegium the same, over the whole form, so the list never tells
 * which supervisor someone answered about.
 */
export function computeProgress(options: {
	kind: KollegiumKind;
	participants: readonly Pick<Participant, 'id' | 'name' | 'roles'>[];
	subjects: readonly Subject[];
	responses: readonly ResponseState[];
}): Progress {
	const { kind, participants, subjects, responses } = options;
	// Once the answers were detached from their authors, only how many were given is known,
	// and answering is over: nobody is left to remind.
	const unlinked = responses.some((r) => r.participantId === null);
	const unlinkedCount = (subjectId: string) =>
		responses.filter((r) => r.participantId === null && r.subjectId === subjectId).length;
	const submitted = new Set(
		responses.filter((r) => r.submitted).map((r) => `${r.participantId}/${r.subjectId}`)
	);
	const drafts = new Set(responses.map((r) => `${r.participantId}/${r.subjectId}`));
	const assignments = participants.map((participant) => ({
		participant,
		forms: assignmentsFor({ kind, participant, subjects })
	}));
	return {
		subjects: subjects.map((subject) => {
			const others = assignments
				.flatMap(({ participant, forms }) =>
					forms
						.filter((f) => f.subjectId === subject.id && f.role !== 'self')
						.map(() => participant)
				)
				.map((participant) => participant.id);
			const named = new Map(participants.map((p) => [p.id, p.name]));
			const self =
				subject.kind === 'trainee' && subject.participantId ? subject.participantId : null;
			const key = (participantId: string) => `${participantId}/${subject.id}`;
			return {
				subjectId: subject.id,
				name: subject.name,
				invited: others.length,
				submitted: others.filter((id) => submitted.has(key(id))).length + unlinkedCount(subject.id),
				// Who has not answered about this trainee, to remind them. In an
				// ST-läkarkollegium this would tell who answered about which supervisor: empty.
				pending:
					kind === 'specialistkollegium' && !unlinked
						? others
								.filter((id) => !submitted.has(key(id)))
								.map((id) => ({ participantId: id, name: named.get(id) ?? '' }))
						: [],
				selfAssessment: self
					? submitted.has(key(self))
						? 'submitted'
						: drafts.has(key(self))
							? 'draft'
							: 'none'
					: null
			};
		}),
		pending: assignments
			.filter(() => !unlinked)
			.filter(({ participant, forms }) =>
				forms.some((f) => !submitted.has(`${participant.id}/${f.subjectId}`))
			)
			.map(({ participant }) => ({ participantId: participant.id, name: participant.name })),
		answersUnlinked: unlinked
	};
}
