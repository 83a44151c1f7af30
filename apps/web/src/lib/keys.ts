import type { MeetingCommand } from '@kollegium/model';

/**
 * → (or a clicker's PageDown) shows the current step if not yet shown, else moves on; ← back;
 * space shows. On the control and on the presenter screen. Ignored while typing in a field. Returns the cleanup for $effect.
 */
export function drivingKeys(send: (command: MeetingCommand) => void): () => void {
	const onKey = (event: KeyboardEvent) => {
		const target = event.target as HTMLElement | null;
		if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
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
		// Space on a focused button would also click it; the key is the command.
		event.preventDefault();
		send(command);
	};
	window.addEventListener('keydown', onKey);
	return () => window.removeEventListener('keydown', onKey);
}
