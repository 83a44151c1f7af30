import { describe, expect, it } from 'vitest';
import type { AccessRefusal } from '../access.ts';
import { Locale } from '../text.ts';
import {
	catalogues,
	errorMessage,
	isMessageKey,
	localizedMessage,
	placeholders,
	translate,
	type MessageKey
} from './index.ts';

const keys = Object.keys(catalogues.sv) as MessageKey[];

/** Keys whose text is the same word in both languages: names, abbreviations, loanwords. */
const sameInBothLanguages = new Set<MessageKey>([
	'app.name',
	'kind.specialistkollegium',
	'kind.st-lakarkollegium',
	'meeting.median',
	'handover.plan',
	'pdf.median',
	'pdf.goalColumn.delmal',
	'report.instrument.mini-cex',
	'report.instrument.dops',
	'report.instrument.cbd',
	'report.instrument.ge-kniven-vidare'
]);

/** Words that are English and never Swedish: one in a Swedish message means a sentence slipped through. */
const englishOnly = /\b(the|and|is|are|you|your|please|with|cannot|this|that|of)\b/i;

describe('the message catalogue', () => {
	it('has the same keys in Swedish and English', () => {
		expect(Object.keys(catalogues.en).sort()).toEqual([...keys].sort());
	});

	for (const key of keys) {
		it(`gives ${key} a non-empty text with the same parameters in both languages`, () => {
			const { sv, en } = { sv: catalogues.sv[key], en: catalogues.en[key] };
			expect(sv.trim()).not.toBe('');
			expect(en.trim()).not.toBe('');
			expect(placeholders(en).sort()).toEqual(placeholders(sv).sort());
		});
	}

	it('has no Swedish text that is the English one, except a few shared words', () => {
		const same = keys.filter((key) => catalogues.sv[key] === catalogues.en[key]);
		expect(same.sort()).toEqual([...sameInBothLanguages].sort());
	});

	it('has no English sentence in a Swedish text', () => {
		const english = keys.filter((key) => englishOnly.test(catalogues.sv[key]));
		expect(english).toEqual([]);
	});

	it('keeps shared words few, so the allow-list cannot hide a missing translation', () => {
		expect(sameInBothLanguages.size).toBeLessThanOrEqual(12);
	});

	it('has an error message for every reason a connection is refused', () => {
		const refusals = {
			forbidden: true,
			kollegiumNotFound: true,
			meetingNotLive: true,
			notInThisMeeting: true,
			documentNotOpen: true
		} satisfies Record<AccessRefusal, true>;
		const missing = Object.keys(refusals).filter((code) => !isMessageKey(`error.${code}`));
		expect(missing).toEqual([]);
	});
});

describe('translate', () => {
	it('fills each placeholder with its parameter', () => {
		expect(translate('sv', 'progress.subjectLine', { submitted: 3, invited: 5 })).toBe(
			'3 av 5 har svarat'
		);
		expect(translate('en', 'respond.hello', { name: 'Åsa' })).toBe('Hello Åsa!');
	});

	it('leaves a placeholder without a value visible', () => {
		expect(translate('sv', 'respond.hello')).toBe('Hej {name}!');
	});

	it('fills a number as written, zero included', () => {
		expect(translate('en', 'meeting.respondents', { n: 0 })).toBe('0 have answered');
	});

	it('reads every key in every language', () => {
		for (const locale of Locale.options) {
			for (const key of keys) expect(translate(locale, key)).toBe(catalogues[locale][key]);
		}
	});
});

describe('isMessageKey', () => {
	it('knows the catalogue keys and nothing inherited from Object', () => {
		expect(isMessageKey('error.validation')).toBe(true);
		expect(isMessageKey('error.noSuchCode')).toBe(false);
		expect(isMessageKey('toString')).toBe(false);
		expect(isMessageKey('constructor')).toBe(false);
	});
});

describe('errorMessage', () => {
	it('says an API error code in the reader’s language', () => {
		expect(errorMessage('kollegiumNotFound', 'sv')).toBe(
			'Kollegiet finns inte, eller så hör det till en klinik du inte är med i.'
		);
		expect(errorMessage('kollegiumNotFound', 'en')).toBe(
			'The kollegium does not exist, or it belongs to a clinic you are not a member of.'
		);
	});

	it('falls back to the generic sentence for a code without one', () => {
		expect(errorMessage('noSuchCode', 'sv')).toBe(catalogues.sv['error.generic']);
		expect(errorMessage('noSuchCode', 'en')).toBe(catalogues.en['error.generic']);
	});
});

describe('localizedMessage', () => {
	it('gives both languages of a message, as stored texts carry them', () => {
		expect(localizedMessage('form.customSection')).toEqual({
			sv: 'Egna frågor',
			en: 'Additional questions'
		});
	});
});
