import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** On a locked-down NHS network nothing may come from the internet: every asset is the hub's own (issue 11). */
describe.each(databaseTargets().slice(0, 1))('assets on $name', (target) => {
  let hub: TestHub;
  let session: TestSession;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    session = await signIn(hub.app, (await createTestPerson(hub, { organisationId: trust.id })).email);
  });
  afterAll(() => hub.close());

  it.each(['/', '/self-assessment', '/catalogue', '/frameworks'])('%s refers only to the hub for styles, scripts and images', async (url) => {
    const page = await session.get(url);
    expect(page.statusCode).toBe(200);
    const assets = [...page.body.matchAll(/<(?:link|script|img)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map(([, ref]) => ref);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((ref) => !ref?.startsWith('/'))).toEqual([]);
  });

  it('serves stylesheets that load nothing from another host', async () => {
    const page = await session.get('/');
    const stylesheets = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(([, ref]) => ref ?? '');
    expect(stylesheets).toContain('/static/styles/nhsuk-frontend.css');
    for (const href of stylesheets) {
      const css = await hub.app.inject({ method: 'GET', url: href });
      expect(css.statusCode, href).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.body.length).toBeGreaterThan(500);
      expect([...css.body.matchAll(/url\(\s*["']?([^"')]+)/g)].map(([, ref]) => ref).filter((ref) => !ref?.startsWith('/') && !ref?.startsWith('data:'))).toEqual([]);
    }
    const revalidated = await hub.app.inject({ method: 'GET', url: '/static/styles/nhsuk-frontend.css', headers: { 'if-none-match': String((await hub.app.inject({ method: 'GET', url: '/static/styles/nhsuk-frontend.css' })).headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
  });
});
