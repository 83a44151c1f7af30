import {
	storableDraft,
	type Answers,
	type AnswerValue,
	type FieldIssue,
	type RespondentView,
	type SavedResponse
} from '@kollegium/model';
import { api, ApiFailure } from './api.ts';

type Assignment = RespondentView['assignments'][number];
export type SaveState = 'idle' | 'saving' | 'saved' | 'offline' | 'error';

interface LocalCopy {
	answers: Answers;
	declined: boolean;
	/** The server revision the local edits were made on. */
	revision: number;
	/**
	 * The revision a save of these edits was sent to make, while its answer was not back: if the
	 * page closed meanwhile, a server at that revision holds this browser's own save.
	 */
	sending?: number | null;
	savedAt: number;
}

const AUTOSAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 5000;

/**
 * One respondent's answers about one subject, kept in two places so nothing is lost: in this
 * browser at every keystroke, and on the server shortly after (retried until it gets through).
 * An answer the server would refuse (a text over its limit) never holds up the others: the
 * server keeps its last valid version until it is fixed, and this browser keeps the whole text.
 */
export class ResponseDraft {
	#answers = $state<Answers>({});
	#declined = $state(false);
	#saveState = $state<SaveState>('idle');
	#saved = $state<SavedResponse | null>(null);
	#restoredLocally = $state(false);
	#errorCode = $state<string | null>(null);
	/** Items whose answer this browser holds but the server does not yet: not valid as they are. */
	#heldBack = $state<string[]>([]);
	/** Answers exist, written in another browser: this one may only start over. */
	#locked = $state(false);
	#startOver = false;
	readonly #token: string;
	readonly #subjectId: string;
	readonly #storageKey: string;
	readonly #validate: (answers: Answers) => readonly FieldIssue[];
	/** The answers the server holds, as last sent and accepted. */
	#stored: Answers = {};
	#revision = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#inFlight: Promise<void> | null = null;
	/** The revision the save in flight would make. */
	#sending: number | null = null;
	#pending = false;

