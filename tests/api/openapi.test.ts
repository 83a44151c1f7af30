import {
	endpointRequest,
	endpoints,
	openApiPath,
	successStatuses,
	type Endpoint,
	type EndpointKey
} from '@kollegium/model';
import { resolver } from 'hono-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { completePlan } from '../support/plans.ts';

// One table in the model says what every route takes and answers. The OpenAPI document is
// generated from it, the web app's calls are typed by it, and here the server's real answers
// are parsed with it: the declared types cannot drift from what the server sends.

interface Operation {
	requestBody?: { content: Record<string, { schema: unknown }> };
	responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, unknown> };
}

const keys = Object.keys(endpoints) as EndpointKey[];
const methodOf = (key: EndpointKey) => key.split(' ')[0]?.toLowerCase() ?? '';

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(refsIn);
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, inner]) =>
		key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)
	);
}

describe('the OpenAPI document', () => {
	let server: TestServer;
	let document: OpenApiDocument;
	const operation = (key: EndpointKey) => document.paths[openApiPath(key)]?.[methodOf(key)];

	beforeAll(async () => {
		server = await startTestServer();
		document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
	});
	afterAll(async () => {
		await server?.close();
	});

	it('lists exactly the routes of the endpoint table', () => {
		const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
			Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)
		);
		const tabled = keys.map((key) => `${methodOf(key).toUpperCase()} ${openApiPath(key)}`);
		expect(documented.sort()).toEqual(tabled.sort());
	});

	for (const key of keys) {
		const { response } = endpoints[key];
		const kind = typeof response === 'string' ? response : 'json';
		it(`declares the success of ${key} as the table does (${kind})`, () => {
			const responses = operation(key)?.responses ?? {};
			const successes = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
			expect(successes.map(Number).sort()).toEqual([...successStatuses(key)].sort());
			for (const status of successes) {
				const content = responses[status]?.content;
				if (response === 'none') expect(content).toBeUndefined();
				else if (response === 'pdf') expect(content?.['application/pdf']).toBeDefined();
				else expect(content?.['application/json']?.schema).toMatchObject({});
			}
			expect(responses['4XX']?.content?.['application/json']?.schema).toEqual({
				$ref: '#/components/schemas/ApiError'
			});
		});
	}

	// The routers validate with their own reference to the schema; this keeps it the table's.
	for (const key of keys) {
		const { body }: Endpoint = endpoints[key];
		it(`takes the table's body on ${key}${body ? '' : ' (none)'}`, async () => {
			const declared = operation(key)?.requestBody?.content['application/json']?.schema;
			if (!body) return expect(declared).toBeUndefined();
			expect(declared).toEqual((await resolver(body).toOpenAPISchema()).schema);
		});
	}

	it('names every schema it refers to in its components', () => {
		const refs = [...new Set(refsIn(document.paths))];
		expect(refs.length).toBeGreaterThan(0);
		const missing = refs.filter(
			(ref) => !(ref.replace('#/components/schemas/', '') in document.components.schemas)
		);
		expect(missing).toEqual([]);
	});
});

type Who = 'studierektor' | 'assessor' | 'trainee';
interface Ids {
	kollegium: string;
	sara: string;
}

/** Real answers, each parsed with the schema the table declares for its route. */
const reads: { key: EndpointKey; as: Who; params?: (ids: Ids) => Record<string, string> }[] = [
	{ key: 'GET /auth/setup', as: 'studierektor' },
	{ key: 'GET /auth/me', as: 'studierektor' },
	{ key: 'GET /catalog/templates', as: 'studierektor' },
	{ key: 'GET /catalog/goals', as: 'studierektor' },
	{ key: 'GET /kollegier', as: 'studierektor' },
	{ key: 'GET /kollegier/:id', as: 'studierektor', params: (ids) => ({ id: ids.kollegium }) },
	{
		key: 'GET /kollegier/:id/progress',
		as: 'studierektor',
		params: (ids) => ({ id: ids.kollegium })
	},
	{
		key: 'GET /kollegier/:id/preparation',
		as: 'studierektor',
		params: (ids) => ({ id: ids.kollegium })
	},
	{
		key: 'GET /kollegier/:id/subjects/:subjectId/plan/versions',
		as: 'studierektor',
		params: (ids) => ({ id: ids.kollegium, subjectId: ids.sara })
	},
	{
		key: 'GET /kollegier/:id/handover',
		as: 'studierektor',
		params: (ids) => ({ id: ids.kollegium })
	},
	{ key: 'GET /respond', as: 'assessor' },
	{ key: 'GET /respond', as: 'trainee' },
	{ key: 'GET /respond/handover', as: 'assessor' },
	{ key: 'GET /respond/handover', as: 'trainee' }
];

