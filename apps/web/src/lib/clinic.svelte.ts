import type { Me, Membership } from '@kollegium/model';
import { goto } from '$app/navigation';
import { api, ApiFailure } from './api.ts';

const STORAGE_KEY = 'kollegium.clinic';

function rememberedClinic(): string | null {
	if (typeof localStorage === 'undefined') return null;
	return localStorage.getItem(STORAGE_KEY);
}

/**
 * Who is signed in and which of their clinics the pages show. A colleague in several clinics
 * chooses one in the header; the choice is remembered in this browser.
 */
class Session {
	me = $state<Me | null>(null);
	#chosen = $state<string | null>(rememberedClinic());
	#loaded = $state(false);
	#loading: Promise<Me | null> | null = null;

	/** The clinic the pages show: the one chosen, else the first the user belongs to. */
	get clinic(): Membership | null {
		const clinics = this.me?.clinics ?? [];
		return clinics.find((c) => c.clinicId === this.#chosen) ?? clinics[0] ?? null;
	}

	/** Whether the user may prepare and run kollegier in the clinic shown. */
	get runs(): boolean {
		return this.clinic?.role === 'studierektor';
	}

	/** Whether the server has been asked who is signed in since the last sign-in or sign-out. */
	get loaded(): boolean {
		return this.#loaded;
	}

	choose(clinicId: string): void {
		this.#chosen = clinicId;
		localStorage.setItem(STORAGE_KEY, clinicId);
	}

	/** Loads the signed-in user; null when nobody is signed in. Calls at once share one request. */
	load(): Promise<Me | null> {
		this.#loading ??= this.#fetch().finally(() => (this.#loading = null));
		return this.#loading;
	}

	async #fetch(): Promise<Me | null> {
		try {
			this.me = await api('GET /auth/me');
		} catch (error) {
			if (error instanceof ApiFailure && error.status === 401) this.me = null;
			else throw error;
		}
		this.#loaded = true;
		return this.me;
	}

	/** Someone just signed in (with a password, an invitation or a reset link). */
	signedIn(me: Me): void {
		this.me = me;
		this.#loaded = true;
	}

	signedOut(): void {
		this.me = null;
		this.#loaded = false;
	}

	/**
	 * Runs a call of a signed-in page. When the session has ended meanwhile (signed out
	 * elsewhere, a new password, the account deactivated), the person is sent to sign in.
	 */
	async call<T>(action: () => Promise<T>): Promise<T> {
		try {
			return await action();
		} catch (error) {
			if (error instanceof ApiFailure && error.status === 401) {
				this.signedOut();
				await goto('/logga-in');
			}
			throw error;
		}
	}
}

export const session = new Session();
