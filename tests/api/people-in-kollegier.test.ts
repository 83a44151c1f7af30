import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { createClinic, colleagueClient } from '../support/accounts.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { pathsOf } from './helpers.ts';

interface Person {
	id: string;
	kind: string;
	name: string;
	email: string;
	title?: string;
	specialty?: string;
	supervisorId?: string;
}
interface Participant {
	id: string;
	name: string;
	email: string;
	roles: string[];
}
interface Subject {
	id: string;
	kind: string;
	name: string;
	participantId: string | null;
	specialty: string | null;
	stStart: string | null;
	monthsOfLeave: number;
	regulation: string | null;
	supervisorId: string | null;
}
interface Detail {
	id: string;
	participants: Participant[];
	subjects: Subject[];
}

const specialist = (name: string, email = '') => ({
	kind: 'specialist',
	name,
	email,
	title: 'Överläkare'
});
const observer = (name: string, email = '') => ({
	kind: 'observer',
	name,
	email,
	title: 'Verksamhetschef'
});
const trainee = (name: string, extra: Record<string, unknown> = {}) => ({
	kind: 'trainee',
	name,
	email: '',
	specialty: 'Allmänmedicin',
	stStart: '2024-01-15',
	regulation: 'SOSFS 2015:8',
	monthsOfLeave: 5,
	...extra
});