	constructor(options: {
		token: string;
		participantId: string;
		assignment: Assignment;
		/** What is wrong with answers as a draft: each issue's answer is held back from the server. */
		validate: (answers: Answers) => readonly FieldIssue[];
	}) {
		const { assignment } = options;
		this.#token = options.token;
		this.#validate = options.validate;
		this.#subjectId = assignment.subjectId;
		this.#storageKey = `kollegium:draft:${options.participantId}:${assignment.subjectId}`;
		const server = assignment.response;
		this.#saved = server;
		this.#answers = { ...(server?.answers ?? {}) };
		this.#stored = { ...this.#answers };
		this.#declined = server?.declined ?? false;
		this.#revision = server?.revision ?? 0;
		this.#locked = server !== null && !server.readable;
		const local = this.#readLocal();
		const ownSave = local?.sending === this.#revision && this.#revision > 0;
		if (
			local &&
			!this.#locked &&
			(ownSave ||
				(local.revision === this.#revision &&
					local.savedAt > Date.parse(server?.updatedAt ?? '1970-01-01'))) &&
			!sameAnswers(local, this.#answers, this.#declined)
		) {
			this.#answers = local.answers;
			this.#declined = local.declined;
			this.#restoredLocally = true;
			this.#schedule();
		}
	}

	get answers(): Answers {
		return this.#answers;
	}
	get declined(): boolean {
		return this.#declined;
	}
	get saveState(): SaveState {
		return this.#saveState;
	}
	get saved(): SavedResponse | null {
		return this.#saved;
	}
	get restoredLocally(): boolean {
		return this.#restoredLocally;
	}
	get errorCode(): string | null {
		return this.#errorCode;
	}
	get locked(): boolean {
		return this.#locked;
	}
	get heldBack(): readonly string[] {
		return this.#heldBack;
	}

	/** Withdraws the answers written elsewhere (on the next save) and answers afresh here. */
	startOver(): void {
		this.#locked = false;
		this.#startOver = true;
		this.#stored = {};
		this.#answers = {};
		this.#declined = false;
		this.#changed();
	}

	set(itemId: string, value: AnswerValue | undefined): void {
		const next = { ...this.#answers };
		if (value === undefined || value === '') delete next[itemId];
		else next[itemId] = value;
		this.#answers = next;
		this.#changed();
	}

	set declined(value: boolean) {
		this.#declined = value;
		this.#changed();
	}

	/** Sends the answers as submitted; throws ApiFailure with field issues when they are not valid. */
	async submit(): Promise<void> {
		clearTimeout(this.#timer);
		await this.#inFlight;
		// The submit carries every answer: nothing is left for a draft save unless edits follow.
		this.#pending = false;
		const answers = this.#answers;
		this.#sending = this.#revision + 1;
		this.#writeLocal();
		try {
			const saved = await api('POST /respond/responses/:subjectId/submit', {
				params: { subjectId: this.#subjectId },
				invitation: this.#token,
				body: {
					answers,
					declined: this.#declined,
					baseRevision: this.#revision,
					startOver: this.#startOver
				}
			});
			this.#accept(saved, answers, []);
		} catch (error) {
			this.#sending = null;
			this.#schedule();
			throw error;
		}
	}

	/** Saves now (when leaving the page, or when the network is back). */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		if (!this.#pending) return this.#inFlight ?? Promise.resolve();
		return this.#save();
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}

	#changed(): void {
		this.#pending = true;
		this.#writeLocal();
		this.#schedule();
	}

	#schedule(delay = AUTOSAVE_DELAY_MS): void {
		this.#pending = true;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#save(), delay);
	}

	async #save(): Promise<void> {
		if (this.#inFlight) {
			await this.#inFlight;
			if (!this.#pending) return;
		}
		this.#pending = false;
		this.#saveState = 'saving';
		const { answers, heldBack } = storableDraft({
			answers: this.#answers,
			issues: this.#validate(this.#answers),
			stored: this.#stored
		});
		const body = {
			answers,
			declined: this.#declined,
			baseRevision: this.#revision,
			startOver: this.#startOver
		};
		this.#sending = this.#revision + 1;
		this.#writeLocal();
		this.#inFlight = api('PUT /respond/responses/:subjectId', {
			params: { subjectId: this.#subjectId },
			invitation: this.#token,
			body
		})
			.then((saved) => this.#accept(saved, answers, heldBack))
			.catch((error: unknown) => this.#failed(error))
			.finally(() => {
				this.#inFlight = null;
				this.#sending = null;
			});
		return this.#inFlight;
	}

	#accept(saved: SavedResponse, stored: Answers, heldBack: string[]): void {
		this.#saved = saved;
		this.#stored = stored;
		this.#heldBack = heldBack;
		this.#revision = saved.revision;
		this.#sending = null;
		this.#startOver = false;
		this.#saveState = this.#pending ? 'saving' : 'saved';
		this.#errorCode = null;
		this.#writeLocal();
	}

	#failed(error: unknown): void {
		this.#pending = true;
		if (error instanceof ApiFailure && error.status !== 0 && error.status < 500) {
			// Validation (a draft with a too long text) or a closed form: retrying will not help.
			this.#saveState = 'error';
			this.#errorCode = error.code;
			return;
		}
		this.#saveState = 'offline';
		this.#schedule(RETRY_DELAY_MS);
	}

	#readLocal(): LocalCopy | null {
		try {
			const raw = localStorage.getItem(this.#storageKey);
			return raw ? (JSON.parse(raw) as LocalCopy) : null;
		} catch {
			return null;
		}
	}

	#writeLocal(): void {
		const copy: LocalCopy = {
			answers: this.#answers,
			declined: this.#declined,
			revision: this.#revision,
			sending: this.#sending,
			savedAt: Date.now()
		};
		try {
			localStorage.setItem(this.#storageKey, JSON.stringify(copy));
		} catch {
			// Storage full or disabled (private mode): the server copy still saves.
		}
	}
}

function sameAnswers(local: LocalCopy, answers: Answers, declined: boolean): boolean {
	return (
		local.declined === declined &&
		JSON.stringify(sortKeys(local.answers)) === JSON.stringify(sortKeys(answers))
	);
}

function sortKeys(answers: Answers): Answers {
	return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
}
