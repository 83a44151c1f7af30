import WebSocket from 'ws';
import { ApiClient, tokenOf } from '../support/client.ts';
import { kollegiumInput, PASSWORD, setUpFacilitator } from '../support/fixtures.ts';
import {
	connect,
	join,
	liveSpecialistkollegium,
	nextFrame,
	send,
	type MeetingSocket
} from '../support/meeting.ts';
import { TestClock, type TestServer } from '../support/server.ts';
import type { ServerProcess } from './process.ts';

/** Valid values for each path parameter name of the OpenAPI document. */
export type Ids = Record<string, string[]>;

/**
 * What the hostile inputs are aimed at, made through the API as a studierektor makes it: a
 * live specialistkollegium with its control and a participant following on sockets, and a
 * second kollegium (the "victim") with its own session, for the requests that must be refused
 * for their Origin; if the server wrongly accepts one, only the victim is harmed.
 */
export class World {
	readonly server: ServerProcess;
	facilitator!: ApiClient;
	/** The same studierektor signed in a second time, only for the cross-origin probes. */
	victim!: ApiClient;
	liveId = '';
	victimId = '';
	ids: Ids = {};
	victimIds: Ids = {};
	/** Invitation tokens: valid ones by name, and links revoked or expired for comparison. */
	invitations: Record<'karin' | 'peter' | 'amira' | 'revoked' | 'expired', string> = {
		karin: '',
		peter: '',
		amira: '',
		revoked: '',
		expired: ''
	};
	control!: MeetingSocket;
	participant!: MeetingSocket;
	#keeper: WebSocket | null = null;
	#position = 0;

	constructor(server: ServerProcess) {
		this.server = server;
	}

	/** The fixtures expect a TestServer; of it they use the URL, the setup link and a clock. */
	get asTestServer(): TestServer {
		const { url, setupLink } = this.server;
		return { url, setupLink, clock: new TestClock() } as unknown as TestServer;
	}

	static async create(server: ServerProcess): Promise<World> {
		const world = new World(server);
		await world.#build();
		await world.reconnect();
		return world;
	}

