import type { MeetingCommand } from '@kollegium/model';

/** Where keys belong to what has focus: fields, and the shared document and its controls. */
const OWN_KEYS = 'input, textarea, select, summary, [contenteditable="true"], [data-own-keys]';
/** Where space presses what has focus (a button, a link) rather than revealing a step. */
const PRESSABLE = 'button, a[href], [role="button"], label';

/**
 * → (or a clicker's PageDown) shows the current step if not yet shown, else moves on; ← back;
 * space shows. On the control and on the presenter screen. A revealed step cannot be taken
 * back, so keys never drive the meeting while they belong to something else: typing in a
 * field, working in the shared document, or space on a focused button. Returns the cleanup
 * for $effect.
 */
export function drivingKeys(send: (command: MeetingCommand) => void): () => void {
	const onKey = (event: KeyboardEvent) => {
		const target = event.target as HTMLElement | null;
		if (target?.closest(OWN_KEYS)) return;
		if (event.key === ' ' && target?.closest(PRESSABLE)) return;
		if (event.altKey || event.ctrlKey || event.metaKey) return;
		const command: MeetingCommand | null =
			event.key === 'ArrowRight' || event.key === 'PageDown'
				? { type: 'advance' }
				: event.key === 'ArrowLeft' || event.key === 'PageUp'
					? { type: 'previous' }
					: event.key === ' '
						? { type: 'reveal' }
						: null;
		if (!command) return;
		event.preventDefault();
		send(command);
	};
	window.addEventListener('keydown', onKey);
	return () => window.removeEventListener('keydown', onKey);
}
