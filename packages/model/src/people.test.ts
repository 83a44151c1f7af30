import { describe, expect, it } from 'vitest';
import { ParticipantInput, TraineeSubjectInput } from './kollegium.ts';
import { translate } from './messages/index.ts';
import {
	applyPeopleImport,
	parsePeopleCsv,
	People,
	peopleToCsv,
	PersonInput,
	type Person,
	type PeopleImportPreview
} from './people.ts';

const NOW = '2030-03-01T09:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const specialist: Person = {
	kind: 'specialist',
	id: id(1),
	name: 'Agnes Lindqvist',
	email: 'agnes.lindqvist@region.example.se',
	title: 'Överläkare',
	language: 'sv',
	updatedAt: NOW
};
const specialistWithoutEmail: Person = {
	kind: 'specialist',
	id: id(2),
	name: 'Bertil Strand',
	email: '',
	title: 'Specialistläkare',
	language: 'sv',
	updatedAt: NOW
};
const trainee: Person = {
	kind: 'trainee',
	id: id(3),
	name: 'Cecilia Berg',
	email: 'cecilia.berg@region.example.se',
	specialty: 'Internmedicin',
	stStart: '2027-09-01',
	regulation: 'HSLF-FS 2021:8',
	monthsOfLeave: 6,
	supervisorId: id(1),
	language: 'sv',
	updatedAt: NOW
};
const observer: Person = {
	kind: 'observer',
	id: id(4),
	name: 'David Ek',
	email: 'david.ek@region.example.se',
	title: 'Verksamhetschef',
	language: 'sv',
	updatedAt: NOW
};
const register = [specialist, specialistWithoutEmail, trainee, observer];

const HEADER = 'typ;namn;e-post;titel;specialitet;st-start;föreskrift;ledighet_månader;handledare';

/** A Swedish file with these data rows under the full header. */
function file(...rows: string[]): string {
	return [HEADER, ...rows].join('\r\n');
}

function issuesOf(preview: PeopleImportPreview) {
	return [
		...preview.issues.map(({ path, code }) => ({ line: 0, path, code })),
		...preview.rows.flatMap((row) => row.issues.map(({ path, code }) => ({ ...row, path, code })))
	].map(({ line, path, code }) => ({ line, path, code }));
}

function withoutStorage({ id: _id, updatedAt: _updatedAt, ...person }: Person): PersonInput {
	return person;
}

