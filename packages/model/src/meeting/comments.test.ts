import { describe, expect, it } from 'vitest';
import { Comment, CommentEdit, RevealedComment, revealableComments } from './comments.ts';

const SUBJECT = '00000000-0000-4000-8000-0000000000b1';

/** A fixed uuid per short name, so expectations read as names. */
function id(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function comment(n: number, overrides: Partial<Comment> = {}): Comment {
	return {
		id: id(n),
		subjectId: SUBJECT,
		itemId: 'styrkor',
		text: `Kommentar ${n}`,
		originalText: null,
		hidden: false,
		mergedInto: null,
		theme: '',
		...overrides
	};
}

describe('revealableComments', () => {
	it('shows every visible comment once, in the given order, with a count of one', () => {
		const result = revealableComments([comment(3), comment(1), comment(2)]);
		expect(result).toEqual([
			{ id: id(3), itemId: 'styrkor', text: 'Kommentar 3', theme: '', count: 1 },
			{ id: id(1), itemId: 'styrkor', text: 'Kommentar 1', theme: '', count: 1 },
			{ id: id(2), itemId: 'styrkor', text: 'Kommentar 2', theme: '', count: 1 }
		]);
	});

	it('is empty for no comments', () => {
		expect(revealableComments([])).toEqual([]);
	});

	it('leaves out a hidden comment', () => {
		const result = revealableComments([comment(1), comment(2, { hidden: true }), comment(3)]);
		expect(result.map((entry) => entry.id)).toEqual([id(1), id(3)]);
	});

	it('is empty when every comment is hidden', () => {
		expect(revealableComments([comment(1, { hidden: true })])).toEqual([]);
	});

	it('never shows the text of a hidden comment', () => {
		const result = revealableComments([
			comment(1),
			comment(2, { hidden: true, text: 'Hon är stel mot sköterskorna' })
		]);
		expect(JSON.stringify(result)).not.toContain('stel');
	});

	it('folds a merged duplicate into the comment that stands for it', () => {
		const result = revealableComments([
			comment(1, { text: 'Noggrann' }),
			comment(2, { text: 'Noggrann!', mergedInto: id(1) })
		]);
		expect(result).toEqual([
			{ id: id(1), itemId: 'styrkor', text: 'Noggrann', theme: '', count: 2 }
		]);
	});

	it('counts every duplicate merged into the same comment', () => {
		const result = revealableComments([
			comment(1, { mergedInto: id(4) }),
			comment(2),
			comment(3, { mergedInto: id(4) }),
			comment(4),
			comment(5, { mergedInto: id(4) })
		]);
		expect(result).toEqual([
			{ id: id(2), itemId: 'styrkor', text: 'Kommentar 2', theme: '', count: 1 },
			{ id: id(4), itemId: 'styrkor', text: 'Kommentar 4', theme: '', count: 4 }
		]);
	});

	it('drops duplicates merged into a comment that was then hidden', () => {
		const result = revealableComments([
			comment(1, { hidden: true }),
			comment(2, { mergedInto: id(1) }),
			comment(3)
		]);
		expect(result).toEqual([
			{ id: id(3), itemId: 'styrkor', text: 'Kommentar 3', theme: '', count: 1 }
		]);
	});

	it('does not count a duplicate merged into a comment that is not among them', () => {
		const result = revealableComments([comment(1), comment(2, { mergedInto: id(9) })]);
		expect(result).toEqual([
			{ id: id(1), itemId: 'styrkor', text: 'Kommentar 1', theme: '', count: 1 }
		]);
	});

	it('shows the rephrased text, never the words as written', () => {
		const result = revealableComments([
			comment(1, { text: 'Kan bli tydligare i överlämningar', originalText: 'Rörig och slarvig' })
		]);
		expect(result).toEqual([
			{
				id: id(1),
				itemId: 'styrkor',
				text: 'Kan bli tydligare i överlämningar',
				theme: '',
				count: 1
			}
		]);
		expect(JSON.stringify(result)).not.toContain('Rörig');
	});

	it('groups comments by theme, themes in order of first appearance', () => {
		const result = revealableComments([
			comment(1, { theme: 'Kommunikation' }),
			comment(2, { theme: 'Journalföring' }),
			comment(3, { theme: 'Kommunikation' }),
			comment(4, { theme: '' }),
			comment(5, { theme: 'Journalföring' })
		]);
		expect(result.map((entry) => [entry.theme, entry.id])).toEqual([
			['Kommunikation', id(1)],
			['Kommunikation', id(3)],
			['Journalföring', id(2)],
			['Journalföring', id(5)],
			['', id(4)]
		]);
	});

	it('keeps the given order within a theme', () => {
		const result = revealableComments([
			comment(5, { theme: 'A' }),
			comment(2, { theme: 'B' }),
			comment(9, { theme: 'A' }),
			comment(1, { theme: 'A' })
		]);
		expect(result.filter((entry) => entry.theme === 'A').map((entry) => entry.id)).toEqual([
			id(5),
			id(9),
			id(1)
		]);
	});

	it('orders themes by their first visible comment, not by a hidden one', () => {
		const result = revealableComments([
			comment(1, { theme: 'B', hidden: true }),
			comment(2, { theme: 'A' }),
			comment(3, { theme: 'B' })
		]);
		expect(result.map((entry) => entry.theme)).toEqual(['A', 'B']);
	});

	it('gives each comment only its id, question, text, theme and count', () => {
		const result = revealableComments([
			comment(1, { originalText: 'Ursprunglig text', theme: 'Tema' }),
			comment(2, { mergedInto: id(1) })
		]);
		for (const entry of result) {
			expect(Object.keys(entry).sort()).toEqual(['count', 'id', 'itemId', 'text', 'theme']);
			expect(RevealedComment.safeParse(entry).success).toBe(true);
		}
	});

	it('carries no subject or author even when the comments carry more than the schema', () => {
		const withAuthor = { ...comment(1), participantId: id(77), author: 'Astrid Testsson' };
		const result = revealableComments([withAuthor]);
		const json = JSON.stringify(result);
		expect(json).not.toContain(id(77));
		expect(json).not.toContain('Astrid');
		expect(json).not.toContain(SUBJECT);
	});
});

describe('RevealedComment', () => {
	it('rejects a comment that carries anything more, such as its author', () => {
		const revealed = { id: id(1), itemId: 'styrkor', text: 'Bra', theme: '', count: 1 };
		expect(RevealedComment.safeParse(revealed).success).toBe(true);
		expect(RevealedComment.safeParse({ ...revealed, participantId: id(2) }).success).toBe(false);
		expect(RevealedComment.safeParse({ ...revealed, originalText: 'Bra!' }).success).toBe(false);
	});

	it('rejects a count below one', () => {
		expect(
			RevealedComment.safeParse({ id: id(1), itemId: 'styrkor', text: 'Bra', theme: '', count: 0 })
				.success
		).toBe(false);
	});
});

describe('CommentEdit', () => {
	const cases: { name: string; input: unknown; valid: boolean }[] = [
		{ name: 'rejects an edit that changes nothing', input: {}, valid: false },
		{ name: 'accepts hiding a comment', input: { hidden: true }, valid: true },
		{ name: 'accepts a rephrased text', input: { text: 'Tydligare' }, valid: true },
		{ name: 'rejects a text that is only spaces', input: { text: '   ' }, valid: false },
		{
			name: 'rejects a text over 2000 characters',
			input: { text: 'a'.repeat(2001) },
			valid: false
		},
		{ name: 'accepts merging into another comment', input: { mergedInto: id(2) }, valid: true },
		{ name: 'accepts undoing a merge', input: { mergedInto: null }, valid: true },
		{ name: 'rejects merging into something not an id', input: { mergedInto: 'x' }, valid: false },
		{ name: 'accepts a theme', input: { theme: 'Kommunikation' }, valid: true },
		{ name: 'rejects a theme over 80 characters', input: { theme: 'a'.repeat(81) }, valid: false }
	];
	for (const { name, input, valid } of cases) {
		it(name, () => {
			expect(CommentEdit.safeParse(input).success).toBe(valid);
		});
	}

	it('drops anything but the editable fields, so the author or item cannot be changed', () => {
		const parsed = CommentEdit.parse({ hidden: true, itemId: 'annat', subjectId: SUBJECT });
		expect(parsed).toEqual({ hidden: true });
	});

	it('trims a rephrased text and a theme', () => {
		expect(CommentEdit.parse({ text: '  Tydlig  ', theme: ' Tema ' })).toEqual({
			text: 'Tydlig',
			theme: 'Tema'
		});
	});
});

describe('Comment', () => {
	it('accepts a curated comment', () => {
		expect(Comment.safeParse(comment(1)).success).toBe(true);
	});
});
