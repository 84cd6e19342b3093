import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export interface CachedPage {
  body: Buffer;
  /** The same bytes compressed once, when cached: browsers always ask for one of these. */
  brotli: Buffer;
  gzip: Buffer;
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
      const page = compressPage(Buffer.from(renderPage()));
      entries.set(key, page);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return page;
    },
  };
}

function compressPage(body: Buffer): CachedPage {
  return {
    body,
    brotli: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
  };
}

/** Sends a cached page: 304 when the client has it, otherwise the best encoding it accepts. */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.header('etag', page.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === page.etag) return reply.status(304).send();
  reply.type('text/html; charset=utf-8');
  const accepted = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(page.brotli);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(page.gzip);
  return reply.send(page.body);
}
