import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `npm run dev` the pages come from Vite; the API, sockets and Yjs from the real server.
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		fs: { allow: ['../../packages'] },
		proxy: {
			'/api': api,
			'/healthz': api,
			'/socket.io': { target: api, ws: true }
		}
	}
});
