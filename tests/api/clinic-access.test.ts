import { endpointRequest, endpoints, planMapName, type EndpointKey } from '@kollegium/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addColleague,
	createClinic,
	cutOffWithin,
	openLiveConnections,
	tryCommand,
	type Colleague
} from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import {
	attemptDocument,
	documentUrl,
	openDocument,
	pause,
	REFUSED,
	writeDevelopmentPlan
} from '../support/documents.ts';
import { kollegiumInput, setUpFacilitator } from '../support/fixtures.ts';
import { connect, join, liveSpecialistkollegium, type MeetingSocket } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { findSecrets, isolatedRequest, trainee } from './helpers.ts';
import { completePlan } from '../support/plans.ts';

// Every route of the endpoint table, called by every kind of colleague with real ids: the gate
// in front of the routes must answer as the roles of issue #10 say, whatever the handler does.
// The expectations below are written from the roles, not copied from `routePolicies`, so a
// wrong entry in that table shows here too.

/** Who calls. The administrator is also studierektor of clinic A (setup makes it so). */
type Role = 'signedOut' | 'participant' | 'otherClinic' | 'reader' | 'studierektor' | 'admin';
const roles: { role: Role; who: string }[] = [
	{ role: 'signedOut', who: 'someone signed out' },
	// A participant's invitation link is no account: it opens /respond, nothing of a colleague's.
	{ role: 'participant', who: 'a participant of the kollegium with their link' },
	{ role: 'otherClinic', who: 'a studierektor of another clinic' },
	{ role: 'reader', who: 'a läsare of the clinic' },
	{ role: 'studierektor', who: 'a second studierektor of the clinic' },
	// Last: the administrator's calls are the ones that really delete.
	{ role: 'admin', who: 'the administrator' }
];

/**
 * Who a route is for:
 * - `signedIn`: any account; `admin`: administrators only;
 * - `clinicMember` / `clinicStudierektor`: about clinic A, for its members (any role) or its
 *   studierektorer (and the administrator, who administers every clinic);
 * - `kollegiumReader` / `kollegiumStudierektor`: about a kollegium of clinic A, for a läsare or
 *   a studierektor of A, or a studierektor only;
 * - `createsInClinic`: creating a kollegium in clinic A, for its studierektorer.
 */
type Access =
	| 'signedIn'
	| 'admin'
	| 'clinicMember'
	| 'clinicStudierektor'
	| 'kollegiumReader'
	| 'kollegiumStudierektor'
	| 'createsInClinic';

/** What a route gets: allowed (the gate lets it through), or refused with this status. */
type Outcome = 'allowed' | 401 | 403 | 404;

function expected(role: Role, access: Access): Outcome {
	if (role === 'signedOut' || role === 'participant') return 401;
	if (role === 'admin' || access === 'signedIn') return 'allowed';
	if (access === 'admin') return 403;
	// Outside clinic A, its clinic and its kollegier do not exist.
	if (role === 'otherClinic') return 404;
	if (role === 'studierektor') return 'allowed';
	return access === 'clinicMember' || access === 'kollegiumReader' ? 'allowed' : 403;
}

/** Routes anyone may call: each checks its own proof (a setup, account or invitation link). */
const PUBLIC: ReadonlySet<string> = new Set([
	'GET /auth/setup',
	'GET /auth/methods',
	'POST /auth/setup',
	'POST /auth/login',
	'POST /auth/logout',
	'POST /auth/account-link',
	'POST /auth/accept',
	'POST /auth/reset',
	'GET /respond',
	'POST /respond/document-ticket',
	'PUT /respond/responses/:subjectId',
	'POST /respond/responses/:subjectId/submit',
	'GET /respond/handover',
	'GET /respond/handover/:subjectId/feedback.pdf',
	'POST /respond/handover/:subjectId',
	'GET /respond/feedback.pdf',
	// #11 D
	'GET /respond/supervisor-feedback',
	'GET /respond/supervisor-feedback.pdf',
	'POST /respond/supervisor-feedback/received'
]);

/** One call of a route: its path parameters, query and JSON body. */
interface Call {
	params?: Record<string, string>;
	query?: Record<string, string>;
	body?: unknown;
}
interface Case {
	access: Access;
	/** Made anew for each caller, so what one call deletes is not what the next one needs. */
	call: () => Call | Promise<Call>;
}

/** Sara's development plan, complete enough to be marked final. */
const plan = completePlan();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Routes about one kollegium or one clinic, which a stranger must not be able to tell exist. */
const aboutOne = (key: string) => /^\w+ \/(kollegier\/:id|clinics\/:clinicId)(\/|$)/.test(key);

