import {
	fragmentName,
	planInputFromDocument,
	planListName,
	planMapName,
	textFieldsFor,
	type FollowUpResult,
	type Subject,
	type TextField
} from '@kollegium/model';
import type { Documents } from '../http/env.ts';
import { fragmentLines } from './fragment-text.ts';

/** A subject's plan as the shared document holds it now, shaped for the plan's schema. */
export function readPlanInput(
	documents: Documents,
	kollegiumId: string,
	subject: Pick<Subject, 'id' | 'kind'>
): Promise<unknown> {
	return documents.read(kollegiumId, (doc) => {
		const structured = {
			...doc.getMap(planMapName(subject.id)).toJSON(),
			goals: doc.getArray(planListName(subject.id, 'goals')).toJSON(),
			rows: doc.getArray(planListName(subject.id, 'rows')).toJSON()
		};
		const texts: Partial<Record<TextField, string[]>> = {};
		for (const field of textFieldsFor(subject.kind)) {
			texts[field] = fragmentLines(doc.getXmlFragment(fragmentName(subject.id, field)));
		}
		return planInputFromDocument(subject.kind, structured, texts);
	});
}

/**
 * A trainee's plan input with the follow-up of their previous plan, as the meeting marked it:
 * the room decides it in the meeting, not in the document, so it joins the plan when it is
 * marked final. Null when there was no previous plan to follow up.
 */
export function withFollowUp(input: unknown, followUp: FollowUpResult | null): unknown {
	const plan = typeof input === 'object' && input !== null ? input : {};
	return { ...plan, followUp };
}
