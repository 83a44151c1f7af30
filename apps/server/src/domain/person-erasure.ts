import {
	ERASED_NAME,
	fragmentName,
	planListName,
	planMapName,
	SubjectKind,
	textFieldsFor,
	type PersonErasure
} from '@kollegium/model';
import { sql, type Transaction } from 'kysely';
import * as Y from 'yjs';
import { eraseFreedSpace } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';
import { lockRow } from './locks.ts';
import { personRows, type PersonRows } from './person-data.ts';

type Trx = Transaction<Database>;

/** Who recorded a handover, once the handledare who did has been erased. */
const ERASED_RECORDER = 'erased';

/** Only kollegier that are over: while one is prepared or held, its people are needed. */
const OVER = new Set(['closed', 'delivered']);

/**
 * Removes a register person after their training, in one transaction: the register entry and
 * every row naming them. What is theirs goes: their participant rows (and with them their links
 * and their own answers), their e-mail in the outbox, their self-assessment, the plans, answers
 * and comments about them and their part of the shared document. What is aggregate stays: each
 * subject row of theirs is kept with no name and no link to anyone, with its handover (a day and
 * a flag), so the yearly report still counts the kollegium held, the trainee assessed and the
 * feedback given. Unlinked assessors' answers about others stay: they never named anyone.
 * The audit log is kept as it is (it is append-only, with its own period); the entry of this
 * erasure names the studierektor and the register id, which no longer leads to anyone.
 */
export async function erasePerson(
	deps: Deps,
	options: { clinicId: string; personId: string }
): Promise<PersonErasure> {
	const erased = await deps.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'clinics', options.clinicId);
		const rows = await personRows(trx, options);
		if (rows.kollegier.some((k) => !OVER.has(k.status))) fail(409, 'personInActiveKollegium');
		const removed: Record<string, number> = {};
		const add = (table: string, n: number) => (removed[table] = (removed[table] ?? 0) + n);
		await eraseAsSubject(trx, { rows, add, now: deps.now().toISOString() });
		await eraseAsParticipant(trx, rows, add);
		await trx
			.updateTable('people')
			.set({ supervisorId: null })
			.where('supervisorId', '=', rows.person.id)
			.execute();
		add('people', await count(trx.deleteFrom('people').where('id', '=', rows.person.id)));
		return { removed };
	});
	// Gone from the file too, not only from the tables.
	await eraseFreedSpace(deps.db);
	return erased;
}

type Add = (table: string, n: number) => void;

/** What is about them: answers, comments, plans, their part of the document; the row anonymised. */
async function eraseAsSubject(
	trx: Trx,
	options: { rows: PersonRows; add: Add; now: string }
): Promise<void> {
	const { rows, add, now } = options;
	const ids = rows.subjects.map((s) => s.id);
	if (ids.length === 0) return;
	for (const table of ['responses', 'unlinkedAnswers', 'comments', 'planVersions'] as const) {
		add(table, await count(trx.deleteFrom(table).where('subjectId', 'in', ids)));
	}
	for (const kollegiumId of new Set(rows.subjects.map((s) => s.kollegiumId))) {
		const subjects = rows.subjects.filter((s) => s.kollegiumId === kollegiumId);
		add('documentsScrubbed', await scrubDocument(trx, { kollegiumId, subjects, now }));
	}
	const anonymised = await trx
		.updateTable('subjects')
		.set({
			name: ERASED_NAME,
			personId: null,
			participantId: null,
			specialty: null,
			stStart: null,
			regulation: null,
			monthsOfLeave: 0
		})
		.where('id', 'in', ids)
		.executeTakeFirst();
	add('subjectsAnonymised', Number(anonymised.numUpdatedRows));
}

/**
 * Their participant rows, with their links, their own answers and their e-mail. The stored
 * meeting names no one once it has closed (its hands and speaking order are dropped then).
 */
async function eraseAsParticipant(trx: Trx, rows: PersonRows, add: Add): Promise<void> {
	const ids = rows.participants.map((p) => p.id);
	const email = rows.person.email.toLowerCase();
	const kollegierIds = rows.kollegier.map((k) => k.id);
	if (kollegierIds.length > 0) {
		const outbox = trx
			.deleteFrom('outbox')
			.where((eb) =>
				eb.or([
					...(ids.length ? [eb('participantId', 'in', ids)] : []),
					...(email
						? [
								eb.and([
									eb('kollegiumId', 'in', kollegierIds),
									eb(eb.fn<string>('lower', ['recipientEmail']), '=', email)
								])
							]
						: [])
				])
			);
		if (ids.length || email) add('outbox', await count(outbox));
	}
	if (ids.length === 0) return;
	// A subject is deleted with its participant (a foreign key): keep it, as no one's.
	await trx
		.updateTable('subjects')
		.set({ participantId: null })
		.where('participantId', 'in', ids)
		.execute();
	// A handover they recorded as handledare stays (it is counted), by no one known.
	await trx
		.updateTable('handovers')
		.set({ recordedBy: ERASED_RECORDER })
		.where('recordedBy', 'in', ids)
		.execute();
	add('invitations', await count(trx.deleteFrom('invitations').where('participantId', 'in', ids)));
	add('responses', await count(trx.deleteFrom('responses').where('participantId', 'in', ids)));
	add('participants', await count(trx.deleteFrom('participants').where('id', 'in', ids)));
}

/**
 * Empties the subjects' plan, lists and texts in the kollegium's shared document and stores
 * it as one snapshot (deleted content keeps no text: the document collects its garbage), the
 * log it replayed deleted, under the lock compactions take. Returns 1 if there was a document.
 */
async function scrubDocument(
	trx: Trx,
	options: { kollegiumId: string; subjects: { id: string; kind: string }[]; now: string }
): Promise<number> {
	const { kollegiumId, subjects, now: updatedAt } = options;
	await lockRow(trx, 'kollegier', kollegiumId);
	const rows = await trx
		.selectFrom('yjsSnapshots')
		.select([sql<string | null>`null`.as('id'), 'state as data'])
		.where('kollegiumId', '=', kollegiumId)
		.unionAll((eb) =>
			eb.selectFrom('yjsUpdates').select(['id', 'data']).where('kollegiumId', '=', kollegiumId)
		)
		.execute();
	if (rows.length === 0) return 0;
	const doc = new Y.Doc({ gc: true });
	for (const row of rows) Y.applyUpdate(doc, row.data);
	doc.transact(() => {
		for (const subject of subjects) {
			const map = doc.getMap(planMapName(subject.id));
			for (const key of [...map.keys()]) map.delete(key);
			for (const list of ['goals', 'rows'] as const) {
				const array = doc.getArray(planListName(subject.id, list));
				array.delete(0, array.length);
			}
			const kind = SubjectKind.safeParse(subject.kind);
			for (const field of kind.success ? textFieldsFor(kind.data) : []) {
				const fragment = doc.getXmlFragment(fragmentName(subject.id, field));
				fragment.delete(0, fragment.length);
			}
		}
	});
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	await trx
		.insertInto('yjsSnapshots')
		.values({ kollegiumId, state, updatedAt })
		.onConflict((conflict) => conflict.column('kollegiumId').doUpdateSet({ state, updatedAt }))
		.execute();
	await trx.deleteFrom('yjsUpdates').where('kollegiumId', '=', kollegiumId).execute();
	return 1;
}

async function count(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) {
	return Number((await query.executeTakeFirst()).numDeletedRows);
}
