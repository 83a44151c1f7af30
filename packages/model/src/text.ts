import { z } from 'zod';

/** UI languages. Swedish is the default; English is available everywhere. */
export const Locale = z.enum(['sv', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Text shown to people, in Swedish and (for shipped templates) English. */
export const LocalizedText = z.object({
	sv: z.string().trim().min(1),
	en: z.string().trim().min(1).optional()
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text for a locale, falling back to Swedish, which every text has. */
export function localize(text: LocalizedText, locale: Locale): string {
	return (locale === 'en' ? text.en : undefined) ?? text.sv;
}

/** A short stable identifier inside a template or catalogue: lower case, digits and dashes. */
export const Slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Use lower case letters, digits and dashes');
