import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { csrfTokenIn, formBody } from './people-fixtures.ts';

/** A signed-out browser: keeps the visitor CSRF cookie from a GET and posts the page's form back. */
export async function openAsVisitor(app: FastifyInstance, url: string) {
  const page = await app.inject({ method: 'GET', url });
  const cookie = String(page.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  return {
    page,
    post(form: Record<string, string>): Promise<LightMyRequestResponse> {
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(page.body), ...form }),
      });
    },
  };
}

/** The first match of a pattern in a page, or a failure naming what was missing. */
export function extract(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  if (!match?.[1]) throw new Error(`nothing matched ${pattern}`);
  return match[1];
}
