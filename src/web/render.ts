import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);

export const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
export const NHSUK_DIST_DIR = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

export type ViewContext = Record<string, unknown>;
export type Renderer = (template: string, context?: ViewContext) => string;

/**
 * Nunjucks over our feature folders and the nhsuk-frontend macros. Templates are compiled once
 * and cached; `isDevelopment` re-reads them on change.
 */
export function createRenderer(globals: ViewContext, options: { isDevelopment?: boolean } = {}): Renderer {
  const loader = new nunjucks.FileSystemLoader([WEB_DIR, NHSUK_DIST_DIR], { noCache: options.isDevelopment === true });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  for (const [name, value] of Object.entries(globals)) env.addGlobal(name, value);
  env.addFilter('querystring', (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  });
  env.addGlobal('cachedPartial', createCachedPartial(env));
  return (template, context = {}) => env.render(template, context);
}

/**
 * `{{ cachedPartial("partials/x.njk", { … }) }}` renders a partial once per distinct context and
 * reuses the HTML. For pieces pages repeat with the same inputs (the header for one person and
 * section, a question's radios at one answer): nhsuk-frontend's macros are general and slow to
 * render, and most signed-in pages are rendered afresh (a person's data changes under them). The
 * context must hold everything the partial shows: it is the cache key.
 */
function createCachedPartial(env: nunjucks.Environment) {
  const rendered = new LRUCache<string, nunjucks.runtime.SafeString>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (html) => (html.length + 256) * 2 });
  return (template: string, context: ViewContext) => {
    const key = `${template}\n${JSON.stringify(context)}`;
    let html = rendered.get(key);
    if (html === undefined) {
      html = new nunjucks.runtime.SafeString(env.render(template, context));
      rendered.set(key, html);
    }
    return html;
  };
}

/**
 * The nhsuk-frontend page template carries one inline script (it marks the body as JS-enabled).
 * Allowing exactly that script by hash keeps the Content-Security-Policy strict without a
 * per-request nonce, so rendered pages stay cacheable.
 */
export function inlineScriptHashes(): string[] {
  const template = readFileSync(path.join(NHSUK_DIST_DIR, 'nhsuk', 'template.njk'), 'utf8');
  const scripts = [...template.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  return scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
}
