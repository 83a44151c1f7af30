import { describe, expect, it } from 'vitest';
import {
	calendarText,
	carriesLink,
	handoverMail,
	invitationMail,
	meetingChangeMail,
	reminderMail,
	supervisorFeedbackMail,
	type InvitationFacts
} from './mail.ts';
import { catalogues, type MessageKey } from './messages/index.ts';
import type { Locale } from './text.ts';

const LINK = 'https://kollegium.example.se/svar/abc123';

const facts = (locale: Locale): InvitationFacts => ({
	kind: 'specialistkollegium',
	title: 'Specialistkollegium HT',
	clinic: 'Medicinkliniken',
	startsAt: locale === 'sv' ? 'måndag 16 november 2026 13:00' : 'Monday 16 November 2026 at 13:00',
	answerDeadline: locale === 'sv' ? 'måndag 9 november 2026 17:00' : 'Monday 9 November 2026',
	location: 'Konferensrum Ugglan',
	videoLink: '',
	recipient: { name: 'Karin Holmlund', roles: ['assessor'] },
	about: ['Sara Lindholm'],
	link: LINK,
	calendar: true
});

/** The Swedish sentences (and parts between placeholders) of the e-mail messages. */
const mailFragments = (from: Locale, other: Locale, length: number) =>
	(Object.keys(catalogues.sv) as MessageKey[])
		.filter((key) => key.startsWith('mail.') && catalogues.sv[key] !== catalogues.en[key])
		.flatMap((key) =>
			catalogues[from][key]
				.split(/\{\w+\}/)
				.map((fragment) => fragment.trim())
				// A word both languages use (the kinds' Swedish names) is no slip.
				.filter((fragment) => !catalogues[other][key].includes(fragment))
		)
		.filter((fragment) => fragment.length >= length);
const swedishMailFragments = mailFragments('sv', 'en', 4);
const englishMailFragments = mailFragments('en', 'sv', 6);

const swedishIn = (text: string) => swedishMailFragments.filter((part) => text.includes(part));
const englishIn = (text: string) => englishMailFragments.filter((part) => text.includes(part));

/** Every message a participant can get, composed in one language. */
const everyMessage = (locale: Locale) => ({
	invitation: invitationMail(locale, facts(locale)),
	reminder: reminderMail(locale, { ...facts(locale), recipient: 'Karin Holmlund' }),
	update: meetingChangeMail(locale, {
		...facts(locale),
		recipient: 'Karin Holmlund',
		cancelled: false
	}),
	cancel: meetingChangeMail(locale, {
		...facts(locale),
		recipient: 'Karin Holmlund',
		cancelled: true
	}),
	planReady: handoverMail(locale, {
		recipient: 'Karin Holmlund',
		trainee: 'Sara Lindholm',
		title: 'Specialistkollegium HT',
		link: LINK,
		reminder: false
	}),
	handoverReminder: handoverMail(locale, {
		recipient: 'Karin Holmlund',
		trainee: 'Sara Lindholm',
		title: 'Specialistkollegium HT',
		link: LINK,
		reminder: true
	}),
	supervisorFeedback: supervisorFeedbackMail(locale, {
		kind: 'st-lakarkollegium',
		title: 'ST-läkarkollegium VT',
		clinic: 'Medicinkliniken',
		link: LINK,
		recipient: 'Karin Holmlund'
	})
});

describe('messages in one language', () => {
	for (const [name, message] of Object.entries(everyMessage('en'))) {
		it(`writes the ${name} message in English with no Swedish sentence in it`, () => {
			expect(swedishIn(`${message.subject}\n${message.text}`)).toEqual([]);
			expect(message.text).not.toContain('In English');
		});
	}
	for (const [name, message] of Object.entries(everyMessage('sv'))) {
		it(`writes the ${name} message in Swedish with no English sentence in it`, () => {
			expect(englishIn(`${message.subject}\n${message.text}`)).toEqual([]);
		});
	}

	it('greets, explains and links in the reader’s language', () => {
		const en = invitationMail('en', facts('en'));
		expect(en.subject).toBe(
			'Invitation: specialist review meeting (specialistkollegium) – Specialistkollegium HT'
		);
		expect(en.text).toContain('Hello Karin Holmlund,');
		expect(en.text).toContain('Meeting: Monday 16 November 2026 at 13:00');
		expect(en.text).toContain('Sara Lindholm');
		expect(en.text).toContain(LINK);
		const sv = invitationMail('sv', facts('sv'));
		expect(sv.subject).toBe('Inbjudan: specialistkollegium – Specialistkollegium HT');
		expect(sv.text).toContain('Hej Karin Holmlund!');
		expect(sv.text).toContain('Mötet: måndag 16 november 2026 13:00');
	});
});

describe('calendarText', () => {
	it('names the meeting and where the link is in the reader’s language, never the link', () => {
		const en = calendarText('en', facts('en'));
		expect(en.summary).toBe(
			'Meeting: Specialistkollegium HT (specialist review meeting (specialistkollegium))'
		);
		expect(en.description).toContain('at Medicinkliniken');
		const sv = calendarText('sv', facts('sv'));
		expect(sv.summary).toBe('Möte: Specialistkollegium HT (specialistkollegium)');
		expect(sv.description).toContain('på Medicinkliniken');
		expect(`${en.description}${sv.description}`).not.toContain('/svar/');
		expect(sv.description).not.toContain('Sara Lindholm');
	});
});

describe('supervisorFeedbackMail', () => {
	it('says the feedback is ready with the personal link, and nothing about how many answered', () => {
		const mail = supervisorFeedbackMail('sv', {
			kind: 'st-lakarkollegium',
			title: 'ST-läkarkollegium VT',
			clinic: 'Medicinkliniken',
			link: LINK,
			recipient: 'Karin Holmlund'
		});
		expect(mail.subject).toBe('Din återkoppling från ST-läkarkollegium – ST-läkarkollegium VT');
		expect(mail.text).toContain(LINK);
		expect(mail.text.replace(LINK, '')).not.toMatch(/\d/);
		expect(carriesLink('supervisorFeedback')).toBe(true);
	});
});
