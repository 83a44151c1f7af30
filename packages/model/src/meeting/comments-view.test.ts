import { describe, expect, it } from 'vitest';
import { Template } from '../template.ts';
import { buildStepView } from './view.ts';
import type { Comment } from './comments.ts';

const SUBJECT = '00000000-0000-4000-8000-000000000001';
const form = Template.parse({
	id: 'c',
	version: 1,
	kind: 'st-lakarkollegium',
	title: { sv: 'C' },
	scales: [],
	sections: [
		{
			id: 'handledning',
			title: { sv: 'Handledning' },
			about: 'supervisor',
			items: [
				{ id: 'bra', type: 'text', text: { sv: 'Vad fungerar bra?' } },
				{ id: 'battre', type: 'text', text: { sv: 'Vad kan bli bättre?' } }
			]
		}
	]
});
const comment = (n: number, itemId: string): Comment => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	subjectId: SUBJECT,
	itemId,
	text: `${itemId} ${n}`,
	originalText: null,
	hidden: false,
	mergedInto: null,
	theme: ''
});

describe('the comments step', () => {
	it('groups comments by question, and shows nothing of a question fewer than k wrote in', () => {
		const view = buildStepView({
			step: {
				id: 'comments:s:handledning',
				kind: 'comments',
				subjectId: SUBJECT,
				sectionId: 'handledning'
			},
			form,
			subject: {
				id: SUBJECT,
				kind: 'supervisor',
				name: 'Dr Berg',
				participantId: null,
				specialty: null,
				stStart: null,
				monthsOfLeave: 0,
				regulation: null,
				supervisorId: null
			},
			startsAt: '2026-12-01T12:00:00Z',
			k: 3,
			answers: [{}, {}, {}, {}],
			selfAnswers: null,
			comments: [comment(1, 'bra'), comment(2, 'bra'), comment(3, 'bra'), comment(4, 'battre')],
			showSelf: false,
			splitByFamiliarity: false
		});
		if (view.kind !== 'comments') throw new Error('expected comments');
		expect(view.questions).toEqual([
			{ itemId: 'bra', text: { sv: 'Vad fungerar bra?' }, hidden: false },
			{ itemId: 'battre', text: { sv: 'Vad kan bli bättre?' }, hidden: true }
		]);
		expect(view.comments.map((c) => c.itemId)).toEqual(['bra', 'bra', 'bra']);
		expect(JSON.stringify(view)).not.toContain('battre 4');
	});
});
