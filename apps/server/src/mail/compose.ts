import type { Locale } from '@kollegium/model';

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
	sv: new Intl.DateTimeFormat('sv-SE', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'Europe/Stockholm'
	}),
	en: new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'Europe/Stockholm'
	})
};

/** A moment as a message states it: Swedish time, written the reader's way (sv-SE, en-GB). */
export const when = (locale: Locale, iso: string): string =>
	dateFormats[locale].format(new Date(iso));

/**
 * Swedish first, then the same in English: a participant's language is not recorded, and a
 * message must be read by whoever gets it.
 */
export function bilingual(compose: (locale: Locale) => { subject: string; text: string }): {
	subject: string;
	text: string;
} {
	const sv = compose('sv');
	const en = compose('en');
	return { subject: sv.subject, text: `${sv.text}\n\n— In English —\n\n${en.text}` };
}