describe('parsePeopleCsv', () => {
	it('names the line and column of the one broken row among twenty good ones', () => {
		const good = Array.from(
			{ length: 20 },
			(_, i) => `specialist;Läkare Nummer${i};lakare${i}@region.example.se;Överläkare;;;;;`
		);
		good.splice(12, 0, 'specialist;Trasig Rad;inte-en-adress;;;;;;');
		const preview = parsePeopleCsv(file(...good));
		expect(preview.ok).toBe(false);
		expect(preview.rows).toHaveLength(21);
		expect(issuesOf(preview)).toEqual([{ line: 14, path: 'e-post', code: 'invalid_format' }]);
		const broken = preview.rows.find((row) => row.line === 14);
		expect(broken?.person).toBeNull();
		expect(broken?.issues[0]?.message).toBe(translate('sv', 'validation.email'));
		expect(preview.rows.filter((row) => row.person).length).toBe(20);
	});

	it('reads a semicolon file from Swedish Excel with a BOM, CRLF and blank lines, counting lines as the spreadsheet does', () => {
		const text =
			'\uFEFFtyp;namn;e-post;titel;specialitet;st-start;föreskrift;ledighet_månader;handledare\r\n' +
			';;;;;;;;\r\n' +
			'st-läkare;Erik Sjöberg;erik.sjoberg@region.example.se;;Allmänmedicin;2028-01-15;SOSFS 2015:8;3;agnes.lindqvist@region.example.se\r\n' +
			'\r\n' +
			'observatör;Frida Holm;;"Chef; verksamhetsområde";;;;;\r\n';
		const preview = parsePeopleCsv(text, { existing: register });
		expect(preview.ok).toBe(true);
		expect(preview.rows.map((row) => row.line)).toEqual([3, 5]);
		expect(preview.rows[0]?.person).toEqual({
			kind: 'trainee',
			name: 'Erik Sjöberg',
			email: 'erik.sjoberg@region.example.se',
			specialty: 'Allmänmedicin',
			stStart: '2028-01-15',
			regulation: 'SOSFS 2015:8',
			monthsOfLeave: 3,
			supervisorId: specialist.id,
			language: 'sv'
		});
		expect(preview.rows[1]?.person).toEqual({
			kind: 'observer',
			name: 'Frida Holm',
			email: '',
			title: 'Chef; verksamhetsområde',
			language: 'sv'
		});
	});

	it('reads English headers in any order and case, with spaces around them, and English kinds', () => {
		const text = [
			' Name ,KIND,Email,Supervisor,stStart,REGULATION,monthsofleave,Specialty',
			'Gustav Nyberg,Trainee,gustav.nyberg@region.example.se,Agnes Lindqvist,2029-02-01,hslf-fs 2021:8,,Kirurgi',
			'Hanna Ek,Observer,,,,,,'
		].join('\n');
		const preview = parsePeopleCsv(text, { existing: register });
		expect(issuesOf(preview)).toEqual([]);
		expect(preview.rows.map((row) => row.person)).toEqual([
			{
				kind: 'trainee',
				name: 'Gustav Nyberg',
				email: 'gustav.nyberg@region.example.se',
				specialty: 'Kirurgi',
				stStart: '2029-02-01',
				regulation: 'HSLF-FS 2021:8',
				monthsOfLeave: 0,
				supervisorId: specialist.id,
				language: 'sv'
			},
			{ kind: 'observer', name: 'Hanna Ek', email: '', title: '', language: 'sv' }
		]);
	});

	const rowCases: { name: string; row: string; path: string; code: string }[] = [
		{
			name: 'an unknown kind',
			row: 'sjuksköterska;Ida Lund;;;;;;;',
			path: 'typ',
			code: 'peopleUnknownKind'
		},
		{ name: 'a missing kind', row: ';Ida Lund;;;;;;;', path: 'typ', code: 'missing' },
		{
			name: 'a date that is not a date',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-30;HSLF-FS 2021:8;;',
			path: 'st-start',
			code: 'invalid_format'
		},
		{
			name: 'a date written the American way',
			row: 'st-läkare;Ida Lund;;;Kirurgi;02/01/2029;HSLF-FS 2021:8;;',
			path: 'st-start',
			code: 'invalid_format'
		},
		{
			name: 'a regulation that does not exist',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-01;SOSFS 2008:17;;',
			path: 'föreskrift',
			code: 'peopleRegulation'
		},
		{
			name: 'months of leave that are not a whole number',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;två;',
			path: 'ledighet_månader',
			code: 'wholeNumber'
		},
		{
			name: 'a trainee without specialty',
			row: 'st-läkare;Ida Lund;;;;2029-02-01;HSLF-FS 2021:8;;',
			path: 'specialitet',
			code: 'invalid_type'
		},
		{
			name: 'a handledare nobody has heard of',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;okand@region.example.se',
			path: 'handledare',
			code: 'peopleSupervisorUnknown'
		},
		{
			name: 'a handledare who is a trainee',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;Cecilia Berg',
			path: 'handledare',
			code: 'peopleSupervisorNotSpecialist'
		},
		{
			name: 'a handledare who is an observer',
			row: 'st-läkare;Ida Lund;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;david.ek@region.example.se',
			path: 'handledare',
			code: 'peopleSupervisorNotSpecialist'
		},
		{
			name: 'more values than columns',
			row: 'specialist;Ida Lund;;Överläkare;;;;;;extra',
			path: '',
			code: 'peopleExtraCells'
		}
	];
	for (const { name, row, path, code } of rowCases) {
		it(`reports ${name} on line 2, column ${path || '(row)'}`, () => {
			const preview = parsePeopleCsv(file(row), { existing: register });
			expect(preview.ok).toBe(false);
			expect(issuesOf(preview)).toEqual([{ line: 2, path, code }]);
		});
	}

	it('resolves a handledare in the register by e-mail in any case, or by exact name', () => {
		const preview = parsePeopleCsv(
			file(
				'st-läkare;Jonas Wik;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;AGNES.Lindqvist@region.example.se',
				'st-läkare;Karin Wik;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;Bertil Strand'
			),
			{ existing: register }
		);
		expect(preview.ok).toBe(true);
		expect(
			preview.rows.map((row) => row.person?.kind === 'trainee' && row.person.supervisorId)
		).toEqual([specialist.id, specialistWithoutEmail.id]);
		expect(preview.rows.map((row) => row.supervisorRef)).toEqual([null, null]);
	});

	it('points a trainee at a new specialist later in the same file, and applying gives both the same id', () => {
		const preview = parsePeopleCsv(
			file(
				'st-läkare;Lina Ros;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;maja.falk@region.example.se',
				'st-läkare;Lars Ros;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;Maja Falk',
				'specialist;Maja Falk;maja.falk@region.example.se;Överläkare;;;;;'
			)
		);
		expect(preview.ok).toBe(true);
		expect(preview.rows.map((row) => row.supervisorRef)).toEqual([{ line: 4 }, { line: 4 }, null]);
		expect(preview.rows[0]?.person).toMatchObject({ supervisorId: '' });

		let next = 100;
		const { created, updated } = applyPeopleImport({ preview, newId: () => id(next++), now: NOW });
		expect(updated).toEqual([]);
		const maja = created.find((person) => person.name === 'Maja Falk');
		expect(created.filter((person) => person.kind === 'trainee')).toMatchObject([
			{ name: 'Lina Ros', supervisorId: maja?.id },
			{ name: 'Lars Ros', supervisorId: maja?.id }
		]);
		expect(People.safeParse(created).success).toBe(true);
	});

	it('refuses a handledare name two people share, and asks for the e-mail', () => {
		const preview = parsePeopleCsv(
			file(
				'specialist;Agnes Lindqvist;agnes.lindqvist@annan.example.se;;;;;;',
				'st-läkare;Nils Ek;;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;Agnes Lindqvist'
			),
			{ existing: register }
		);
		expect(issuesOf(preview)).toEqual([
			{ line: 3, path: 'handledare', code: 'peopleSupervisorAmbiguous' }
		]);
	});

	it('marks the second of two rows with the same e-mail, whatever its case, and names the first line', () => {
		const preview = parsePeopleCsv(
			file(
				'specialist;Olle Berg;olle.berg@region.example.se;;;;;;',
				'observatör;Olof Berg;Olle.Berg@REGION.example.se;;;;;;'
			)
		);
		expect(preview.ok).toBe(false);
		expect(issuesOf(preview)).toEqual([{ line: 3, path: 'e-post', code: 'peopleDuplicateEmail' }]);
		expect(preview.rows[1]?.issues[0]?.message).toBe('Samma e-postadress som på rad 2.');
	});

	it('treats a row with the e-mail of someone in the register as an update of that person', () => {
		const preview = parsePeopleCsv(
			file('specialist;Agnes Lindqvist-Ek;agnes.lindqvist@region.example.se;Docent;;;;;'),
			{ existing: register }
		);
		expect(preview.ok).toBe(true);
		expect(preview.rows[0]).toMatchObject({
			existingId: specialist.id,
			person: { name: 'Agnes Lindqvist-Ek', title: 'Docent' }
		});
		const { created, updated } = applyPeopleImport({ preview, newId: () => id(99), now: NOW });
		expect(created).toEqual([]);
		expect(updated).toEqual([{ ...specialist, name: 'Agnes Lindqvist-Ek', title: 'Docent' }]);
	});

	it('keeps what the register has in the columns a partial file leaves out', () => {
		const preview = parsePeopleCsv(
			'typ;namn;e-post\nst-läkare;Cecilia Berg-Holm;cecilia.berg@region.example.se',
			{ existing: register }
		);
		expect(preview.ok).toBe(true);
		expect(preview.rows[0]?.person).toEqual({
			...withoutStorage(trainee),
			name: 'Cecilia Berg-Holm'
		});
	});

	it('refuses to turn a specialist into a trainee while they are still someone’s handledare', () => {
		const preview = parsePeopleCsv(
			file(
				'st-läkare;Agnes Lindqvist;agnes.lindqvist@region.example.se;;Kirurgi;2029-02-01;HSLF-FS 2021:8;;'
			),
			{ existing: register }
		);
		expect(issuesOf(preview)).toEqual([{ line: 2, path: 'typ', code: 'peopleStillSupervisor' }]);
		expect(preview.rows[0]?.issues[0]?.message).toContain('Cecilia Berg');
	});

	const fileCases: { name: string; text: string; path: string; code: string }[] = [
		{ name: 'an empty file', text: '', path: '', code: 'peopleEmptyFile' },
		{
			name: 'a file of only a BOM and blank lines',
			text: '\uFEFF\r\n\r\n  \r\n',
			path: '',
			code: 'peopleEmptyFile'
		},
		{ name: 'a header without rows', text: HEADER, path: '', code: 'peopleEmptyFile' },
		{
			name: 'a file that starts with data',
			text: 'specialist;Agnes Lindqvist;agnes@region.example.se',
			path: '',
			code: 'peopleNoHeader'
		},
		{
			name: 'a misspelt column',
			text: 'typ;namn;epost\nspecialist;Agnes Lindqvist;agnes@region.example.se',
			path: 'epost',
			code: 'peopleUnknownColumn'
		},
		{
			name: 'a missing name column',
			text: 'typ;e-post\nspecialist;agnes@region.example.se',
			path: 'namn',
			code: 'peopleMissingColumn'
		},
		{
			name: 'a column given twice, once in each language',
			text: 'typ;namn;e-post;email\nspecialist;Agnes Lindqvist;a@region.example.se;b@region.example.se',
			path: 'e-post',
			code: 'peopleDuplicateColumn'
		},
		{
			name: 'more than 2000 rows',
			text: file(...Array.from({ length: 2001 }, (_, i) => `observatör;Person ${i};;;;;;;`)),
			path: '',
			code: 'peopleTooManyRows'
		}
	];
	for (const { name, text, path, code } of fileCases) {
		it(`refuses ${name} with one issue for the file`, () => {
			const preview = parsePeopleCsv(text);
			expect(preview).toMatchObject({ ok: false, rows: [] });
			expect(issuesOf(preview)).toEqual([{ line: 0, path, code }]);
		});
	}

	it('accepts exactly 2000 rows', () => {
		const rows = Array.from({ length: 2000 }, (_, i) => `observatör;Person ${i};;;;;;;`);
		expect(parsePeopleCsv(file(...rows)).ok).toBe(true);
	});

	it('reports a quotation mark that is never closed, with the line it starts on', () => {
		const preview = parsePeopleCsv(
			file('specialist;Agnes Lindqvist;;Överläkare;;;;;', 'specialist;"Per Ek;;;;;;;;')
		);
		expect(preview.ok).toBe(false);
		expect(preview.issues.map((issue) => issue.message)).toEqual([
			'Ett citattecken som börjar på rad 3 avslutas aldrig.'
		]);
	});

	it('speaks English, with English column names, when the reader does', () => {
		const preview = parsePeopleCsv(
			file(
				'läkare;Ida Lund;;;;;;;',
				'st-läkare;Jon Lund;jon@;;Kirurgi;2029-02-30;HSLF-FS 2021:8;;Ingen Alls'
			),
			{ locale: 'en' }
		);
		const messages = preview.rows.flatMap((row) =>
			row.issues.map(({ path, message }) => `${row.line} ${path}: ${message}`)
		);
		expect(messages).toEqual([
			'2 kind: Unknown kind. Use specialist, trainee or observer.',
			'3 supervisor: Nobody with that email address or exactly that name is in the register or the file.',
			'3 email: Enter a valid email address.',
			'3 stStart: Enter a valid date.'
		]);
		expect(parsePeopleCsv('', { locale: 'en' }).issues[0]?.message).toBe(
			'The file contains no people.'
		);
	});

	it('gives every person it parses as a valid participant, and every trainee as a valid subject', () => {
		const preview = parsePeopleCsv(peopleToCsv(register), { existing: register });
		for (const { person } of preview.rows) {
			expect(ParticipantInput.safeParse({ ...person, roles: ['assessor'] }).success).toBe(true);
			if (person?.kind === 'trainee') {
				expect(TraineeSubjectInput.safeParse(person).success).toBe(true);
			}
		}
	});
});

