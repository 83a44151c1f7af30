import { describe, expect, it } from 'vitest';
import { accessTo, type Access, type Actor, type Resource } from './access.ts';
import type { KollegiumStatus, ParticipantRole } from './kollegium.ts';
import type { KollegiumKind } from './template.ts';

const statuses: KollegiumStatus[] = ['draft', 'open', 'live', 'closed', 'delivered'];
const owner: Actor = { kind: 'colleague', clinicRole: 'studierektor' };
const reader: Actor = { kind: 'colleague', clinicRole: 'reader' };
const stranger: Actor = { kind: 'colleague', clinicRole: null };
const participant = (
	roles: ParticipantRole[],
	extra: Partial<Extract<Actor, { kind: 'participant' }>> = {}
): Actor => ({ kind: 'participant', ofKollegium: true, roles, isSubject: false, ...extra });

const control: Resource = { kind: 'meeting', view: 'control' };
const presenter: Resource = { kind: 'meeting', view: 'presenter' };
const phone: Resource = { kind: 'meeting', view: 'participant' };
const document: Resource = { kind: 'document' };

const W: Access = { grant: 'write' };
const R: Access = { grant: 'read' };
const D: Access = { grant: 'drive' };
const F: Access = { grant: 'follow' };
const no = (code: Extract<Access, { grant: 'refused' }>['code']): Access => ({
	grant: 'refused',
	code
});
const notLive = no('meetingNotLive');
const notOpen = no('documentNotOpen');

/** One row per actor and resource; one cell per status: draft, open, live, closed, delivered. */
const table: {
	who: string;
	actor: Actor;
	resource: Resource;
	kind: KollegiumKind;
	cells: Access[];
}[] = [
	{
		who: 'a studierektor of the clinic',
		actor: owner,
		resource: control,
		kind: 'specialistkollegium',
		cells: [notLive, notLive, D, notLive, notLive]
	},
	{
		who: 'a studierektor of the clinic',
		actor: owner,
		resource: presenter,
		kind: 'st-lakarkollegium',
		cells: [notLive, notLive, D, notLive, notLive]
	},
	{
		who: 'a studierektor of the clinic',
		actor: owner,
		resource: phone,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a studierektor of the clinic',
		actor: owner,
		resource: document,
		kind: 'specialistkollegium',
		cells: [W, W, W, W, W]
	},
	{
		who: 'a studierektor of the clinic',
		actor: owner,
		resource: document,
		kind: 'st-lakarkollegium',
		cells: [W, W, W, W, W]
	},
	{
		who: 'a läsare of the clinic',
		actor: reader,
		resource: control,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a läsare of the clinic',
		actor: reader,
		resource: presenter,
		kind: 'st-lakarkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a läsare of the clinic',
		actor: reader,
		resource: document,
		kind: 'specialistkollegium',
		cells: [no('forbidden'), no('forbidden'), no('forbidden'), R, R]
	},
	{
		who: 'a studierektor of another clinic',
		actor: stranger,
		resource: control,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('kollegiumNotFound'))
	},
	{
		who: 'a studierektor of another clinic',
		actor: stranger,
		resource: document,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('kollegiumNotFound'))
	},
	{
		who: 'a specialist',
		actor: participant(['assessor']),
		resource: phone,
		kind: 'specialistkollegium',
		cells: [notLive, notLive, F, notLive, notLive]
	},
	{
		who: 'a specialist',
		actor: participant(['assessor']),
		resource: control,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a specialist',
		actor: participant(['assessor']),
		resource: presenter,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a specialist',
		actor: participant(['assessor']),
		resource: document,
		kind: 'specialistkollegium',
		cells: [notOpen, notOpen, W, R, R]
	},
	{
		who: 'a handledare',
		actor: participant(['supervisor']),
		resource: document,
		kind: 'specialistkollegium',
		cells: [notOpen, notOpen, W, R, R]
	},
	{
		who: 'an observer',
		actor: participant(['observer']),
		resource: document,
		kind: 'specialistkollegium',
		cells: [notOpen, notOpen, R, R, R]
	},
	{
		who: 'an observer',
		actor: participant(['observer']),
		resource: phone,
		kind: 'specialistkollegium',
		cells: [notLive, notLive, F, notLive, notLive]
	},
	{
		who: 'the assessed trainee',
		actor: participant(['trainee'], { isSubject: true }),
		resource: phone,
		kind: 'specialistkollegium',
		cells: [notLive, notLive, no('notInThisMeeting'), notLive, notLive]
	},
	{
		who: 'the assessed trainee, also given an assessor role',
		actor: participant(['trainee', 'assessor'], { isSubject: true }),
		resource: document,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('notInThisMeeting'))
	},
	{
		who: 'a trainee giving feedback',
		actor: participant(['trainee']),
		resource: document,
		kind: 'st-lakarkollegium',
		cells: [notOpen, notOpen, R, R, R]
	},
	{
		who: 'a trainee giving feedback',
		actor: participant(['trainee']),
		resource: phone,
		kind: 'st-lakarkollegium',
		cells: [notLive, notLive, F, notLive, notLive]
	},
	{
		who: 'a supervisor the ST-läkarkollegium is about',
		actor: participant(['supervisor'], { isSubject: true }),
		resource: phone,
		kind: 'st-lakarkollegium',
		cells: [notLive, notLive, no('notInThisMeeting'), notLive, notLive]
	},
	{
		who: 'a supervisor the ST-läkarkollegium is about, in its notes',
		actor: participant(['supervisor'], { isSubject: true }),
		resource: document,
		kind: 'st-lakarkollegium',
		cells: Array(5).fill(no('notInThisMeeting'))
	},
	{
		who: 'a link of another kollegium',
		actor: participant(['assessor'], { ofKollegium: false }),
		resource: phone,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	},
	{
		who: 'a link of another kollegium',
		actor: participant(['assessor'], { ofKollegium: false }),
		resource: document,
		kind: 'specialistkollegium',
		cells: Array(5).fill(no('forbidden'))
	}
];

describe('who may drive, follow, write or read', () => {
	for (const row of table) {
		for (const [index, status] of statuses.entries()) {
			const resource =
				row.resource.kind === 'document' ? 'the document' : `the ${row.resource.view} view`;
			it(`${row.who}: ${resource} of a ${status} ${row.kind} → ${JSON.stringify(row.cells[index])}`, () => {
				expect(
					accessTo({
						actor: row.actor,
						resource: row.resource,
						kollegium: { kind: row.kind, status }
					})
				).toEqual(row.cells[index]);
			});
		}
	}
});
