import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentLines } from './fragment-text.ts';

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	const inline = new Y.XmlText();
	element.insert(0, [inline]);
	return Object.assign(element, { fill: () => inline.insert(0, text, attributes) });
}

describe('the lines of a rich-text field', () => {
	it('takes one line per paragraph and list item, without formatting or empty lines', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('summary');
		const first = paragraph('Trygg i akuta lägen', { bold: true });
		const empty = paragraph('');
		const list = new Y.XmlElement('bulletList');
		const item = new Y.XmlElement('listItem');
		const inItem = paragraph('Ökad självständighet på ronden');
		fragment.insert(0, [first, empty, list]);
		list.insert(0, [item]);
		item.insert(0, [inItem]);
		for (const element of [first, empty, inItem]) (element as unknown as { fill(): void }).fill();
		expect(fragmentLines(fragment)).toEqual([
			'Trygg i akuta lägen',
			'Ökad självständighet på ronden'
		]);
	});
});
