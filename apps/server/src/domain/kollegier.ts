import {
	ClinicRole,
	Kollegium,
	KollegiumSummary,
	ParticipantRole,
	Subject,
	buildFormSnapshot,
	defaultSupervisorMinRespondents,
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

export function toKollegium(row: KollegiumRow): Kollegium {
	return Kollegium.parse({
		...row,
		focusGoals: JSON.parse(row.focusGoals),
		customItems: JSON.parse(row.customItems),
		form: JSON.parse(row.form)
	});
}

/**
 * A kollegium and the user's role in its clinic, if the user belongs to that clinic. Anyone
 * outside the clinic gets nothing: another clinic's kollegium is as good as absent.
 */
export async function kollegiumOfColleague(
	db: Db,
	options: { id: string; userId: string }
): Promise<{ row: KollegiumRow; role: ClinicRole } | undefined> {
	const row = await db
		.selectFrom('kollegier')
		.innerJoin('clinicMembers', 'clinicMembers.clinicId', 'kollegier.clinicId')
		.selectAll('kollegier')
		.select('clinicMembers.role as memberRole')
		.where('kollegier.id', '=', options.id)
		.where('clinicMembers.userId', '=', options.userId)
		.executeTakeFirst();
	if (!row) return undefined;
	const { memberRole, ...kollegium } = row;
	return { row: kollegium, role: ClinicRole.parse(memberRole) };
}

/** The kollegier of the clinics a user belongs to (or of one of them), newest first. */
export async function kollegierOfColleague(
	db: Db,
	options: { userId: string; clinicId?: string | undefined }
): Promise<KollegiumSummary[]> {
	return db
		.selectFrom('kollegier')
		.innerJoin('clinicMembers', 'clinicMembers.clinicId', 'kollegier.clinicId')
		.select([
			'kollegier.id',
			'kollegier.kind',
			'kollegier.title',
			'kollegier.startsAt',
			'kollegier.answerDeadline',
			'kollegier.status',
			'kollegier.clinicId'
		])
		.where('clinicMembers.userId', '=', options.userId)
		.$if(options.clinicId !== undefined, (query) =>
			query.where('kollegier.clinicId', '=', options.clinicId ?? '')
		)
		.orderBy('kollegier.startsAt', 'desc')
		.orderBy('kollegier.id')
		.execute()
		.then((rows) => rows.map((row) => KollegiumSummary.parse(row)));
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
		supervisorMinRespondents:
			input.supervisorMinRespondents ?? defaultSupervisorMinRespondents(input.minRespondents),
		focusGoals: JSON.stringify(input.focusGoals),
		customItems: JSON.stringify(input.customItems),
		form: JSON.stringify(form)
	};
}

export async function createKollegium(
	deps: Deps,
	options: { clinicId: string; createdBy: string; input: KollegiumInput; locale: Locale }
): Promise<string> {
	const id = crypto.randomUUID();
	const now = deps.now().toISOString();
	const columns = kollegiumColumns(deps, options);
	await deps.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('kollegier')
			.values({
				id,
				clinicId: options.clinicId,
				createdBy: options.createdBy,
				status: 'draft',
				createdAt: now,
				updatedAt: now,
				...columns
			})
			.execute();
		// The clinic is the subject of an ST-läkarkollegium's clinic-level sections, by its name.
		if (options.input.kind === 'st-lakarkollegium') {
			const clinic = await trx
				.selectFrom('clinics')
				.select('name')
				.where('id', '=', options.clinicId)
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('subjects')
				.values({ ...emptySubject(id, 0), kind: 'clinic', name: clinic.name })
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
		.select(['id', 'name', 'email', 'roles', 'language'])
		.where('kollegiumId', '=', kollegiumId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		...row,
		roles: ParticipantRole.array().parse(JSON.parse(row.roles)),
		// #12 languages: the language of their e-mail.
		language: row.language === 'en' ? 'en' : 'sv'
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
	const [participants, subjects, invitations, clinic, colleagues, links] = await Promise.all([
		participantsOf(db, row.id),
		subjectsOf(db, row.id),
		db
			.selectFrom('invitations')
			.select(['participantId', 'createdAt', 'expiresAt', 'revokedAt'])
			.where('kollegiumId', '=', row.id)
			.orderBy('createdAt', 'desc')
			.execute(),
		db
			.selectFrom('clinics')
			.select(['id', 'name'])
			.where('id', '=', row.clinicId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('users')
			.select(['id', 'name'])
			.where('id', 'in', [row.createdBy, row.ranBy ?? row.createdBy])
			.execute(),
		registerLinksOf(db, row.id)
	]);
	const colleague = (id: string | null) => colleagues.find((user) => user.id === id) ?? null;
	return {
		...toKollegium(row),
		clinic,
		createdBy: colleague(row.createdBy),
		ranBy: colleague(row.ranBy),
		subjects: subjects.map((subject) => ({
			...subject,
			personId: links.subjects.get(subject.id) ?? null
		})),
		participants: participants.map((participant) => {
			const own = invitations.filter((invitation) => invitation.participantId === participant.id);
			const latest = own.find((invitation) => invitation.revokedAt === null) ?? own[0];
			return {
				...participant,
				personId: links.participants.get(participant.id) ?? null,
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

/** Which register entry each participant and subject of a kollegium was taken from. */
async function registerLinksOf(db: Db, kollegiumId: string) {
	const [participants, subjects] = await Promise.all([
		db
			.selectFrom('participants')
			.select(['id', 'personId'])
			.where('kollegiumId', '=', kollegiumId)
			.where('personId', 'is not', null)
			.execute(),
		db
			.selectFrom('subjects')
			.select(['id', 'personId'])
			.where('kollegiumId', '=', kollegiumId)
			.where('personId', 'is not', null)
			.execute()
	]);
	const byId = (rows: { id: string; personId: string | null }[]) =>
		new Map(rows.map((r) => [r.id, r.personId ?? '']));
	return { participants: byId(participants), subjects: byId(subjects) };
}
