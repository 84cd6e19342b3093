import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** On first start the demo's AI MDTs show something true: members, gaps, coverage and a plan. */
describe.each(databaseTargets())('demo AI MDTs on $name', (target) => {
  let hub: TestHub;
  let amara: TestSession;
  let teamPath: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    expect(await hub.services.demo.loadDemoData()).toMatchObject({ loaded: true });
    amara = await signIn(hub.app, demoEmail('amara.osei'), DEMO_PASSWORD);
    const list = await amara.get('/teams');
    teamPath = /href="(\/teams\/[0-9a-f-]{36})"[^>]*>\s*tri-X AI MDT/.exec(list.body)?.[1] ?? '';
    expect(teamPath).not.toBe('');
  });
  afterAll(() => hub.close());

  it('sets up the tri-X AI MDT with Box 5’s roles, Triadix and a patient representative', async () => {
    const page = text((await amara.get(teamPath)).body);
    for (const role of ['ICS digital transformation lead', 'Radiology business manager', 'Clinical safety officer', 'IG officer', 'Triadix machine learning engineer', 'Patient and public representative']) expect(page).toContain(role);
    expect(page).toContain('Triadix');
    expect(page).not.toContain('Nobody in the team plays');
    // The lead's own seniority is set after the team is, as on the pages: nobody is left "not given" but the representative.
    expect(page).toMatch(/Executive\s*1/);
  });

  it('shows coverage from the demo people’s ratings, with single points of failure', async () => {
    const page = text((await amara.get(`${teamPath}/coverage`)).body);
    expect(page).toMatch(/If [A-Z][a-z]+ [A-Z][a-z]+ leaves, \d+ requirements? lose/);
  });

  it('lets the lead plan the team’s learning from the demo catalogue', async () => {
    const created = await amara.post(`${teamPath}/plan`, { basis: 'self' });
    expect(created.statusCode).toBe(303);
    const plan = text((await amara.get(String(created.headers.location))).body);
    expect(plan).toMatch(/nobody in the team meets|second holder/);
  });

  it('shows the Nymouth team’s gaps: no patient representative, Box 4 responsibilities nobody holds', async () => {
    const priya = await signIn(hub.app, demoEmail('priya.nair'), DEMO_PASSWORD);
    const list = await priya.get('/teams');
    const path = /href="(\/teams\/[0-9a-f-]{36})"[^>]*>\s*Nymouth ICS AI MDT/.exec(list.body)?.[1] ?? '';
    const page = text((await priya.get(path)).body);
    expect(page).toContain('patient and public representative');
    expect(page).toContain('Nobody holds this');
  });

  it('does not set the teams up twice', async () => {
    await hub.services.demo.loadDemoData();
    const list = text((await amara.get('/teams')).body);
    expect(list.match(/tri-X AI MDT/g)).toHaveLength(1);
  });
});
