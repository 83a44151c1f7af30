import type { AccountRole, Me } from '@kollegium/model';
import WebSocket from 'ws';
import { ApiClient, tokenOf } from './client.ts';
import { documentUrl } from './documents.ts';
import { PASSWORD } from './fixtures.ts';
import { connect, join, type MeetingSocket } from './meeting.ts';
import type { TestServer } from './server.ts';

type Server = Pick<TestServer, 'url'>;

/** A colleague's account as a test holds it: their signed-in client and who they are. */
export interface Colleague {
	client: ApiClient;
	me: Me;
	email: string;
	password: string;
}

/** An administrator's invitation of a colleague: the one-time link, its token and expiry. */
export async function inviteColleague(
	admin: ApiClient,
	invitation: { email: string; role: AccountRole; clinicId: string }
): Promise<{ url: string; token: string; expiresAt: string }> {
	const response = await admin.post('/accounts/invitations', invitation);
	if (response.status !== 201)
		throw new Error(`Inviting ${invitation.email} failed: ${response.status} ${response.text}`);
	const { url, expiresAt } = response.json as { url: string; expiresAt: string };
	return { url, token: tokenOf(url), expiresAt };
}

/** Takes up an invitation in a fresh client, as its holder's browser would; signed in after. */
export async function acceptInvitation(
	server: Server,
	options: { token: string; name: string; password?: string }
): Promise<{ client: ApiClient; me: Me }> {
	const client = new ApiClient(server.url);
	const response = await client.post('/auth/accept', {
		token: options.token,
		name: options.name,
		password: options.password ?? PASSWORD
	});
	if (response.status !== 201)
		throw new Error(`Accepting an invitation failed: ${response.status} ${response.text}`);
	return { client, me: response.json as Me };
}

/** Invites a colleague to a clinic with a role and takes the invitation up: a new account. */
export async function addColleague(
	server: Server,
	admin: ApiClient,
	options: { name: string; email: string; role: AccountRole; clinicId: string; password?: string }
): Promise<Colleague> {
	const { token } = await inviteColleague(admin, {
		email: options.email,
		role: options.role,
		clinicId: options.clinicId
	});
	const password = options.password ?? PASSWORD;
	const { client, me } = await acceptInvitation(server, { token, name: options.name, password });
	return { client, me, email: options.email, password };
}

/** A new colleague's signed-in client, for tests that need nothing else of them. */
export async function colleagueClient(
	server: Server,
	admin: ApiClient,
	options: { name: string; email: string; role: AccountRole; clinicId: string }
): Promise<ApiClient> {
	return (await addColleague(server, admin, options)).client;
}

/** Creates a clinic as an administrator; returns its id. */
export async function createClinic(admin: ApiClient, name: string): Promise<string> {
	const response = await admin.post('/clinics', { name });
	if (response.status !== 201)
		throw new Error(`Creating the clinic ${name} failed: ${response.status} ${response.text}`);
	return (response.json as { id: string }).id;
}

/** Signs in in a fresh client; the answer is returned as it came, signed in or not. */
export async function signIn(server: Server, email: string, password = PASSWORD) {
	const client = new ApiClient(server.url);
	const response = await client.post('/auth/login', { email, password });
	return { client, response };
}

/** A colleague's live connections to a meeting: its control over socket.io, its document. */
export interface LiveConnections {
	socket: MeetingSocket;
	document: WebSocket;
	close(): void;
}

/**
 * Opens, with the colleague's session cookie, the meeting control of a live kollegium and a
 * raw connection to its shared document, as the control page does. Rejects when refused.
 */
export async function openLiveConnections(
	server: TestServer,
	client: ApiClient,
	kollegiumId: string
): Promise<LiveConnections> {
	const socket = connect(server, { cookie: client.cookieHeader });
	const opened = await new Promise<WebSocket>((resolve, reject) => {
		void documentUrl(server, kollegiumId).then((url) => {
			const document = new WebSocket(url, { headers: { cookie: client.cookieHeader } });
			document.once('message', () => resolve(document));
			document.once('close', (code) => reject(new Error(`document refused: ${code}`)));
			document.on('error', () => undefined);
		}, reject);
	});
	try {
		await join(socket, kollegiumId, 'control');
	} catch (error) {
		socket.disconnect();
		opened.terminate();
		throw error;
	}
	return {
		socket,
		document: opened,
		close() {
			socket.disconnect();
			opened.terminate();
		}
	};
}

/**
 * What the control answers to a harmless command: 'accepted', its refusal, or 'disconnected'
 * when the server has let the socket go (within `ms` of asking).
 */
export function tryCommand(socket: MeetingSocket, ms = 3000): Promise<string> {
	if (!socket.connected) return Promise.resolve('disconnected');
	return new Promise((resolve) => {
		const done = (result: string) => {
			clearTimeout(timer);
			socket.off('disconnect', onDisconnect);
			resolve(result);
		};
		const onDisconnect = () => done('disconnected');
		const timer = setTimeout(() => done('no answer'), ms);
		socket.once('disconnect', onDisconnect);
		socket.emit('meeting:command', { type: 'clearSpeakingOrder' }, (result) =>
			done(result.ok ? 'accepted' : (result.error ?? 'refused'))
		);
	});
}

/** Waits until a socket.io client is let go or a document connection closes, up to `ms`. */
export function cutOffWithin(
	connection: MeetingSocket | WebSocket,
	ms = 3000
): Promise<'cut off' | 'still connected'> {
	const isSocket = !(connection instanceof WebSocket);
	if (isSocket ? !connection.connected : connection.readyState >= WebSocket.CLOSING)
		return Promise.resolve('cut off');
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve('still connected'), ms);
		const cut = () => {
			clearTimeout(timer);
			resolve('cut off');
		};
		if (isSocket) connection.once('disconnect', cut);
		else connection.once('close', cut);
	});
}