describe('people from the register in kollegier', () => {
	let server: TestServer;
	let eva: ApiClient;
	let evaId: string;
	let clinics = 0;

	/** A clinic of its own for a test, with Eva as its studierektor. */
	const newClinic = async () => {
		const clinicId = await createClinic(eva, `Klinik ${++clinics}`);
		const joined = await eva.put(`/clinics/${clinicId}/members/${evaId}`, {
			role: 'studierektor'
		});
		expect(joined.status).toBe(200);
		return clinicId;
	};
	const add = async (clinicId: string, person: Record<string, unknown>) => {
		const response = await eva.post(`/clinics/${clinicId}/people`, person);
		expect(response.status, response.text).toBe(201);
		return response.json as Person;
	};
	const register = async (clinicId: string) =>
		(await eva.get(`/clinics/${clinicId}/people`)).json as Person[];
	const create = async (clinicId: string, overrides: Record<string, unknown> = {}) => {
		const response = await eva.post(
			`/kollegier?clinicId=${clinicId}`,
			kollegiumInput(server, overrides)
		);
		expect(response.status, response.text).toBe(201);
		return response.json as Detail;
	};
	const pick = async (
		kollegiumId: string,
		people: { personId: string; roles?: string[] }[],
		status = 201
	) => {
		const response = await eva.post(`/kollegier/${kollegiumId}/people`, { people });
		expect(response.status, response.text).toBe(status);
		return response.json as Detail;
	};
	const named = (detail: Detail, name: string) => {
		const found = detail.participants.find((participant) => participant.name === name);
		if (!found) throw new Error(`${name} is not a participant`);
		return found;
	};
	const subjectNamed = (detail: Detail, name: string) => {
		const found = detail.subjects.find((subject) => subject.name === name);
		if (!found) throw new Error(`${name} is not a subject`);
		return found;
	};

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		evaId = (await eva.get('/auth/me')).json.id;
	});
	afterAll(() => server.close());

	describe('picking', () => {
		it('adds picked specialists and observers as participants with their roles, each once', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const peter = await add(clinicId, specialist('Peter Sjövik'));
			const asa = await add(clinicId, observer('Åsa Öberg', 'asa@region.example.se'));
			const k = await create(clinicId);

			const detail = await pick(k.id, [
				{ personId: karin.id },
				{ personId: peter.id, roles: ['assessor', 'supervisor'] },
				{ personId: asa.id },
				{ personId: karin.id }
			]);
			expect(detail.participants.map(({ name, email, roles }) => ({ name, email, roles }))).toEqual(
				[
					{ name: 'Karin Holmlund', email: 'karin@region.example.se', roles: ['assessor'] },
					{ name: 'Peter Sjövik', email: '', roles: ['assessor', 'supervisor'] },
					{ name: 'Åsa Öberg', email: 'asa@region.example.se', roles: ['observer'] }
				]
			);
			const again = await pick(k.id, [{ personId: asa.id }, { personId: karin.id }]);
			expect(again.participants).toHaveLength(3);
		});

		it('makes a picked trainee a subject whose huvudhandledare is their register handledare', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const sara = await add(clinicId, trainee('Sara Lindholm', { supervisorId: karin.id }));
			const jonas = await add(clinicId, trainee('Jonas Bergstedt', { supervisorId: karin.id }));
			const k = await create(clinicId);

			// The trainee comes first in the pick, the handledare after: the link is made anyway.
			const detail = await pick(k.id, [{ personId: sara.id }, { personId: karin.id }]);
			const subject = subjectNamed(detail, 'Sara Lindholm');
			expect(subject).toMatchObject({
				kind: 'trainee',
				specialty: 'Allmänmedicin',
				stStart: '2024-01-15',
				regulation: 'SOSFS 2015:8',
				monthsOfLeave: 5,
				supervisorId: named(detail, 'Karin Holmlund').id
			});
			expect(named(detail, 'Sara Lindholm')).toMatchObject({ roles: ['trainee'] });
			expect(subject.participantId).toBe(named(detail, 'Sara Lindholm').id);
			expect(named(detail, 'Karin Holmlund').roles).toEqual(['assessor', 'supervisor']);

			// A handledare picked before is found by a trainee picked later.
			const later = await pick(k.id, [{ personId: jonas.id }]);
			expect(subjectNamed(later, 'Jonas Bergstedt').supervisorId).toBe(
				named(later, 'Karin Holmlund').id
			);
			expect(later.subjects).toHaveLength(2);
			expect(later.participants).toHaveLength(3);
		});

		it('gives a trainee picked earlier their handledare when the handledare is picked', async () => {
			const clinicId = await newClinic();
			const peter = await add(clinicId, specialist('Peter Sjövik'));
			const sara = await add(clinicId, trainee('Sara Lindholm', { supervisorId: peter.id }));
			const k = await create(clinicId);
			const first = await pick(k.id, [{ personId: sara.id }]);
			expect(subjectNamed(first, 'Sara Lindholm').supervisorId).toBeNull();
			const second = await pick(k.id, [{ personId: peter.id }]);
			expect(subjectNamed(second, 'Sara Lindholm').supervisorId).toBe(
				named(second, 'Peter Sjövik').id
			);
		});

		it('adds a trainee to an ST-läkarkollegium as a participant who answers', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			const sara = await add(clinicId, trainee('Sara Lindholm', { supervisorId: karin.id }));
			const k = await create(clinicId, { kind: 'st-lakarkollegium' });
			const detail = await pick(k.id, [{ personId: sara.id, roles: ['assessor'] }]);
			expect(detail.participants.map(({ name, roles }) => ({ name, roles }))).toEqual([
				{ name: 'Sara Lindholm', roles: ['trainee'] }
			]);
			expect(detail.subjects.map((subject) => subject.kind)).toEqual(['clinic']);
		});

		it('refuses a pick naming someone outside the register, naming the entry, and adds nobody', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			const stranger = await add(await newClinic(), specialist('Per Annanstans'));
			const k = await create(clinicId);
			const refused = await eva.post(`/kollegier/${k.id}/people`, {
				people: [{ personId: karin.id }, { personId: stranger.id }]
			});
			expect(refused.status).toBe(400);
			expect(pathsOf(refused.json)).toEqual(['people.1.personId']);
			const detail = (await eva.get(`/kollegier/${k.id}`)).json as Detail;
			expect(detail.participants).toEqual([]);
		});

		it('does not add twice someone added by hand with the same e-mail', async () => {
			const clinicId = await newClinic();
			const k = await create(clinicId);
			await eva.post(`/kollegier/${k.id}/participants`, {
				name: 'Karin Holmlund',
				email: 'karin@region.example.se',
				roles: ['assessor']
			});
			const [karin] = await register(clinicId);
			const detail = await pick(k.id, [{ personId: karin?.id ?? '' }]);
			expect(detail.participants).toHaveLength(1);
		});
	});

	describe('someone new added on the spot', () => {
		it('joins the register when they are not in it, and is linked when they are', async () => {
			const clinicId = await newClinic();
			const known = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const k = await create(clinicId);
			const post = (body: Record<string, unknown>) =>
				eva.post(`/kollegier/${k.id}/participants`, body);
			expect(
				(
					await post({
						name: 'Peter Sjövik',
						email: 'peter@region.example.se',
						roles: ['assessor']
					})
				).status
			).toBe(201);
			await post({ name: 'Åsa Öberg', roles: ['observer'] });
			await post({ name: 'K. Holmlund', email: 'KARIN@region.example.se', roles: ['supervisor'] });

			const people = await register(clinicId);
			expect(people.map(({ kind, name, email }) => ({ kind, name, email }))).toEqual([
				{ kind: 'specialist', name: 'Karin Holmlund', email: 'karin@region.example.se' },
				{ kind: 'specialist', name: 'Peter Sjövik', email: 'peter@region.example.se' },
				{ kind: 'observer', name: 'Åsa Öberg', email: '' }
			]);
			expect(people[0]).toMatchObject({ title: 'Överläkare' });

			// Linked: picking them now adds nobody new.
			const peter = people[1]?.id ?? '';
			const asa = people[2]?.id ?? '';
			const detail = await pick(k.id, [
				{ personId: known.id },
				{ personId: peter },
				{ personId: asa }
			]);
			expect(detail.participants).toHaveLength(3);

			// Without e-mail the same name and kind is the same person, in another kollegium too.
			const other = await create(clinicId);
			await eva.post(`/kollegier/${other.id}/participants`, {
				name: 'Åsa Öberg',
				roles: ['observer']
			});
			expect(await register(clinicId)).toHaveLength(3);
		});

		it('puts a trainee added by hand in the register with their handledare', async () => {
			const clinicId = await newClinic();
			const k = await create(clinicId);
			const withSupervisor = await eva.post(`/kollegier/${k.id}/participants`, {
				name: 'Karin Holmlund',
				email: 'karin@region.example.se',
				roles: ['assessor']
			});
			const supervisor = named(withSupervisor.json as Detail, 'Karin Holmlund');
			const added = await eva.post(`/kollegier/${k.id}/subjects`, {
				...trainee('Sara Lindholm'),
				email: 'sara@region.example.se',
				supervisorId: supervisor.id
			});
			expect(added.status).toBe(201);
			const [karin, sara] = await register(clinicId);
			expect(sara).toMatchObject({
				kind: 'trainee',
				name: 'Sara Lindholm',
				email: 'sara@region.example.se',
				specialty: 'Allmänmedicin',
				monthsOfLeave: 5,
				supervisorId: karin?.id
			});
			// Linked: picked again, Sara is not a second subject.
			const detail = await pick(k.id, [{ personId: sara?.id ?? '' }]);
			expect(detail.subjects).toHaveLength(1);
		});
	});

	describe('the kollegium keeps its copy', () => {
		it('is not changed by changes to the register, nor the register by changes in it', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund', 'karin@region.example.se'));
			const sara = await add(clinicId, trainee('Sara Lindholm', { supervisorId: karin.id }));
			const asa = await add(clinicId, observer('Åsa Öberg'));
			const k = await create(clinicId);
			const before = await pick(k.id, [
				{ personId: karin.id },
				{ personId: sara.id },
				{ personId: asa.id }
			]);

			await eva.put(`/clinics/${clinicId}/people/${karin.id}`, {
				...specialist('Karin Holmlund-Ek', 'karin.ek@region.example.se')
			});
			await eva.put(`/clinics/${clinicId}/people/${sara.id}`, {
				...trainee('Sara Lindholm', { specialty: 'Kardiologi', monthsOfLeave: 0 })
			});
			await eva.delete(`/clinics/${clinicId}/people/${asa.id}`);
			const after = (await eva.get(`/kollegier/${k.id}`)).json as Detail;
			// The copy stays as it was; only the link to the deleted register entry goes.
			const unlinked = <T extends object>(list: T[]) =>
				list.map((entry) => {
					const { personId } = entry as { personId?: string | null };
					return { ...entry, personId: personId === asa.id ? null : personId };
				});
			expect(after.participants).toEqual(unlinked(before.participants));
			expect(after.subjects).toEqual(unlinked(before.subjects));

			const participant = named(after, 'Karin Holmlund');
			const edited = await eva.put(`/kollegier/${k.id}/participants/${participant.id}`, {
				name: 'Karin H.',
				email: 'kh@annan.example.se',
				roles: ['assessor']
			});
			expect(edited.status).toBe(200);
			const subject = subjectNamed(after, 'Sara Lindholm');
			const editedSubject = await eva.put(`/kollegier/${k.id}/subjects/${subject.id}`, {
				...trainee('Sara L.', { specialty: 'Geriatrik' })
			});
			expect(editedSubject.status).toBe(200);
			const people = await register(clinicId);
			expect(people.map(({ name, email, specialty }) => ({ name, email, specialty }))).toEqual([
				{ name: 'Karin Holmlund-Ek', email: 'karin.ek@region.example.se', specialty: undefined },
				{ name: 'Sara Lindholm', email: '', specialty: 'Kardiologi' }
			]);
		});
	});

	describe('who may pick', () => {
		it('answers 404 to a member of another clinic and 403 to a läsare of its own', async () => {
			const clinicId = await newClinic();
			const karin = await add(clinicId, specialist('Karin Holmlund'));
			const k = await create(clinicId);
			const other = await createClinic(eva, 'Barnkliniken');
			const stranger = await colleagueClient(server, eva, {
				email: 'annan@region.example.se',
				name: 'Anna Annanstans',
				role: 'studierektor',
				clinicId: other
			});
			const reader = await colleagueClient(server, eva, {
				email: 'lasare@region.example.se',
				name: 'Lars Läsare',
				role: 'reader',
				clinicId
			});
			const body = { people: [{ personId: karin.id }] };
			expect((await stranger.post(`/kollegier/${k.id}/people`, body)).status).toBe(404);
			expect((await reader.post(`/kollegier/${k.id}/people`, body)).status).toBe(403);
			const detail = (await eva.get(`/kollegier/${k.id}`)).json as Detail;
			expect(detail.participants).toEqual([]);
		});
	});
});
