import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { ViewStamp } from '../db/view-version.repository.ts';
import type { Services } from '../services/index.ts';
import { csrf, SESSION_IDLE_MS } from '../services/identity/session.service.ts';
import type { OidcSessionState } from '../services/identity/session.service.ts';
import type { Viewer } from '../services/identity/viewer.ts';
import type { Renderer, ViewContext } from './render.ts';
import { createPersonalPageCache } from './personal-page-cache.ts';
import { parkForm } from './resume-form.ts';

export const SESSION_COOKIE = 'hub_session';
/** A signed-out visitor's CSRF secret (the sign-in and invitation forms need one too). */
const VISITOR_CSRF_COOKIE = 'hub_csrf';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. Resolved once per request from the session cookie. */
    viewer: Viewer | null;
    sessionCsrfSecret: string | null;
    /** The signed-in person's view stamp and unread notifications, read with the session. */
    viewStamp: ViewStamp | null;
    unreadNotifications: number;
    /** What an OpenID Connect sign-in left with the session (role switching, signing out at the provider). */
    oidcSession: OidcSessionState | null;
  }
  interface FastifyReply {
    /** Renders a page template with the viewer and a CSRF token available to it. */
    view(template: string, context?: ViewContext): FastifyReply;
    startSession(session: { token: string; expiresAt: Date }): FastifyReply;
    clearSession(): FastifyReply;
  }
}

export interface SessionPluginOptions {
  services: Services;
  render: Renderer;
  secureCookies: boolean;
}

/** The signed-in person, or a 401 (pages turn that into the sign-in page). */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.viewer;
}

async function sessionPlugin(app: FastifyInstance, { services, render, secureCookies }: SessionPluginOptions): Promise<void> {
  await app.register(fastifyCookie);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies } as const;

  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionCsrfSecret', null);
  app.decorateRequest('viewStamp', null);
  app.decorateRequest('unreadNotifications', 0);
  app.decorateRequest('oidcSession', null);
  const pageCache = createPersonalPageCache({ frameworksGeneration: () => services.catalog.generation() });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || isStaticAsset(request.url)) return;
    const session = await services.sessions.resolveSession({ token });
    if (!session) return;
    request.viewer = session.viewer;
    request.sessionCsrfSecret = session.csrfSecret;
    request.viewStamp = session.viewStamp;
    request.unreadNotifications = session.unreadNotifications;
    request.oidcSession = session.oidc ?? null;
  });

  // A personal page already rendered for this person's current data is sent without running its route.
  app.addHook('preHandler', async (request, reply) => {
    const key = pageCache.keyOf(request);
    const cached = key === undefined ? undefined : pageCache.find(key, () => csrf.createToken(request.sessionCsrfSecret ?? ''));
    if (cached !== undefined) return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(cached);
  });

  // Every unsafe request carries a CSRF token: forms in `_csrf`, API clients in `x-csrf-token`.
  app.addHook('preHandler', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    // The learning record store never reads the session: platforms sign each request with their key.
    if (request.url.startsWith('/xapi/')) return;
    const body = request.body as Record<string, unknown> | undefined;
    const token = request.headers['x-csrf-token'] ?? body?._csrf;
    const endedToken = request.cookies[SESSION_COOKIE];
    if (!request.viewer && endedToken && isSignedInPage(request.url)) {
      // The session ended while a form was open: keep what was typed and ask them to sign in again.
      // Only a form that carries the ended session's own CSRF token is kept, so no other site (or
      // sibling subdomain) can plant values in the form the person will see after signing in.
      const ended = await services.sessions.findEndedSession({ token: endedToken });
      if (ended && csrf.isValid(ended.csrfSecret, token)) parkForm(request, reply, { secure: secureCookies, sessionReference: ended.reference });
      return reply.clearSession().redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
    }
    const secret = request.sessionCsrfSecret ?? request.cookies[VISITOR_CSRF_COOKIE];
    // No cookie session: nothing to forge. (Starting one through the API takes JSON only, which no
    // cross-site form can send; see POST /api/v1/session.)
    if (request.url.startsWith('/api/') && !request.sessionCsrfSecret) return;
    if (!secret || !csrf.isValid(secret, token)) {
      reply.header('cache-control', 'no-store');
      throw new AppError('forbidden', 'This form has expired or was not sent from the hub. Go back, reload the page and try again.');
    }
  });

  // An answer to someone with a session (or one starting or ending it) may be theirs alone: no
  // browser or proxy keeps it. Assets are alike for everyone; downloads already say `private, no-store`.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isStaticAsset(request.url) || String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    if (request.cookies[SESSION_COOKIE] !== undefined || setsSessionCookie(reply)) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.decorateReply('view', function view(this: FastifyReply, template: string, context: ViewContext = {}) {
    const request = this.request;
    const realToken = () => csrf.createToken(request.sessionCsrfSecret ?? visitorCsrfSecret(request, this, cookieOptions));
    const cacheKey = this.statusCode === 200 ? pageCache.keyOf(request) : undefined;
    const csrfToken = cacheKey === undefined ? realToken : () => pageCache.csrfMarker;
    const html = render(template, { viewer: request.viewer, csrfToken, currentPath: request.url, unreadNotifications: request.unreadNotifications, ...context });
    return this.header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(cacheKey === undefined ? html : pageCache.keep(cacheKey, html, realToken));
  });

  app.decorateReply('startSession', function startSession(this: FastifyReply, { token, expiresAt }: { token: string; expiresAt: Date }) {
    return this.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt, maxAge: SESSION_IDLE_MS / 1000 });
  });

  app.decorateReply('clearSession', function clearSession(this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, cookieOptions);
  });
}

/** Whether the reply sets or clears the session cookie (the cookie plugin has written its headers by now). */
function setsSessionCookie(reply: FastifyReply): boolean {
  const header = reply.getHeader('set-cookie');
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

function visitorCsrfSecret(request: FastifyRequest, reply: FastifyReply, cookieOptions: object): string {
  const existing = request.cookies[VISITOR_CSRF_COOKIE];
  if (existing) return existing;
  const secret = csrf.newSecret();
  reply.setCookie(VISITOR_CSRF_COOKIE, secret, cookieOptions);
  // Later forms in the same response must reuse it.
  request.cookies[VISITOR_CSRF_COOKIE] = secret;
  return secret;
}

/** Pages whose forms need a session; sign-in, sign-out, invitation and supplier links are for anyone. */
function isSignedInPage(url: string): boolean {
  return !['/api/', '/ims/', '/sign-', '/invitations/', '/supplier/'].some((prefix) => url.startsWith(prefix));
}

function isStaticAsset(url: string): boolean {
  return url.startsWith('/assets/') || url.startsWith('/static/');
}

export const registerSessions = fp(sessionPlugin, { name: 'hub-sessions' });
