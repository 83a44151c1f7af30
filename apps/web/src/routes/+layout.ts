// The app talks to its JSON API from the browser; pages are rendered client-side.
export const ssr = false;
export const prerender = false;
