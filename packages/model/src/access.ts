import type { ClinicRole } from './accounts.ts';
import type { ParticipantRole } from './kollegium.ts';
import type { KollegiumStatus } from './kollegium.ts';
import type { MeetingView } from './meeting/frame.ts';
import type { KollegiumKind } from './template.ts';

/** Who asks, as far as access is concerned; the server resolves it from a session or a link. */
export type Actor =
	| {
			kind: 'colleague';
			/** Their role in the kollegium's clinic; null if they are not a member of it. */
			clinicRole: ClinicRole | null;
	  }
	| {
			kind: 'participant';
			/** The link belongs to this kollegium (a link opens its own kollegium only). */
			ofKollegium: boolean;
			roles: readonly ParticipantRole[];
			/** The link's holder is one of the kollegium's subjects (someone it is about). */
			isSubject: boolean;
	  };

/** What is asked for: a view of the live meeting, or the shared discussion document. */
export type Resource = { kind: 'meeting'; view: MeetingView } | { kind: 'document' };

/** Why access was refused; stable codes the clients translate. */
export type AccessRefusal =
	'forbidden' | 'kollegiumNotFound' | 'meetingNotLive' | 'notInThisMeeting' | 'documentNotOpen';

export type Access =
	{ grant: 'drive' | 'follow' | 'write' | 'read' } | { grant: 'refused'; code: AccessRefusal };

const refused = (code: AccessRefusal): Access => ({ grant: 'refused', code });

/**
 * Who may drive or follow the meeting, and write or read the shared document: the one rule,
 * for every transport.
 * - Meeting: every studierektor of the kollegium's clinic drives the control and the shared
 *   screen; participants follow on their phones; only while it is live; the assessed trainee is
 *   not in the room whatever roles they were given, nor is a supervisor an ST-läkarkollegium
 *   is about. A läsare never sees the meeting.
 * - Document: the clinic's studierektorer always write; a läsare reads it once the meeting is
 *   over (its plans), never before. Participants are in it only from the meeting on (notes
 *   would prime those still answering). During a specialistkollegium the specialists write and
 *   observers read; in an ST-läkarkollegium the trainees only read, since every Yjs character
 *   carries its writer's client id and a note about a supervisor could be traced to them.
 *   After the meeting only the studierektor writes.
 */
export function accessTo(options: {
	actor: Actor;
	resource: Resource;
	kollegium: { kind: KollegiumKind; status: KollegiumStatus };
}): Access {
	const { actor, resource, kollegium } = options;
	if (actor.kind === 'colleague') {
		if (!actor.clinicRole) return refused('kollegiumNotFound');
		if (actor.clinicRole === 'reader') {
			const over = kollegium.status === 'closed' || kollegium.status === 'delivered';
			return resource.kind === 'document' && over ? { grant: 'read' } : refused('forbidden');
		}
		if (resource.kind === 'document') return { grant: 'write' };
		if (resource.view === 'participant') return refused('forbidden');
		return kollegium.status === 'live' ? { grant: 'drive' } : refused('meetingNotLive');
	}
	if (!actor.ofKollegium) return refused('forbidden');
	// The trainee a specialistkollegium assesses is not in the room, nor in its notes; nor is a
	// supervisor an ST-läkarkollegium is about (#11 D): the room sees the other supervisors too,
	// and each gets only their own result, through their link, after the meeting.
	const assessed = actor.isSubject;
	if (resource.kind === 'meeting') {
		if (resource.view !== 'participant') return refused('forbidden');
		if (kollegium.status !== 'live') return refused('meetingNotLive');
		return assessed ? refused('notInThisMeeting') : { grant: 'follow' };
	}
	if (assessed) return refused('notInThisMeeting');
	if (kollegium.status === 'draft' || kollegium.status === 'open')
		return refused('documentNotOpen');
	const writes =
		kollegium.status === 'live' &&
		kollegium.kind === 'specialistkollegium' &&
		actor.roles.some((role) => role !== 'observer');
	return { grant: writes ? 'write' : 'read' };
}