	async #build(): Promise<void> {
		const server = this.asTestServer;
		this.facilitator = (await setUpFacilitator(server)).client;
		// Its link needs a moment to expire; that moment passes while the rest is made.
		const expired = this.#expiredLink();
		const live = await liveSpecialistkollegium(server, this.facilitator);
		this.liveId = live.id;
		const token = (name: string) => live.people[name]!.invitation ?? '';
		this.invitations.karin = token('Karin Holmlund');
		this.invitations.peter = token('Peter Sjövik');
		this.invitations.amira = token('Amira Nordqvist');
		const prepared = (await this.facilitator.get(`/kollegier/${live.id}/preparation`)).json;
		const comments = prepared.subjects.flatMap((s: { comments: { id: string }[] }) => s.comments);
		this.ids = {
			id: [live.id],
			participantId: live.detail.participants.map((p: { id: string }) => p.id),
			subjectId: Object.values(live.subjects),
			commentId: comments.map((comment: { id: string }) => comment.id)
		};
		this.victim = new ApiClient(server.url);
		const login = await this.victim.post('/auth/login', {
			email: 'eva@example.org',
			password: PASSWORD
		});
		if (login.status !== 200) throw new Error(`second sign-in failed: ${login.text}`);
		await this.#buildVictim();
		this.invitations.expired = await expired;
	}

	async #buildVictim(): Promise<void> {
		const server = this.asTestServer;
		const eva = this.facilitator;
		const created = await eva.post('/kollegier', kollegiumInput(server, { title: 'Offret' }));
		const id: string = created.json.id;
		for (const name of ['Olle Offersson', 'Rut Återkallad'])
			await eva.post(`/kollegier/${id}/participants`, { name, roles: ['assessor'] });
		const subject = await eva.post(`/kollegier/${id}/subjects`, {
			kind: 'trainee',
			name: 'Tilda Testsson',
			specialty: 'Internmedicin',
			stStart: '2025-09-01',
			regulation: 'HSLF-FS 2021:8'
		});
		await eva.post(`/kollegier/${id}/status`, { status: 'open' });
		const links = (await eva.post(`/kollegier/${id}/invitations`)).json as {
			participantId: string;
			url: string;
		}[];
		const revoked = links[1];
		if (!revoked) throw new Error('the victim kollegium got no invitation links');
		this.invitations.revoked = tokenOf(revoked.url);
		await eva.request(
			'DELETE',
			`/kollegier/${id}/participants/${revoked.participantId}/invitation`
		);
		this.victimId = id;
		this.victimIds = {
			id: [id],
			participantId: links.map((link) => link.participantId),
			subjectId: (subject.json.subjects as { id: string }[]).map((s) => s.id),
			commentId: []
		};
	}

	/**
	 * A link past its expiry: with INVITATION_GRACE_DAYS=0 a link to a meeting about to start
	 * expires with the meeting. Empty when the server will not make one.
	 */
	async #expiredLink(): Promise<string> {
		const eva = this.facilitator;
		const now = Date.now();
		const created = await eva.post('/kollegier', {
			...kollegiumInput(this.asTestServer, { title: 'Utgånget' }),
			startsAt: new Date(now + 1500).toISOString(),
			answerDeadline: new Date(now + 1000).toISOString()
		});
		if (created.status !== 201) return '';
		const id: string = created.json.id;
		const added = await eva.post(`/kollegier/${id}/participants`, {
			name: 'Ulla Utgången',
			roles: ['assessor']
		});
		const participantId: string | undefined = added.json?.participants?.[0]?.id;
		const link = await eva.post(`/kollegier/${id}/participants/${participantId}/invitation`);
		if (link.status !== 201) return '';
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 1600 - Date.now())));
		return tokenOf(link.json.url);
	}

	/** (Re)opens the sockets: after the start, or after the process died and was restarted. */
	async reconnect(): Promise<void> {
		this.close();
		const server = this.asTestServer;
		this.control = connect(server, { cookie: this.facilitator.cookieHeader });
		const frame = await join(this.control, this.liveId, 'control');
		this.#position = frame.state.position;
		this.participant = connect(server, { invitation: this.invitations.karin });
		await join(this.participant, this.liveId, 'participant');
		await this.#openKeeper();
	}

	/** One editor stays on the document, so it is never unloaded and compacted mid-batch. */
	async #openKeeper(): Promise<void> {
		this.#keeper?.terminate();
		const keeper = new WebSocket(`${this.server.url.replace('http', 'ws')}/yjs/${this.liveId}`, {
			headers: { cookie: this.facilitator.cookieHeader }
		});
		keeper.on('error', () => undefined);
		this.#keeper = keeper;
		await new Promise((resolve) => {
			keeper.once('open', resolve);
			keeper.once('close', resolve);
		});
	}

	/**
	 * The shared document still answers the editor that stayed on it: a sync step 1 gets its
	 * step 2. Null when it did, else what went wrong (the editor is reopened for the next time).
	 */
	async documentStep(timeoutMs = 5000): Promise<string | null> {
		const keeper = this.#keeper;
		if (!keeper || keeper.readyState !== WebSocket.OPEN) {
			await this.#openKeeper();
			return 'the editor kept on the shared document was disconnected';
		}
		const answered = await new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => done(false), timeoutMs);
			const listener = (data: Buffer) => {
				if (data[0] === 0 && data[1] === 1) done(true);
			};
			const done = (ok: boolean) => {
				clearTimeout(timer);
				keeper.off('message', listener);
				resolve(ok);
			};
			keeper.on('message', listener);
			keeper.send(Uint8Array.of(0, 0, 1, 0));
		});
		return answered ? null : `no sync step 2 within ${timeoutMs} ms`;
	}

	/**
	 * One real meeting step: the control moves on (or back), and the participant receives the
	 * frame. Null when it arrived, else what went wrong.
	 */
	async step(timeoutMs = 5000): Promise<string | null> {
		const target = this.#position === 0 ? 1 : this.#position - 1;
		const type = target > this.#position ? 'next' : 'previous';
		const arrived = nextFrame(this.participant, (frame) => frame.state.position === target);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<string>((resolve) => {
			timer = setTimeout(() => resolve(`no meeting:frame within ${timeoutMs} ms`), timeoutMs);
		});
		const refused = await Promise.race([send(this.control, 'meeting:command', { type }), timeout]);
		if (refused) {
			clearTimeout(timer);
			return `the control's "${type}" was answered ${refused}`;
		}
		const result = await Promise.race([arrived.then(() => null), timeout]);
		clearTimeout(timer);
		if (result === null) this.#position = target;
		return result;
	}

	close(): void {
		this.control?.disconnect();
		this.participant?.disconnect();
		this.#keeper?.terminate();
		this.#keeper = null;
	}
}
