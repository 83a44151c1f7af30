import type * as Y from 'yjs';

/**
 * A Svelte-reactive plain copy of a Yjs map, refreshed on every change by anyone. Inputs read
 * from the copy and write to the map, field by field, so two people editing different fields
 * of the same plan never overwrite each other.
 */
export class YMapState {
	#json = $state<Record<string, unknown>>({});
	readonly #map: Y.Map<unknown>;
	readonly #refresh = () => (this.#json = this.#map.toJSON());

	constructor(map: Y.Map<unknown>) {
		this.#map = map;
		this.#refresh();
		map.observeDeep(this.#refresh);
	}

	get json(): Record<string, unknown> {
		return this.#json;
	}

	destroy(): void {
		this.#map.unobserveDeep(this.#refresh);
	}
}
