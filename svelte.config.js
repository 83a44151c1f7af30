// The SvelteKit configuration of apps/web (apps/web/svelte.config.js re-exports it, because
// SvelteKit reads its config from the directory Vite runs in). Paths are relative to apps/web.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		// .br and .gz beside every asset, built once: the handler sends them to a browser that
		// accepts them, and _app/immutable/ with a year's cache, so a phone fetches the form's
		// scripts compressed once and never again until they change.
		adapter: adapter({ out: 'build', precompress: true }),
		// Hashes/nonces for SvelteKit's own inline bootstrap script; nothing else may run.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		version: { pollInterval: 0 }
	}
};

export default config;
