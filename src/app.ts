import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import path from 'node:path';
import { registerApi } from './api/index.ts';
import { registerCaseProvider } from './api/case/case.routes.ts';
import { registerXapi } from './xapi/xapi.plugin.ts';
import { registerOpenBadgesPublisher } from './api/credentials/open-badges.routes.ts';
import type { Services } from './services/index.ts';
import { installErrorHandling } from './web/error-handler.ts';
import { registerInputGuard } from './web/input-guard.ts';
import { withRedactedUrls } from './web/log-redaction.ts';
import { registerSessions } from './web/session.plugin.ts';
import { registerPages } from './web/index.ts';
import { registerUploads } from './web/file-transfer.ts';
import { createRenderer, inlineScriptHashes, NHSUK_DIST_DIR, WEB_DIR } from './web/render.ts';
import { pageGlobals } from './web/page-globals.ts';
import { registerStylesheet } from './web/stylesheet.ts';

export interface AppDeps {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** Mark cookies Secure (always in production; off for plain-HTTP local use). */
  secureCookies?: boolean;
  isDevelopment?: boolean;
  /** The organisation's own copy of the NHS typeface, if it has one (HUB_FONT_DIR). */
  fontDir?: string;
}

/** Builds the whole hub (pages, API, CASE provider, xAPI learning record store) around the given services. Does not listen. */
export async function buildApp({ services, logger = false, isDevelopment = false, secureCookies = false, fontDir }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Supplier and password reset links carry their secret in the path: never in the logs.
    logger: withRedactedUrls(logger),
    trustProxy: false,
    // JSON and urlencoded bodies: the largest real one (a page of ratings, a long note) is a few KB.
    // Evidence files come as multipart, which has its own limits (web/file-transfer.ts).
    bodyLimit: 1024 * 1024,
    // People type "/frameworks/" as often as "/frameworks"; both should reach the same page.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const render = createRenderer(pageGlobals(), { isDevelopment });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Signing out of a CIS2 session POSTs to /sign-out, which redirects to the provider's end-session page.
        formAction: ["'self'", ...(services.oidcConfig ? [new URL(services.oidcConfig.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Assets are same-origin; cross-origin isolation headers would only get in the way of API clients.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(fastifyFormbody);
  // Only routes that ask for it (public ones doing costly work, like checking a credential's signature).
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`Too many requests from your network address. Try again in ${context.after}.`), { statusCode: 429 }),
  });
  await app.register(registerInputGuard);
  // Multipart (evidence files) puts its fields in request.body before the CSRF preHandler runs.
  await registerUploads(app, services.evidence);
  await app.register(fastifyStatic, { root: path.join(NHSUK_DIST_DIR, 'nhsuk', 'assets'), prefix: '/assets/', maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(NHSUK_DIST_DIR, 'nhsuk'), prefix: '/static/nhsuk/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(WEB_DIR, 'static'), prefix: '/static/hub/', decorateReply: false, maxAge: '1h' });
  await registerStylesheet(app, { fontDir });

  await app.register(registerSessions, { services, render, secureCookies });

  installErrorHandling(app, render);
  await registerPages(app, { services, render });
  await registerApi(app, { services });
  await registerCaseProvider(app, { services });
  await registerXapi(app, { services });
  await registerOpenBadgesPublisher(app, { services });
  return app;
}