/** Sara's development plan, complete enough to be marked final. */
const plan = completePlan();

describe('the answers the server sends', () => {
	let server: TestServer;
	let clients: Record<Who, ApiClient>;
	let ids: Ids;
	/** Answers to the calls that set the scene, checked like the reads. */
	const written: { key: EndpointKey; status: number; json: unknown }[] = [];

	/** Writes Sara's plan into the shared document and marks it final once the server has it. */
	async function markFinal(eva: ApiClient) {
		const { doc, provider } = await openDocument(server, ids.kollegium, {
			cookie: eva.cookieHeader
		});
		try {
			writeDevelopmentPlan(doc, ids.sara, plan);
			const key = 'POST /kollegier/:id/subjects/:subjectId/plan/final';
			const { path } = endpointRequest(key, { params: { id: ids.kollegium, subjectId: ids.sara } });
			for (let attempt = 0; attempt < 50; attempt += 1) {
				const response = await eva.post(path);
				if (response.status !== 400) return written.push({ key, ...response });
				await pause(50);
			}
			throw new Error('The plan was never accepted as final');
		} finally {
			provider.destroy();
		}
	}

	beforeAll(async () => {
		server = await startTestServer();
		const { client: eva, setup } = await setUpFacilitator(server, { createExample: true });
		written.push({ key: 'POST /auth/setup', status: 201, json: setup });
		const live = await liveSpecialistkollegium(server, eva);
		ids = { kollegium: live.id, sara: live.subjects['Sara Lindholm'] ?? '' };
		written.push({ key: 'POST /kollegier/:id/invitations', status: 201, json: live.links });
		clients = {
			studierektor: eva,
			assessor: live.people['Karin Holmlund']!,
			trainee: live.people['Sara Lindholm']!
		};
		await markFinal(eva);
		const today = server.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		const handover = 'POST /kollegier/:id/subjects/:subjectId/handover';
		const { path } = endpointRequest(handover, {
			params: { id: ids.kollegium, subjectId: ids.sara }
		});
		written.push({
			key: handover,
			...(await eva.post(path, { givenOn: today, sharedWithTrainee: true }))
		});
	}, 60_000);
	afterAll(async () => {
		await server?.close();
	});

	function expectDeclared(key: EndpointKey, answer: { status: number; json: unknown }) {
		expect(successStatuses(key)).toContain(answer.status);
		const { response } = endpoints[key];
		if (typeof response === 'string') throw new Error(`${key} answers no JSON`);
		const parsed = response.safeParse(answer.json);
		expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
	}

	for (const { key, as, params } of reads) {
		it(`answers ${key} (as the ${as}) with what the table declares`, async () => {
			const { path } = endpointRequest(key, { params: params?.(ids) ?? {} });
			expectDeclared(key, await clients[as].get(path));
		});
	}

	it('answers setting up, issuing links, marking final and handing over as declared', () => {
		expect(written.map(({ key }) => key)).toEqual([
			'POST /auth/setup',
			'POST /kollegier/:id/invitations',
			'POST /kollegier/:id/subjects/:subjectId/plan/final',
			'POST /kollegier/:id/subjects/:subjectId/handover'
		]);
		for (const answer of written) expectDeclared(answer.key, answer);
	});

	it('sends the frozen plan, the example kollegium and a given handover with their content', async () => {
		const versions = endpoints['GET /kollegier/:id/subjects/:subjectId/plan/versions'].response;
		const { path } = endpointRequest('GET /kollegier/:id/subjects/:subjectId/plan/versions', {
			params: { id: ids.kollegium, subjectId: ids.sara }
		});
		const [newest] = versions.parse((await clients.studierektor.get(path)).json);
		expect(newest).toMatchObject({ version: 1, plan: { summary: plan.summary } });
		const setup = endpoints['POST /auth/setup'].response.parse(written[0]?.json);
		expect(setup.example?.invitations.length).toBeGreaterThan(0);
		const own = endpoints['GET /respond/handover'].response.parse(
			(await clients.trainee.get('/respond/handover')).json
		);
		expect(own.ownFeedback).toBe(true);
	});
});
