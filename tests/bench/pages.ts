// npm run bench:pages — what a first visit downloads: the JavaScript and CSS bytes on the wire
// (compressed, as the browser received them) of the respondent's form, the meeting control and
// the shared screen, each loaded in a cold browser context from the real server. Goal: the form,
// opened on a phone from an invitation, at most 100 kB of JavaScript. Ends with one line of JSON
// (tests/bench/report.ts).
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import type { ApiClient } from '../support/client.ts';
import { openSpecialistkollegium, setUpFacilitator } from '../support/fixtures.ts';
import { liveSpecialistkollegium } from '../support/meeting.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { printResult } from './report.ts';

const FORM_JS_BUDGET = 100 * 1024;

interface Transfer {
	url: string;
	kind: 'js' | 'css';
	bytes: number;
	encoding: string;
}

interface PageLoad {
	name: string;
	js: number;
	css: number;
	transfers: Transfer[];
}

function kindOf(request: Request, contentType: string): Transfer['kind'] | null {
	if (request.resourceType() === 'script' || contentType.includes('javascript')) return 'js';
	if (request.resourceType() === 'stylesheet' || contentType.includes('text/css')) return 'css';
	return null;
}

/** Loads `path` in a fresh context (empty cache) and sums what came over the wire. */
async function measure(options: {
	browser: Browser;
	base: string;
	name: string;
	path: string;
	cookie?: string;
	mobile?: boolean;
	ready: (page: Page) => Promise<unknown>;
}): Promise<PageLoad> {
	const context = await options.browser.newContext({
		viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
		locale: 'sv-SE'
	});
	if (options.cookie) {
		const cookies = options.cookie.split('; ').map((pair) => {
			const at = pair.indexOf('=');
			return { name: pair.slice(0, at), value: pair.slice(at + 1), url: options.base };
		});
		await context.addCookies(cookies);
	}
	const page = await context.newPage();
	const pending: Promise<Transfer | null>[] = [];
	page.on('requestfinished', (request) => {
		pending.push(
			(async () => {
				const response = await request.response();
				const kind = kindOf(request, response?.headers()['content-type'] ?? '');
				if (!kind || !response) return null;
				const sizes = await request.sizes();
				const encoding = response.headers()['content-encoding'] ?? 'identity';
				return { url: request.url(), kind, bytes: sizes.responseBodySize, encoding };
			})()
		);
	});
	await page.goto(`${options.base}${options.path}`);
	await options.ready(page);
	// Components imported on demand come after the first render.
	await page.waitForLoadState('networkidle');
	const transfers = (await Promise.all(pending)).filter((transfer) => transfer !== null);
	await context.close();
	const sum = (kind: Transfer['kind']) =>
		transfers.filter((t) => t.kind === kind).reduce((total, t) => total + t.bytes, 0);
	return { name: options.name, js: sum('js'), css: sum('css'), transfers };
}

/** Signs the facilitator in, and returns the three pages with what to wait for on each. */
async function setUp(server: TestServer, facilitator: ApiClient) {
	// The form as a specialist opens it while answering is open; the meeting on another kollegium.
	const open = await openSpecialistkollegium(server, facilitator);
	const token = open.people['Karin Holmlund']!.invitation ?? '';
	const trainee = open.detail.subjects[0].id as string;
	const live = await liveSpecialistkollegium(server, facilitator);
	const cookie = facilitator.cookieHeader;
	const answered = (page: Page) => page.getByText('3 har svarat').first().waitFor();
	return [
		{
			name: 'form',
			path: `/svar/${token}?formular=${trainee}`,
			mobile: true,
			ready: (page: Page) => page.locator('fieldset.choices').first().waitFor()
		},
		{ name: 'control', path: `/kollegier/${live.id}/mote`, cookie, ready: answered },
		{ name: 'screen', path: `/kollegier/${live.id}/visning`, cookie, ready: answered }
	].map((entry) => ({ ...entry, base: server.url }));
}

/** What Vite named each chunk (i18n.svelte, RichText, …), from the last build's manifest. */
function chunkNames(): Map<string, string> {
	const manifest = new URL(
		'../../apps/web/.svelte-kit/output/client/.vite/manifest.json',
		import.meta.url
	);
	if (!existsSync(manifest)) return new Map();
	const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
		string,
		{ file: string; name?: string }
	>;
	return new Map(Object.values(entries).map((entry) => [`/${entry.file}`, entry.name ?? '']));
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`.padStart(10);

function printTable(loads: PageLoad[]): void {
	console.log('\nFirst visit, cold cache: bytes on the wire (compressed as sent)');
	console.log('page             JS        CSS   files  encodings');
	for (const load of loads) {
		const encodings = [...new Set(load.transfers.map((t) => t.encoding))].join(', ');
		console.log(
			`${load.name.padEnd(8)} ${kB(load.js)} ${kB(load.css)} ${String(load.transfers.length).padStart(7)}  ${encodings}`
		);
	}
	const form = loads.find((load) => load.name === 'form');
	if (!form) return;
	console.log('\nThe form page\u2019s largest scripts:');
	const largest = form.transfers
		.filter((t) => t.kind === 'js')
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, 5);
	const names = chunkNames();
	for (const t of largest) {
		const path = new URL(t.url).pathname;
		const name = names.get(path) ?? '';
		console.log(`${kB(t.bytes)}  ${path}${name ? `  (${name})` : ''}`);
	}
}

const server = await startTestServer({ pages: true });
const browser = await launchBrowser();
try {
	const { client } = await setUpFacilitator(server);
	const pages = await setUp(server, client);
	const loads: PageLoad[] = [];
	for (const page of pages) loads.push(await measure({ browser, ...page }));
	printTable(loads);
	const figure = (name: string) => loads.find((load) => load.name === name)!;
	const formJs = figure('form').js;
	console.log(
		`\ngoal: the form\u2019s JavaScript \u2264 ${kB(FORM_JS_BUDGET).trim()}: ${formJs <= FORM_JS_BUDGET ? 'PASS' : 'FAIL'}`
	);
	printResult({
		bench: 'pages',
		figures: Object.fromEntries(
			loads.flatMap((load) => [
				[`${load.name}JsBytes`, load.js],
				[`${load.name}CssBytes`, load.css]
			])
		),
		goals: {
			formJs: {
				target: `form page JavaScript \u2264 ${FORM_JS_BUDGET} bytes compressed`,
				value: formJs,
				pass: formJs <= FORM_JS_BUDGET
			}
		}
	});
} finally {
	await browser.close();
	await server.close();
}
process.exit(0);
