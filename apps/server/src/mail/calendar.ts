import { createEvent } from 'ics';

/** The meeting as a calendar event: one UID per kollegium, so updates replace the first. */
export interface MeetingEvent {
	kollegiumId: string;
	sequence: number;
	title: string;
	description: string;
	startsAt: string;
	location: string;
	videoLink: string;
	organizer: { name: string; email: string };
	attendee: { name: string; email: string };
	cancelled: boolean;
}

/** How long the calendar blocks: a kollegium runs about two hours. */
const MEETING_HOURS = 2;

/** An iCalendar file (REQUEST, or CANCEL for a cancelled meeting) written by the `ics` package. */
export function meetingCalendar(event: MeetingEvent): { method: string; content: string } {
	const method = event.cancelled ? 'CANCEL' : 'REQUEST';
	const { error, value } = createEvent({
		uid: `${event.kollegiumId}@kollegium`,
		sequence: event.sequence,
		method,
		productId: 'kollegium',
		start: Date.parse(event.startsAt),
		startInputType: 'utc',
		startOutputType: 'utc',
		duration: { hours: MEETING_HOURS },
		title: event.title,
		description: event.description,
		...(event.location || event.videoLink ? { location: event.location || event.videoLink } : {}),
		...(event.videoLink ? { url: event.videoLink } : {}),
		status: event.cancelled ? 'CANCELLED' : 'CONFIRMED',
		organizer: event.organizer,
		attendees: [{ ...event.attendee, rsvp: false, role: 'REQ-PARTICIPANT' }]
	});
	if (error || !value) throw error ?? new Error('The calendar event could not be written');
	return { method, content: value };
}
