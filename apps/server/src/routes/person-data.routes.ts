import { swedishDay } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { exportPersonData, personExportFileName } from '../domain/person-data.ts';
import { erasePerson } from '../domain/person-erasure.ts';
import { download } from '../http/download.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['People register'];
const PersonParam = z.object({ clinicId: z.uuid(), personId: z.uuid() });

/** #13 one person's data: everything about them as a download, and their erasure. */
export function personDataRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/clinics/:clinicId/people/:personId/export',
			describeRoute({
				tags,
				summary: 'Everything about one register person, as a JSON download',
				description:
					'The register entry, each kollegium they took part in with their roles and, where ' +
					'the forms were about them, their own self-assessment, plan versions and handover. ' +
					'Never anyone else’s answers.',
				responses: responsesFor('GET /clinics/:clinicId/people/:personId/export')
			}),
			validate('param', PersonParam),
			async (c) => {
				const data = await exportPersonData(deps, c.req.valid('param'));
				const locale = c.get('locale');
				const fileName = personExportFileName(data, { locale, day: swedishDay(deps.now()) });
				const body = JSON.stringify(data, null, 2);
				return download(c, body, { type: 'application/json; charset=utf-8', fileName });
			}
		)
		.post(
			'/clinics/:clinicId/people/:personId/erase',
			describeRoute({
				tags,
				summary: 'Remove a person after their training, and every row naming them',
				description:
					'409 `personInActiveKollegium` while a kollegium they take part in is not closed. ' +
					'Kept: each subject row of theirs without name or link, with its handover, so the ' +
					'yearly report counts stay.',
				responses: responsesFor('POST /clinics/:clinicId/people/:personId/erase')
			}),
			validate('param', PersonParam),
			async (c) => c.json(await erasePerson(deps, c.req.valid('param')))
		);
}
