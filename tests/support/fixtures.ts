import { EXAMPLE_CLINIC_NAME } from '../../apps/server/src/domain/example.ts';
import { ApiClient, tokenOf } from './client.ts';
import type { TestServer } from './server.ts';

export const PASSWORD = 'ett riktigt långt lösenord';
const day = 86_400_000;

/** Creates the first studierektor through the setup link and returns their signed-in client. */
export async function setUpFacilitator(
	server: TestServer,
	options: { createExample?: boolean } = {}
) {
	const client = new ApiClient(server.url);
	const response = await client.post('/auth/setup', {
		token: tokenOf(server.setupLink),
		name: 'Eva Studierektorsson',
		email: 'eva@example.org',
		password: PASSWORD,
		clinicName: 'Medicinkliniken',
		createExample: options.createExample ?? false
	});
	if (response.status !== 201) throw new Error(`Setup failed: ${response.status} ${response.text}`);
	return { client, setup: response.json };
}

/** The first clinic the colleague is studierektor of that is not the example's. */
export async function ownClinicOf(client: ApiClient): Promise<string> {
	const me = (await client.get('/auth/me')).json as {
		clinics: { clinicId: string; name: string; role: string }[];
	};
	const own = me.clinics.find((c) => c.role === 'studierektor' && c.name !== EXAMPLE_CLINIC_NAME);
	if (!own) throw new Error('The colleague is studierektor of no clinic of their own');
	return own.clinicId;
}

/** A valid kollegium input, meeting in two weeks, deadline a week before. */
export function kollegiumInput(server: TestServer, overrides: Record<string, unknown> = {}) {
	const now = server.clock.now().getTime();
	const specialist = (overrides.kind ?? 'specialistkollegium') === 'specialistkollegium';
	return {
		kind: 'specialistkollegium',
		title: specialist ? 'Specialistkollegium HT' : 'ST-läkarkollegium HT',
		templateId: specialist ? 'specialistkollegium-allman' : 'st-lakarkollegium',
		startsAt: new Date(now + 14 * day).toISOString(),
		answerDeadline: new Date(now + 7 * day).toISOString(),
		location: 'Konferensrum Ugglan',
		minRespondents: 3,
		...overrides
	};
}

/**
 * A specialistkollegium with two trainees and three specialists, open, every participant
 * with a link. Returns the facilitator's client and each person's invitation client.
 */
export async function openSpecialistkollegium(server: TestServer, facilitator: ApiClient) {
	const created = await facilitator.post(
		`/kollegier?clinicId=${await ownClinicOf(facilitator)}`,
		kollegiumInput(server)
	);
	const id: string = created.json.id;
	for (const name of ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist']) {
		await facilitator.post(`/kollegier/${id}/participants`, { name, roles: ['assessor'] });
	}
	for (const name of ['Sara Lindholm', 'Jonas Bergstedt']) {
		await facilitator.post(`/kollegier/${id}/subjects`, {
			kind: 'trainee',
			name,
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		});
	}
	await facilitator.post(`/kollegier/${id}/status`, { status: 'open' });
	const links = (await facilitator.post(`/kollegier/${id}/invitations`)).json as {
		participantId: string;
		url: string;
	}[];
	const detail = (await facilitator.get(`/kollegier/${id}`)).json;
	const people: Record<string, ApiClient> = {};
	for (const link of links) {
		const person = detail.participants.find((p: { id: string }) => p.id === link.participantId);
		people[person.name] = new ApiClient(server.url, { invitation: tokenOf(link.url) });
	}
	return { id, detail, people, links };
}
