import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addColleague } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { openDocument, pause, writeDevelopmentPlan } from '../support/documents.ts';
import { ownClinicOf, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { completePlan } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// An administrator keeps each specialty's c-delmål; plans link them and the PDF names them.

const HSLF = 'HSLF-FS 2021:8';
const EXAMPLE_ID = 'exempel-internmedicin-hslf-fs-2021-8';
/** Made up for the test, like every title here: not Socialstyrelsen's. */
const OWN_TITLE = 'Handlägga akut hjärtsvikt på vårdavdelning';

interface List {
	id: string;
	regulation: string;
	specialty: string;
	example: boolean;
	shipped: boolean;
	goals: { code: string; title: { sv: string; en?: string } }[];
	updatedBy: string | null;
}
interface Issue {
	path: string;
	message: string;
	code: string;
}

/** The text of a PDF as poppler reads it, whitespace collapsed. */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(joinPath(tmpdir(), 'kollegium-c-delmal-'));
	try {
		const file = joinPath(dir, 'feedback.pdf');
		writeFileSync(file, bytes);
		return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
			/\s+/g,
			' '
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('c-delmål', () => {
	let server: TestServer;
	let eva: ApiClient;
	let studierektor: ApiClient;

	const lists = async (who: ApiClient = eva) => {
		const response = await who.get('/catalog/specialty-goals');
		expect(response.status).toBe(200);
		return response.json as List[];
	};
	const importList = (
		body: { specialty: string; text: string; format?: string; dryRun?: boolean },
		who: ApiClient = eva
	) => who.post('/catalog/specialty-goals/import', { regulation: HSLF, format: 'csv', ...body });

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const clinicId = await ownClinicOf(eva);
		studierektor = (
			await addColleague(server, eva, {
				name: 'Stina Rektorsdotter',
				email: 'stina@example.org',
				role: 'studierektor',
				clinicId
			})
		).client;
	});
	afterAll(() => server.close());

	it('offers the shipped example to every account, marked as an example', async () => {
		const example = (await lists(studierektor)).find((list) => list.id === EXAMPLE_ID);
		expect(example).toMatchObject({ specialty: 'Internmedicin', example: true, shipped: true });
		expect(example?.goals.every((goal) => goal.title.sv.startsWith('Exempel'))).toBe(true);
	});

	it('imports a Swedish Excel file (BOM, semicolons, Swedish headers) in place of the example', async () => {
		const text =
			'\uFEFFKod;Titel;Titel_en\r\n' +
			'STc1;Akut internmedicin;Acute internal medicine\r\n' +
			`STc2;${OWN_TITLE};\r\n` +
			'STc3;"Njursjukdomar; utredning och behandling";\r\n';
		const response = await importList({ specialty: 'internmedicin', text });
		expect(response.status, response.text).toBe(200);
		const saved = response.json.list as List;
		expect(saved).toMatchObject({
			regulation: HSLF,
			specialty: 'internmedicin',
			example: false,
			shipped: false,
			updatedBy: 'Eva Studierektorsson'
		});
		expect(saved.goals).toEqual([
			{ code: 'STc1', title: { sv: 'Akut internmedicin', en: 'Acute internal medicine' } },
			{ code: 'STc2', title: { sv: OWN_TITLE } },
			{ code: 'STc3', title: { sv: 'Njursjukdomar; utredning och behandling' } }
		]);
		const internal = (await lists()).filter(
			(list) => list.specialty.toLowerCase() === 'internmedicin'
		);
		expect(internal.map((list) => list.id)).toEqual([saved.id]);
	});

	it('refuses a file with a bad row, naming the row and the field, and saves none of it', async () => {
		const text = 'kod;titel\nSTc1;Operationsteknik\nc2;Fel föreskrift\nSTc3;\n';
		const response = await importList({ specialty: 'Kirurgi', text });
		expect(response.status).toBe(400);
		expect(response.json.error).toBe('validation');
		const issues = response.json.issues as Issue[];
		expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
			{ path: 'rows.3.kod', code: 'specialtyGoalCodeSTc' },
			{ path: 'rows.4.titel', code: 'too_small' }
		]);
		expect(issues[0]?.message).toBe(
			'Ange en kod som STc1, STc2 … (c-delmål enligt HSLF-FS 2021:8).'
		);
		expect(issues[1]?.message).toBe('Fyll i det här fältet.');
		expect((await lists()).some((list) => list.specialty === 'Kirurgi')).toBe(false);
	});

	it('leaves the saved list as it was when a new file for it is refused', async () => {
		const before = (await lists()).find((list) => list.specialty === 'internmedicin');
		const response = await importList({
			specialty: 'Internmedicin',
			format: 'json',
			text: JSON.stringify([{ code: 'STc1', title: { sv: 'Ny' } }, { code: 'STc1' }])
		});
		expect(response.status).toBe(400);
		expect((response.json.issues as Issue[]).map((issue) => issue.path)).toEqual(['rows.2.title']);
		expect((await lists()).find((list) => list.specialty === 'internmedicin')).toEqual(before);
	});

	it('previews a dry run, good rows and bad, without saving anything', async () => {
		const text = 'kod;titel\nSTc1;Förlossningsvård\nSTc1;Samma kod igen\n';
		const response = await importList({ specialty: 'Obstetrik', text, dryRun: true });
		expect(response.status, response.text).toBe(200);
		expect(response.json.list).toBeNull();
		expect(response.json.preview.ok).toBe(false);
		expect(response.json.preview.rows).toEqual([
			{
				line: 2,
				written: { code: 'STc1', title: 'Förlossningsvård' },
				goal: { code: 'STc1', title: { sv: 'Förlossningsvård' } },
				issues: []
			},
			{
				line: 3,
				written: { code: 'STc1', title: 'Samma kod igen' },
				goal: null,
				issues: [
					{ path: 'kod', code: 'specialtyGoalDuplicateLine', message: 'Samma kod som på rad 2.' }
				]
			}
		]);
		expect((await lists()).some((list) => list.specialty === 'Obstetrik')).toBe(false);
	});

	it('lets only an administrator import, change or remove lists', async () => {
		const text = 'kod;titel\nSTc1;Ett delmål\n';
		const refused = await importList({ specialty: 'Urologi', text }, studierektor);
		expect(refused.status).toBe(403);
		expect(refused.json.error).toBe('forbidden');
		const edit = { goals: [{ code: 'STc1', title: { sv: 'Ändrat' } }] };
		expect((await studierektor.put(`/catalog/specialty-goals/${EXAMPLE_ID}`, edit)).status).toBe(
			403
		);
		expect((await studierektor.delete(`/catalog/specialty-goals/${EXAMPLE_ID}`)).status).toBe(403);
		expect((await lists()).some((list) => list.specialty === 'Urologi')).toBe(false);
	});

	it('edits codes and titles, refusing a code of the other regulation by field', async () => {
		const saved = (
			await importList({ specialty: 'Geriatrik', text: 'kod;titel\nSTc1;Demensutredning\n' })
		).json.list as List;
		const wrong = await eva.put(`/catalog/specialty-goals/${saved.id}`, {
			goals: [{ code: 'c1', title: { sv: 'Demensutredning' } }]
		});
		expect(wrong.status).toBe(400);
		expect((wrong.json.issues as Issue[]).map((issue) => issue.path)).toEqual(['goals.0.code']);
		const goals = [
			{ code: 'STc1', title: { sv: 'Utredning av kognitiv svikt' } },
			{ code: 'STc2', title: { sv: 'Fallprevention', en: 'Fall prevention' } }
		];
		const changed = await eva.put(`/catalog/specialty-goals/${saved.id}`, { goals });
		expect(changed.status, changed.text).toBe(200);
		expect((await lists()).find((list) => list.id === saved.id)?.goals).toEqual(goals);
	});

	it('brings the example back when the list that replaced it is removed', async () => {
		const own = (await lists()).find((list) => list.specialty === 'internmedicin');
		expect((await eva.delete(`/catalog/specialty-goals/${own?.id}`)).status).toBe(204);
		const now = await lists();
		expect(now.some((list) => list.id === own?.id)).toBe(false);
		expect(now.some((list) => list.id === EXAMPLE_ID)).toBe(true);
		expect((await eva.delete(`/catalog/specialty-goals/${own?.id}`)).status).toBe(404);
	});

	it("names a c-delmål of the trainee's specialty in the feedback PDF of a final plan", async () => {
		await importList({
			specialty: 'Internmedicin',
			text: `kod;titel\nSTc1;Akut internmedicin\nSTc2;${OWN_TITLE}\n`
		});
		const live = await liveSpecialistkollegium(server, eva);
		const sara = live.subjects['Sara Lindholm']!;
		const plan = completePlan();
		plan.goals[0]!.goals = ['STa5', 'STc2'];
		const { doc, provider } = await openDocument(server, live.id, { cookie: eva.cookieHeader });
		let final: { status: number; text: string } = { status: 0, text: '' };
		try {
			writeDevelopmentPlan(doc, sara, plan);
			for (let attempt = 0; attempt < 50 && final.status !== 201; attempt += 1) {
				final = await eva.post(`/kollegier/${live.id}/subjects/${sara}/plan/final`);
				if (final.status !== 201) await pause(50);
			}
		} finally {
			provider.destroy();
		}
		expect(final.status, final.text).toBe(201);
		const versions = await eva.get(`/kollegier/${live.id}/subjects/${sara}/plan/versions`);
		expect(versions.json[0].plan.goals[0].goals).toEqual(['STa5', 'STc2']);
		const response = await fetch(
			`${server.url}/api/kollegier/${live.id}/subjects/${sara}/feedback.pdf`,
			{ headers: { Cookie: eva.cookieHeader } }
		);
		expect(response.status).toBe(200);
		const text = pdfText(new Uint8Array(await response.arrayBuffer()));
		expect(text).toContain(OWN_TITLE);
		expect(text).toContain('Ledarskap');
		// A live meeting and a PDF render: slow on a busy machine.
	}, 60_000);
});