describe('the language column', () => {
	const cases: { cell: string; expected: 'sv' | 'en' }[] = [
		{ cell: 'en', expected: 'en' },
		{ cell: 'English', expected: 'en' },
		{ cell: 'engelska', expected: 'en' },
		{ cell: 'SV', expected: 'sv' },
		{ cell: 'svenska', expected: 'sv' },
		{ cell: '', expected: 'sv' }
	];
	for (const { cell, expected } of cases) {
		it(`reads the language "${cell}" as ${expected}`, () => {
			const preview = parsePeopleCsv(`typ;namn;språk\nspecialist;Ines Åberg;${cell}\n`);
			expect(preview.ok).toBe(true);
			expect(preview.rows[0]?.person?.language).toBe(expected);
		});
	}

	it('refuses a language it does not know, on the language column', () => {
		const preview = parsePeopleCsv('kind,name,language\nspecialist,Ines Åberg,fi\n', {
			locale: 'en'
		});
		expect(preview.ok).toBe(false);
		expect(preview.rows[0]?.issues).toEqual([
			expect.objectContaining({
				path: 'language',
				message: translate('en', 'validation.peopleLanguage')
			})
		]);
	});

	it('keeps the register language of a person the file updates without the column', () => {
		const english: Person = { ...specialist, language: 'en' };
		const preview = parsePeopleCsv(
			`typ;namn;e-post\nspecialist;Agnes Lindqvist;${specialist.email}\n`,
			{
				existing: [english]
			}
		);
		expect(preview.rows[0]?.person?.language).toBe('en');
	});
});

