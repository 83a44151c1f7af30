/** A Yjs map or array: what YJson needs of it. */
interface Observable<T> {
	toJSON(): T;
	observeDeep(listener: () => void): void;
	unobserveDeep(listener: () => void): void;
}

/**
 * A Svelte-reactive plain copy of a Yjs map or array, renewed on every change by anyone.
 * Inputs read from the copy and write to the shared type field by field, so two people
 * editing different parts of a plan never overwrite each other.
 */
export class YJson<T> {
	#value = $state() as T;
	readonly #type: Observable<T>;
	readonly #refresh = () => (this.#value = this.#type.toJSON());

	constructor(type: Observable<T>) {
		this.#type = type;
		this.#refresh();
		type.observeDeep(this.#refresh);
	}

	get value(): T {
		return this.#value;
	}

	destroy(): void {
		this.#type.unobserveDeep(this.#refresh);
	}
}

/** Copies of several shared types for as long as an $effect runs: returns its cleanup. */
export function follow(copies: YJson<unknown>[]): () => void {
	return () => {
		for (const copy of copies) copy.destroy();
	};
}
