import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import { hasParkedForm } from './resume-form.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This GET page may be served from the personal page cache: it reads nothing but the database,
     * writes nothing, and shows only what everyone shares and `'own-data'` (the viewer's own data)
     * or `'identity'` (only who they are: their name and roles in the header).
     */
    personalPage?: 'own-data' | 'identity';
  }
}

/** Route options for a page of the viewer's own data, served from the personal page cache (see `personalPage`). */
export const PERSONAL_PAGE = { config: { personalPage: 'own-data' as const } };
/** Route options for a page that differs between people only in its header (see `personalPage`). */
export const IDENTITY_PAGE = { config: { personalPage: 'identity' as const } };

/** How long a cached page is trusted with its stamp unchanged (pages that depend on the clock). */
const PAGE_TTL_MS = 60_000;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * Rendered signed-in pages, per person. A page is keyed by the person's view stamp (bumped by the
 * database in the transaction of any change to their data or to shared data) or, for a page that
 * shows only who they are, by their name, roles and the shared data's stamp; and by their unread
 * notification count (shown in the header) and the URL, so any change makes a new key. The CSRF
 * token is the one per-session part: pages are stored with a marker that is replaced on
 * every send.
 */
export function createPersonalPageCache(options: { frameworksGeneration(): string }) {
  const pages = new LRUCache<string, string>({ maxSize: MAX_CACHED_BYTES, sizeCalculation: (html) => html.length * 2, ttl: PAGE_TTL_MS });
  // Random per process, so no stored text can spell it.
  const csrfMarker = `csrf${randomBytes(16).toString('hex')}`;
  return {
    csrfMarker,
    /** The page's key, or undefined when this request must be rendered afresh. */
    keyOf(request: FastifyRequest): string | undefined {
      const { viewer, viewStamp } = request;
      const scope = request.routeOptions.config.personalPage;
      if (request.method !== 'GET' || !viewer || viewStamp === null || scope === undefined || hasParkedForm(request)) return undefined;
      // A page of who they are keeps while their data changes; the header's name and roles come
      // fresh from the session on every request, so they are part of the key instead.
      const dependsOn = scope === 'own-data' ? viewStamp.stamp : `${viewStamp.hubEpoch}\n${viewer.displayName}\n${viewer.roles.join(',')}`;
      // The header names the CIS2 role the session acts in, which two sessions of one account may differ in.
      const role = viewer.signedInAs?.roleId ?? '';
      // The frameworks as this process knows them: another process's load bumps the shared stamp
      // before this one has re-read them, and a page rendered in between must not outlive that.
      return `${viewer.personId}\n${role}\n${dependsOn}\n${options.frameworksGeneration()}\n${request.unreadNotifications}\n${request.url}`;
    },
    find(key: string, csrfToken: () => string): string | undefined {
      return pages.get(key)?.replaceAll(csrfMarker, csrfToken());
    },
    /** Keeps the page rendered with the marker; returns it as sent, with the real token. */
    keep(key: string, html: string, csrfToken: () => string): string {
      pages.set(key, html);
      return html.replaceAll(csrfMarker, csrfToken());
    },
  };
}

export type PersonalPageCache = ReturnType<typeof createPersonalPageCache>;