describe('peopleToCsv', () => {
	it('writes Swedish headers and kinds with semicolons, the handledare by e-mail, and a BOM for Excel', () => {
		const lines = peopleToCsv(register).split('\r\n');
		expect(lines[0]).toBe(`\uFEFF${HEADER};språk`);
		expect(lines.slice(1)).toEqual([
			'specialist;Agnes Lindqvist;agnes.lindqvist@region.example.se;Överläkare;;;;;;sv',
			'specialist;Bertil Strand;;Specialistläkare;;;;;;sv',
			'st-läkare;Cecilia Berg;cecilia.berg@region.example.se;;Internmedicin;2027-09-01;HSLF-FS 2021:8;6;agnes.lindqvist@region.example.se;sv',
			'observatör;David Ek;david.ek@region.example.se;Verksamhetschef;;;;;;sv'
		]);
	});

	it('writes English headers and kinds with commas, and a handledare without e-mail by name', () => {
		const supervised: Person = {
			...trainee,
			supervisorId: specialistWithoutEmail.id,
			language: 'en'
		};
		const lines = peopleToCsv([specialistWithoutEmail, supervised], { locale: 'en' }).split('\r\n');
		expect(lines).toEqual([
			'\uFEFFkind,name,email,title,specialty,stStart,regulation,monthsOfLeave,supervisor,language',
			'specialist,Bertil Strand,,Specialistläkare,,,,,,sv',
			'trainee,Cecilia Berg,cecilia.berg@region.example.se,,Internmedicin,2027-09-01,HSLF-FS 2021:8,6,Bertil Strand,en'
		]);
	});

	it('makes a cell that a spreadsheet would run as a formula into text, and reading it back removes the mark', () => {
		const sly: Person[] = [
			{ ...specialist, name: '=HYPERLINK("http://evil.example","Klicka")', title: '+1' },
			{ ...observer, name: '@SUM(A1)', title: "'=redan citerad" },
			{ ...specialistWithoutEmail, name: '-Bertil', title: 'Vanlig text' }
		];
		const csv = peopleToCsv(sly);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Klicka"")"`);
		expect(csv).toContain(`"'+1"`);
		expect(csv).toContain(`"'@SUM(A1)"`);
		expect(csv).toContain(`"''=redan citerad"`);
		expect(csv).toContain(`"'-Bertil"`);
		expect(csv).not.toContain(`;=`);
		const back = parsePeopleCsv(csv).rows.map((row) => row.person);
		expect(back).toEqual(sly.map(withoutStorage));
	});

	it('strips the formula mark a spreadsheet user typed, but keeps an apostrophe in a name', () => {
		const preview = parsePeopleCsv(file("specialist;'=Agnes;;O'Brien;;;;;"));
		expect(preview.rows[0]?.person).toMatchObject({ name: '=Agnes', title: "O'Brien" });
	});
});

