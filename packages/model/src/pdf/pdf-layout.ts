import type { Locale } from '../text.ts';

// A minimal pdfmake document-definition type, so the model needs no pdfmake dependency.
export type Width = number | '*' | 'auto';
export type Margin = number | [number, number] | [number, number, number, number];

export interface PdfStyle {
	font?: string;
	fontSize?: number;
	bold?: boolean;
	italics?: boolean;
	color?: string;
	fillColor?: string;
	lineHeight?: number;
	margin?: Margin;
	alignment?: 'left' | 'center' | 'right' | 'justify';
}

export type CanvasElement =
	| { type: 'rect'; x: number; y: number; w: number; h: number; r?: number; color: string }
	| {
			type: 'line';
			x1: number;
			y1: number;
			x2: number;
			y2: number;
			lineWidth: number;
			lineColor: string;
	  }
	| { type: 'polyline'; points: { x: number; y: number }[]; closePath: true; color: string };

interface TableNode {
	table: { body: unknown[][]; headerRows?: number; widths: Width[] };
}

export interface TableLayout {
	hLineWidth?: (index: number, node: TableNode) => number;
	vLineWidth?: (index: number, node: TableNode) => number;
	hLineColor?: (index: number, node: TableNode) => string;
	fillColor?: (rowIndex: number, node: TableNode) => string | null;
	paddingLeft?: (index: number, node: TableNode) => number;
	paddingRight?: (index: number, node: TableNode) => number;
	paddingTop?: (index: number, node: TableNode) => number;
	paddingBottom?: (index: number, node: TableNode) => number;
}

export interface ContentNode extends PdfStyle {
	text?: string | Content[];
	stack?: Content[];
	columns?: Content[];
	ul?: Content[];
	canvas?: CanvasElement[];
	table?: {
		widths: Width[];
		body: Content[][];
		headerRows?: number;
		dontBreakRows?: boolean;
		keepWithHeaderRows?: number;
	};
	layout?: 'noBorders' | TableLayout;
	style?: string;
	width?: Width;
	columnGap?: number;
	unbreakable?: boolean;
	/** Marks a heading, so it is never left alone at the foot of a page. */
	headlineLevel?: number;
	/** A table cell spanning this many columns (the ones it covers are left empty). */
	colSpan?: number;
	pageBreak?: 'before' | 'after';
}

export type Content = string | ContentNode | Content[];

interface PageBreakNode {
	headlineLevel?: number;
}

export interface DocDefinition {
	pageSize: 'A4';
	pageMargins: [number, number, number, number];
	language: string;
	info: { title: string; author: string; subject: string };
	header: (currentPage: number, pageCount: number) => Content;
	footer: (currentPage: number, pageCount: number) => Content;
	content: Content[];
	styles: Record<string, PdfStyle>;
	defaultStyle: PdfStyle;
	pageBreakBefore: (
		node: PageBreakNode,
		nodes: { getFollowingNodesOnPage: () => PageBreakNode[] }
	) => boolean;
}

export const colors = {
	text: '#1f2937',
	muted: '#64748b',
	heading: '#1e3a8a',
	bar: '#2563eb',
	track: '#e8edf5',
	self: '#ea580c',
	rule: '#cbd5e1',
	headerFill: '#eff6ff',
	labelFill: '#f8fafc'
};

export const margins: [number, number, number, number] = [45, 62, 45, 54];
export const contentWidth = 595.28 - margins[0] - margins[2];

/** An area or plan heading under a thin rule. */
export function sectionHeading(text: string): Content {
	return [
		{ canvas: [rule(contentWidth, colors.rule)], margin: [0, 14, 0, 0] },
		{ text, style: 'h2', headlineLevel: 2 }
	];
}

/** A heading inside a section, never left alone at the foot of a page. */
export function subheading(text: string): Content {
	return { text, style: 'h3', headlineLevel: 3 };
}

/** Free text with its blank-line paragraphs kept. */
export function paragraphs(text: string): Content {
	return text
		.split(/\n\s*\n/)
		.map((paragraph): Content => ({ text: paragraph.trim(), margin: [0, 0, 0, 4] }));
}

