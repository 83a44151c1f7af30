import { describe, expect, it } from 'vitest';
import {
	canMoveTo,
	DEFAULT_MIN_RESPONDENTS,
	defaultSupervisorMinRespondents,
	minRespondentsFor,
	isAnswering,
	isFormEditable,
	KollegiumInput,
	KollegiumStatus,
	MIN_RESPONDENTS_FLOOR,
	ParticipantInput,
	SubjectInput,
	type KollegiumStatus as Status
} from './kollegium.ts';

const base = {
	kind: 'specialistkollegium',
	title: 'Specialistkollegium internmedicin',
	templateId: 'specialistkollegium-standard',
	startsAt: '2025-03-10T13:00:00+01:00',
	answerDeadline: '2025-03-03T23:59:00+01:00'
};

function issuesOf(input: unknown): { path: PropertyKey[]; message: string }[] {
	const result = KollegiumInput.safeParse(input);
	return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('KollegiumInput', () => {
	it('fills in the defaults', () => {
		expect(KollegiumInput.parse(base)).toEqual({
			...base,
			location: '',
			videoLink: '',
			minRespondents: 3,
			focusGoals: [],
			customItems: []
		});
	});

	it('defaults k to 3 and never allows it below 2', () => {
		expect(DEFAULT_MIN_RESPONDENTS).toBe(3);
		expect(MIN_RESPONDENTS_FLOOR).toBe(2);
	});

	const supervisorK: { name: string; input: object; expected: PropertyKey[][] }[] = [
		{
			name: 'accepts a supervisors’ k above the clinic’s',
			input: { supervisorMinRespondents: 5 },
			expected: []
		},
		{
			name: 'accepts a supervisors’ k equal to the clinic’s',
			input: { minRespondents: 4, supervisorMinRespondents: 4 },
			expected: []
		},
		{
			name: 'refuses a supervisors’ k below the clinic’s, naming the field',
			input: { minRespondents: 4, supervisorMinRespondents: 3 },
			expected: [['supervisorMinRespondents']]
		},
		{
			name: 'refuses a supervisors’ k below 2',
			input: { minRespondents: 2, supervisorMinRespondents: 1 },
			expected: [['supervisorMinRespondents']]
		}
	];
	for (const { name, input, expected } of supervisorK) {
		it(name, () => {
			expect(issuesOf({ ...base, kind: 'st-lakarkollegium', ...input }).map((i) => i.path)).toEqual(
				expected
			);
		});
	}

	it('defaults the supervisors’ k to 3, never below the clinic’s', () => {
		expect(defaultSupervisorMinRespondents(2)).toBe(3);
		expect(defaultSupervisorMinRespondents(3)).toBe(3);
		expect(defaultSupervisorMinRespondents(6)).toBe(6);
	});

	const kinds = [
		{ kind: 'clinic', expected: 3 },
		{ kind: 'trainee', expected: 3 },
		{ kind: 'supervisor', expected: 5 }
	] as const;
	for (const { kind, expected } of kinds) {
		it(`applies k ${expected} to a ${kind} when the supervisors’ k is 5`, () => {
			const kollegium = { minRespondents: 3, supervisorMinRespondents: 5 };
			expect(minRespondentsFor({ kollegium, subject: { kind } })).toBe(expected);
		});
	}

	const minRespondents: { name: string; input: unknown; expected: boolean }[] = [
		{ name: 'accepts a minimum of 2 respondents', input: 2, expected: true },
		{ name: 'accepts a minimum of 50 respondents', input: 50, expected: true },
		{ name: 'rejects a minimum of 1 respondent', input: 1, expected: false },
		{ name: 'rejects a minimum of 0 respondents', input: 0, expected: false },
		{ name: 'rejects a minimum above 50 respondents', input: 51, expected: false },
		{ name: 'rejects a fractional minimum of respondents', input: 2.5, expected: false }
	];
	for (const { name, input, expected } of minRespondents) {
		it(name, () => {
			const issues = issuesOf({ ...base, minRespondents: input });
			expect(issues.length === 0).toBe(expected);
			if (!expected) expect(issues.map((issue) => issue.path)).toEqual([['minRespondents']]);
		});
	}

	it('rejects a deadline after the meeting on the deadline field', () => {
		expect(issuesOf({ ...base, answerDeadline: '2025-03-10T13:01:00+01:00' })).toEqual([
			{ path: ['answerDeadline'], message: 'deadlineAfterMeeting' }
		]);
	});

	it('accepts a deadline at the very start of the meeting', () => {
		expect(issuesOf({ ...base, answerDeadline: base.startsAt })).toEqual([]);
	});

	it('compares the deadline and the meeting as instants across offsets', () => {
		// 13:00+01:00 is 12:00Z; 12:30Z is after it although the clock reads earlier.
		expect(issuesOf({ ...base, answerDeadline: '2025-03-10T12:30:00Z' })).toEqual([
			{ path: ['answerDeadline'], message: 'deadlineAfterMeeting' }
		]);
		// 13:30+02:00 is 11:30Z, before the meeting although the clock reads later.
		expect(issuesOf({ ...base, answerDeadline: '2025-03-10T13:30:00+02:00' })).toEqual([]);
	});

	const videoLinks: { name: string; input: string; expected: boolean }[] = [
		{ name: 'accepts no video link', input: '', expected: true },
		{
			name: 'accepts an https video link',
			input: 'https://meet.example.org/kollegium-42',
			expected: true
		},
		{
			name: 'rejects an http video link',
			input: 'http://meet.example.org/kollegium-42',
			expected: false
		},
		{ name: 'rejects a javascript link', input: 'javascript:alert(1)', expected: false },
		{ name: 'rejects an ftp link', input: 'ftp://example.org/fil', expected: false },
		{ name: 'rejects text that is not a link', input: 'Teams-länken kommer', expected: false }
	];
	for (const { name, input, expected } of videoLinks) {
		it(name, () => {
			const issues = issuesOf({ ...base, videoLink: input });
			expect(issues.length === 0).toBe(expected);
			if (!expected) expect(issues.map((issue) => issue.path)).toEqual([['videoLink']]);
		});
	}

	const rejected: { name: string; input: unknown; path: PropertyKey[] }[] = [
		{
			name: 'rejects a meeting time without a time zone',
			input: { ...base, startsAt: '2025-03-10T13:00:00' },
			path: ['startsAt']
		},
		{
			name: 'rejects a deadline that is only a date',
			input: { ...base, answerDeadline: '2025-03-03' },
			path: ['answerDeadline']
		},
		{
			name: 'rejects a title shorter than 3 characters',
			input: { ...base, title: '  ab ' },
			path: ['title']
		},
		{ name: 'rejects an unknown kind', input: { ...base, kind: 'apt' }, path: ['kind'] },
		{
			name: 'rejects an empty template id',
			input: { ...base, templateId: '' },
			path: ['templateId']
		},
		{
			name: 'rejects a focus goal that is not a delmål',
			input: { ...base, focusGoals: ['kommunikation'] },
			path: ['focusGoals', 0]
		},
		{
			name: 'rejects more than 20 custom questions',
			input: {
				...base,
				customItems: Array.from({ length: 21 }, (_, index) => ({
					type: 'text',
					text: `Fråga ${index}`
				}))
			},
			path: ['customItems']
		}
	];
	for (const { name, input, path } of rejected) {
		it(name, () => {
			expect(issuesOf(input).map((issue) => issue.path)).toEqual([path]);
		});
	}

	it('trims the title and location', () => {
		const parsed = KollegiumInput.parse({
			...base,
			title: '  Vårens kollegium ',
			location: ' Rum 3 '
		});
		expect(parsed).toMatchObject({ title: 'Vårens kollegium', location: 'Rum 3' });
	});
});

describe('canMoveTo', () => {
	const order: Status[] = ['draft', 'open', 'live', 'closed', 'delivered'];

	it('knows every status', () => {
		expect(KollegiumStatus.options).toEqual(order);
	});

	for (const from of order) {
		for (const to of order) {
			const allowed = order.indexOf(to) === order.indexOf(from) + 1;
			it(`${allowed ? 'allows' : 'refuses'} moving from ${from} to ${to}`, () => {
				expect(canMoveTo(from, to)).toBe(allowed);
			});
		}
	}
});

describe('isAnswering', () => {
	const answerDeadline = '2025-03-03T23:59:00+01:00';
	const cases: { name: string; input: { status: Status; now: string }; expected: boolean }[] = [
		{
			name: 'is true while open and before the deadline',
			input: { status: 'open', now: '2025-03-01T10:00:00Z' },
			expected: true
		},
		{
			name: 'is false from the very deadline on (answering closes at that moment)',
			input: { status: 'open', now: '2025-03-03T22:59:00Z' },
			expected: false
		},
		{
			name: 'is true one second before the deadline',
			input: { status: 'open', now: '2025-03-03T22:58:59Z' },
			expected: true
		},
		{
			name: 'is false one second after the deadline',
			input: { status: 'open', now: '2025-03-03T22:59:01Z' },
			expected: false
		},
		{
			name: 'is false for a draft before the deadline',
			input: { status: 'draft', now: '2025-03-01T10:00:00Z' },
			expected: false
		},
		{
			name: 'is false once the meeting is live',
			input: { status: 'live', now: '2025-03-01T10:00:00Z' },
			expected: false
		},
		{
			name: 'is false once closed',
			input: { status: 'closed', now: '2025-03-01T10:00:00Z' },
			expected: false
		},
		{
			name: 'is false once delivered',
			input: { status: 'delivered', now: '2025-03-01T10:00:00Z' },
			expected: false
		}
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(isAnswering({ status: input.status, answerDeadline, now: new Date(input.now) })).toBe(
				expected
			);
		});
	}
});

