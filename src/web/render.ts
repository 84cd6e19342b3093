import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return (template, context = {}) => env.render(template, context);
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
