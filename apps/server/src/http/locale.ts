import type { Locale } from '@kollegium/model';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';

export const LOCALE_COOKIE = 'kollegium_locale';

/** The reader's language: their choice (cookie), else the browser's, else Swedish. */
export const detectLocale = createMiddleware<AppEnv>(async (c, next) => {
	const chosen = getCookie(c, LOCALE_COOKIE);
	const accepted = c.req.header('accept-language') ?? '';
	const locale: Locale =
		chosen === 'en' || chosen === 'sv' ? chosen : /^en\b/i.test(accepted) ? 'en' : 'sv';
	c.set('locale', locale);
	await next();
});