describe('isFormEditable', () => {
	const cases: { name: string; input: Status; expected: boolean }[] = [
		{ name: 'lets the form change in a draft', input: 'draft', expected: true },
		{ name: 'freezes the form once open', input: 'open', expected: false },
		{ name: 'freezes the form once live', input: 'live', expected: false },
		{ name: 'freezes the form once closed', input: 'closed', expected: false },
		{ name: 'freezes the form once delivered', input: 'delivered', expected: false }
	];
	for (const { name, input, expected } of cases) {
		it(name, () => {
			expect(isFormEditable(input)).toBe(expected);
		});
	}
});

describe('ParticipantInput', () => {
	it('defaults the email to empty and the language of their e-mail to Swedish', () => {
		expect(ParticipantInput.parse({ name: 'Greta Påhittad', roles: ['assessor'] })).toEqual({
			name: 'Greta Påhittad',
			email: '',
			roles: ['assessor'],
			language: 'sv'
		});
	});

	it('takes English as a participant’s language, and refuses any other', () => {
		const input = { name: 'Greta Påhittad', roles: ['assessor'] };
		expect(ParticipantInput.parse({ ...input, language: 'en' }).language).toBe('en');
		const refused = ParticipantInput.safeParse({ ...input, language: 'fi' });
		expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['language']]);
	});

	it('accepts several roles for one person', () => {
		const roles = ['supervisor', 'assessor'];
		expect(ParticipantInput.parse({ name: 'Greta Påhittad', roles }).roles).toEqual(roles);
	});

	const rejected: { name: string; input: unknown }[] = [
		{ name: 'rejects a participant without roles', input: { name: 'Greta Påhittad', roles: [] } },
		{ name: 'rejects an unknown role', input: { name: 'Greta Påhittad', roles: ['facilitator'] } },
		{ name: 'rejects a one-letter name', input: { name: ' G ', roles: ['assessor'] } },
		{
			name: 'rejects an invalid email',
			input: { name: 'Greta Påhittad', email: 'greta@', roles: ['assessor'] }
		}
	];
	for (const { name, input } of rejected) {
		it(name, () => {
			expect(ParticipantInput.safeParse(input).success).toBe(false);
		});
	}
});

