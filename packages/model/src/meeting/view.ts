import { z } from 'zod';
import { aggregateSubject, Distribution, ItemAggregate, meetsMinimum } from '../aggregate.ts';
import { followUpResult, type FollowUpMark, type PreviousPlan } from '../follow-up.ts';
import type { Subject } from '../kollegium.ts';
import { FollowUpGoal, FollowUpSource } from '../plans.ts';
import type { Answers } from '../response.ts';
import { AnswerValue } from '../response.ts';
import { LocalizedText } from '../text.ts';
import {
	itemsOf,
	respondentRole,
	scaleOf,
	sectionsFor,
	type ChoiceItem,
	type Template
} from '../template.ts';
import { monthOfTraining } from '../training.ts';
import { AreaTrend } from '../trends.ts';
import type { Step } from './agenda.ts';
import { RevealedComment, revealableComments, type Comment } from './comments.ts';
import { familiarityGroups, SplitAvailability, splitBy } from './split.ts';

const SubjectHeader = z.strictObject({
	kind: z.enum(['trainee', 'clinic', 'supervisor']),
	name: z.string(),
	specialty: z.string().nullable(),
	monthOfTraining: z.int().nullable()
});

const RatedItem = z.strictObject({
	itemId: z.string(),
	text: LocalizedText,
	steps: z.array(z.strictObject({ value: z.int(), label: LocalizedText })),
	aggregate: ItemAggregate,
	/** The trainee's own answer, when the studierektor shows the self-assessment. */
	self: AnswerValue.nullable(),
	/**
	 * Per group of "how much have you worked with the trainee", while the split is on and
	 * available: a group below k shows nothing, and then neither does the other.
	 */
	split: z
		.array(z.strictObject({ label: LocalizedText, distribution: Distribution.nullable() }))
		.nullable()
});

/** What a screen shows for one revealed step. Strict: nothing else can ride along. */
export const StepView = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('intro'),
		subject: SubjectHeader,
		respondents: z.int().nullable(),
		k: z.int(),
		/**
		 * While the studierektor shows them: each area over the trainee's earlier kollegier,
		 * never this one's answers, which the room is shown step by step.
		 */
		trends: z.array(AreaTrend).nullable()
	}),
	z.strictObject({
		kind: z.literal('followUp'),
		subject: SubjectHeader,
		/** The plan followed up; null only if it went away after the agenda was made. */
		from: FollowUpSource.nullable(),
		/** Its goals with the room's marks, in the plan's order. */
		goals: z.array(FollowUpGoal)
	}),
	z.strictObject({
		kind: z.literal('ratings'),
		subject: SubjectHeader,
		title: LocalizedText,
		k: z.int(),
		items: z.array(RatedItem),
		/** Only while the studierektor asks for the split: whether it shows anything here. */
		splitAvailability: SplitAvailability.optional()
	}),
	z.strictObject({
		kind: z.literal('comments'),
		subject: SubjectHeader,
		title: LocalizedText,
		k: z.int(),
		/** Fewer than k answered about the subject: no comment is shown. */
		hidden: z.boolean(),
		/** The area's free-text questions, in form order; one that fewer than k wrote in shows nothing. */
		questions: z.array(
			z.strictObject({ itemId: z.string(), text: LocalizedText, hidden: z.boolean() })
		),
		/** The comments shown, grouped by question, in the meeting's stable shuffled order. */
		comments: z.array(RevealedComment)
	}),
	z.strictObject({ kind: z.literal('discussion'), subject: SubjectHeader })
]);
export type StepView = z.infer<typeof StepView>;

export interface ViewInput {
	step: Step;
	form: Template;
	subject: Subject;
	startsAt: string;
	k: number;
	/** Submitted, non-declined answers of the assessors (or trainees), without authors. */
	answers: readonly Answers[];
	/** The trainee's submitted self-assessment, if any. */
	selfAnswers: Answers | null;
	/** This step's curated comments, already in the meeting's stable shuffled order. */
	comments: readonly Comment[];
	showSelf: boolean;
	splitByFamiliarity: boolean;
	/** The trainee's previous final plan, for the follow-up step. */
	previousPlan?: PreviousPlan | null;
	/** The room's marks of its goals, by index. */
	followUp?: readonly FollowUpMark[];
	/** The trainee's trends from earlier kollegier, for the introduction; null when not shown. */
	trends?: AreaTrend[] | null;
}

