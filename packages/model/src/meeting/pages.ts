/**
 * Splitting a step into the shared screen's pages. The heights come from the browser, which
 * measures every block (an item with its chart, a comment) as it is laid out: a comment's
 * height depends on its length, the font, the language and the screen, so no count of items
 * could say what fits. The packing itself is this pure function, tested without a browser.
 */

/**
 * One block as measured at a column's width; `headed` when it starts a column and so repeats
 * the heading of what it continues ("Vad gör hen bra? (forts.)").
 */
export interface MeasuredBlock {
	height: number;
	headed?: number;
}

/** A page: its columns, each the indices of its blocks in order. A wide page has one block. */
export interface ScreenPage {
	wide: boolean;
	columns: number[][];
}

/** How many columns of at least `minWidth` fit in `width`, with `gap` between them. */
export function columnsFor(options: {
	width: number;
	minWidth: number;
	gap: number;
	max: number;
}): number {
	const { width, minWidth, gap, max } = options;
	const fit = Math.floor((width + gap) / (minWidth + gap));
	return Math.max(1, Math.min(max, fit));
}

/**
 * Blocks in order into pages of `columns` columns of `height`: filled column by column, each
 * page's blocks then balanced over its columns. A block taller than a column gets a page of its
 * own at the full width.
 */
export function packPages(options: {
	blocks: readonly MeasuredBlock[];
	columns: number;
	height: number;
	gap: number;
}): ScreenPage[] {
	const { blocks, columns, height, gap } = options;
	const pages: ScreenPage[] = [];
	let page: number[] = [];
	let column = 0;
	let used = 0;
	const flush = () => {
		if (page.length > 0) pages.push({ wide: false, columns: balance(page) });
		page = [];
		column = 0;
		used = 0;
	};
	const balance = (indices: number[]) =>
		balanced({ blocks: indices.map((i) => blocks[i] ?? { height: 0 }), columns, height, gap }).map(
			(group) => group.map((position) => indices[position] ?? 0)
		);
	blocks.forEach((block, index) => {
		const first = block.headed ?? block.height;
		if (first > height) {
			flush();
			pages.push({ wide: true, columns: [[index]] });
			return;
		}
		const needed = used === 0 ? first : used + gap + block.height;
		if (needed <= height) {
			used = needed;
		} else if (column + 1 < columns) {
			column += 1;
			used = first;
		} else {
			flush();
			used = first;
		}
		page.push(index);
	});
	flush();
	return pages;
}

/**
 * Blocks in order into at most `columns` columns, as even in height as it goes: the lowest
 * column height that still takes them all, found by halving. Empty columns are left out.
 */
function balanced(options: {
	blocks: readonly MeasuredBlock[];
	columns: number;
	height: number;
	gap: number;
}): number[][] {
	const { blocks, columns, height, gap } = options;
	const split = (limit: number): number[][] | null => {
		const groups: number[][] = [[]];
		let used = 0;
		for (const [index, block] of blocks.entries()) {
			const current = groups[groups.length - 1] ?? [];
			const first = block.headed ?? block.height;
			const needed = current.length === 0 ? first : used + gap + block.height;
			if (needed <= limit) {
				current.push(index);
				used = needed;
			} else {
				if (current.length === 0 || groups.length === columns || first > limit) return null;
				groups.push([index]);
				used = first;
			}
		}
		return groups;
	};
	let low = Math.max(0, ...blocks.map((block) => Math.max(block.height, block.headed ?? 0)));
	let high = Math.max(low, height);
	let best = split(high) ?? [blocks.map((_, index) => index)];
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		const groups = split(middle);
		if (groups) {
			best = groups;
			high = middle;
		} else low = middle;
	}
	const tightest = split(low);
	return tightest ?? best;
}
