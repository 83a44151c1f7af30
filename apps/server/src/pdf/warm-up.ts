import type { FeedbackReport, RevealedStep } from '@kollegium/model';

const subject = {
	kind: 'trainee' as const,
	name: 'Åsa Öberg',
	specialty: 'Internmedicin',
	monthOfTraining: 12
};
const scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: { sv: `Nivå ${value}` } }));

const ratings: RevealedStep = {
	kind: 'ratings',
	subject,
	title: { sv: 'Medicinsk kompetens' },
	k: 3,
	items: ['kunskap', 'handlaggning'].map((itemId, index) => ({
		itemId,
		text: { sv: 'Har medicinska kunskaper för sin nivå' },
		steps: scale,
		aggregate: {
			itemId,
			type: 'rating' as const,
			hidden: false as const,
			distribution: {
				counts: scale.map(({ value }) => ({ value, count: (value + index) % 3 })),
				n: 5,
				cannotAssess: 1,
				median: 3
			}
		},
		self: 4,
		split: null
	}))
};

const comments: RevealedStep = {
	kind: 'comments',
	subject,
	title: { sv: 'Fritext' },
	k: 3,
	hidden: false,
	questions: [{ itemId: 'styrkor', text: { sv: 'Vad gör Åsa särskilt bra?' }, hidden: false }],
	comments: [
		{ id: 'a', itemId: 'styrkor', text: 'Lugn och strukturerad på akuten.', theme: '', count: 2 }
	]
};

/**
 * A small report with a chart, a comment and a plan: laid out over and over in a new child, it
 * gets V8 to compile every part of layout, so the first real PDFs take half the time they would.
 */
export function warmUpReport(): FeedbackReport {
	const at = new Date().toISOString();
	return {
		locale: 'sv',
		kollegium: {
			kind: 'specialistkollegium',
			title: 'Uppvärmning',
			startsAt: at,
			k: 3,
			clinic: 'Kliniken'
		},
		subject,
		respondents: 5,
		supervisorName: 'Handledare',
		steps: [ratings, comments],
		plan: {
			kind: 'development',
			version: 1,
			finalizedAt: at,
			plan: {
				summary: 'Sammanfattning.',
				strengths: ['Styrka'],
				developmentAreas: ['Område'],
				goals: [
					{
						description: 'Mål',
						goals: ['STa1'],
						activities: [{ kind: 'course', description: 'Kurs', instrument: null }],
						responsible: 'Handledare',
						dueDate: '2027-01-01',
						followUp: 'Samtal'
					}
				],
				nextFollowUp: '2027-02-01',
				atRisk: true,
				actionPlan: {
					problemAreas: ['Ronden'],
					supportMeasures: ['Rondträning'],
					timePlan: 'Tre månader.',
					followUpDate: '2027-02-20',
					studierektorInformed: true
				}
			}
		},
		goalTitles: { STa1: 'Etik' },
		generatedAt: at
	};
}
