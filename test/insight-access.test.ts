import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationRow } from '../src/db/organisation.repository.ts';
import type { PlatformRole } from '../src/domain/people/platform-roles.ts';
import { AppError } from '../src/errors.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestPerson } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/**
 * Two trees, deep enough that every viewer has an organisation above, beside and beneath them and a
 * cousin (a child of their parent's sibling):
 *   national ─ region ─ ics ─ trust ─ team
 *            │        │     └ otherTrust
 *            │        └ otherIcs ─ cousinTrust
 *            └ otherRegion ─ cousinIcs
 *   otherNation ─ cousinRegion
 */
async function createTree(hub: TestHub) {
  const add = (kind: OrganisationRow['kind'], name: string, parentId: string | null) => hub.services.organisations.createOrganisation({ kind, name, parentId });
  const national = await add('national', 'NHS England', null);
  const otherNation = await add('national', 'Another nation', null);
  const region = await add('region', 'Region', national.id);
  const otherRegion = await add('region', 'Other region', national.id);
  const cousinRegion = await add('region', 'Cousin region', otherNation.id);
  const ics = await add('integrated-care-system', 'ICS', region.id);
  const otherIcs = await add('integrated-care-system', 'Other ICS', region.id);
  const cousinIcs = await add('integrated-care-system', 'Cousin ICS', otherRegion.id);
  const trust = await add('trust', 'Trust', ics.id);
  const otherTrust = await add('trust', 'Other trust', ics.id);
  const cousinTrust = await add('trust', 'Cousin trust', otherIcs.id);
  const team = await add('team', 'Team', trust.id);
  return { national, otherNation, region, otherRegion, cousinRegion, ics, otherIcs, cousinIcs, trust, otherTrust, cousinTrust, team };
}

type Tree = Awaited<ReturnType<typeof createTree>>;
type Level = 'region' | 'ics' | 'trust';
type Relation = 'own' | 'descendant' | 'ancestor' | 'sibling' | 'cousin';
type Outcome = 'sees' | 'forbidden' | 'not found';

/** The organisation in each relation to a viewer at each level. */
const RELATIVES: Record<Level, Record<Relation, keyof Tree>> = {
  region: { own: 'region', descendant: 'trust', ancestor: 'national', sibling: 'otherRegion', cousin: 'cousinRegion' },
  ics: { own: 'ics', descendant: 'trust', ancestor: 'region', sibling: 'otherIcs', cousin: 'cousinIcs' },
  trust: { own: 'trust', descendant: 'team', ancestor: 'ics', sibling: 'otherTrust', cousin: 'cousinTrust' },
};

const SUBTREE_ONLY: Record<Relation, Outcome> = { own: 'sees', descendant: 'sees', ancestor: 'not found', sibling: 'not found', cousin: 'not found' };
const NONE: Record<Relation, Outcome> = { own: 'forbidden', descendant: 'not found', ancestor: 'not found', sibling: 'not found', cousin: 'not found' };

const CAST: Array<{ who: string; level: Level; roles: PlatformRole[]; expected: Record<Relation, Outcome> }> = [
  // Placed at a region, so an organisation above them shows they are not bounded by where they sit.
  { who: 'platform admin', level: 'region', roles: ['learner', 'platform-admin'], expected: { own: 'sees', descendant: 'sees', ancestor: 'sees', sibling: 'sees', cousin: 'sees' } },
  { who: 'organisation admin at the ICS', level: 'ics', roles: ['learner', 'organisation-admin'], expected: SUBTREE_ONLY },
  { who: 'workforce lead at the region', level: 'region', roles: ['learner', 'workforce-lead'], expected: SUBTREE_ONLY },
  { who: 'workforce lead at the trust', level: 'trust', roles: ['learner', 'workforce-lead'], expected: SUBTREE_ONLY },
  { who: 'learner at the trust', level: 'trust', roles: ['learner'], expected: NONE },
  { who: 'supervisor at the trust', level: 'trust', roles: ['learner', 'supervisor'], expected: NONE },
  { who: 'educator at the ICS', level: 'ics', roles: ['learner', 'educator'], expected: NONE },
  { who: 'AI product lead at the trust', level: 'trust', roles: ['learner', 'product-lead'], expected: NONE },
];

describe.each(databaseTargets())('who may see workforce insight, on $name', (target) => {
  let hub: TestHub;
  let tree: Tree;
  const viewers = new Map<string, Viewer>();

  beforeAll(async () => {
    hub = await createTestHub(target);
    tree = await createTree(hub);
    for (const { who, level, roles } of CAST) viewers.set(who, viewerOf(await createTestPerson(hub, { organisationId: tree[level].id, roles, name: who })));
  });
  afterAll(() => hub.close());

  const outcome = async (viewer: Viewer, organisationId: string): Promise<Outcome> => {
    try {
      const organisation = await hub.services.insightAccess.assertCanSeeInsight(viewer, organisationId);
      expect(organisation.id).toBe(organisationId);
      return 'sees';
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(['forbidden', 'not_found']).toContain(error.code);
      return error.code === 'forbidden' ? 'forbidden' : 'not found';
    }
  };

  it.each(CAST.flatMap(({ who, level, expected }) => (Object.keys(expected) as Relation[]).map((relation) => [who, relation, level, expected[relation]] as const)))(
    'the %s asking about their %s organisation',
    async (who, relation, level, expected) => {
      expect(await outcome(viewers.get(who)!, tree[RELATIVES[level][relation]].id)).toBe(expected);
    },
  );

  it('answers an id that names nothing exactly as one the viewer may not see, whoever asks', async () => {
    for (const who of ['platform admin', 'workforce lead at the trust', 'learner at the trust']) {
      expect(await outcome(viewers.get(who)!, randomUUID())).toBe('not found');
      expect(await outcome(viewers.get(who)!, 'not-an-id')).toBe('not found');
    }
  });

  it('names the organisations whose subtrees each viewer may see', async () => {
    const roots = async (who: string) => (await hub.services.insightAccess.insightRootsOf(viewers.get(who)!)).map((o) => o.name);
    expect(await roots('platform admin')).toEqual(['Another nation', 'NHS England']);
    expect(await roots('organisation admin at the ICS')).toEqual(['ICS']);
    expect(await roots('workforce lead at the region')).toEqual(['Region']);
    expect(await roots('workforce lead at the trust')).toEqual(['Trust']);
    for (const who of ['learner at the trust', 'supervisor at the trust', 'educator at the ICS', 'AI product lead at the trust']) expect(await roots(who)).toEqual([]);
  });

  it('offers insight only to those with an insight role', () => {
    const mayUse = (who: string) => hub.services.insightAccess.mayUseInsight(viewers.get(who)!);
    expect(CAST.filter(({ who }) => mayUse(who)).map(({ who }) => who)).toEqual(['platform admin', 'organisation admin at the ICS', 'workforce lead at the region', 'workforce lead at the trust']);
  });
});
