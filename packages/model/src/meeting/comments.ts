import { z } from 'zod';

/**
 * A free-text answer as the studierektor curates it. Copied out of the responses when
 * answering closes, with no link back to its author: only subject, item and text.
 */
export const Comment = z.object({
	id: z.uuid(),
	subjectId: z.uuid(),
	itemId: z.string(),
	text: z.string(),
	/** The words as written, kept while rephrased, and only until the meeting is closed. */
	originalText: z.string().nullable(),
	hidden: z.boolean(),
	/** Set when merged as a duplicate into another comment, which then stands for both. */
	mergedInto: z.uuid().nullable(),
	theme: z.string()
});
export type Comment = z.infer<typeof Comment>;

/** What the studierektor may change about a comment; ratings are never edited. */
export const CommentEdit = z
	.object({
		hidden: z.boolean(),
		text: z.string().trim().min(1).max(2000),
		mergedInto: z.uuid().nullable(),
		theme: z.string().trim().max(80)
	})
	.partial()
	// An edit that changes nothing is a client's mistake, not a request to write.
	.refine((edit) => Object.values(edit).some((value) => value !== undefined), 'nothingToChange');
export type CommentEdit = z.infer<typeof CommentEdit>;

/** A comment as the room sees it: text, theme, and how many duplicates it stands for. */
export const RevealedComment = z.strictObject({
	id: z.uuid(),
	itemId: z.string(),
	text: z.string(),
	theme: z.string(),
	count: z.int().min(1)
});
export type RevealedComment = z.infer<typeof RevealedComment>;

/**
 * The comments of one area that the room may see, with merged duplicates folded into the
 * comment that stands for them, grouped by theme, each theme in the given (shuffled) order.
 */
export function revealableComments(comments: readonly Comment[]): RevealedComment[] {
	const visible = comments.filter((comment) => !comment.hidden && comment.mergedInto === null);
	const counts = new Map(visible.map((comment) => [comment.id, 1]));
	for (const comment of comments) {
		if (comment.mergedInto && counts.has(comment.mergedInto)) {
			counts.set(comment.mergedInto, (counts.get(comment.mergedInto) ?? 1) + 1);
		}
	}
	const themes = [...new Set(visible.map((comment) => comment.theme))];
	return themes.flatMap((theme) =>
		visible
			.filter((comment) => comment.theme === theme)
			.map((comment) => ({
				id: comment.id,
				itemId: comment.itemId,
				text: comment.text,
				theme,
				count: counts.get(comment.id) ?? 1
			}))
	);
}
