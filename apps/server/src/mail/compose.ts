import { Locale } from '@kollegium/model';

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
 * The language a stored person's messages are written in. Anything but a known language is
 * Swedish, as every message was before people had one.
 */
export const languageOf = (stored: string | null | undefined): Locale =>
	Locale.catch('sv').parse(stored);
