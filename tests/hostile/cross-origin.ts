import fc from 'fast-check';
import type { HttpInput, HttpTarget } from './http-inputs.ts';
import { fromSchema } from './schema.ts';

/**
 * Mutations made with the studierektor's cookie but without a same-origin Origin, as a
 * cross-site page would send them: each must be refused with 403, whatever its body.
 */
export function crossOriginInput(target: HttpTarget): fc.Arbitrary<HttpInput> {
	const mutations = target.operations.filter(
		(operation) => operation.method !== 'GET' && operation.auth === 'session'
	);
	return fc
		.record({
			operation: fc.constantFrom(...mutations),
			origin: fc.constantFrom(
				null,
				'http://evil.example',
				'null',
				target.url.replace(/:\d+$/, ''),
				target.url.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`),
				`${target.url}.evil.example`
			),
			type: fc.constantFrom('application/json', 'text/plain', undefined),
			stranger: fc.uuid({ version: 4 })
		})
		.chain(({ operation, origin, type, stranger }) =>
			(operation.body ? fromSchema(operation.body) : fc.constant(undefined)).map((value) => {
				let path = operation.path;
				for (const name of operation.params)
					path = path.replace(`{${name}}`, target.ids[name]?.[0] ?? stranger);
				const headers: Record<string, string> = { Cookie: target.cookie };
				if (origin) headers.Origin = origin;
				if (type && value !== undefined) headers['Content-Type'] = type;
				return {
					group: operation.group,
					method: operation.method,
					path: `/api${path}`,
					headers,
					body: value === undefined ? undefined : Buffer.from(JSON.stringify(value)),
					expect: 'forbidden' as const
				};
			})
		);
}
