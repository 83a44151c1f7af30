import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { everyRow, type StoredRow } from '../support/tables.ts';
import { fullAnswers } from './helpers.ts';

/**
 * #13 point 1: once answering has closed for good, the database itself no longer knows who
 * wrote what. Every table is read as it lies on disk (SQLite here, PostgreSQL in the
 * api-postgres project) and searched for anything that ties an assessor to an answer.
 */
const ASSESSORS = ['Karin Holmlund', 'Peter Sjövik', 'Amira Nordqvist'];
const TRAINEES = ['Sara Lindholm', 'Jonas Bergstedt'];
const first = (name: string) => name.split(' ')[0]!.toUpperCase();
const textOf = (author: string, about: string) => `FRITEXT-${first(author)}-OM-${first(about)}`;
const DRAFT_ONLY = 'UTKAST-SOM-ALDRIG-SKICKADES';

describe('unlinking: after answering closes, no row ties an answer to its author', () => {
	let server: TestServer;
	let eva: ApiClient;
	let id: string;
	let people: Record<string, ApiClient>;
	let subjects: Record<string, string>;
	/** What identifies an assessor in a row: their participant id, name and device hashes. */
	const identifying = new Map<string, string[]>();
	let responseIds: string[];
	let form: Parameters<typeof fullAnswers>[0];

	beforeAll(async () => {
		server = await startTestServer();
		eva = (await setUpFacilitator(server)).client;
		const opened = await openSpecialistkollegium(server, eva);
		({ id, people } = opened);
		subjects = Object.fromEntries(
			opened.detail.subjects.map((s: { name: string; id: string }) => [s.name, s.id])
		);
		form = (await people['Karin Holmlund']!.get('/respond')).json.form;
		for (const [index, author] of [...ASSESSORS, ...TRAINEES].entries()) {
			for (const about of TRAINEES) {
				const self = author === about;
				if (TRAINEES.includes(author) && !self) continue;
				// Peter only ever drafts about Jonas; Amira declines Jonas.
				if (author === 'Peter Sjövik' && about === 'Jonas Bergstedt') {
					await people[author]!.put(`/respond/responses/${subjects[about]}`, {
						answers: { styrkor: DRAFT_ONLY }
					});
					continue;
				}
				const declined = author === 'Amira Nordqvist' && about === 'Jonas Bergstedt';
				const answers = declined
					? {}
					: fullAnswers(form, {
							about: 'trainee',
							role: self ? 'self' : 'assessor',
							rating: 1 + (index % 4),
							text: textOf(author, about)
						});
				const response = await people[author]!.post(
					`/respond/responses/${subjects[about]}/submit`,
					{ answers, declined }
				);
				if (response.status !== 200) throw new Error(`Submit failed: ${response.text}`);
			}
		}
		const responses = await server.deps.db.selectFrom('responses').selectAll().execute();
		responseIds = responses.map((row) => row.id);
		for (const participant of opened.detail.participants as { id: string; name: string }[]) {
			if (!ASSESSORS.includes(participant.name)) continue;
			const devices = responses
				.filter((row) => row.participantId === participant.id && row.deviceHash)
				.map((row) => row.deviceHash!);
			identifying.set(participant.name, [participant.id, participant.name, ...devices]);
		}
	});
	afterAll(() => server.close());

	it('really holds linked answers while answering is open (so the checks below can fail)', async () => {
		const rows = await everyRow(server.deps.db);
		const linked = rows.filter(
			(r) =>
				r.table === 'responses' &&
				r.text.includes(textOf('Karin Holmlund', 'Sara Lindholm')) &&
				r.text.includes(identifying.get('Karin Holmlund')![0]!)
		);
		expect(linked).toHaveLength(1);
		expect(rows.some((r) => r.text.includes(DRAFT_ONLY))).toBe(true);
		expect([...identifying.values()].every((ids) => ids.length >= 3)).toBe(true);
	});

	it('tells everyone beforehand that answers cannot be changed or withdrawn afterwards', async () => {
		const progress = (await eva.get(`/kollegier/${id}/progress`)).json;
		expect(progress.answersUnlinked).toBe(false);
		const view = (await people['Karin Holmlund']!.get('/respond')).json;
		expect(view.answersUnlinked).toBe(false);
	});

	describe('after answering closed for good', () => {
		let rows: StoredRow[];
		let comments: string[];

		beforeAll(async () => {
			const closed = await eva.post(`/kollegier/${id}/close-answering`);
			expect(closed.status).toBe(200);
			rows = await everyRow(server.deps.db);
			comments = rows.filter((r) => r.table === 'comments').map((r) => String(r.row.text));
		});

		it('keeps each assessor response as a row without author, device or time', () => {
			const unlinked = rows.filter((r) => r.table === 'unlinked_answers');
			// Karin, Peter and Amira about Sara; Karin and (declined) Amira about Jonas.
			expect(unlinked).toHaveLength(5);
			for (const { row } of unlinked) {
				expect(Object.keys(row).sort()).toEqual(
					['answers', 'declined', 'id', 'kollegiumId', 'subjectId'].sort()
				);
				expect(responseIds).not.toContain(row.id);
			}
			const assessorResponses = rows.filter(
				(r) => r.table === 'responses' && r.row.role !== 'self'
			);
			expect(assessorResponses).toEqual([]);
		});

		it('finds no row anywhere that names an assessor and holds an answer', () => {
			const answerTables = ['responses', 'unlinked_answers', 'comments', 'plan_versions'];
			for (const [name, marks] of identifying) {
				const naming = rows.filter((r) => marks.some((mark) => r.text.includes(mark)));
				// They are still on the kollegium's list (and their link): that is not an answer.
				expect(naming.length, name).toBeGreaterThan(0);
				for (const r of naming) {
					expect(answerTables, `${name} in ${r.table}`).not.toContain(r.table);
					expect(Object.keys(r.row).filter((key) => /answer|declined|rating/.test(key))).toEqual(
						[]
					);
					for (const author of ASSESSORS) {
						for (const about of TRAINEES) expect(r.text).not.toContain(textOf(author, about));
					}
				}
			}
		});

		it('keeps the free text only as comments, found in no other row', () => {
			expect(comments.length).toBeGreaterThan(0);
			expect(comments).toContain(textOf('Karin Holmlund', 'Sara Lindholm'));
			for (const comment of comments) {
				const elsewhere = rows.filter((r) => r.table !== 'comments' && r.text.includes(comment));
				expect(
					elsewhere.map((r) => r.table),
					comment
				).toEqual([]);
			}
		});

		it('deletes drafts never submitted, from the tables and from the file itself', () => {
			expect(rows.filter((r) => r.text.includes(DRAFT_ONLY)).map((r) => r.table)).toEqual([]);
			// Read as an outsider with the file would: the embedded database and its log, byte by byte.
			const files = readdirSync(server.dataDir).filter((name) =>
				name.startsWith('kollegium.sqlite')
			);
			if (server.deps.config.databaseUrl) return; // PostgreSQL: its files are the cluster's.
			expect(files).toContain('kollegium.sqlite');
			for (const name of files) {
				const bytes = readFileSync(join(server.dataDir, name)).toString('latin1');
				expect(bytes.includes(Buffer.from(DRAFT_ONLY).toString('latin1')), name).toBe(false);
			}
		});

		it("leaves the self-assessment the trainee's own", async () => {
			const self = rows.filter((r) => r.table === 'responses' && r.row.role === 'self');
			expect(self).toHaveLength(2);
			const sara = (await people['Sara Lindholm']!.get('/respond')).json;
			expect(sara.assignments[0].response.status).toBe('submitted');
			expect(JSON.stringify(sara)).toContain(textOf('Sara Lindholm', 'Sara Lindholm'));
		});

		it('still counts every answer: progress, and the preview of the meeting', async () => {
			const progress = (await eva.get(`/kollegier/${id}/progress`)).json;
			expect(progress.answersUnlinked).toBe(true);
			expect(progress.pending).toEqual([]);
			const counts = Object.fromEntries(
				progress.subjects.map((s: { name: string; submitted: number; pending: unknown[] }) => {
					expect(s.pending).toEqual([]);
					return [s.name, s.submitted];
				})
			);
			expect(counts).toEqual({ 'Sara Lindholm': 3, 'Jonas Bergstedt': 2 });
			const preparation = (await eva.get(`/kollegier/${id}/preparation`)).json;
			const respondents = preparation.preview
				.filter(
					(step: { subjectId: string; view: unknown }) =>
						step.subjectId === subjects['Sara Lindholm']
				)
				.flatMap(
					(step: { view: unknown }) => JSON.stringify(step.view).match(/"respondents":\d+/g) ?? []
				);
			expect(respondents.length).toBeGreaterThan(0);
			expect(new Set(respondents)).toEqual(new Set(['"respondents":3']));
		});

		it('shows an assessor that their answers are gone from their link, and refuses changes', async () => {
			const karin = people['Karin Holmlund']!;
			const view = (await karin.get('/respond')).json;
			expect(view.answersUnlinked).toBe(true);
			expect(view.assignments.map((a: { response: unknown }) => a.response)).toEqual([null, null]);
			expect(JSON.stringify(view)).not.toContain('FRITEXT');
			const late = await karin.post(`/respond/responses/${subjects['Sara Lindholm']}/submit`, {
				answers: fullAnswers(form, { about: 'trainee', role: 'assessor', rating: 2, text: 'x' })
			});
			expect(late.status).toBe(409);
			expect(
				await server.deps.db
					.selectFrom('responses')
					.where('role', '!=', 'self')
					.selectAll()
					.execute()
			).toEqual([]);
		});
	});
});

