import {
	isMessageKey,
	localize,
	translate,
	type Locale,
	type LocalizedText,
	type MessageKey,
	type MessageParams
} from '@kollegium/model';

export type { MessageKey };

const COOKIE = 'kollegium_locale';

function initialLocale(): Locale {
	if (typeof document === 'undefined') return 'sv';
	const chosen = /(?:^|; )kollegium_locale=(sv|en)/.exec(document.cookie)?.[1];
	return chosen === 'en' || chosen === 'sv' ? chosen : 'sv';
}

/** The UI language: Swedish unless the person chose English (remembered in a cookie the API reads too). */
class I18n {
	#locale = $state<Locale>(initialLocale());

	get locale(): Locale {
		return this.#locale;
	}

	set locale(value: Locale) {
		this.#locale = value;
		document.cookie = `${COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
		document.documentElement.lang = value;
	}
}

export const i18n = new I18n();

/** A UI string in the current language, from the model's catalogue, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: MessageParams = {}): string {
	return translate(i18n.locale, key, params);
}

/** Whether a string is one of our message keys (API error codes map onto `error.<code>`). */
export function hasMessage(key: string): key is MessageKey {
	return isMessageKey(key);
}

/** A template's or catalogue's text in the current language. */
export function tx(text: LocalizedText): string {
	return localize(text, i18n.locale);
}

export function formatDateTime(iso: string): string {
	return new Intl.DateTimeFormat(i18n.locale === 'sv' ? 'sv-SE' : 'en-GB', {
		dateStyle: 'long',
		timeStyle: 'short'
	}).format(Date.parse(iso));
}

export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(i18n.locale === 'sv' ? 'sv-SE' : 'en-GB', {
		dateStyle: 'long'
	}).format(Date.parse(iso));
}

export function formatTime(date: Date): string {
	return new Intl.DateTimeFormat(i18n.locale === 'sv' ? 'sv-SE' : 'en-GB', {
		timeStyle: 'short'
	}).format(date);
}
