import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_SPECS } from '../src/db/insight/rollup-specs.ts';
import { people, personJourneyProgress, personRequirementStanding, personTrainingCurrency } from '../src/db/schema.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { chunkOrganisations } from '../src/services/insight/insight-refresh.ts';
import { createInsightWorkforce } from './support/insight-fixtures.ts';
import { keptCells, recountRollups } from './support/insight-recount.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe('chunkOrganisations', () => {
  const sizes = (...people: number[]) => people.map((n, i) => ({ id: `o${i}`, people: n }));

  it('cuts the walk into runs of about the people asked for, never splitting an organisation', () => {
    expect(chunkOrganisations(sizes(3, 0, 4, 2, 9, 1, 0), { people: 7, organisations: 100 })).toEqual([['o0', 'o1', 'o2'], ['o3'], ['o4'], ['o5', 'o6']]);
  });

  it('caps the organisations in a run, however few people they hold', () => {
    expect(chunkOrganisations(sizes(0, 0, 0, 0, 0), { people: 1000, organisations: 2 })).toEqual([['o0', 'o1'], ['o2', 'o3'], ['o4']]);
    expect(chunkOrganisations([], { people: 10, organisations: 10 })).toEqual([]);
  });
});

describe.each(databaseTargets())('the chunked bulk refresh of insight contributions on $name', (target) => {
  let hub: TestHub;
  /** Every contribution row as each person's own refresh writes it. */
  let perPerson: string[];

  const db = () => hub.database.db;
  /** All three contribution tables, every column, in key order. */
  async function contributionRows(): Promise<string[]> {
    const s = personRequirementStanding;
    const t = personTrainingCurrency;
    const j = personJourneyProgress;
    const standing = await db().select().from(s).orderBy(asc(s.personId), asc(s.frameworkVersion), asc(s.tier), asc(s.archetype), asc(s.factor));
    const training = await db().select().from(t).orderBy(asc(t.personId), asc(t.deploymentId));
    const journeys = await db().select().from(j).orderBy(asc(j.personId), asc(j.frameworkId));
    return [...standing.map((r) => `s ${JSON.stringify(r)}`), ...training.map((r) => `t ${JSON.stringify(r)}`), ...journeys.map((r) => `j ${JSON.stringify(r)}`)];
  }
  /** Deleted through the triggers, so the rollups follow. */
  async function emptyContributions(): Promise<void> {
    await db().delete(personRequirementStanding);
    await db().delete(personTrainingCurrency);
    await db().delete(personJourneyProgress);
  }
  async function expectRollupsEqualRecount(): Promise<void> {
    const recount = await recountRollups(hub);
    for (const spec of ROLLUP_SPECS) expect(Object.fromEntries(await keptCells(hub, spec)), spec.rollup).toEqual(Object.fromEntries(recount.byAncestor.get(spec.rollup)!));
  }

  beforeAll(async () => {
    hub = await createTestHub(target);
    await createInsightWorkforce(hub);
    await emptyContributions();
    const everyone = await db().select({ id: people.id }).from(people);
    for (const { id } of everyone) await inTransaction(db(), (tx) => hub.services.insightContributions.refreshPeople(tx, [id]));
    perPerson = await contributionRows();
  }, 120_000);
  afterAll(() => hub.close());

  it('writes exactly the rows each person’s own refresh writes, a few organisations a transaction', async () => {
    expect(perPerson.filter((r) => r.startsWith('s ')).length).toBeGreaterThan(60);
    expect(perPerson.filter((r) => r.startsWith('t ')).length).toBe(39);
    expect(perPerson.filter((r) => r.startsWith('j ')).length).toBe(30);
    await emptyContributions();
    const seen: number[] = [];
    const result = await hub.services.insightRefresh.refreshAllContributions({ restart: true, peoplePerTransaction: 10, onProgress: (p) => seen.push(p.organisationsDone) });
    expect(seen.length).toBeGreaterThan(2);
    expect(result.people).toBe((await db().select({ id: people.id }).from(people)).length);
    expect(await contributionRows()).toEqual(perPerson);
    // Nothing changed, so a second walk writes nothing and leaves the rows as they are.
    await hub.services.insightRefresh.refreshAllContributions({ restart: true });
    expect(await contributionRows()).toEqual(perPerson);
    await expectRollupsEqualRecount();
  });

  it('resumes a refresh stopped part way after the last chunk it finished, and ends with the same rows', async () => {
    await emptyContributions();
    const { id } = hub.services.assessmentFramework();
    const someone = (await db().select().from(people).limit(1))[0]!;
    await db().insert(personRequirementStanding).values({
      organisationId: someone.organisationId, personId: someone.id, frameworkId: id, frameworkVersion: '0.0-old', tier: 'foundational', archetype: '', factor: 'ai-literacy', applicable: 3,
      organisationKind: sql`(select kind from organisations where id = ${someone.organisationId})`,
    });
    let chunks = 0;
    const stop = () => {
      chunks += 1;
      if (chunks === 2) throw new Error('stopped');
    };
    await expect(hub.services.insightRefresh.refreshAllContributions({ restart: true, peoplePerTransaction: 10, onProgress: stop })).rejects.toThrow('stopped');
    const stopped = (await hub.services.insightRefresh.refreshProgress())!;
    expect(stopped.finishedAt).toBeNull();
    expect(stopped.organisationsDone).toBeGreaterThan(0);
    expect(stopped.organisationsDone).toBeLessThan(stopped.organisationsTotal);
    const partial = await contributionRows();
    expect(partial.length).toBeGreaterThan(1);
    expect(partial.length).toBeLessThan(perPerson.length);

    const resumed = await hub.services.insightRefresh.refreshAllContributions({ peoplePerTransaction: 10 });
    expect(resumed.resumed).toBe(true);
    expect(resumed.organisations).toBe(stopped.organisationsTotal);
    const finished = (await hub.services.insightRefresh.refreshProgress())!;
    expect(finished.finishedAt).not.toBeNull();
    expect(finished.organisationsDone).toBe(finished.organisationsTotal);
    // The standing under the old version went once the walk was done.
    expect(await db().select().from(personRequirementStanding).where(eq(personRequirementStanding.frameworkVersion, '0.0-old'))).toEqual([]);
    expect(await contributionRows()).toEqual(perPerson);
    await expectRollupsEqualRecount();
  });
});
