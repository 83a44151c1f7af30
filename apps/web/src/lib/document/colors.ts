/**
 * Colours that tell editors apart and keep a white name label readable on them (contrast of
 * at least 4.5:1 against white, for WCAG AA).
 */
const palette = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#a16207', '#be185d', '#0e7490'];

export function colorFor(clientId: number): string {
	return palette[clientId % palette.length] ?? '#1d4ed8';
}
