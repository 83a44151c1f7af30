import type { AreaTrend, FollowUpGoal, RevealedComment, StepView } from '@kollegium/model';

type RatingsView = Extract<StepView, { kind: 'ratings' }>;
type CommentsView = Extract<StepView, { kind: 'comments' }>;
export type RatedItem = RatingsView['items'][number];
export type Question = CommentsView['questions'][number];

/**
 * What the shared screen lays out, one block at a time: an item with its chart, one comment
 * (carrying the heading of its question or theme when it is the first under it), or a line
 * of text. Pages are made of whole blocks, so a chart or a comment is never cut in two.
 */
export type Block =
	| { kind: 'item'; item: RatedItem }
	| { kind: 'note'; text: string }
	/** The introduction's number of respondents, in large type. */
	| { kind: 'lead'; text: string }
	| { kind: 'goal'; goal: FollowUpGoal; index: number }
	| { kind: 'trend'; trend: AreaTrend }
	| { kind: 'question'; question: Question; note: string }
	| {
			kind: 'comment';
			question: Question;
			comment: RevealedComment;
			firstOfQuestion: boolean;
			firstOfTheme: boolean;
	  };

/** A column's blocks as they are shown: comments of one question under one heading. */
export type Run =
	| { kind: 'block'; block: Exclude<Block, { kind: 'comment' }> }
	| {
			kind: 'comments';
			question: Question;
			continued: boolean;
			themes: { theme: string; continued: boolean; comments: RevealedComment[] }[];
	  };

/** The blocks of a step that may need pages, in the order the screen shows them. */
export function blocksOf(
	view: StepView,
	notes: {
		split: (reason: 'belowK') => string;
		belowK: string;
		questionBelowK: string;
		noComments: string;
		/** The introduction's respondents line; with trends it is the first block. */
		respondents: string;
		noTrends: string;
		followUpGone: string;
	}
): Block[] {
	if (view.kind === 'intro') {
		if (!view.trends) return [];
		const trends: Block[] =
			view.trends.length > 0
				? view.trends.map((trend) => ({ kind: 'trend', trend }))
				: [{ kind: 'note', text: notes.noTrends }];
		return [{ kind: 'lead', text: notes.respondents }, ...trends];
	}
	if (view.kind === 'followUp') {
		if (!view.from) return [{ kind: 'note', text: notes.followUpGone }];
		return view.goals.map((goal, index) => ({ kind: 'goal', goal, index }));
	}
	if (view.kind === 'ratings') {
		// A form that asks nothing about familiarity is the control's business, not the room's.
		const note: Block[] =
			view.splitAvailability === 'belowK'
				? [{ kind: 'note', text: notes.split(view.splitAvailability) }]
				: [];
		return [...note, ...view.items.map((item): Block => ({ kind: 'item', item }))];
	}
	if (view.kind !== 'comments') return [];
	if (view.hidden) return [{ kind: 'note', text: notes.belowK }];
	return view.questions.flatMap((question): Block[] => {
		if (question.hidden) return [{ kind: 'question', question, note: notes.questionBelowK }];
		const own = view.comments.filter((comment) => comment.itemId === question.itemId);
		if (own.length === 0) return [{ kind: 'question', question, note: notes.noComments }];
		return own.map((comment, index) => ({
			kind: 'comment',
			question,
			comment,
			firstOfQuestion: index === 0,
			firstOfTheme: index === 0 || own[index - 1]?.theme !== comment.theme
		}));
	});
}

/** Consecutive comments of one question in a column, grouped by theme, as one run. */
export function runsOf(blocks: readonly Block[]): Run[] {
	const runs: Run[] = [];
	for (const block of blocks) {
		if (block.kind !== 'comment') {
			runs.push({ kind: 'block', block });
			continue;
		}
		const last = runs.at(-1);
		if (last?.kind === 'comments' && last.question.itemId === block.question.itemId) {
			const theme = last.themes.at(-1);
			if (theme && theme.theme === block.comment.theme) theme.comments.push(block.comment);
			else
				last.themes.push({
					theme: block.comment.theme,
					continued: false,
					comments: [block.comment]
				});
			continue;
		}
		runs.push({
			kind: 'comments',
			question: block.question,
			continued: !block.firstOfQuestion,
			themes: [
				{ theme: block.comment.theme, continued: !block.firstOfTheme, comments: [block.comment] }
			]
		});
	}
	return runs;
}
