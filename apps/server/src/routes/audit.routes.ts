import { AuditQuery, auditToCsv, translate } from '@kollegium/model';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { auditEntries } from '../domain/audit.ts';
import { download } from '../http/download.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { responsesFor } from '../http/openapi.ts';
import { validate } from '../http/validate.ts';

const tags = ['Audit log'];

/** Administrators read the audit log and export it; no route changes or deletes an entry. */
export function auditRoutes(deps: Deps) {
	return new Hono<AppEnv>()
		.get(
			'/audit',
			describeRoute({
				tags,
				summary: 'The audit log, newest first',
				responses: responsesFor('GET /audit')
			}),
			validate('query', AuditQuery),
			async (c) => c.json(await auditEntries(deps.db, c.req.valid('query')))
		)
		.get(
			'/audit.csv',
			describeRoute({
				tags,
				summary: 'The whole audit log as CSV',
				responses: responsesFor('GET /audit.csv')
			}),
			async (c) => {
				const entries = await auditEntries(deps.db, { limit: Number.MAX_SAFE_INTEGER });
				const date = deps.now().toISOString().slice(0, 10);
				return download(c, auditToCsv(entries, c.get('locale')), {
					type: 'text/csv; charset=utf-8',
					fileName: `${translate(c.get('locale'), 'audit.fileName')} ${date}.csv`
				});
			}
		);
}
