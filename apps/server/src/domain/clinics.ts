import { ClinicRole, type Clinic, type ClinicInput, type ClinicSummary } from '@kollegium/model';
import { z } from 'zod';
import type { SignedInUser } from '../auth/identity.ts';
import type { Db } from '../db/database.ts';
import type { Deps } from '../http/env.ts';
import { fail } from '../http/errors.ts';

const Specialties = z.array(z.string());

/**
 * The clinics a user sees: those they belong to, with their role. An administrator sees every
 * clinic, to administer its members (role null where they are not one).
 */
export async function clinicsOf(db: Db, user: SignedInUser): Promise<ClinicSummary[]> {
	const rows = await db
		.selectFrom('clinics')
		.leftJoin('clinicMembers', (join) =>
			join
				.onRef('clinicMembers.clinicId', '=', 'clinics.id')
				.on('clinicMembers.userId', '=', user.id)
		)
		.select(['clinics.id', 'clinics.name', 'clinics.specialties', 'clinicMembers.role'])
		.$if(!user.admin, (query) => query.where('clinicMembers.userId', '=', user.id))
		.orderBy('clinics.name')
		.orderBy('clinics.id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		specialties: Specialties.parse(JSON.parse(row.specialties)),
		role: row.role ? ClinicRole.parse(row.role) : null
	}));
}

/** A clinic with its members, or 404. */
export async function clinicDetail(db: Db, clinicId: string): Promise<Clinic> {
	const clinic = await db
		.selectFrom('clinics')
		.selectAll()
		.where('id', '=', clinicId)
		.executeTakeFirst();
	if (!clinic) fail(404, 'clinicNotFound');
	const members = await db
		.selectFrom('clinicMembers')
		.innerJoin('users', 'users.id', 'clinicMembers.userId')
		.select(['users.id', 'users.name', 'users.email', 'users.deactivatedAt', 'clinicMembers.role'])
		.where('clinicMembers.clinicId', '=', clinicId)
		.orderBy('users.name')
		.orderBy('users.id')
		.execute();
	return {
		id: clinic.id,
		name: clinic.name,
		specialties: Specialties.parse(JSON.parse(clinic.specialties)),
		members: members.map((member) => ({
			userId: member.id,
			name: member.name,
			email: member.email,
			role: ClinicRole.parse(member.role),
			active: member.deactivatedAt === null
		}))
	};
}

/** Creates a clinic; its members are added by an administrator or by invitation. */
export async function createClinic(deps: Deps, input: ClinicInput): Promise<string> {
	const id = crypto.randomUUID();
	await deps.db
		.insertInto('clinics')
		.values({
			id,
			name: input.name,
			specialties: JSON.stringify(input.specialties),
			createdAt: deps.now().toISOString()
		})
		.execute();
	return id;
}

/**
 * Renames a clinic or changes its specialties. A kollegium keeps the name it was created under
 * (its clinic subject and PDFs say what was true then); new ones take the new name.
 */
export async function updateClinic(
	db: Db,
	options: { clinicId: string; input: ClinicInput }
): Promise<void> {
	await db
		.updateTable('clinics')
		.set({ name: options.input.name, specialties: JSON.stringify(options.input.specialties) })
		.where('id', '=', options.clinicId)
		.execute();
}

/** Adds an account to a clinic with a role, or changes its role there. */
export async function setMembership(
	deps: Deps,
	options: { clinicId: string; userId: string; role: ClinicRole }
): Promise<void> {
	const [user, clinic] = await Promise.all([
		deps.db.selectFrom('users').select('id').where('id', '=', options.userId).executeTakeFirst(),
		deps.db.selectFrom('clinics').select('id').where('id', '=', options.clinicId).executeTakeFirst()
	]);
	if (!clinic) fail(404, 'clinicNotFound');
	if (!user) fail(404, 'accountNotFound');
	await deps.db
		.insertInto('clinicMembers')
		.values({ ...options, createdAt: deps.now().toISOString() })
		.onConflict((conflict) =>
			conflict.columns(['clinicId', 'userId']).doUpdateSet({ role: options.role })
		)
		.execute();
}

/** Takes an account out of a clinic; the kollegier it created stay with the clinic. */
export async function removeMembership(
	db: Db,
	options: { clinicId: string; userId: string }
): Promise<void> {
	await db
		.deleteFrom('clinicMembers')
		.where('clinicId', '=', options.clinicId)
		.where('userId', '=', options.userId)
		.execute();
}

/** The name of a kollegium's clinic, as its PDFs show it. */
export async function clinicNameOfKollegium(db: Db, kollegiumId: string): Promise<string> {
	const row = await db
		.selectFrom('kollegier')
		.innerJoin('clinics', 'clinics.id', 'kollegier.clinicId')
		.select('clinics.name')
		.where('kollegier.id', '=', kollegiumId)
		.executeTakeFirstOrThrow();
	return row.name;
}
