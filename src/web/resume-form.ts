import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionService } from '../services/identity/session.service.ts';

/**
 * When a session ends while someone is filling in a form, what they typed must not be lost: the
 * submitted fields are parked in a short-lived cookie, the person signs in again, and the page
 * they were on puts the values back for them to check and save. Nothing is saved unseen.
 *
 * A parked form names the ended session it came from (by its token's hash, which only that
 * browser could know), so it goes back only to the person who held that session: not to the
 * next person signing in on a shared computer, and not from a cookie written by anyone else.
 * The session plugin parks a form only when its CSRF token was the ended session's.
 */
const RESUME_COOKIE = 'hub_resume';
const MAX_COOKIE_BYTES = 3500;
/** Never parked: CSRF tokens and anything that looks like a credential. */
const SECRET_FIELD = /^_csrf$|passw|secret|token/i;

type Fields = Record<string, string | string[]>;
interface ParkedForm {
  path: string;
  session: string;
  fields: Fields;
}

export type SessionOwners = Pick<SessionService, 'findPersonOfSession'>;

/** Parks the request's form fields for the ended session named by `sessionReference`. */
export function parkForm(request: FastifyRequest, reply: FastifyReply, options: { secure: boolean; sessionReference: string }): boolean {
  const body = request.body;
  if (!body || typeof body !== 'object') return false;
  const fields = textFieldsOf(body as Record<string, unknown>);
  const parked: ParkedForm = { path: pathOf(request.url), session: options.sessionReference, fields };
  const encoded = Buffer.from(JSON.stringify(parked)).toString('base64url');
  if (encoded.length > MAX_COOKIE_BYTES) return false;
  reply.setCookie(RESUME_COOKIE, encoded, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: 60 * 60 });
  return true;
}

/** Whether a parked form is waiting (the sign-in page says so). */
export function hasParkedForm(request: FastifyRequest): boolean {
  return Boolean(request.cookies[RESUME_COOKIE]);
}

/**
 * The fields parked for this page (the form's POST path), once: the cookie is cleared as it is
 * read. Only for the signed-in person who held the session the form was parked from.
 */
export async function takeParkedForm(request: FastifyRequest, reply: FastifyReply, formPath: string, sessions: SessionOwners): Promise<Fields | undefined> {
  const raw = request.cookies[RESUME_COOKIE];
  if (!raw || !request.viewer) return undefined;
  const parked = decode(raw);
  if (parked && parked.path !== formPath) return undefined; // another page's form: leave it for that page
  reply.clearCookie(RESUME_COOKIE, { path: '/' });
  if (!parked) return undefined;
  const owner = await sessions.findPersonOfSession({ reference: parked.session });
  return owner === request.viewer.personId ? parked.fields : undefined;
}

function decode(raw: string): ParkedForm | undefined {
  try {
    const parked = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ParkedForm>;
    if (typeof parked.path !== 'string' || typeof parked.session !== 'string' || !parked.fields || typeof parked.fields !== 'object') return undefined;
    return { path: parked.path, session: parked.session, fields: textFieldsOf(parked.fields) };
  } catch {
    return undefined;
  }
}

/** Text fields only (files and anything odd are dropped), without secrets. */
function textFieldsOf(values: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [key, value] of Object.entries(values)) {
    if (SECRET_FIELD.test(key)) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[key] = value as string[];
  }
  return fields;
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}
