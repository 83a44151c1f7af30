import {
	Kollegium,
	ParticipantRole,
	Subject,
	buildFormSnapshot,
	fieldIssue,
	type KollegiumDetail,
	type KollegiumInput,
	type Locale,
	type Participant
} from '@kollegium/model';
import type { Db } from '../db/database.ts';
import type { KollegiumRow, SubjectRow } from '../db/schema.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';

/** The clinic is the subject of an ST-läkarkollegium's clinic-level sections. */
export const CLINIC_SUBJECT_NAME = 'Kliniken';

export function toKollegium(row: KollegiumRow): Kollegium {
	return Kollegium.parse({
		...row,
		focusGoals: JSON.parse(row.focusGoals),
		customItems: JSON.parse(row.customItems),
		form: JSON.parse(row.form)
	});
}

/** The facilitator's own kollegium, if it is theirs. */
export function findOwnedKollegium(
	db: Db,
	options: { id: string; ownerId: string }
): Promise<KollegiumRow | undefined> {
	return db
		.selectFrom('kollegier')
		.selectAll()
		.where('id', '=', options.id)
		.where('ownerId', '=', options.ownerId)
		.executeTakeFirst();
}

/** The facilitator's own kollegium, or 404: another facilitator's is as good as absent. */
export async function ownedKollegium(
	db: Db,
	options: { id: string; ownerId: string }
): Promise<KollegiumRow> {
	return (await findOwnedKollegium(db, options)) ?? fail(404, 'kollegiumNotFound');
}

/** Builds the stored columns from the facilitator's input, snapshotting the form. */
export function kollegiumColumns(deps: Deps, options: { input: KollegiumInput; locale: Locale }) {
	const { input, locale } = options;
	const template = deps.library.templates.get(input.templateId);
	if (!template || template.kind !== input.kind) {
		fail(400, 'validation', [
			fieldIssue({ path: 'templateId', code: 'invalid_value', message: 'unknownTemplate', locale })
		]);
	}
	const form = buildFormSnapshot({ template, customItems: input.customItems });
	return {
		kind: input.kind,
		title: input.title,
		templateId: input.templateId,
		startsAt: new Date(input.startsAt).toISOString(),
		location: input.location,
		videoLink: input.videoLink,
		answerDeadline: new Date(input.answerDeadline).toISOString(),
		minRespondents: input.minRespondents,
		focusGoals: JSON.stringify(input.focusGoals),
		customItems: JSON.stringify(input.customItems),
		form: JSON.stringify(form)
	};
}

export async function createKollegium(
	deps: Deps,
	options: { ownerId: string; input: KollegiumInput; locale: Locale }
): Promise<string> {
	const id = crypto.randomUUID();
	const now = deps.now().toISOString();
	const columns = kollegiumColumns(deps, options);
	await deps.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('kollegier')
			.values({
				id,
				ownerId: options.ownerId,
				status: 'draft',
				createdAt: now,
				updatedAt: now,
				...columns
			})
			.execute();
		if (options.input.kind === 'st-lakarkollegium') {
			await trx
				.insertInto('subjects')
				.values({ ...emptySubject(id, 0), kind: 'clinic', name: CLINIC_SUBJECT_NAME })
				.execute();
		}
	});
	return id;
}

export function emptySubject(kollegiumId: string, position: number) {
	return {
		id: crypto.randomUUID(),
		kollegiumId,
		participantId: null,
		specialty: null,
		stStart: null,
		monthsOfLeave: 0,
		regulation: null,
		supervisorId: null,
		position
	};
}

export async function participantsOf(db: Db, kollegiumId: string): Promise<Participant[]> {
	const rows = await db
		.selectFrom('participants')
		.select(['id', 'name', 'email', 'roles'])
		.where('kollegiumId', '=', kollegiumId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		...row,
		roles: ParticipantRole.array().parse(JSON.parse(row.roles))
	}));
}

/** The kollegium's subjects; a trainee's name comes from their participant record. */
export async function subjectsOf(db: Db, kollegiumId: string): Promise<Subject[]> {
	const rows = await db
		.selectFrom('subjects')
		.leftJoin('participants', 'participants.id', 'subjects.participantId')
		.selectAll('subjects')
		.select('participants.name as participantName')
		.where('subjects.kollegiumId', '=', kollegiumId)
		.orderBy('subjects.position')
		.execute();
	return rows.map((row) => toSubject(row, row.participantName));
}

function toSubject(row: SubjectRow, participantName: string | null): Subject {
	return Subject.parse({
		id: row.id,
		kind: row.kind,
		name: participantName ?? row.name,
		participantId: row.participantId,
		specialty: row.specialty,
		stStart: row.stStart,
		monthsOfLeave: row.monthsOfLeave,
		regulation: row.regulation,
		supervisorId: row.supervisorId
	});
}

/** Everything the facilitator sees about a kollegium; never the answers. */
export async function kollegiumDetail(db: Db, row: KollegiumRow): Promise<KollegiumDetail> {
	const [participants, subjects, invitations] = await Promise.all([
		participantsOf(db, row.id),
		subjectsOf(db, row.id),
		db
			.selectFrom('invitations')
			.select(['participantId', 'createdAt', 'expiresAt', 'revokedAt'])
			.where('kollegiumId', '=', row.id)
			.orderBy('createdAt', 'desc')
			.execute()
	]);
	return {
		...toKollegium(row),
		subjects,
		participants: participants.map((participant) => {
			const own = invitations.filter((invitation) => invitation.participantId === participant.id);
			const latest = own.find((invitation) => invitation.revokedAt === null) ?? own[0];
			return {
				...participant,
				invitation: latest
					? {
							createdAt: latest.createdAt,
							expiresAt: latest.expiresAt,
							revoked: latest.revokedAt !== null
						}
					: null
			};
		})
	};
}
