import { fullAnswers, itemsFor } from '../api/helpers.ts';
import { ApiClient, tokenOf } from './client.ts';
import { kollegiumInput, ownClinicOf } from './fixtures.ts';
import { connect, join, nextFrame, send } from './meeting.ts';
import type { TestServer } from './server.ts';

export const SUPERVISOR_TRAINEES = ['Tove Tidig', 'Ulf Ung', 'Vera Väg', 'Wilma Winter'];

/**
 * A closed ST-läkarkollegium with two supervisors who each have a link: `above` answered about
 * by all four trainees (the supervisors' k is 4), `below` by three. Every step was shown.
 * Returns the supervisors' link URLs and the subjects' ids.
 */
export async function closedStWithSupervisors(
	server: TestServer,
	eva: ApiClient,
	names: { above: string; below: string; comment: (index: number) => string }
) {
	const clinicId = await ownClinicOf(eva);
	const input = kollegiumInput(server, { kind: 'st-lakarkollegium', supervisorMinRespondents: 4 });
	const id: string = (await eva.post(`/kollegier?clinicId=${clinicId}`, input)).json.id;
	for (const name of [names.above, names.below]) {
		const email = `${name.split(' ')[0]!.toLowerCase()}@example.org`;
		await eva.post(`/kollegier/${id}/subjects`, { kind: 'supervisor', name, email });
	}
	for (const name of SUPERVISOR_TRAINEES)
		await eva.post(`/kollegier/${id}/participants`, { name, roles: ['trainee'] });
	await eva.post(`/kollegier/${id}/status`, { status: 'open' });
	const issued: { participantId: string; url: string }[] = (
		await eva.post(`/kollegier/${id}/invitations`)
	).json;
	const detail = (await eva.get(`/kollegier/${id}`)).json;
	const nameOf = (participantId: string): string =>
		detail.participants.find((p: { id: string }) => p.id === participantId).name;
	const urls = Object.fromEntries(issued.map((link) => [nameOf(link.participantId), link.url]));
	const subjects: { id: string; name: string; kind: string }[] = detail.subjects;
	const form = (await client(server, urls[SUPERVISOR_TRAINEES[0]!]!).get('/respond')).json.form;
	for (const [index, trainee] of SUPERVISOR_TRAINEES.entries()) {
		const link = client(server, urls[trainee]!);
		for (const subject of subjects) {
			const answers = fullAnswers(form, { about: subject.kind, role: 'trainee', rating: 4 });
			for (const item of itemsFor(form, subject.kind, 'trainee')) {
				if (item.type === 'text') answers[item.id] = `${names.comment(index)} ${subject.name}`;
			}
			const declined = subject.name === names.below && index === 0;
			const body = declined ? { answers, declined: true } : { answers };
			const response = await link.post(`/respond/responses/${subject.id}/submit`, body);
			if (response.status !== 200) throw new Error(`submit failed: ${response.text}`);
		}
	}
	await eva.post(`/kollegier/${id}/close-answering`);
	await eva.post(`/kollegier/${id}/status`, { status: 'live' });
	await showEveryStep(server, eva, id);
	await eva.post(`/kollegier/${id}/status`, { status: 'closed' });
	const subjectId = (name: string) => subjects.find((s) => s.name === name)!.id;
	return { id, urls, above: subjectId(names.above), below: subjectId(names.below) };
}

function client(server: TestServer, url: string): ApiClient {
	return new ApiClient(server.url, { invitation: tokenOf(url) });
}

/** Goes through the agenda on the control view, revealing every step. */
async function showEveryStep(server: TestServer, eva: ApiClient, id: string): Promise<void> {
	const control = connect(server, { cookie: eva.cookieHeader });
	try {
		let frame = await join(control, id, 'control');
		for (const position of frame.agenda.keys()) {
			if (position > 0) {
				const moved = nextFrame(control, (f) => f.state.position === position);
				await send(control, 'meeting:command', { type: 'next' });
				frame = await moved;
			}
			if (frame.current === null) {
				const revealed = nextFrame(control, (f) => f.current !== null);
				await send(control, 'meeting:command', { type: 'reveal' });
				frame = await revealed;
			}
		}
	} finally {
		control.disconnect();
	}
}