describe('SubjectInput', () => {
	it('defaults a trainee to no leave and no supervisor', () => {
		const parsed = SubjectInput.parse({
			kind: 'trainee',
			name: 'Hugo Testman',
			specialty: 'Kirurgi',
			stStart: '2023-09-01',
			regulation: 'SOSFS 2015:8'
		});
		expect(parsed).toMatchObject({ email: '', monthsOfLeave: 0, supervisorId: '' });
	});

	it('accepts a supervisor with only a name', () => {
		expect(SubjectInput.parse({ kind: 'supervisor', name: 'Ingrid Exempel' })).toEqual({
			kind: 'supervisor',
			name: 'Ingrid Exempel',
			email: '',
			personId: ''
		});
	});

	it('refuses a supervisor whose e-mail address is not one', () => {
		const result = SubjectInput.safeParse({ kind: 'supervisor', name: 'Ingrid', email: 'ingrid' });
		expect(result.error?.issues.map((issue) => issue.path)).toEqual([['email']]);
	});

	const rejected: { name: string; input: Record<string, unknown> }[] = [
		{ name: 'rejects a start that is not a date', input: { stStart: '2023-13-01' } },
		{ name: 'rejects negative leave', input: { monthsOfLeave: -1 } },
		{ name: 'rejects an unknown regulation', input: { regulation: 'SOSFS 2008:17' } },
		{ name: 'rejects a supervisor id that is not a uuid', input: { supervisorId: 'greta' } }
	];
	for (const { name, input } of rejected) {
		it(name, () => {
			const trainee = {
				kind: 'trainee',
				name: 'Hugo Testman',
				specialty: 'Kirurgi',
				stStart: '2023-09-01',
				regulation: 'HSLF-FS 2021:8',
				...input
			};
			expect(SubjectInput.safeParse(trainee).success).toBe(false);
		});
	}
});
