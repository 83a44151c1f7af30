import type { Answers } from './response.ts';
import { itemsOf, sectionsFor, type SubjectKind, type Template } from './template.ts';

/**
 * What of an assessor's submitted answers is kept once answering has closed for good: the
 * ratings and choices the meeting counts. Free text is dropped, because by then it lives on as
 * a curated comment, and a comment found word for word in a stored answer would tie the two
 * together. Anything not on the assessor's form for that subject goes too.
 */
export function answersKeptAfterClose(options: {
	form: Template;
	about: SubjectKind;
	answers: Answers;
}): Answers {
	const counted = new Set(
		itemsOf(sectionsFor({ form: options.form, about: options.about, role: 'assessor' }))
			.filter((item) => item.type !== 'text')
			.map((item) => item.id)
	);
	return Object.fromEntries(Object.entries(options.answers).filter(([id]) => counted.has(id)));
}