/** A bullet list, or a note that there is nothing to list. */
export function bullets(items: readonly string[], none: string): Content {
	return items.length > 0 ? { ul: [...items] } : { text: none, style: 'note' };
}

/** "Label: value" with the label in bold. */
export function labelled(label: string, value: string, margin: Margin): Content {
	return { text: [{ text: `${label}: `, bold: true }, value], margin };
}

/** A plan table: header row repeated on each page, and a row moves whole to the next page. */
export function grid(widths: Width[], headers: readonly string[], rows: Content[][]): Content {
	const header = headers.map((text): Content => ({ text, style: 'tableHeader' }));
	const body = rows.map((row) => row.map((cell): Content => ({ stack: [cell], style: 'cell' })));
	// Both keep rows whole, and pdfmake drops whatever of a whole row does not fit on one page.
	const fits = rows.every((row) => fitsOnPage(row, widths));
	return {
		table: {
			widths,
			headerRows: 1,
			...(fits ? { keepWithHeaderRows: 1, dontBreakRows: true } : {}),
			body: [header, ...body]
		},
		layout: gridLayout(1),
		margin: [0, 2, 0, 4]
	};
}

/**
 * Whether a row, roughly measured, fits on one page. A row kept whole but taller than a page
 * would be cut off; such a row is allowed to break instead.
 */
function fitsOnPage(row: Content[], widths: Width[]): boolean {
	const pageHeight = 841.89 - margins[1] - margins[3] - 40;
	const fixed = widths.reduce<number>((sum, w) => sum + (typeof w === 'number' ? w : 0), 0);
	const star = Math.max(60, contentWidth - fixed - widths.length * 10);
	return row.every((cell, index) => {
		const width = widths[index];
		const charsPerLine = Math.max(8, (typeof width === 'number' ? width : star) / 5);
		const lines = textsOf(cell).reduce(
			(sum, text) => sum + Math.max(1, Math.ceil(text.length / charsPerLine)),
			0
		);
		return lines * 12 < pageHeight;
	});
}

function textsOf(content: Content): string[] {
	if (typeof content === 'string') return [content];
	if (Array.isArray(content)) return content.flatMap(textsOf);
	const { text } = content;
	if (typeof text === 'string') return [text];
	return text ? [text.flatMap(textsOf).join('')] : (content.stack ?? []).flatMap(textsOf);
}

/** Thin horizontal rules, no vertical ones, and a tinted header row. */
export function gridLayout(headerRows: number): TableLayout {
	return {
		hLineWidth: (index, node) => (index === 0 || index === node.table.body.length ? 0.8 : 0.5),
		vLineWidth: () => 0,
		hLineColor: (index) => (headerRows > 0 && index === headerRows ? '#93c5fd' : '#e2e8f0'),
		fillColor: (rowIndex) => (rowIndex < headerRows ? colors.headerFill : null),
		paddingLeft: () => 3.5,
		paddingRight: () => 3.5,
		paddingTop: () => 4,
		paddingBottom: () => 4
	};
}

/** A horizontal line, for section rules and signature lines. */
export function rule(width: number, color: string): CanvasElement {
	return { type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6, lineColor: color };
}

// Formatters are costly to make and a PDF formats hundreds of values: one per kind and locale.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
	key: string,
	make: () => T
): T {
	let found = formatters.get(key) as T | undefined;
	if (!found) {
		found = make();
		formatters.set(key, found);
	}
	return found;
}
const tag = (locale: Locale) => (locale === 'sv' ? 'sv-SE' : 'en-GB');

/** A date as "23 november 2026": an instant in Stockholm time, a plain date as written. */
export function longDate(iso: string, locale: Locale): string {
	const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : 'Europe/Stockholm';
	return formatter(
		`date:${locale}:${timeZone}`,
		() =>
			new Intl.DateTimeFormat(tag(locale), {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone
			})
	).format(new Date(iso));
}

/** A number with at most one decimal, with the locale's decimal sign. */
export function decimal(value: number, locale: Locale): string {
	return formatter(
		`number:${locale}`,
		() => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 })
	).format(value);
}
