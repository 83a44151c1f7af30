import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/** The part of a fontkit font and its glyph runs this module relies on. */
interface Run {
	positions: object[];
}
interface Glyph {
	codePoints: number[];
}
interface Font {
	layout(text: string, features?: unknown, ...rest: unknown[]): Run;
	getGlyph(id: number, codePoints?: number[]): Glyph;
}
interface Fontkit {
	create(bytes: Uint8Array, postscriptName?: string): Font;
}

/** Words remembered per font; a report lays out a few thousand, so this is never reached in one. */
const MAX_RUNS = 50_000;

/**
 * pdfkit parses each font anew for every document (fontkit.create on the file's bytes), so every
 * PDF decodes the OpenType tables again and shapes every word again: about two thirds of a PDF's
 * CPU time. Before pdfkit first loads fontkit, this swaps in, for pdfkit alone (through the module
 * cache), a fontkit that parses each font once and remembers how each word was shaped.
 *
 * fontkit's own export cannot be changed (read-only getters), hence the module-cache entry. A
 * remembered run is handed out as a copy of its positions, because pdfkit scales a run's positions
 * in place; its glyphs are shared, which pdfkit only reads. Runs with explicit OpenType features
 * are not remembered (pdfmake asks for none).
 */
export function shareParsedFonts(fromModule: string): void {
	// The fontkit that pdfmake's own pdfkit loads, wherever npm placed them.
	const pdfmakeRequire = createRequire(createRequire(fromModule).resolve('pdfmake/package.json'));
	const pdfkitRequire = createRequire(pdfmakeRequire.resolve('pdfkit'));
	const path = pdfkitRequire.resolve('fontkit');
	const real = pdfkitRequire('fontkit') as Fontkit;
	const entry = pdfkitRequire.cache[path];
	if (!entry) throw new Error(`fontkit was not found in the module cache at ${path}`);
	const parsed = new Map<string, Font>();
	const create = (bytes: Uint8Array, postscriptName?: string): Font => {
		const key = `${createHash('sha256').update(bytes).digest('hex')}/${postscriptName ?? ''}`;
		let font = parsed.get(key);
		if (!font) {
			font = rememberRuns(keepCodePoints(real.create(bytes, postscriptName)));
			parsed.set(key, font);
		}
		return font;
	};
	entry.exports = { ...real, create };
}

function rememberRuns(font: Font): Font {
	const layout = font.layout.bind(font);
	const runs = new Map<string, Run>();
	font.layout = (text, features, ...rest) => {
		if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
		let run = runs.get(text);
		if (!run) {
			if (runs.size >= MAX_RUNS) runs.clear();
			run = layout(text);
			runs.set(text, run);
		}
		return copyOf(run);
	};
	return font;
}

/**
 * fontkit keeps one glyph object per glyph id, with the characters it was first asked for. A
 * document's subset creates the glyphs a composite glyph is built from (the A of Å) without
 * characters; in a font shared with the next document, that A would then be laid out with none,
 * and its text would be lost to copy and search. A glyph later asked for with its characters
 * gets them, as it would have in a font of its own.
 */
function keepCodePoints(font: Font): Font {
	const getGlyph = font.getGlyph.bind(font);
	font.getGlyph = (id, codePoints) => {
		const glyph = getGlyph(id, codePoints);
		if (codePoints && codePoints.length > 0 && glyph.codePoints.length === 0) {
			glyph.codePoints = codePoints;
		}
		return glyph;
	};
	return font;
}

/** A run with its own position objects (prototype kept, so its getters still add them up). */
function copyOf<T extends Run>(run: T): T {
	const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as T, run);
	copy.positions = run.positions.map((position) =>
		Object.assign(Object.create(Object.getPrototypeOf(position) as object) as object, position)
	);
	return copy;
}
