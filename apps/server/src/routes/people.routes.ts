import { PeopleImportInput, PersonInput, RegisterPick } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { kollegiumDetail } from '../domain/kollegier.ts';
import { importPeople, peopleExport } from '../domain/people-import.ts';
import { createPerson, deletePerson, peopleOf, updatePerson } from '../domain/people.ts';
import { pickFromRegister } from '../domain/register-pick.ts';
import { download } from '../http/download.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['People register'];
const ClinicParam = z.object({ clinicId: z.uuid() });
const PersonParam = z.object({ clinicId: z.uuid(), personId: z.uuid() });
const KollegiumParam = z.object({ id: z.uuid() });

/** A clinic's people register, under /clinics/:clinicId/people: entered once, picked into kollegier. */
export function peopleRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/:clinicId/people',
			describeRoute({
				tags,
				summary: 'The register: specialists, trainees and observers, each by name',
				responses: responsesFor('GET /clinics/:clinicId/people')
			}),
			validate('param', ClinicParam),
			async (c) => c.json(await peopleOf(deps.db, c.req.valid('param').clinicId))
		)
		.post(
			'/:clinicId/people',
			describeRoute({
				tags,
				summary: 'Add someone to the register',
				responses: responsesFor('POST /clinics/:clinicId/people')
			}),
			validate('param', ClinicParam),
			validate('json', PersonInput),
			async (c) => {
				const { clinicId } = c.req.valid('param');
				const input = c.req.valid('json');
				return c.json(await createPerson(deps, { clinicId, input, locale: c.get('locale') }), 201);
			}
		)
		.put(
			'/:clinicId/people/:personId',
			describeRoute({
				tags,
				summary: 'Change someone in the register (kollegier keep their copy)',
				responses: responsesFor('PUT /clinics/:clinicId/people/:personId')
			}),
			validate('param', PersonParam),
			validate('json', PersonInput),
			async (c) => {
				const input = c.req.valid('json');
				const locale = c.get('locale');
				return c.json(await updatePerson(deps, { ...c.req.valid('param'), input, locale }));
			}
		)
		.delete(
			'/:clinicId/people/:personId',
			describeRoute({
				tags,
				summary: 'Take someone out of the register (their trainees lose them as handledare)',
				responses: responsesFor('DELETE /clinics/:clinicId/people/:personId')
			}),
			validate('param', PersonParam),
			async (c) => {
				await deletePerson(deps, c.req.valid('param'));
				return c.body(null, 204);
			}
		)
		.post(
			'/:clinicId/people/import',
			describeRoute({
				tags,
				summary: 'Preview a people file, or with confirm: true write it whole',
				description:
					'A file with any issue is written not at all: 400 `validation`, each issue placed ' +
					'`csv` or `csv.<column>` for the file, `rows.<line>.<column>` or `rows.<line>` for a ' +
					'row (the line as a spreadsheet counts it, the column by its header in your language).',
				responses: responsesFor('POST /clinics/:clinicId/people/import')
			}),
			validate('param', ClinicParam),
			validate('json', PeopleImportInput),
			async (c) => {
				const { clinicId } = c.req.valid('param');
				const input = c.req.valid('json');
				return c.json(await importPeople(deps, { clinicId, input, locale: c.get('locale') }));
			}
		)
		.get(
			'/:clinicId/people.csv',
			describeRoute({
				tags,
				summary: 'The register as a file for Excel, in your language (reads back as an import)',
				responses: responsesFor('GET /clinics/:clinicId/people.csv')
			}),
			validate('param', ClinicParam),
			async (c) => {
				const { clinicId } = c.req.valid('param');
				const { csv, fileName } = await peopleExport(deps.db, {
					clinicId,
					locale: c.get('locale')
				});
				return download(c, csv, { type: 'text/csv; charset=utf-8', fileName });
			}
		);
}

/** Picking people from the register into a kollegium: POST /kollegier/:id/people. */
export function kollegiumPeopleRoutes(deps: Deps) {
	return new Hono<AppEnv>().post(
		'/:id/people',
		describeRoute({
			tags,
			summary: 'Add people from the register: participants, and trainees as subjects',
			responses: responsesFor('POST /kollegier/:id/people')
		}),
		validate('param', KollegiumParam),
		validate('json', RegisterPick),
		async (c) => {
			const row = c.get('kollegium');
			await pickFromRegister(deps, { row, pick: c.req.valid('json'), locale: c.get('locale') });
			return c.json(await kollegiumDetail(deps.db, row), 201);
		}
	);
}

/** A CSV download, named for the downloads folder as the feedback PDF is (RFC 6266, UTF-8 for åäö). */