describe('who may call every route, drive the meeting and open its document', () => {
	let server: TestServer;
	let admin: ApiClient;
	let clinicA: string;
	let clinicB: string;
	let second: Colleague;
	let reader: Colleague;
	let other: Colleague;
	/** A member of clinic A the administrator may take out of it (and put back). */
	let spare: Colleague;
	let kollegium: string;
	let sara: string;
	let jonas: string;
	let commentId: string;
	let karin: string;
	/** Karin's invitation link to clinic A's kollegium, as her phone holds it. */
	let karinsLink: ApiClient;
	/** A kollegium of clinic B, its own studierektor's. */
	let kollegiumOfB: string;
	let today: string;
	let counter = 0;
	const sockets: MeetingSocket[] = [];

	const clientOf = (role: Role): ApiClient => {
		switch (role) {
			case 'signedOut':
				return new ApiClient(server.url);
			case 'participant':
				return karinsLink;
			case 'admin':
				return admin;
			case 'otherClinic':
				return other.client;
			case 'reader':
				return reader.client;
			case 'studierektor':
				return second.client;
		}
	};
	const unique = () => (counter += 1);

	/** A draft kollegium of clinic A, created by the administrator, with one of each. */
	async function throwaway() {
		const created = await admin.post(
			`/kollegier?clinicId=${clinicA}`,
			kollegiumInput(server, { title: `Kollegium att kasta ${unique()}` })
		);
		expect(created.status, created.text).toBe(201);
		const id: string = created.json.id;
		const added = await admin.post(`/kollegier/${id}/participants`, {
			name: 'Karin Holmlund',
			roles: ['assessor']
		});
		const subject = await admin.post(`/kollegier/${id}/subjects`, trainee('Sara Lindholm'));
		expect([added.status, subject.status]).toEqual([201, 201]);
		return {
			id,
			participantId: added.json.participants[0].id as string,
			subjectId: subject.json.subjects[0].id as string
		};
	}

	/** A new person of clinic A's register, by id. */
	async function person(): Promise<string> {
		const created = await admin.post(`/clinics/${clinicA}/people`, personInput());
		expect(created.status, created.text).toBe(201);
		return created.json.id as string;
	}
	const personInput = () => ({
		kind: 'specialist',
		name: `Specialist ${unique()}`,
		email: `specialist-${counter}@example.org`,
		title: 'Överläkare'
	});

	/** An invitation of a new colleague not yet taken up, by its id. */
	async function pendingInvitation(): Promise<string> {
		const email = `inbjuden-${unique()}@example.org`;
		const issued = await admin.post('/accounts/invitations', {
			email,
			role: 'reader',
			clinicId: clinicA
		});
		expect(issued.status, issued.text).toBe(201);
		const pending = (await admin.get('/accounts/invitations')).json as {
			id: string;
			email: string;
		}[];
		const found = pending.find((invitation) => invitation.email === email);
		if (!found) throw new Error('The invitation just issued is not pending');
		return found.id;
	}

	/** The spare colleague back in clinic A, so taking them out can be tried again. */
	async function spareInClinic(): Promise<string> {
		const back = await admin.put(`/clinics/${clinicA}/members/${spare.me.id}`, { role: 'reader' });
		expect(back.status, back.text).toBe(200);
		return spare.me.id;
	}

	/** A c-delmål file of one goal for a specialty; `dryRun` unless told to save it. */
	const specialtyImport = (specialty: string, dryRun = true) => ({
		regulation: 'HSLF-FS 2021:8',
		specialty,
		format: 'csv',
		text: 'kod;titel\nSTc1;Ett delmål\n',
		dryRun
	});
	/** A saved c-delmål list of a specialty of its own, by id. */
	async function specialtyList(): Promise<string> {
		const saved = await admin.post(
			'/catalog/specialty-goals/import',
			specialtyImport(`Specialitet ${unique()}`, false)
		);
		expect(saved.status, saved.text).toBe(200);
		return saved.json.list.id as string;
	}

	const main = (extra: Record<string, string> = {}) => ({ params: { id: kollegium, ...extra } });
	const ofClinic = (extra: Record<string, string> = {}) => ({
		params: { clinicId: clinicA, ...extra }
	});

	/** Every route that is not public, with who it is for and a valid call of it. */
	const cases: Partial<Record<EndpointKey, Case>> = {
		'GET /auth/me': { access: 'signedIn', call: () => ({}) },
		// Too short a new password: a 400 shows the gate let it through, and nothing changes.
		'POST /auth/password': {
			access: 'signedIn',
			call: () => ({ body: { currentPassword: 'fel lösenord', newPassword: 'kort' } })
		},

		'GET /accounts': { access: 'admin', call: () => ({}) },
		'PATCH /accounts/:userId': {
			access: 'admin',
			call: () => ({ params: { userId: spare.me.id }, body: { active: true } })
		},
		'POST /accounts/:userId/reset-link': {
			access: 'admin',
			call: () => ({ params: { userId: spare.me.id } })
		},
		'GET /accounts/invitations': { access: 'admin', call: () => ({}) },
		'POST /accounts/invitations': {
			access: 'admin',
			call: () => ({
				body: { email: `ny-${unique()}@example.org`, role: 'reader', clinicId: clinicA }
			})
		},
		'DELETE /accounts/invitations/:invitationId': {
			access: 'admin',
			call: async () => ({ params: { invitationId: await pendingInvitation() } })
		},

		// The audit log says who did what, across every clinic: for administrators.
		'GET /audit': { access: 'admin', call: () => ({}) },
		'GET /audit.csv': { access: 'admin', call: () => ({}) },

		'GET /clinics': { access: 'signedIn', call: () => ({}) },
		'POST /clinics': { access: 'admin', call: () => ({ body: { name: `Klinik ${unique()}` } }) },
		'GET /clinics/:clinicId': { access: 'clinicMember', call: () => ofClinic() },
		'PUT /clinics/:clinicId': {
			access: 'clinicStudierektor',
			call: () => ({ ...ofClinic(), body: { name: 'Medicinkliniken', specialties: [] } })
		},
		'PUT /clinics/:clinicId/members/:userId': {
			access: 'admin',
			call: () => ({ ...ofClinic({ userId: reader.me.id }), body: { role: 'reader' } })
		},
		'DELETE /clinics/:clinicId/members/:userId': {
			access: 'admin',
			call: async () => ofClinic({ userId: await spareInClinic() })
		},

		'GET /clinics/:clinicId/people': { access: 'clinicStudierektor', call: () => ofClinic() },
		'POST /clinics/:clinicId/people': {
			access: 'clinicStudierektor',
			call: () => ({ ...ofClinic(), body: personInput() })
		},
		'PUT /clinics/:clinicId/people/:personId': {
			access: 'clinicStudierektor',
			call: async () => ({ ...ofClinic({ personId: await person() }), body: personInput() })
		},
		'DELETE /clinics/:clinicId/people/:personId': {
			access: 'clinicStudierektor',
			call: async () => ofClinic({ personId: await person() })
		},
		'POST /clinics/:clinicId/people/import': {
			access: 'clinicStudierektor',
			call: () => ({
				...ofClinic(),
				body: { csv: 'namn;e-post;typ\nIngrid Import;ingrid@example.org;specialist\n' }
			})
		},
		'GET /clinics/:clinicId/people.csv': { access: 'clinicStudierektor', call: () => ofClinic() },
		// #11 E: the yearly report, for every member of the clinic.
		'GET /clinics/:clinicId/report/:year': {
			access: 'clinicMember',
			call: () => ofClinic({ year: '2026' })
		},
		'GET /clinics/:clinicId/report/:year/report.csv': {
			access: 'clinicMember',
			call: () => ofClinic({ year: '2026' })
		},
		'GET /clinics/:clinicId/report/:year/report.pdf': {
			access: 'clinicMember',
			call: () => ofClinic({ year: '2026' })
		},
		// #11 A: a register trainee's page is for läsare too.
		'GET /clinics/:clinicId/trainees': { access: 'clinicMember', call: () => ofClinic() },
		'GET /clinics/:clinicId/trainees/:personId': {
			access: 'clinicMember',
			call: async () => {
				const created = await admin.post(`/clinics/${clinicA}/people`, trainee(`ST ${unique()}`));
				expect(created.status, created.text).toBe(201);
				return ofClinic({ personId: created.json.id as string });
			}
		},
		// #13 privacy: one person's data, for the studierektorer who keep the register.
		'GET /clinics/:clinicId/people/:personId/export': {
			access: 'clinicStudierektor',
			call: async () => ofClinic({ personId: await person() })
		},
		'POST /clinics/:clinicId/people/:personId/erase': {
			access: 'clinicStudierektor',
			call: async () => ofClinic({ personId: await person() })
		},
		// #13 privacy: retention is the installation's.
		'GET /retention': { access: 'admin', call: () => ({}) },

		'GET /catalog/templates': { access: 'signedIn', call: () => ({}) },
		'GET /catalog/templates/:id': {
			access: 'signedIn',
			call: () => ({ params: { id: 'specialistkollegium-allman' } })
		},
		'GET /catalog/goals': { access: 'signedIn', call: () => ({}) },
		// c-delmål are the installation's: every account reads them, administrators keep them.
		'GET /catalog/specialty-goals': { access: 'signedIn', call: () => ({}) },
		'POST /catalog/specialty-goals/import': {
			access: 'admin',
			call: () => ({ body: specialtyImport(`Specialitet ${unique()}`) })
		},
		'PUT /catalog/specialty-goals/:listId': {
			access: 'admin',
			call: async () => ({
				params: { listId: await specialtyList() },
				body: { goals: [{ code: 'STc1', title: { sv: 'Ändrat delmål' } }] }
			})
		},
		'DELETE /catalog/specialty-goals/:listId': {
			access: 'admin',
			call: async () => ({ params: { listId: await specialtyList() } })
		},

		'GET /kollegier': { access: 'signedIn', call: () => ({}) },
		'POST /kollegier': {
			access: 'createsInClinic',
			call: () => ({ query: { clinicId: clinicA }, body: kollegiumInput(server) })
		},
		'GET /kollegier/:id': { access: 'kollegiumReader', call: () => main() },
		'PUT /kollegier/:id': {
			access: 'kollegiumStudierektor',
			call: async () => ({
				params: { id: (await throwaway()).id },
				body: kollegiumInput(server, { title: 'Nytt namn' })
			})
		},
		'DELETE /kollegier/:id': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id } })
		},
		'POST /kollegier/:id/status': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id }, body: { status: 'open' } })
		},
		'GET /kollegier/:id/progress': { access: 'kollegiumStudierektor', call: () => main() },

		'POST /kollegier/:id/participants': {
			access: 'kollegiumStudierektor',
			call: async () => ({
				params: { id: (await throwaway()).id },
				body: { name: 'Peter Sjövik', roles: ['assessor'] }
			})
		},
		'PUT /kollegier/:id/participants/:participantId': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, participantId } = await throwaway();
				return {
					params: { id, participantId },
					body: { name: 'Karin Holmlund', roles: ['assessor', 'supervisor'] }
				};
			}
		},
		'DELETE /kollegier/:id/participants/:participantId': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, participantId } = await throwaway();
				return { params: { id, participantId } };
			}
		},
		'POST /kollegier/:id/participants/:participantId/invitation': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, participantId } = await throwaway();
				return { params: { id, participantId } };
			}
		},
		'DELETE /kollegier/:id/participants/:participantId/invitation': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, participantId } = await throwaway();
				return { params: { id, participantId } };
			}
		},
		'POST /kollegier/:id/invitations': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id } })
		},
		// E-mail is off on this server: the policy still answers first (403/404), then 409.
		'POST /kollegier/:id/invitations/send': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id } })
		},
		'GET /kollegier/:id/outbox': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id } })
		},
		'POST /kollegier/:id/outbox/:messageId/resend': {
			access: 'kollegiumStudierektor',
			call: async () => ({
				params: { id: (await throwaway()).id, messageId: crypto.randomUUID() }
			})
		},
		'PUT /kollegier/:id/reminders': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id }, body: { daysBefore: [2] } })
		},
		'POST /kollegier/:id/reminders/send': {
			access: 'kollegiumStudierektor',
			call: async () => ({ params: { id: (await throwaway()).id }, body: {} })
		},
		'POST /kollegier/:id/people': {
			access: 'kollegiumStudierektor',
			call: async () => ({
				params: { id: (await throwaway()).id },
				body: { people: [{ personId: await person(), roles: ['assessor'] }] }
			})
		},

		'POST /kollegier/:id/subjects': {
			access: 'kollegiumStudierektor',
			call: async () => ({
				params: { id: (await throwaway()).id },
				body: trainee('Jonas Bergstedt')
			})
		},
		'PUT /kollegier/:id/subjects/:subjectId': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, subjectId } = await throwaway();
				return { params: { id, subjectId }, body: trainee('Sara Lindholm', { monthsOfLeave: 2 }) };
			}
		},
		'DELETE /kollegier/:id/subjects/:subjectId': {
			access: 'kollegiumStudierektor',
			call: async () => {
				const { id, subjectId } = await throwaway();
				return { params: { id, subjectId } };
			}
		},

		'POST /kollegier/:id/close-answering': { access: 'kollegiumStudierektor', call: () => main() },
		'GET /kollegier/:id/preparation': { access: 'kollegiumStudierektor', call: () => main() },
		'PUT /kollegier/:id/comments/:commentId': {
			access: 'kollegiumStudierektor',
			call: () => ({ ...main({ commentId }), body: { theme: 'Bemötande' } })
		},
		'PUT /kollegier/:id/subjects/:subjectId/ready': {
			access: 'kollegiumStudierektor',
			call: () => ({ ...main({ subjectId: jonas }), body: { ready: true } })
		},

		// Sara's plan is final and handed over: marking it again is refused (409), after the gate.
		'POST /kollegier/:id/subjects/:subjectId/plan/final': {
			access: 'kollegiumStudierektor',
			call: () => main({ subjectId: sara })
		},
		'GET /kollegier/:id/subjects/:subjectId/plan/versions': {
			access: 'kollegiumReader',
			call: () => main({ subjectId: sara })
		},
		'GET /kollegier/:id/subjects/:subjectId/follow-up': {
			access: 'kollegiumReader',
			call: () => main({ subjectId: sara })
		},
		'GET /kollegier/:id/subjects/:subjectId/feedback.pdf': {
			access: 'kollegiumReader',
			call: () => main({ subjectId: sara })
		},
		'GET /kollegier/:id/handover': { access: 'kollegiumReader', call: () => main() },
		// #11 D
		'GET /kollegier/:id/supervisor-feedback': {
			access: 'kollegiumStudierektor',
			call: () => main()
		},
		'POST /kollegier/:id/subjects/:subjectId/handover': {
			access: 'kollegiumStudierektor',
			call: () => ({
				...main({ subjectId: sara }),
				body: { givenOn: today, sharedWithTrainee: false }
			})
		}
	};

	async function send(client: ApiClient, key: EndpointKey, call: Call) {
		const { method, path } = endpointRequest(key, { params: call.params, query: call.query });
		const body = call.body ?? (method === 'POST' || method === 'PUT' ? {} : undefined);
		return client.request(method, path, body);
	}

	/** Sara's plan written in the shared document and marked final once the server has it. */
	async function markSaraFinal(): Promise<void> {
		const { doc, provider } = await openDocument(server, kollegium, { cookie: admin.cookieHeader });
		try {
			writeDevelopmentPlan(doc, sara, plan);
			for (let attempt = 0; attempt < 50; attempt += 1) {
				const response = await admin.post(`/kollegier/${kollegium}/subjects/${sara}/plan/final`);
				if (response.status === 201) return;
				if (response.status !== 400) throw new Error(`Marking final: ${response.text}`);
				await pause(50);
			}
			throw new Error('The plan was never accepted as final');
		} finally {
			provider.destroy();
		}
	}

	beforeAll(async () => {
		server = await startTestServer();
		admin = (await setUpFacilitator(server)).client;
		clinicA = (await admin.get('/auth/me')).json.clinics[0].clinicId;
		clinicB = await createClinic(admin, 'Kirurgkliniken');
		const colleague = (
			name: string,
			email: string,
			role: 'reader' | 'studierektor',
			clinicId: string
		) => addColleague(server, admin, { name, email, role, clinicId });
		second = await colleague('Stina Andrasson', 'stina@example.org', 'studierektor', clinicA);
		reader = await colleague('Ville Verksamhetschef', 'ville@example.org', 'reader', clinicA);
		other = await colleague('Olle Annanklinik', 'olle@example.org', 'studierektor', clinicB);
		spare = await colleague('Tilde Tillfällig', 'tilde@example.org', 'reader', clinicA);

		const live = await liveSpecialistkollegium(server, admin);
		kollegium = live.id;
		sara = live.subjects['Sara Lindholm'] ?? '';
		jonas = live.subjects['Jonas Bergstedt'] ?? '';
		karinsLink = live.people['Karin Holmlund']!;
		karin = live.detail.participants.find((p: { name: string }) => p.name === 'Karin Holmlund').id;
		const preparation = (await admin.get(`/kollegier/${kollegium}/preparation`)).json as {
			subjects: { comments: { id: string }[] }[];
		};
		commentId = preparation.subjects.flatMap((subject) => subject.comments)[0]?.id ?? '';
		expect(commentId).toMatch(UUID);
		await markSaraFinal();
		today = server.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		const handover = await admin.post(`/kollegier/${kollegium}/subjects/${sara}/handover`, {
			givenOn: today,
			sharedWithTrainee: false
		});
		expect(handover.status, handover.text).toBe(200);
		const ofB = await other.client.post(`/kollegier?clinicId=${clinicB}`, kollegiumInput(server));
		expect(ofB.status, ofB.text).toBe(201);
		kollegiumOfB = ofB.json.id;
	}, 60_000);
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	/** What clinic A's kollegium is: none of it may reach a stranger. */
	const secrets = () => [kollegium, sara, jonas, commentId, 'Sara Lindholm', 'Medicinkliniken'];

	const keys = Object.keys(endpoints) as EndpointKey[];

	for (const key of keys.filter((key) => !PUBLIC.has(key))) {
		it(`knows who may call ${key}`, () => {
			expect(cases[key], `no expectation for ${key}: add it to the cases`).toBeDefined();
		});
	}

	for (const { role, who } of roles) {
		for (const key of keys.filter((key) => !PUBLIC.has(key))) {
			const access = cases[key]?.access;
			if (!access) continue;
			const outcome = expected(role, access);
			const says = outcome === 'allowed' ? 'lets through' : `answers ${outcome} to`;
			it(`${says} ${who} on ${key}`, async () => {
				const call = await cases[key]!.call();
				const client = clientOf(role);
				const answer = await send(client, key, call);
				const what = `${key} as ${role}: ${answer.status} ${answer.text.slice(0, 300)}`;
				if (outcome === 'allowed') {
					expect([401, 403, 404], what).not.toContain(answer.status);
					expect(answer.status, what).toBeLessThan(500);
				} else {
					expect(answer.status, what).toBe(outcome);
				}
				if (role !== 'otherClinic' || !aboutOne(key)) return;
				// As if it did not exist: the same answer as for ids that were never issued.
				const made = Object.fromEntries(
					Object.entries(call.params ?? {}).map(([name, value]) => [
						name,
						UUID.test(value) ? crypto.randomUUID() : value
					])
				);
				const ghost = await send(client, key, { ...call, params: made });
				expect({ status: answer.status, json: answer.json }, what).toEqual({
					status: ghost.status,
					json: ghost.json
				});
				expect(findSecrets(answer.text, secrets())).toEqual([]);
			});
		}
	}

	describe('ids of clinic A through a kollegium or the register of clinic B', () => {
		// B's studierektor passes the gate with their own kollegium and clinic: the handlers must
		// still keep every id to the kollegium or clinic it belongs to, and answer as for ids
		// that were never issued.
		const through: { key: EndpointKey; params: () => Record<string, string>; body?: unknown }[] = [
			{
				key: 'PUT /kollegier/:id/participants/:participantId',
				params: () => ({ participantId: karin }),
				body: { name: 'Karin Holmlund', roles: ['observer'] }
			},
			{
				key: 'DELETE /kollegier/:id/participants/:participantId',
				params: () => ({ participantId: karin })
			},
			{
				key: 'POST /kollegier/:id/participants/:participantId/invitation',
				params: () => ({ participantId: karin })
			},
			{
				key: 'DELETE /kollegier/:id/participants/:participantId/invitation',
				params: () => ({ participantId: karin })
			},
			{
				key: 'PUT /kollegier/:id/subjects/:subjectId',
				params: () => ({ subjectId: jonas }),
				body: trainee('Jonas Bergstedt')
			},
			{ key: 'DELETE /kollegier/:id/subjects/:subjectId', params: () => ({ subjectId: jonas }) },
			{
				key: 'PUT /kollegier/:id/comments/:commentId',
				params: () => ({ commentId }),
				body: { hidden: true }
			},
			{
				key: 'PUT /kollegier/:id/subjects/:subjectId/ready',
				params: () => ({ subjectId: jonas }),
				body: { ready: false }
			},
			{
				key: 'POST /kollegier/:id/subjects/:subjectId/plan/final',
				params: () => ({ subjectId: sara })
			},
			{
				key: 'GET /kollegier/:id/subjects/:subjectId/plan/versions',
				params: () => ({ subjectId: sara })
			},
			{
				key: 'GET /kollegier/:id/subjects/:subjectId/feedback.pdf',
				params: () => ({ subjectId: sara })
			},
			{
				key: 'POST /kollegier/:id/subjects/:subjectId/handover',
				params: () => ({ subjectId: jonas }),
				body: { givenOn: '2026-01-01', sharedWithTrainee: true }
			}
		];

		for (const { key, params, body } of through) {
			it(`answers ${key} with a kollegium of B and ids of A as with made-up ids`, async () => {
				const mine = { id: kollegiumOfB, ...params() };
				const answer = await send(other.client, key, { params: mine, body });
				const made = Object.fromEntries(
					Object.entries(params()).map(([name]) => [name, crypto.randomUUID()])
				);
				const ghost = await send(other.client, key, {
					params: { id: kollegiumOfB, ...made },
					body
				});
				const what = `${key}: ${answer.status} ${answer.text.slice(0, 300)}`;
				// A read may find nothing (an empty list); a change must be refused.
				if (!key.startsWith('GET ')) expect(answer.status, what).toBeGreaterThanOrEqual(400);
				expect({ status: answer.status, json: answer.json }, what).toEqual({
					status: ghost.status,
					json: ghost.json
				});
				expect(findSecrets(answer.text, secrets())).toEqual([]);
			});
		}

		it('does not put a person of A’s register into a kollegium of B, nor change them through B', async () => {
			const register = (await admin.get(`/clinics/${clinicA}/people`)).json as {
				id: string;
				name: string;
			}[];
			const someone = register[0];
			if (!someone) throw new Error('Clinic A has nobody in its register');
			const picked = await other.client.post(`/kollegier/${kollegiumOfB}/people`, {
				people: [{ personId: someone.id, roles: ['assessor'] }]
			});
			expect(picked.status, picked.text).toBeGreaterThanOrEqual(400);
			const detail = (await other.client.get(`/kollegier/${kollegiumOfB}`)).json;
			expect(findSecrets(detail, [someone.name, someone.id])).toEqual([]);
			const renamed = await other.client.put(`/clinics/${clinicB}/people/${someone.id}`, {
				kind: 'specialist',
				name: 'Omdöpt Av Annan Klinik',
				email: 'omdopt@example.org',
				title: ''
			});
			expect(renamed.status, renamed.text).toBe(404);
			const removed = await other.client.delete(`/clinics/${clinicB}/people/${someone.id}`);
			expect(removed.status, removed.text).toBe(404);
			const after = (await admin.get(`/clinics/${clinicA}/people`)).json as {
				id: string;
				name: string;
			}[];
			expect(after.find((p) => p.id === someone.id)?.name).toBe(someone.name);
		});

		it('left clinic A’s kollegium as it was', async () => {
			const detail = (await admin.get(`/kollegier/${kollegium}`)).json as {
				participants: { id: string; roles: string[] }[];
				subjects: { id: string }[];
			};
			expect(detail.participants.find((p) => p.id === karin)?.roles).toEqual(['assessor']);
			expect(detail.subjects.map((subject) => subject.id)).toContain(jonas);
			const versions = (await admin.get(`/kollegier/${kollegium}/subjects/${sara}/plan/versions`))
				.json;
			expect(versions).toHaveLength(1);
		});
	});

	describe('the gate under paths written to slip past it', () => {
		// Sent raw, as written, so no client tidies them up: the gate and the router must read
		// a path the same way, or a route could be reached under another route's policy.
		const variants = (path: string) => [
			path,
			`${path}/`,
			path.replace(/\/([^/]+)$/, '/./$1'),
			path.replace(/\/([^/]+)$/, '/x/../$1'),
			path.replace(/\/([^/]+)$/, '/%2e%2e/kollegier/../$1'),
			path.replace(/\/([^/]+)$/, '//$1'),
			path.replace(/\/([^/]+)$/, '%2F$1'),
			`/respond/..${path}`,
			`/respond/%2e%2e${path}`,
			`/docs/..${path}`,
			`/openapi.json/..${path}`,
			`${path}?clinicId=${crypto.randomUUID()}`,
			`${path};jsessionid=x`,
			`${path}%00`,
			path.toUpperCase()
		];
		const raw = (client: ApiClient, method: string, path: string) =>
			isolatedRequest(`${server.url}/api${path}`, {
				method,
				headers: client.cookieHeader ? { cookie: client.cookieHeader } : {}
			});

		it('never lets a läsare reach the comments under preparation, by any spelling of its path', async () => {
			const answered: string[] = [];
			for (const path of variants(`/kollegier/${kollegium}/preparation`)) {
				for (const method of ['GET', 'HEAD']) {
					const answer = await raw(reader.client, method, path);
					if (answer.status < 400 || answer.text.includes('Kommentar från'))
						answered.push(`${method} ${path}: ${answer.status}`);
				}
			}
			expect(answered).toEqual([]);
		});

		it('never lets someone signed out list the accounts, by any spelling of its path', async () => {
			const answered: string[] = [];
			for (const path of variants('/accounts/invitations')) {
				for (const method of ['GET', 'HEAD']) {
					const answer = await raw(new ApiClient(server.url), method, path);
					if (answer.status < 400) answered.push(`${method} ${path}: ${answer.status}`);
				}
			}
			expect(answered).toEqual([]);
		});
	});

	describe('an administrator on a clinic that does not exist', () => {
		it('answers adding a member to it with 404 clinicNotFound', async () => {
			const response = await admin.put(`/clinics/${crypto.randomUUID()}/members/${reader.me.id}`, {
				role: 'studierektor'
			});
			expect(response.status, response.text).toBe(404);
			expect(response.json.error).toBe('clinicNotFound');
			expect((await reader.client.get('/auth/me')).json.clinics).toEqual([
				{ clinicId: clinicA, name: 'Medicinkliniken', role: 'reader' }
			]);
		});

		it('answers taking a member out of it with 404 clinicNotFound', async () => {
			const response = await admin.delete(
				`/clinics/${crypto.randomUUID()}/members/${reader.me.id}`
			);
			expect(response.status, response.text).toBe(404);
			expect(response.json.error).toBe('clinicNotFound');
		});
	});

	describe('lists', () => {
		it('lists for GET /kollegier only the kollegier of the caller’s clinics', async () => {
			const ids = async (client: ApiClient, query = '') => {
				const response = await client.get(`/kollegier${query}`);
				expect(response.status).toBe(200);
				return (response.json as { id: string; clinicId: string }[]).map((k) => k.id);
			};
			const ofA = (
				await server.deps.db
					.selectFrom('kollegier')
					.select('id')
					.where('clinicId', '=', clinicA)
					.execute()
			).map((row) => row.id);
			expect(ofA).toContain(kollegium);

			expect(await ids(other.client)).toEqual([kollegiumOfB]);
			expect(await ids(other.client, `?clinicId=${clinicA}`)).toEqual([]);
			expect((await ids(reader.client)).sort()).toEqual([...ofA].sort());
			expect((await ids(second.client)).sort()).toEqual([...ofA].sort());
			expect(await ids(admin)).not.toContain(kollegiumOfB);
		});

		it('lists for GET /clinics only the clinics one belongs to, and every clinic to the administrator', async () => {
			const names = async (client: ApiClient) =>
				((await client.get('/clinics')).json as { id: string; role: string | null }[]).map(
					({ id, role }) => ({ id, role })
				);
			expect(await names(other.client)).toEqual([{ id: clinicB, role: 'studierektor' }]);
			expect(await names(reader.client)).toEqual([{ id: clinicA, role: 'reader' }]);
			expect(await names(second.client)).toEqual([{ id: clinicA, role: 'studierektor' }]);
			const every = (await server.deps.db.selectFrom('clinics').select('id').execute()).map(
				(row) => row.id
			);
			const seen = await names(admin);
			expect(seen.map(({ id }) => id).sort()).toEqual(every.sort());
			expect(seen).toContainEqual({ id: clinicA, role: 'studierektor' });
			expect(seen).toContainEqual({ id: clinicB, role: null });
		});
	});

	describe('the live meeting over socket.io', () => {
		const socketOf = (colleague: Colleague | ApiClient) => {
			const cookie =
				colleague instanceof ApiClient ? colleague.cookieHeader : colleague.client.cookieHeader;
			const socket = connect(server, { cookie });
			sockets.push(socket);
			return socket;
		};
		const refusal = (promise: Promise<unknown>) =>
			promise.then(
				() => 'joined',
				(error: Error) => error.message
			);
		const watch = (socket: MeetingSocket, id: string) =>
			socket.emitWithAck('kollegium:watch', id) as Promise<{ ok: boolean; error?: string }>;

		it('keeps a läsare out of the control and the shared screen, and from watching progress', async () => {
			const socket = socketOf(reader);
			expect(await refusal(join(socket, kollegium, 'control'))).toBe('forbidden');
			expect(await refusal(join(socket, kollegium, 'presenter'))).toBe('forbidden');
			expect(await watch(socket, kollegium)).toEqual({ ok: false, error: 'forbidden' });
		});

		it('answers a studierektor of another clinic as if the kollegium did not exist', async () => {
			const socket = socketOf(other);
			expect(await refusal(join(socket, kollegium, 'control'))).toBe('kollegiumNotFound');
			expect(await refusal(join(socket, kollegium, 'presenter'))).toBe('kollegiumNotFound');
			expect(await watch(socket, kollegium)).toEqual({ ok: false, error: 'kollegiumNotFound' });
		});

		it('lets the second studierektor drive the meeting the administrator started, and watch', async () => {
			const socket = socketOf(second);
			const frame = await join(socket, kollegium, 'control');
			expect(frame).toBeTruthy();
			expect(await watch(socket, kollegium)).toEqual({ ok: true });
		});
	});

	describe('a studierektor whose place in the clinic changes during the meeting', () => {
		// The gate decides each HTTP request anew; the meeting control and the document were
		// decided once, at connect. A colleague taken out of the clinic, or made a läsare, must
		// not go on driving the meeting or writing its document.
		const changes = [
			{
				what: 'taken out of the clinic',
				change: (userId: string) => admin.delete(`/clinics/${clinicA}/members/${userId}`),
				http: 404
			},
			{
				what: 'made a läsare',
				change: (userId: string) =>
					admin.put(`/clinics/${clinicA}/members/${userId}`, { role: 'reader' }),
				http: 403
			}
		];
		for (const { what, change, http } of changes) {
			it(`cuts off the meeting control and the document of a studierektor ${what}`, async () => {
				const mona = await addColleague(server, admin, {
					name: 'Mona Flyttas',
					email: `mona-${unique()}@example.org`,
					role: 'studierektor',
					clinicId: clinicA
				});
				const live = await openLiveConnections(server, mona.client, kollegium);
				try {
					expect(await tryCommand(live.socket)).toBe('accepted');
					const changed = await change(mona.me.id);
					expect(changed.status, changed.text).toBe(200);
					expect((await mona.client.get(`/kollegier/${kollegium}/progress`)).status).toBe(http);
					const document = await cutOffWithin(live.document);
					const command = await tryCommand(live.socket);
					expect({ document, command: command === 'accepted' ? 'accepted' : 'refused' }).toEqual({
						document: 'cut off',
						command: 'refused'
					});
				} finally {
					live.close();
				}
			});
		}
	});

	describe('the shared document', () => {
		const attempt = async (colleague: Colleague) =>
			attemptDocument(await documentUrl(server, kollegium), {
				cookie: colleague.client.cookieHeader
			});

		it('refuses the läsare and the other clinic while the meeting is live, not the second studierektor', async () => {
			expect((await admin.get(`/kollegier/${kollegium}`)).json.status).toBe('live');
			expect(await attempt(reader)).toEqual(REFUSED);
			expect(await attempt(other)).toEqual(REFUSED);
			expect((await attempt(second)).code).toBe('open');
		});

		it('lets the läsare read it once the meeting is closed, and still refuses the other clinic', async () => {
			const closed = await admin.post(`/kollegier/${kollegium}/status`, { status: 'closed' });
			expect(closed.status, closed.text).toBe(200);
			expect(await attempt(other)).toEqual(REFUSED);
			const { doc, provider } = await openDocument(server, kollegium, {
				cookie: reader.client.cookieHeader
			});
			try {
				expect(doc.getMap(planMapName(sara)).get('nextFollowUp')).toBe(plan.nextFollowUp);
			} finally {
				provider.destroy();
			}
		});
	});
});
