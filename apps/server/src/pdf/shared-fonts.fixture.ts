// Run by shared-fonts.test.ts in a process of its own (sharing changes that process's module
// cache): lays out three documents and prints each PDF's SHA-256, with or without shared fonts.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { feedbackDocument } from '@kollegium/model';
import { shareParsedFonts } from './shared-fonts.ts';
import { warmUpReport } from './warm-up.ts';

if (process.argv[2] === 'shared') shareParsedFonts(import.meta.url);
const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as {
	setFonts(fonts: object): void;
	setLocalAccessPolicy(allow: () => boolean): void;
	setUrlAccessPolicy(allow: () => boolean): void;
	createPdf(definition: object): { getBuffer(): Promise<Uint8Array> };
};
const directory = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
	Roboto: {
		normal: join(directory, 'Roboto-Regular.ttf'),
		bold: join(directory, 'Roboto-Medium.ttf'),
		italics: join(directory, 'Roboto-Italic.ttf'),
		bolditalics: join(directory, 'Roboto-MediumItalic.ttf')
	}
});
pdfmake.setLocalAccessPolicy(() => true);
pdfmake.setUrlAccessPolicy(() => false);
const at = new Date('2026-01-01T00:00:00Z');
// A report, then text whose letters the report's subset built composite glyphs from (the A of
// Å, the O of Ö), then the report again.
const documents = [
	feedbackDocument(warmUpReport()),
	{ content: ['Andel ST-läkare. Av oss. Avslutade. Om Olle, Åsa och Öberg: Ett Enkelt Uppdrag.'] },
	feedbackDocument(warmUpReport())
];
for (const definition of documents) {
	const pdf = await pdfmake
		.createPdf({ ...definition, info: { creationDate: at, modDate: at } })
		.getBuffer();
	console.log(createHash('sha256').update(pdf).digest('hex'));
}
