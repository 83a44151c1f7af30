import * as Y from 'yjs';

/** Elements whose children each stand on a line of their own. */
const containers = new Set(['bulletList', 'orderedList', 'listItem', 'blockquote']);

/**
 * The lines of a rich-text field as the editor shows them: one per paragraph, heading or list
 * item, formatting dropped. Plans and PDFs take prose from here, never markup.
 */
export function fragmentLines(fragment: Y.XmlFragment | Y.XmlElement): string[] {
	const result: string[] = [];
	for (const child of fragment.toArray()) {
		if (child instanceof Y.XmlText) {
			pushLine(result, inlineText(child));
		} else if (child instanceof Y.XmlElement) {
			if (containers.has(child.nodeName)) result.push(...fragmentLines(child));
			else pushLine(result, blockText(child));
		}
	}
	return result;
}

function pushLine(lines: string[], line: string): void {
	const trimmed = line.trim();
	if (trimmed) lines.push(trimmed);
}

function blockText(element: Y.XmlElement): string {
	return element
		.toArray()
		.map((child) => {
			if (child instanceof Y.XmlText) return inlineText(child);
			if (child instanceof Y.XmlElement)
				return child.nodeName === 'hardBreak' ? ' ' : blockText(child);
			return '';
		})
		.join('');
}

function inlineText(text: Y.XmlText): string {
	return (text.toDelta() as { insert?: unknown }[])
		.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('');
}
