import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { createClinic, colleagueClient } from '../support/accounts.ts';
import { setUpFacilitator, ownClinicOf } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { pathsOf } from './helpers.ts';

const HEADER = 'typ;namn;e-post;titel;specialitet;st-start;föreskrift;ledighet_månader;handledare';

const specialist = (name: string, email = '', extra: Record<string, unknown> = {}) => ({
	kind: 'specialist',
	name,
	email,
	title: 'Överläkare',
	...extra
});
const trainee = (name: string, email = '', extra: Record<string, unknown> = {}) => ({
	kind: 'trainee',
	name,
	email,
	specialty: 'Internmedicin',
	stStart: '2025-09-01',
	regulation: 'HSLF-FS 2021:8',
	...extra
});
const observer = (name: string, email = '') => ({ kind: 'observer', name, email, title: 'Chef' });

interface Listed {
	id: string;
	kind: string;
	name: string;
	email: string;
	supervisorId?: string;
	title?: string;
	updatedAt: string;
}

describe('the people register of a clinic', () => {
	let server: TestServer;
	let eva: ApiClient;
	let clinicCount = 0;
	/** A clinic of its own for a test, so one test's register is not another's. */
	const newClinic = () => createClinic(eva, `Klinik ${++clinicCount}`);
	const add = async (clinicId: string, person: Record<string, unknown>) => {
		const response = await eva.post(`/clinics/${clinicId}/people`, person);
		expect(response.status, response.text).toBe(201);
		return response.json as Listed;
	};
	const list = async (clinicId: string) => {
		const response = await eva.get(`/clinics/${clinicId}/people`);
		expect(response.status).toBe(200);
		return response.json as Listed[];
	};
	const importFile = (clinicId: string, csv: string, confirm: boolean) =>
		eva.post(`/clinics/${clinicId}/people/import`, { csv, confirm });

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
	});
	afterAll(() => server.close());

	describe('by hand', () => {
		it('lists specialists, then trainees, then observers, each by name as Swedish sorts it', async () => {
			const clinicId = await newClinic();
			const anna = await add(clinicId, specialist('Anna Ek', 'anna.ek@region.example.se'));
			await add(clinicId, observer('Olof Chefsson'));
			await add(clinicId, trainee('Östen Ström', '', { supervisorId: anna.id }));
			await add(clinicId, specialist('Åsa Berg'));
			await add(clinicId, trainee('Bo Lind'));
			await add(clinicId, specialist('Zara Holm'));
			const names = (await list(clinicId)).map((person) => `${person.kind} ${person.name}`);
			expect(names).toEqual([
				'specialist Anna Ek',
				'specialist Zara Holm',
				'specialist Åsa Berg',
				'trainee Bo Lind',
				'trainee Östen Ström',
				'observer Olof Chefsson'
			]);
		});

		it('changes and removes someone, and a removed person is gone', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const changed = await eva.put(
				`/clinics/${clinicId}/people/${karin.id}`,
				specialist('Karin Holmlund', 'karin.holmlund@region.example.se', { title: 'Docent' })
			);
			expect(changed.status).toBe(200);
			expect(changed.json).toMatchObject({
				id: karin.id,
				email: 'karin.holmlund@region.example.se',
				title: 'Docent'
			});
			expect((await list(clinicId))[0]).toMatchObject({ title: 'Docent' });

			const removed = await eva.delete(`/clinics/${clinicId}/people/${karin.id}`);
			expect(removed.status).toBe(204);
			expect(await list(clinicId)).toEqual([]);
			const again = await eva.put(`/clinics/${clinicId}/people/${karin.id}`, specialist('Karin'));
			expect(again.status).toBe(404);
		});

		it('refuses a second person with the same e-mail in any case, naming the field', async () => {
			const clinicId = await newClinic();
			const agnes = await add(clinicId, specialist('Agnes Lind', 'agnes@region.example.se'));
			const twin = await eva.post(
				`/clinics/${clinicId}/people`,
				trainee('Agnes Lindgren', 'AGNES@Region.Example.se')
			);
			expect(twin.status).toBe(400);
			expect(twin.json.error).toBe('validation');
			expect(pathsOf(twin.json)).toEqual(['email']);
			expect(twin.json.issues[0].message).toBe(
				'E-postadressen används redan av en annan person i registret.'
			);
			const bertil = await add(clinicId, specialist('Bertil Strand', 'bertil@region.example.se'));
			const taken = await eva.put(
				`/clinics/${clinicId}/people/${bertil.id}`,
				specialist('Bertil Strand', 'Agnes@region.example.se')
			);
			expect(taken.status).toBe(400);
			expect(pathsOf(taken.json)).toEqual(['email']);
			// Keeping one's own address is no clash, and another clinic may have the same person.
			const same = await eva.put(
				`/clinics/${clinicId}/people/${agnes.id}`,
				specialist('Agnes Lind', 'Agnes@region.example.se')
			);
			expect(same.status).toBe(200);
			await add(await newClinic(), specialist('Agnes Lind', 'agnes@region.example.se'));
		});

		it('lets only one of several additions at once take an e-mail address', async () => {
			const clinicId = await newClinic();
			const results = await Promise.all(
				['Karin Holmlund', 'Karin Holm', 'K. Holmlund', 'Karin H.'].map((name) =>
					eva.post(`/clinics/${clinicId}/people`, specialist(name, 'karin@region.example.se'))
				)
			);
			expect(results.map((result) => result.status).sort()).toEqual([201, 400, 400, 400]);
			expect(await list(clinicId)).toHaveLength(1);
		});

		it('names each field that is wrong, in the reader’s language', async () => {
			const clinicId = await newClinic();
			const response = await eva.request(
				'POST',
				`/clinics/${clinicId}/people`,
				trainee('A', 'inte-en-adress', { stStart: '1 september', regulation: 'SOSFS 1999:1' }),
				{ 'Accept-Language': 'en' }
			);
			expect(response.status).toBe(400);
			expect(pathsOf(response.json).sort()).toEqual(['email', 'name', 'regulation', 'stStart']);
			const email = response.json.issues.find((issue: { path: string }) => issue.path === 'email');
			expect(email.message).toBe('Enter a valid email address.');
			const kind = await eva.post(`/clinics/${clinicId}/people`, { kind: 'chef', name: 'Olof' });
			expect(kind.status).toBe(400);
			expect(pathsOf(kind.json)).toContain('kind');
			expect(await list(clinicId)).toEqual([]);
		});

		it('accepts as handledare only a specialist of the same register', async () => {
			const clinicId = await newClinic();
			const chef = await add(clinicId, observer('Olof Chefsson'));
			const elsewhere = await add(await newClinic(), specialist('Per Annanstans'));
			for (const supervisorId of [chef.id, elsewhere.id, crypto.randomUUID()]) {
				const response = await eva.post(
					`/clinics/${clinicId}/people`,
					trainee('Sara Lindholm', '', { supervisorId })
				);
				expect(response.status).toBe(400);
				expect(pathsOf(response.json)).toEqual(['supervisorId']);
			}
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			const sara = await add(clinicId, trainee('Sara Lindholm', '', { supervisorId: karin.id }));
			expect(sara.supervisorId).toBe(karin.id);
			expect(await list(clinicId)).toHaveLength(3);
		});

		it('clears the handledare of trainees whose specialist is taken out of the register', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			await add(clinicId, trainee('Sara Lindholm', '', { supervisorId: karin.id }));
			await add(clinicId, trainee('Jonas Bergstedt', '', { supervisorId: karin.id }));
			expect((await eva.delete(`/clinics/${clinicId}/people/${karin.id}`)).status).toBe(204);
			const people = await list(clinicId);
			expect(people.map((person) => [person.name, person.supervisorId])).toEqual([
				['Jonas Bergstedt', ''],
				['Sara Lindholm', '']
			]);
		});

		it('keeps a specialist who supervises someone a specialist until the trainee has another handledare', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			const sara = await add(clinicId, trainee('Sara Lindholm', '', { supervisorId: karin.id }));
			const refused = await eva.put(
				`/clinics/${clinicId}/people/${karin.id}`,
				observer('Karin Holmlund')
			);
			expect(refused.status).toBe(400);
			expect(pathsOf(refused.json)).toEqual(['kind']);
			expect(refused.json.issues[0].message).toContain('Sara Lindholm');
			await eva.put(`/clinics/${clinicId}/people/${sara.id}`, trainee('Sara Lindholm'));
			const moved = await eva.put(
				`/clinics/${clinicId}/people/${karin.id}`,
				observer('Karin Holmlund')
			);
			expect(moved.status).toBe(200);
			expect(moved.json.kind).toBe('observer');
		});

		it('answers 404 for a person of another clinic', async () => {
			const mine = await newClinic();
			const theirs = await newClinic();
			const stranger = await add(theirs, specialist('Per Annanstans'));
			const path = `/clinics/${mine}/people/${stranger.id}`;
			expect((await eva.put(path, specialist('Per Annanstans'))).status).toBe(404);
			expect((await eva.delete(path)).status).toBe(404);
			expect(await list(theirs)).toHaveLength(1);
		});
	});

	describe('importing a file', () => {
		const twenty = () =>
			Array.from(
				{ length: 20 },
				(_, i) =>
					`specialist;Läkare Nummer${i + 1};lakare${i + 1}@region.example.se;Överläkare;;;;;`
			);

		it('previews the broken row of twenty, writes nothing when confirmed, and all twenty once fixed', async () => {
			const clinicId = await newClinic();
			const rows = twenty();
			rows[12] = 'specialist;Läkare Nummer13;lakare13-at-region.example.se;Överläkare;;;;;';
			const broken = [HEADER, ...rows].join('\r\n');

			const preview = await importFile(clinicId, broken, false);
			expect(preview.status).toBe(200);
			expect(preview.json).toMatchObject({ written: false, created: 0, updated: 0 });
			expect(preview.json.preview.ok).toBe(false);
			const faulty = preview.json.preview.rows.filter(
				(row: { issues: unknown[] }) => row.issues.length > 0
			);
			expect(faulty).toHaveLength(1);
			expect(faulty[0].line).toBe(14);
			expect(faulty[0].issues.map((issue: { path: string }) => issue.path)).toEqual(['e-post']);

			const confirmed = await importFile(clinicId, broken, true);
			expect(confirmed.status).toBe(400);
			expect(confirmed.json.error).toBe('validation');
			expect(pathsOf(confirmed.json)).toEqual(['rows.14.e-post']);
			expect(confirmed.json.issues[0].message).toBe('Ange en giltig e-postadress.');
			expect(await list(clinicId)).toEqual([]);

			const fixed = [HEADER, ...twenty()].join('\r\n');
			const written = await importFile(clinicId, fixed, true);
			expect(written.status).toBe(200);
			expect(written.json).toMatchObject({ written: true, created: 20, updated: 0 });
			expect(written.json.preview.ok).toBe(true);
			const people = await list(clinicId);
			expect(people).toHaveLength(20);
			expect(people.map((person) => person.email)).toContain('lakare13@region.example.se');
		});

		it('reads a file saved by Swedish Excel, with a handledare further down the same file', async () => {
			const clinicId = await newClinic();
			const file =
				`\uFEFF${HEADER}\r\n` +
				'st-läkare;Sara Lindholm;sara@region.example.se;;Internmedicin;2025-09-01;HSLF-FS 2021:8;6;karin@region.example.se\r\n' +
				';;;;;;;;\r\n' +
				'specialist;Karin Holmlund;karin@region.example.se;Överläkare;;;;;\r\n' +
				'observatör;Åsa Öberg;;"Verksamhetschef; medicin";;;;;\r\n';
			const written = await importFile(clinicId, file, true);
			expect(written.status, written.text).toBe(200);
			expect(written.json).toMatchObject({ written: true, created: 3, updated: 0 });
			expect(written.json.preview.rows.map((row: { line: number }) => row.line)).toEqual([2, 4, 5]);
			const [karin, sara, asa] = await list(clinicId);
			expect(karin).toMatchObject({ kind: 'specialist', name: 'Karin Holmlund' });
			expect(sara).toMatchObject({
				kind: 'trainee',
				name: 'Sara Lindholm',
				monthsOfLeave: 6,
				supervisorId: karin?.id
			});
			expect(asa).toMatchObject({ kind: 'observer', title: 'Verksamhetschef; medicin' });
		});

		it('updates the people a file names by e-mail instead of adding them twice', async () => {
			const clinicId = await newClinic();
			await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const file = [
				'namn,e-post,typ,titel',
				'Karin Holmlund,KARIN@region.example.se,specialist,Docent',
				'Peter Sjövik,peter@region.example.se,specialist,Överläkare'
			].join('\n');
			const written = await importFile(clinicId, file, true);
			expect(written.json).toMatchObject({ written: true, created: 1, updated: 1 });
			const people = await list(clinicId);
			expect(people.map((person) => [person.name, person.title])).toEqual([
				['Karin Holmlund', 'Docent'],
				['Peter Sjövik', 'Överläkare']
			]);
		});

		it('refuses a file without the required columns as a whole, placing the issue on the file', async () => {
			const clinicId = await newClinic();
			const response = await importFile(clinicId, 'namn;e-post\r\nKarin;karin@x.se', true);
			expect(response.status).toBe(400);
			expect(pathsOf(response.json)).toEqual(['csv.typ']);
			expect(await list(clinicId)).toEqual([]);
		});

		// On PostgreSQL the imports run at once on the pool; the clinic's row lock orders them.
		it('lets only one of several imports at once create the same people', async () => {
			const clinicId = await newClinic();
			const rows = Array.from(
				{ length: 400 },
				(_, i) => `specialist;Läkare Nummer${i + 1};lakare${i + 1}@region.example.se;;;;;;`
			);
			const file = [HEADER, ...rows].join('\r\n');
			const results = await Promise.all(
				Array.from({ length: 4 }, () => importFile(clinicId, file, true))
			);
			expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
			const created = results.map((result) => result.json.created as number).sort((a, b) => a - b);
			expect(created).toEqual([0, 0, 0, 400]);
			expect(await list(clinicId)).toHaveLength(400);
		});
	});

	describe('exporting', () => {
		it('downloads the register as a Swedish Excel file that imports back the same', async () => {
			const clinicId = await createClinic(eva, 'Kirurgkliniken Östra');
			const karin = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			await add(clinicId, specialist('Bertil Strand', '', { title: '=HYPERLINK("x")' }));
			await add(
				clinicId,
				trainee('Sara Lindholm', 'sara@region.example.se', {
					supervisorId: karin.id,
					monthsOfLeave: 4,
					regulation: 'SOSFS 2015:8'
				})
			);
			await add(clinicId, observer('Åsa Öberg'));
			const download = await eva.get(`/clinics/${clinicId}/people.csv`);
			expect(download.status).toBe(200);
			expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(download.headers.get('cache-control')).toBe('no-store');
			const disposition = download.headers.get('content-disposition') ?? '';
			expect(disposition).toMatch(
				/^attachment; filename="Personregister Kirurgkliniken Ostra\.csv"/
			);
			expect(disposition).toContain(
				`filename*=UTF-8''${encodeURIComponent('Personregister Kirurgkliniken Östra.csv')}`
			);
			expect(download.text.split('\r\n')[0]).toBe(`${HEADER};språk`);
			// Read as bytes: decoding text drops the BOM that makes Excel read the file as UTF-8.
			const raw = await fetch(`${server.url}/api/clinics/${clinicId}/people.csv`, {
				headers: { Cookie: eva.cookieHeader }
			});
			expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			expect(download.text).toContain("'=HYPERLINK");

			const copy = await newClinic();
			const imported = await importFile(copy, `\uFEFF${download.text}`, true);
			expect(imported.json).toMatchObject({ written: true, created: 4 });
			const comparable = (people: Listed[]) => {
				const nameOf = new Map(people.map((person) => [person.id, person.name]));
				return people.map(({ id: _id, updatedAt: _updatedAt, supervisorId, ...person }) => ({
					...person,
					supervisor: supervisorId ? nameOf.get(supervisorId) : ''
				}));
			};
			expect(comparable(await list(copy))).toEqual(comparable(await list(clinicId)));
		});

		it('writes headers and kinds in English for an English reader', async () => {
			const clinicId = await newClinic();
			await add(clinicId, trainee('Sara Lindholm'));
			const download = await eva.request('GET', `/clinics/${clinicId}/people.csv`, undefined, {
				'Accept-Language': 'en'
			});
			const [header, row] = download.text.split('\r\n');
			expect(header).toBe(
				'kind,name,email,title,specialty,stStart,regulation,monthsOfLeave,supervisor,language'
			);
			expect(row).toBe('trainee,Sara Lindholm,,,Internmedicin,2025-09-01,HSLF-FS 2021:8,0,,sv');
		});
	});

	describe('who may use it', () => {
		let clinicId: string;
		let personId: string;
		const routes = () =>
			[
				['GET', `/clinics/${clinicId}/people`, undefined],
				['POST', `/clinics/${clinicId}/people`, specialist('Ny Person')],
				['PUT', `/clinics/${clinicId}/people/${personId}`, specialist('Ny Person')],
				['DELETE', `/clinics/${clinicId}/people/${personId}`, undefined],
				['POST', `/clinics/${clinicId}/people/import`, { csv: `${HEADER}\r\n`, confirm: true }],
				['GET', `/clinics/${clinicId}/people.csv`, undefined]
			] as const;

		beforeAll(async () => {
			clinicId = await ownClinicOf(eva);
			personId = (await add(clinicId, specialist('Karin Holmlund'))).id;
		});

		it('refuses a läsare of the clinic on every register route', async () => {
			const reader = await colleagueClient(server, eva, {
				email: 'lasare@region.example.se',
				name: 'Lars Läsare',
				role: 'reader',
				clinicId
			});
			for (const [method, path, body] of routes()) {
				const response = await reader.request(method, path, body);
				expect(response.status, `${method} ${path}`).toBe(403);
			}
			expect(await list(clinicId)).toHaveLength(1);
		});

		it('answers 404 on every register route to a member of another clinic', async () => {
			const other = await createClinic(eva, 'Barnkliniken');
			const stranger = await colleagueClient(server, eva, {
				email: 'annan@region.example.se',
				name: 'Anna Annanstans',
				role: 'studierektor',
				clinicId: other
			});
			for (const [method, path, body] of routes()) {
				const response = await stranger.request(method, path, body);
				expect(response.status, `${method} ${path}`).toBe(404);
				expect(response.text).not.toContain('Karin');
			}
			expect(await list(clinicId)).toHaveLength(1);
		});
	});
});
