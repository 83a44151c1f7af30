/**
 * Where the editor shows a plan's field, from a validation issue's path, so the error summary
 * can link to it. The ids are the ones PlanEditor, ImprovementPlanEditor and RichText render.
 */
export function fieldIdFor(subjectId: string, path: string): string {
	const plan = `plan-${subjectId}`;
	const parts = path.split('.');
	const [head, index, key, subIndex, subKey] = parts;
	switch (head) {
		case 'summary':
			return `${subjectId}-summary`;
		case 'strengths':
			return `${subjectId}-strengths`;
		case 'developmentAreas':
			return `${subjectId}-development`;
		case 'summaries':
			return `${subjectId}-spur-${index ?? 'D'}`;
		case 'nextFollowUp':
			return `${plan}-next`;
		case 'actionPlan':
			if (index === 'followUpDate') return `${plan}-action-date`;
			if (index === 'studierektorInformed') return `${plan}-informed`;
			if (index === undefined) return `${plan}-problemAreas`;
			return `${plan}-${index}`;
		case 'goals': {
			if (index === undefined) return `${plan}-heading`;
			const goal = `${plan}-goal-${index}`;
			if (key === 'activities' && subIndex !== undefined) {
				return `${goal}-activity-${subIndex}-${subKey === 'instrument' ? 'instrument' : 'description'}`;
			}
			if (key === 'responsible' || key === 'dueDate' || key === 'followUp') return `${goal}-${key}`;
			if (key === 'goals') return `${goal}-codes`;
			if (key === 'activities') return `${goal}-add-activity`;
			return `${goal}-description`;
		}
		case 'rows':
			return index === undefined
				? `rows-${subjectId}-heading`
				: `rows-${subjectId}-${index}-${key ?? 'action'}`;
		default:
			return `${plan}-heading`;
	}
}

/** The label of the rich-text field a path belongs to, for the error summary. */
export function textFieldOf(path: string): string | null {
	const head = path.split('.')[0];
	if (head === 'summary') return 'summary';
	if (head === 'strengths') return 'strengths';
	if (head === 'developmentAreas') return 'development';
	if (head === 'summaries') return `spur-${path.split('.')[1] ?? ''}`;
	return null;
}
