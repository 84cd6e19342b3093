import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * When a session ends while someone is filling in a form, what they typed must not be lost: the
 * submitted fields are parked in a short-lived cookie, the person signs in again, and the page
 * they were on puts the values back for them to check and save. Nothing is saved unseen.
 */
const RESUME_COOKIE = 'hub_resume';
const MAX_COOKIE_BYTES = 3500;
const NEVER_KEPT = new Set(['_csrf', 'password', 'newPassword', 'confirmPassword']);

type Fields = Record<string, string | string[]>;

export function parkForm(request: FastifyRequest, reply: FastifyReply, secure: boolean): boolean {
  const body = request.body;
  if (!body || typeof body !== 'object') return false;
  const fields: Fields = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (NEVER_KEPT.has(key)) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[key] = value as string[];
  }
  const encoded = Buffer.from(JSON.stringify({ path: pathOf(request.url), fields })).toString('base64url');
  if (encoded.length > MAX_COOKIE_BYTES) return false;
  reply.setCookie(RESUME_COOKIE, encoded, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 60 });
  return true;
}

/** Whether a parked form is waiting (the sign-in page says so). */
export function hasParkedForm(request: FastifyRequest): boolean {
  return Boolean(request.cookies[RESUME_COOKIE]);
}

/** The fields parked for this page (the form's POST path), once: the cookie is cleared as it is read. */
export function takeParkedForm(request: FastifyRequest, reply: FastifyReply, formPath: string): Fields | undefined {
  const raw = request.cookies[RESUME_COOKIE];
  if (!raw) return undefined;
  try {
    const parked = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { path?: unknown; fields?: unknown };
    if (parked.path !== formPath || !parked.fields || typeof parked.fields !== 'object') return undefined;
    reply.clearCookie(RESUME_COOKIE, { path: '/' });
    return parked.fields as Fields;
  } catch {
    reply.clearCookie(RESUME_COOKIE, { path: '/' });
    return undefined;
  }
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}
