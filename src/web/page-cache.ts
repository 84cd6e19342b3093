import { createHash } from 'node:crypto';

export interface CachedPage {
  body: Buffer;
  etag: string;
}

/**
 * A small least-recently-used cache of rendered HTML. Only for pages that depend on immutable
 * data (a framework version) and the request's query, never on who is asking: a page that
 * starts to show signed-in state must put that state in its key or stop using this.
 */
export function createPageCache(maxEntries: number) {
  const entries = new Map<string, CachedPage>();
  return {
    get(key: string, renderPage: () => string): CachedPage {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const body = Buffer.from(renderPage());
      const page = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      entries.set(key, page);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return page;
    },
  };
}
