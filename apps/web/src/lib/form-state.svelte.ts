import { ApiFailure, describeError, precheck, toFieldErrors, type FieldErrors } from './api.ts';
import type { z } from 'zod';

/**
 * The state every form here has: field errors, a summary message, and whether it is busy.
 * `submit` checks input with the model's schema first, then sends it, and turns a failure
 * into messages beside the fields.
 */
export class FormState {
	#errors = $state<FieldErrors>({});
	#message = $state<string | null>(null);
	#busy = $state(false);

	get errors(): FieldErrors {
		return this.#errors;
	}
	get message(): string | null {
		return this.#message;
	}
	get busy(): boolean {
		return this.#busy;
	}

	clear(): void {
		this.#errors = {};
		this.#message = null;
	}

	/** Validates `input` with `schema`; when valid, runs `send` with the parsed data. */
	async submit<S extends z.ZodType>(
		schema: S,
		input: unknown,
		send: (data: z.output<S>) => Promise<void>
	): Promise<void> {
		this.#message = null;
		const checked = precheck(schema, input);
		this.#errors = checked.errors;
		if (!checked.ok) return;
		await this.run(() => send(checked.data));
	}

	/** Runs an action that talks to the API, showing what went wrong if it fails. */
	async run(action: () => Promise<void>): Promise<void> {
		this.#message = null;
		this.#busy = true;
		try {
			await action();
		} catch (error) {
			if (error instanceof ApiFailure) this.#errors = toFieldErrors(error.issues);
			this.#message = describeError(error);
		} finally {
			this.#busy = false;
		}
	}
}
