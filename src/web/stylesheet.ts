import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { NHSUK_DIST_DIR } from './render.ts';

/** Where pages load the design system's styles from: the hub itself, never the internet. */
export const NHSUK_STYLESHEET_PATH = '/static/styles/nhsuk-frontend.css';
const FONT_PREFIX = '/static/fonts/';

/**
 * nhsuk-frontend's stylesheet loads the Frutiger typeface from assets.nhs.uk. On a locked-down NHS
 * network that request hangs until it times out, and Frutiger is licensed, so the hub cannot ship
 * it. Each external font source is replaced by a file in `fontDir` when the organisation has put one
 * there (HUB_FONT_DIR, served from the hub), and otherwise by the typeface installed on the machine
 * (`local()`): the design system falls back to Arial where neither is present.
 */
export function selfHostedStylesheet(css: string, fontFiles: ReadonlySet<string>): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
    const sources = [...rule.matchAll(/url\(\s*["']?(https?:\/\/[^"')]+)["']?\s*\)\s*format\(\s*["']?([\w-]+)["']?\s*\)/g)];
    if (sources.length === 0) return rule;
    const files = sources.map(([, url = '', format = '']) => ({ name: path.posix.basename(new URL(url).pathname), format }));
    const installedNames = [...new Set(files.map((file) => file.name.replace(/\.[^.]+$/, '')))];
    const local = installedNames.map((name) => `local("${name}")`);
    const hosted = files.filter((file) => fontFiles.has(file.name)).map((file) => `url(${FONT_PREFIX}${file.name}) format("${file.format}")`);
    return rule.replace(/src\s*:[^;}]*/, `src:${[...local, ...hosted].join(',')}`);
  });
}

/** Serves the rewritten design-system stylesheet and, when configured, the organisation's font files. */
export async function registerStylesheet(app: FastifyInstance, options: { fontDir?: string }): Promise<void> {
  const fontFiles = new Set(options.fontDir && existsSync(options.fontDir) ? readdirSync(options.fontDir).filter((name) => /\.(woff2?|ttf|otf)$/i.test(name)) : []);
  const css = selfHostedStylesheet(readFileSync(path.join(NHSUK_DIST_DIR, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8'), fontFiles);
  const etag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 22)}"`;
  app.get(NHSUK_STYLESHEET_PATH, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=86400').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(css);
  });
  if (options.fontDir && fontFiles.size > 0) {
    await app.register(fastifyStatic, { root: path.resolve(options.fontDir), prefix: FONT_PREFIX, decorateReply: false, maxAge: '30d', allowedPath: (name) => fontFiles.has(name.replace(/^\//, '')) });
  }
}
