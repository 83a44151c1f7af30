import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { invitationHolder } from '../auth/identity.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { AppEnv, Deps } from './env.ts';
import { fail } from './errors.ts';

export const SESSION_COOKIE = 'kollegium_session';
export const DEVICE_COOKIE = 'kollegium_device';

/**
 * This browser's device secret, set on its first visit through any invitation link. Answers
 * are shown only to the browser that wrote them, so whoever else holds a link (the
 * studierektor copied it to send it) cannot read them under the author's name.
 */
function deviceToken(deps: Deps, c: Context<AppEnv>): string {
	const existing = getCookie(c, DEVICE_COOKIE);
	if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
	const token = randomToken();
	setCookie(c, DEVICE_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Strict',
		secure: deps.config.secureCookies,
		path: '/api/respond',
		maxAge: 365 * 86_400
	});
	return token;
}

/** Signs a facilitator in: a random session token in an httpOnly, SameSite cookie. */
export async function startSession(deps: Deps, c: Context<AppEnv>, userId: string): Promise<void> {
	const token = randomToken();
	const now = deps.now();
	const expires = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
	await deps.db
		.insertInto('sessions')
		.values({
			tokenHash: hashToken(token),
			userId,
			createdAt: now.toISOString(),
			expiresAt: expires.toISOString()
		})
		.execute();
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Lax',
		secure: deps.config.secureCookies,
		path: '/',
		expires
	});
}

export async function endSession(deps: Deps, c: Context<AppEnv>): Promise<void> {
	const token = getCookie(c, SESSION_COOKIE);
	if (token) {
		await deps.db.deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute();
		// Signed out means out of the meeting and the document too, on this browser.
		deps.changes.colleagueAccessEnded({ sessionHash: hashToken(token) });
	}
	deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Lets the holder of a valid invitation through, with `invitation` set. The token travels in
 * the Authorization header, not the URL, so it does not end up in access logs. Unknown,
 * revoked and expired links are answered alike; the page explains what to do with one text.
 */
export function requireInvitation(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
		if (!token) fail(401, 'invitationMissing');
		const holder = await invitationHolder(deps, { token });
		if (!holder) fail(404, 'invitationInvalid');
		c.set('invitation', {
			invitationId: holder.invitationId,
			participantId: holder.participant.id,
			kollegiumId: holder.kollegiumId,
			deviceHash: hashToken(deviceToken(deps, c))
		});
		await next();
	});
}
