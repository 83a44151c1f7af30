import {
	fragmentName,
	planListName,
	planMapName,
	type DevelopmentPlan,
	type ImprovementPlan,
	type TextField
} from '@kollegium/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestServer } from './server.ts';

/**
 * A y-websocket client of the shared document, exactly as the browser's, authenticated by a
 * session cookie (the studierektor) or an invitation token (a participant).
 */
export async function openDocument(
	server: Pick<TestServer, 'url'>,
	kollegiumId: string,
	auth: { cookie?: string; invitation?: string }
): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
	class Authed extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: auth.cookie ? { cookie: auth.cookie } : {} });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${server.url.replace('http', 'ws')}/yjs`,
		kollegiumId,
		doc,
		{
			WebSocketPolyfill: Authed as unknown as typeof globalThis.WebSocket,
			params: auth.invitation ? { invitation: auth.invitation } : {},
			disableBc: true,
			maxBackoffTime: 300
		}
	);
	for (let i = 0; i < 250 && !provider.synced; i += 1) await pause(20);
	if (!provider.synced) throw new Error('The shared document did not sync');
	return { doc, provider };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes lines into a rich-text field as the editor does: one paragraph each. */
export function writeText(doc: Y.Doc, subjectId: string, field: TextField, lines: string[]): void {
	doc.transact(() => {
		const fragment = doc.getXmlFragment(fragmentName(subjectId, field));
		fragment.delete(0, fragment.length);
		fragment.insert(
			0,
			lines.map((line) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(line)]);
				return paragraph;
			})
		);
	});
}

const mapOf = (entries: Record<string, unknown>) => {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(entries)) map.set(key, value);
	return map;
};

type PlanLike = Omit<DevelopmentPlan, 'goals'> & {
	goals: (Omit<DevelopmentPlan['goals'][number], 'dueDate' | 'responsible'> & {
		dueDate: string;
		responsible: string;
	})[];
};

/** Writes a development plan into the document the way the plan editor keeps it. */
export function writeDevelopmentPlan(doc: Y.Doc, subjectId: string, plan: PlanLike): void {
	doc.transact(() => {
		writeText(doc, subjectId, 'summary', plan.summary.split('\n'));
		writeText(doc, subjectId, 'strengths', plan.strengths);
		writeText(doc, subjectId, 'development', plan.developmentAreas);
		const map = doc.getMap<unknown>(planMapName(subjectId));
		map.clear();
		const goals = doc.getArray<Y.Map<unknown>>(planListName(subjectId, 'goals'));
		goals.delete(0, goals.length);
		goals.push(
			plan.goals.map(({ activities, ...goal }) => {
				const list = new Y.Array<Y.Map<unknown>>();
				list.push(activities.map((activity) => mapOf({ id: crypto.randomUUID(), ...activity })));
				return mapOf({ id: crypto.randomUUID(), ...goal, activities: list });
			})
		);
		map.set('nextFollowUp', plan.nextFollowUp);
		map.set('atRisk', plan.atRisk);
		if (plan.actionPlan) {
			map.set('problemAreas', plan.actionPlan.problemAreas.join('\n'));
			map.set('supportMeasures', plan.actionPlan.supportMeasures.join('\n'));
			map.set('timePlan', plan.actionPlan.timePlan);
			map.set('actionFollowUpDate', plan.actionPlan.followUpDate);
			map.set('studierektorInformed', plan.actionPlan.studierektorInformed);
		}
	});
}

/** Writes the clinic's handlingsplan and its SPUR summaries into the document. */
export function writeImprovementPlan(doc: Y.Doc, subjectId: string, plan: ImprovementPlan): void {
	doc.transact(() => {
		for (const [area, summary] of Object.entries(plan.summaries)) {
			writeText(doc, subjectId, `spur-${area}` as TextField, [summary]);
		}
		const rows = doc.getArray<Y.Map<unknown>>(planListName(subjectId, 'rows'));
		rows.delete(0, rows.length);
		rows.push(plan.rows.map((row) => mapOf({ id: crypto.randomUUID(), ...row })));
	});
}
