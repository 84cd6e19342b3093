import type { FastifyInstance } from 'fastify';

export interface CrawledForm {
  action: string;
  /** Field names with the values the page offers for them (hidden, radio, checkbox and option values). */
  fields: Map<string, string[]>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Assets, machine endpoints, downloads, and the framework's reference pages (hundreds of them, no forms).
const SKIPPED = /^\/(?:static|assets|api|ims|frameworks|requirements|archetypes|factors|question-sets|topics)\b|^\/sign-out|\/export|\.csv|\/download|\/files\//;

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
};

/** The POST forms on a page, with their fields, as a browser would see them. */
export function formsOn(html: string, pageUrl: string): CrawledForm[] {
  const forms: CrawledForm[] = [];
  for (const [, open, inner] of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)) {
    if ((attribute(open!, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields = new Map<string, string[]>();
    const offer = (name: string | undefined, value: string | undefined) => {
      if (!name || name === '_csrf') return;
      const values = fields.get(name) ?? [];
      if (value !== undefined && !values.includes(value)) values.push(value);
      fields.set(name, values);
    };
    for (const [tag] of inner!.matchAll(/<input\b[^>]*>/g)) offer(attribute(tag, 'name'), attribute(tag, 'value'));
    for (const [tag] of inner!.matchAll(/<textarea\b[^>]*>/g)) offer(attribute(tag, 'name'), undefined);
    for (const [, tag, options] of inner!.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
      for (const [option] of options!.matchAll(/<option\b[^>]*>/g)) offer(attribute(tag!, 'name'), attribute(option, 'value'));
    }
    forms.push({ action: attribute(open!, 'action') ?? pageUrl, fields });
  }
  return forms;
}

/**
 * Walks the signed-in pages breadth-first from the home page, reading at most `maxPages` and at
 * most one page of each shape (addresses differing only in ids), and returns every POST form seen.
 */
export async function crawlForms(app: FastifyInstance, cookie: string, maxPages: number): Promise<CrawledForm[]> {
  const queue = ['/'];
  const seen = new Set(queue);
  const pagesOfShape = new Map<string, number>();
  const forms: CrawledForm[] = [];
  for (let read = 0; queue.length > 0 && read < maxPages; ) {
    const url = queue.shift()!;
    const shape = url.replace(UUID, ':id').replace(/\?.*$/, '');
    if ((pagesOfShape.get(shape) ?? 0) >= 1) continue;
    pagesOfShape.set(shape, (pagesOfShape.get(shape) ?? 0) + 1);
    read++;
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue;
    forms.push(...formsOn(response.body, url));
    for (const [, href] of response.body.matchAll(/\shref="(\/[^"#]*)"/g)) {
      const link = decode(href!);
      if (!SKIPPED.test(link) && !seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return forms;
}

/** Whether a concrete address fits a Fastify route pattern (`/products/:id/edit`). */
export function matchesPattern(pattern: string, url: string): boolean {
  const path = url.replace(/\?.*$/, '');
  const source = pattern.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}/?$`).test(path);
}
