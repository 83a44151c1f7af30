import type { Locale, LocalizedText } from '../text.ts';
import { en } from './en.ts';
import { sv } from './sv.ts';

/** A message's key. The Swedish catalogue defines them, so a key missing in English is a type error. */
export type MessageKey = keyof typeof sv;

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The codes under a prefix: `CodeOf<'error.'>` is every API error code with a message. */
type CodeOf<Prefix extends string> = MessageKey extends infer Key
	? Key extends `${Prefix}${infer Code}`
		? Code
		: never
	: never;

/** An API error code the catalogue has a sentence for (`error.<code>`). */
export type ErrorCode = CodeOf<'error.'>;

/** A field validation message (`validation.<code>`); a schema's custom `message` names one. */
export type ValidationCode = CodeOf<'validation.'>;

/** Every message in every language: the one catalogue the web app, the API and the PDF read. */
export const catalogues: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
	sv,
	en
};

/** Whether a string is one of the catalogue's keys (API error codes map onto `error.<code>`). */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(sv, key);
}

/** A message in the reader's language, with `{name}` placeholders filled in from `params`. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
	// A placeholder without a value stays visible, so a forgotten parameter is seen, not hidden.
	return catalogues[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => {
		const value = params[name];
		return value === undefined ? match : String(value);
	});
}

/** The names of a message's placeholders, in order of first use: 'Hej {name}!' → ['name']. */
export function placeholders(text: string): string[] {
	return [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (match) => match[1] ?? ''))];
}

/** Both languages of a message, for values stored or sent as `LocalizedText`. */
export function localizedMessage(key: MessageKey): LocalizedText {
	return { sv: sv[key], en: en[key] };
}

/** The sentence for an API error code in the reader's language; an unknown code gets the generic one. */
export function errorMessage(code: string, locale: Locale, params: MessageParams = {}): string {
	const key = `error.${code}`;
	return translate(locale, isMessageKey(key) ? key : 'error.generic', params);
}