describe('unlinking: kollegier closed before unlinking existed', () => {
	it('are unlinked when the server starts', async () => {
		const first = await startTestServer();
		let server = first;
		try {
			const eva = (await setUpFacilitator(first)).client;
			const { id, people, detail } = await openSpecialistkollegium(first, eva);
			const sara = detail.subjects.find((s: { name: string }) => s.name === 'Sara Lindholm').id;
			const form = (await people['Karin Holmlund']!.get('/respond')).json.form;
			await people['Karin Holmlund']!.post(`/respond/responses/${sara}/submit`, {
				answers: fullAnswers(form, { about: 'trainee', role: 'assessor', text: 'GAMMAL-TEXT' })
			});
			// As an older version left it: comments taken, responses still linked.
			await first.deps.db
				.updateTable('kollegier')
				.set({ commentsTakenAt: new Date().toISOString() })
				.where('id', '=', id)
				.execute();
			expect(await first.deps.db.selectFrom('responses').selectAll().execute()).toHaveLength(1);
			await first.close({ keepData: true });
			server = await startTestServer({ dataDir: first.dataDir });
			expect(await server.deps.db.selectFrom('responses').selectAll().execute()).toEqual([]);
			const unlinked = await server.deps.db.selectFrom('unlinkedAnswers').selectAll().execute();
			expect(unlinked).toHaveLength(1);
			expect(unlinked[0]!.answers).not.toContain('GAMMAL-TEXT');
		} finally {
			await server.close();
		}
	});
});
