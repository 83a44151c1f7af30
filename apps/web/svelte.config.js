// SvelteKit looks for its config where Vite runs; the real one is at the top of the repository.
export { default } from '../../svelte.config.js';