/** The content of one step for the room. Applies k to the subject, every item and every group. */
export function buildStepView(input: ViewInput): StepView {
	const subject = header(input);
	const sections = sectionsFor({
		form: input.form,
		about: input.subject.kind,
		role: respondentRole(input.subject.kind)
	});
	const responses = input.answers.map((answers) => ({ answers, declined: false }));
	switch (input.step.kind) {
		case 'intro': {
			const aggregate = aggregateSubject({ form: input.form, sections, responses, k: input.k });
			return {
				kind: 'intro',
				subject,
				respondents: aggregate.respondents,
				k: input.k,
				// Trends follow a trainee over time; a clinic or a handledare has none.
				trends: input.subject.kind === 'trainee' ? (input.trends ?? null) : null
			};
		}
		case 'followUp': {
			if (!input.previousPlan) return { kind: 'followUp', subject, from: null, goals: [] };
			const result = followUpResult(input.previousPlan, input.followUp);
			return { kind: 'followUp', subject, from: result.from, goals: result.goals };
		}
		case 'discussion':
			return { kind: 'discussion', subject };
		case 'comments':
			return commentsView(input, subject, sections);
		case 'ratings':
			return ratingsView(input, subject, sections, responses);
	}
}

function ratingsView(
	input: ViewInput,
	subject: z.infer<typeof SubjectHeader>,
	sections: ReturnType<typeof sectionsFor>,
	responses: { answers: Answers; declined: boolean }[]
): StepView {
	const section = sections.find((s) => s.id === input.step.sectionId);
	if (!section) return { kind: 'ratings', subject, title: { sv: '' }, k: input.k, items: [] };
	const aggregate = aggregateSubject({
		form: input.form,
		sections: [section],
		responses,
		k: input.k
	});
	const split = input.splitByFamiliarity ? splitContext(input, sections, responses) : null;
	const items = section.items.flatMap((item) => {
		if (item.type !== 'rating') return [];
		const itemAggregate = aggregate.items.find((entry) => entry.itemId === item.id);
		if (!itemAggregate) return [];
		const steps = scaleOf(input.form, item).steps;
		const groups =
			split?.groups && !itemAggregate.hidden
				? splitBy({ form: input.form, item, ...split.groups, responses, k: input.k })
				: null;
		const self =
			input.showSelf && input.selfAnswers && !itemAggregate.hidden
				? (input.selfAnswers[item.id] ?? null)
				: null;
		return [
			{ itemId: item.id, text: item.text, steps, aggregate: itemAggregate, self, split: groups }
		];
	});
	const view = { kind: 'ratings' as const, subject, title: section.title, k: input.k, items };
	if (!split) return view;
	const shows = items.some((item) => item.split?.some((group) => group.distribution !== null));
	if (shows) return { ...view, splitAvailability: 'available' };
	// Nothing to show: no item carries empty groups, the step says why once.
	return {
		...view,
		items: items.map((item) => ({ ...item, split: null })),
		splitAvailability: split.groups ? 'belowK' : split.reason
	};
}

/** The subject's familiarity groups, the same for every step of the subject. */
function splitContext(
	input: ViewInput,
	sections: ReturnType<typeof sectionsFor>,
	responses: { answers: Answers }[]
) {
	const familiarity = itemsOf(sections).find(
		(item): item is ChoiceItem => item.type === 'choice' && item.purpose === 'familiarity'
	);
	if (!familiarity) return { groups: null, reason: 'noQuestion' as const };
	const groups = familiarityGroups({ familiarity, responses, k: input.k });
	return groups
		? { groups: { familiarity, groups }, reason: null }
		: { groups: null, reason: 'belowK' as const };
}

function commentsView(
	input: ViewInput,
	subject: z.infer<typeof SubjectHeader>,
	sections: ReturnType<typeof sectionsFor>
): StepView {
	const section = sections.find((s) => s.id === input.step.sectionId);
	const hidden = !meetsMinimum({ n: input.answers.length, k: input.k });
	const questions = (section?.items ?? [])
		.filter((item) => item.type === 'text')
		.map((item) => ({
			itemId: item.id,
			text: item.text,
			// Every comment was one person's answer to this question: fewer than k writers shows nothing.
			hidden:
				hidden ||
				!meetsMinimum({ n: input.comments.filter((c) => c.itemId === item.id).length, k: input.k })
		}));
	const comments = questions.flatMap((question) =>
		question.hidden
			? []
			: revealableComments(input.comments.filter((c) => c.itemId === question.itemId))
	);
	return {
		kind: 'comments',
		subject,
		title: section?.title ?? { sv: '' },
		k: input.k,
		hidden,
		questions,
		comments
	};
}

function header(input: ViewInput): z.infer<typeof SubjectHeader> {
	const { subject } = input;
	return {
		kind: subject.kind,
		name: subject.name,
		specialty: subject.specialty,
		monthOfTraining: subject.stStart
			? monthOfTraining({
					stStart: subject.stStart,
					at: input.startsAt,
					monthsOfLeave: subject.monthsOfLeave
				})
			: null
	};
}
