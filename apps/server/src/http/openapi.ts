import {
	DevelopmentPlan,
	DocumentTicket,
	endpoints,
	GoalCatalogue,
	HandoverEntry,
	ImprovementPlan,
	IssuedInvitation,
	KollegiumDetail,
	KollegiumSummary,
	Me,
	PlanVersion,
	Preparation,
	Progress,
	RespondentHandover,
	RespondentView,
	SavedResponse,
	SetupResult,
	SetupStatus,
	StepView,
	successStatuses,
	Template,
	type EndpointKey
} from '@kollegium/model';
import { resolver, type DescribeRouteOptions } from 'hono-openapi';
import { z } from 'zod';

type Responses = NonNullable<DescribeRouteOptions['responses']>;

/** Declared once in the document's components (docs.routes.ts). */
const apiError = {
	description: 'A stable error code, the message in the reader’s language, the fields at fault',
	content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } }
};

/**
 * Answers named once in the document's components and referred to from each response, so a
 * kollegium (with its form) is described once, not in every route that returns it.
 */
const named = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries({
	DevelopmentPlan,
	DocumentTicket,
	GoalCatalogue,
	HandoverEntry,
	ImprovementPlan,
	IssuedInvitation,
	KollegiumDetail,
	KollegiumSummary,
	Me,
	PlanVersion,
	Preparation,
	Progress,
	RespondentHandover,
	RespondentView,
	SavedResponse,
	SetupResult,
	SetupStatus,
	StepView,
	Template
}))
	named.add(schema, { id });
const jsonSchemaOptions = { options: { io: 'output', metadata: named } };

const descriptions: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

/**
 * The `responses` of a route's `describeRoute`, from the model's endpoint table: its success
 * (JSON of the table's schema, a PDF, or nothing) and the error body of every 4xx.
 */
export function responsesFor(key: EndpointKey): Responses {
	const endpoint = endpoints[key] as (typeof endpoints)[EndpointKey] | undefined;
	if (!endpoint) throw new Error(`${key} is not in the model's endpoint table`);
	const { response } = endpoint;
	const responses: Responses = {};
	for (const status of successStatuses(key)) {
		const description = descriptions[status] ?? 'OK';
		if (response === 'none') responses[status] = { description };
		else if (response === 'pdf')
			responses[status] = {
				description,
				content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
			};
		else if (response === 'csv')
			responses[status] = { description, content: { 'text/csv': { schema: { type: 'string' } } } };
		else
			responses[status] = {
				description,
				// What the server sends is the schema's output: defaults filled in, so required.
				content: {
					'application/json': { schema: resolver(response, jsonSchemaOptions) }
				}
			};
	}
	responses['4XX'] = apiError;
	return responses;
}
