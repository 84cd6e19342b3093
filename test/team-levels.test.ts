import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { levelsAtMoments } from '../src/domain/teams/levels-as-of.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { rateAt, verifyAt } from './support/team-coverage-fixtures.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';

describe.each(databaseTargets())('team levels repository on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => hub?.close());

  it('reads many people’s self-rated and verified levels, now and as they stood at a moment', async () => {
    const { trust } = await createTestOrganisations(hub);
    const ruth = await createTestPerson(hub, { organisationId: trust.id, name: 'Ruth Jones' });
    const kieran = await createTestPerson(hub, { organisationId: trust.id, name: 'Kieran Shah' });
    const sue = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sue Supervisor' });
    const [t1 = '', t2 = ''] = knowledgeTopics(hub, 2);
    const march = new Date('2026-03-15T12:00:00Z');
    const may = new Date('2026-05-15T12:00:00Z');
    const first = await rateAt(hub, ruth, t1, 'awareness', march);
    await verifyAt(hub, first, sue.id, new Date('2026-03-20T12:00:00Z'));
    await rateAt(hub, ruth, t1, 'understanding', may);
    await rateAt(hub, kieran, t2, 'familiarity', may);
    const repository = createRepositories(hub.database.db).teamLevels;

    const now = await repository.listLevelsOf([ruth.id, kieran.id, sue.id], FRAMEWORK_ID);
    expect(Object.fromEntries(now.get(ruth.id)?.self ?? [])).toEqual({ [t1]: 'understanding' });
    expect(Object.fromEntries(now.get(ruth.id)?.verified ?? [])).toEqual({ [t1]: 'awareness' });
    expect(Object.fromEntries(now.get(kieran.id)?.self ?? [])).toEqual({ [t2]: 'familiarity' });
    expect(now.get(kieran.id)?.verified.size).toBe(0);
    expect(now.get(sue.id)?.self.size).toBe(0);

    const april = await repository.listLevelsOf([ruth.id, kieran.id], FRAMEWORK_ID, new Date('2026-04-30T23:59:59.999Z'));
    expect(Object.fromEntries(april.get(ruth.id)?.self ?? [])).toEqual({ [t1]: 'awareness' });
    expect(april.get(kieran.id)?.self.size).toBe(0);
    // Rated in March but verified only on the 20th: on the 16th the rating stands unverified.
    const beforeVerified = await repository.listLevelsOf([ruth.id], FRAMEWORK_ID, new Date('2026-03-16T00:00:00Z'));
    expect(Object.fromEntries(beforeVerified.get(ruth.id)?.self ?? [])).toEqual({ [t1]: 'awareness' });
    expect(beforeVerified.get(ruth.id)?.verified.size).toBe(0);
    expect((await repository.listLevelsOf([], FRAMEWORK_ID)).size).toBe(0);

    // The month-by-month fold over the level history gives what listLevelsOf gives at each moment,
    // ties at one instant included.
    await rateAt(hub, kieran, t2, 'awareness', may);
    await rateAt(hub, kieran, t2, 'understanding', may);
    const moments = ['2026-03-16', '2026-03-21', '2026-04-30', '2026-05-15T12:00:00Z', '2026-06-30'].map((d) => new Date(d));
    const ids = [ruth.id, kieran.id, sue.id];
    const history = await createRepositories(hub.database.db).teamHistory.listLevelHistory(ids, FRAMEWORK_ID, moments[moments.length - 1] ?? new Date());
    const folded = levelsAtMoments(history, moments, () => ids);
    for (const [i, moment] of moments.entries()) {
      expect(folded[i], moment.toISOString()).toEqual(await repository.listLevelsOf(ids, FRAMEWORK_ID, moment));
    }
  });
});