describe('a round trip through a file', () => {
	for (const locale of ['sv', 'en'] as const) {
		it(`gives back the same people as updates of themselves (${locale})`, () => {
			const preview = parsePeopleCsv(peopleToCsv(register, { locale }), {
				existing: register,
				locale
			});
			expect(issuesOf(preview)).toEqual([]);
			expect(preview.rows.map((row) => row.existingId)).toEqual(register.map((p) => p.id));
			expect(preview.rows.map((row) => row.person)).toEqual(register.map(withoutStorage));
			const { updated } = applyPeopleImport({ preview, newId: () => id(99), now: NOW });
			expect(updated).toEqual(register);
		});
	}

	it('gives the same people, supervisors linked, when imported into an empty register', () => {
		const preview = parsePeopleCsv(peopleToCsv(register));
		expect(preview.ok).toBe(true);
		let next = 100;
		const { created } = applyPeopleImport({ preview, newId: () => id(next++), now: NOW });
		const newIdOf = new Map(register.map((person, i) => [person.id, created[i]?.id]));
		expect(created).toEqual(
			register.map((person) => ({
				...person,
				id: newIdOf.get(person.id),
				...(person.kind === 'trainee' ? { supervisorId: newIdOf.get(person.supervisorId) } : {})
			}))
		);
	});
});

describe('People', () => {
	it('refuses a register where a handledare is not a specialist or an e-mail is used twice', () => {
		const result = People.safeParse([
			specialist,
			{ ...observer, email: specialist.email.toUpperCase() },
			{ ...trainee, supervisorId: observer.id }
		]);
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
			['1.email', 'peopleEmailTaken'],
			['2.supervisorId', 'peopleSupervisorNotSpecialist']
		]);
	});

	it('accepts the register of a clinic', () => {
		expect(People.safeParse(register).success).toBe(true);
	});
});

describe('applyPeopleImport', () => {
	it('refuses a preview with issues', () => {
		const preview = parsePeopleCsv(file('läkare;Ida Lund;;;;;;;'));
		expect(() => applyPeopleImport({ preview, newId: () => id(1), now: NOW })).toThrow();
	});
});
