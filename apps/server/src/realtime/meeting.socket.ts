import {
	MeetingCommand,
	MeetingView,
	ParticipantCommand,
	SpeakingOrderDraw,
	frameForView,
	type Handle
} from '@kollegium/model';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { resolveAccess } from '../domain/access.ts';
import { guarded } from './guard.ts';
import { recordAudit } from '../domain/audit.ts';
import type { Meetings } from './meetings.ts';
import { meetingRoom, type KollegiumSocket } from './socket.ts';

const JoinRequest = z.object({ kollegiumId: z.uuid(), view: MeetingView });

/**
 * The live meeting over socket.io. The control and presenter are the studierektor's (session);
 * participants join with their invitation and can only follow and raise a hand.
 */
export function registerMeetingHandlers(options: {
	socket: KollegiumSocket;
	db: Db;
	now: () => Date;
	meetings: Meetings;
}): void {
	const { socket, db, meetings } = options;

	/** Each step shown to the room goes into the audit log: who showed it, and when. */
	async function recordReveals(kollegiumId: string, stepIds: string[]): Promise<void> {
		const userId = socket.data.userId;
		if (stepIds.length === 0 || !userId) return;
		const user = await db
			.selectFrom('users')
			.select('name')
			.where('id', '=', userId)
			.executeTakeFirst();
		for (const stepId of stepIds)
			await recordAudit(options, {
				actor: { kind: 'colleague', id: userId, name: user?.name ?? '' },
				action: 'revealed',
				target: { id: kollegiumId, stepId },
				address: socket.handshake.address
			});
	}

	socket.on(
		'meeting:join',
		guarded('meeting:join', async (raw, ack) => {
			if (typeof ack !== 'function') return;
			const request = JoinRequest.safeParse(raw);
			if (!request.success) return ack({ ok: false, error: 'validation' });
			const { kollegiumId, view } = request.data;
			const allowed = await mayJoin(db, socket, kollegiumId, view);
			if (allowed !== true) return ack({ ok: false, error: allowed });
			await leaveMeeting(socket, meetings, kollegiumId);
			await socket.join(meetingRoom(kollegiumId, view));
			// Set before joining, so a disconnect from here on leaves the meeting.
			const meeting = {
				kollegiumId,
				drives: view !== 'participant',
				handle: null as Handle | null
			};
			socket.data.meeting = meeting;
			const participant = view === 'participant' ? socket.data.participant?.participant : null;
			meeting.handle = await meetings.join(kollegiumId, socket.id, participant ?? null);
			const handle = meeting.handle;
			const frame = frameForView(await meetings.frame(kollegiumId), view);
			// Only the participant learns their own handle: the ack is theirs alone.
			ack({ ok: true, data: handle ? { ...frame, you: handle } : frame });
		})
	);

	socket.on(
		'meeting:command',
		guarded('meeting:command', async (raw, ack) => {
			if (typeof ack !== 'function') return;
			const meeting = socket.data.meeting;
			if (!meeting?.drives || !socket.data.userId) return ack({ ok: false, error: 'forbidden' });
			const command = MeetingCommand.safeParse(raw);
			if (!command.success) return ack({ ok: false, error: 'validation' });
			// A mark must name a goal of the trainee's previous plan, or it changes nothing.
			if (
				command.data.type === 'markFollowUp' &&
				!(await meetings.marksKnownGoal(meeting.kollegiumId, command.data))
			) {
				return ack({ ok: false, error: 'validation' });
			}
			if (command.data.type !== 'drawSpeakingOrder') {
				const revealed = await meetings.apply(meeting.kollegiumId, command.data);
				ack({ ok: true });
				return recordReveals(meeting.kollegiumId, revealed);
			}
			// Who is in the room travels with the draw; MeetingCommand alone would strip it.
			const draw = SpeakingOrderDraw.safeParse(raw);
			if (!draw.success) return ack({ ok: false, error: 'validation' });
			await meetings.drawSpeakingOrder(meeting.kollegiumId, draw.data);
			ack({ ok: true });
		})
	);

	socket.on(
		'meeting:hand',
		guarded('meeting:hand', async (raw, ack) => {
			if (typeof ack !== 'function') return;
			const meeting = socket.data.meeting;
			const participant = socket.data.participant?.participant;
			const handle = meeting?.handle;
			if (!meeting || !participant || !handle) return ack({ ok: false, error: 'forbidden' });
			const command = ParticipantCommand.safeParse(raw);
			if (!command.success) return ack({ ok: false, error: 'validation' });
			await meetings.apply(
				meeting.kollegiumId,
				command.data.type === 'raiseHand'
					? { type: 'raiseHand', handle, name: participant.name }
					: { type: 'lowerHand', handle }
			);
			ack({ ok: true });
		})
	);

	socket.on('disconnect', (reason) => {
		const meeting = socket.data.meeting;
		// A restart is not the room emptying: hands stay up for when everyone reconnects.
		if (!meeting || reason === 'server shutting down') return;
		meetings
			.leave(meeting.kollegiumId, socket.id)
			.catch((error: unknown) => console.error('socket.io: leaving a meeting failed', error));
	});
}

/**
 * A socket follows one meeting in one view: joining again leaves the rooms it was in, and a
 * different meeting's list of who is present.
 */
async function leaveMeeting(
	socket: KollegiumSocket,
	meetings: Meetings,
	kollegiumId: string
): Promise<void> {
	for (const room of [...socket.rooms]) if (room.startsWith('meeting:')) await socket.leave(room);
	const before = socket.data.meeting;
	socket.data.meeting = null;
	if (before && before.kollegiumId !== kollegiumId)
		await meetings.leave(before.kollegiumId, socket.id);
}

/** True, or the reason the socket may not join this meeting in this view. */
async function mayJoin(
	db: Db,
	socket: KollegiumSocket,
	kollegiumId: string,
	view: MeetingView
): Promise<true | string> {
	const { userId, participant } = socket.data;
	const who = participant ? { holder: participant } : userId ? { userId } : null;
	if (!who) return 'forbidden';
	const access = await resolveAccess(db, { who, kollegiumId, resource: { kind: 'meeting', view } });
	return access.grant === 'refused' ? access.code : true;
}
