import { fieldIssue } from '@kollegium/model';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { invitationHolder, userBySession } from '../auth/identity.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { ownedKollegium } from '../domain/kollegier.ts';
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
	if (token)
		await deps.db.deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute();
	deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Lets only a signed-in facilitator through, with `user` set. */
export function requireUser(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const user = await userBySession(deps, getCookie(c, SESSION_COOKIE));
		if (!user) fail(401, 'unauthenticated');
		c.set('user', user);
		await next();
	});
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

const KollegiumId = z.object({ id: z.uuid() });

/**
 * Under /kollegier/:id: lets the request through only for the signed-in studierektor's own
 * kollegium, which it puts in the context. Another's is as good as absent (404).
 */
export function requireOwnKollegium(deps: Deps) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const id = KollegiumId.safeParse({ id: c.req.param('id') });
		if (!id.success)
			fail(400, 'validation', [
				fieldIssue({
					path: 'id',
					code: 'invalid_format',
					message: 'invalid',
					locale: c.get('locale')
				})
			]);
		c.set(
			'kollegium',
			await ownedKollegium(deps.db, { id: id.data.id, ownerId: c.get('user').id })
		);
		await next();
	});
}
