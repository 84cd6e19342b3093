import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { topicRatings, verificationDecisions, verificationRequests } from '../src/db/schema.ts';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { DEMO_NEWCOMERS } from '../src/services/demo/demo-rating-data.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface Counts {
  met: number;
  notMet: number;
  notRated: number;
}

describe.each(databaseTargets())('demo self-ratings and verified levels on $name', (target) => {
  let hub: TestHub;
  let ruth: TestSession;
  const startedAt = new Date();

  const rowCounts = async () => {
    const { db } = hub.database;
    const [[ratings], [requests], [decisions]] = await Promise.all([
      db.select({ n: count() }).from(topicRatings),
      db.select({ n: count() }).from(verificationRequests),
      db.select({ n: count() }).from(verificationDecisions),
    ]);
    return { ratings: ratings?.n, requests: requests?.n, decisions: decisions?.n };
  };
  const personId = async (key: string) => (await hub.services.accounts.findPersonByEmail(demoEmail(key)))!.id;

  beforeAll(async () => {
    hub = await createTestHub(target);
    expect(await hub.services.demo.loadDemoData()).toMatchObject({ loaded: true });
    // Ruth Adeyemi, the tri-X clinical safety officer (an Embedder), supervised by Grace Okafor.
    ruth = await signIn(hub.app, demoEmail('ruth.adeyemi'), DEMO_PASSWORD);
  });
  afterAll(() => hub.close());

  it('gives a demo learner a summary that is not empty, with requirements met and not met', async () => {
    const gaps = (await ruth.api('GET', '/api/v1/me/gaps?basis=self-rated')).json() as { overall: Counts };
    expect(gaps.overall.met).toBeGreaterThan(0);
    expect(gaps.overall.notMet).toBeGreaterThan(0);
    const summary = (await ruth.get('/self-assessment/summary')).body;
    const [, total, met] = /Of the (\d+) requirement statements that apply to you, (\d+) (?:is|are) met/.exec(summary) ?? [];
    expect(Number(met)).toBe(gaps.overall.met);
    expect(Number(met)).toBeLessThan(Number(total));
  });

  it('has levels her supervisor verified, confirmed or adjusted in the past, each after the rating it verifies', async () => {
    const assessment = (await ruth.api('GET', '/api/v1/me/assessment')).json() as { pages: Array<{ topics: Array<{ topicId: string; verifiedLevel: string | null; selfRated: { ratedAt: string } | null }> }> };
    const verified = assessment.pages.flatMap((p) => p.topics).filter((t) => t.verifiedLevel !== null);
    expect(verified.length).toBeGreaterThan(0);
    expect(((await ruth.api('GET', '/api/v1/me/gaps?basis=verified')).json() as { overall: Counts }).overall.met).toBeGreaterThan(0);

    const grace = await personId('grace.okafor');
    const records = await createRepositories(hub.database.db).verifications.listLearnerRecords(await personId('ruth.adeyemi'), 'dart-ed-2022');
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const { request, decision } of records) {
      expect(request.supervisorId).toBe(grace);
      expect(decision).toMatchObject({ decidedBy: grace });
      expect(['confirmed', 'adjusted']).toContain(decision?.outcome);
      expect(decision!.decidedAt.getTime()).toBeLessThan(startedAt.getTime());
      expect(decision!.decidedAt.getTime()).toBeGreaterThan(request.requestedAt.getTime());
    }
    // Nothing is left waiting in the supervisor's queue.
    expect(await createRepositories(hub.database.db).verifications.listPendingForSupervisor(grace)).toEqual([]);
  });

  it('dates ratings back over the last nine months, so her history by month shows change', async () => {
    const { ratings } = (await ruth.api('GET', '/api/v1/me/ratings/history')).json() as { ratings: Array<{ topicId: string; level: string; ratedAt: string }> };
    const times = ratings.map((r) => Date.parse(r.ratedAt));
    expect(Math.max(...times)).toBeLessThan(startedAt.getTime());
    expect(Math.min(...times)).toBeGreaterThan(startedAt.getTime() - 280 * 24 * 60 * 60 * 1000);
    expect(new Set(ratings.map((r) => r.ratedAt.slice(0, 7))).size).toBeGreaterThanOrEqual(4);
    const levelsByTopic = new Map<string, Set<string>>();
    ratings.forEach((r) => levelsByTopic.set(r.topicId, (levelsByTopic.get(r.topicId) ?? new Set()).add(r.level)));
    expect([...levelsByTopic.values()].some((levels) => levels.size > 1)).toBe(true);
  });

  it('leaves the newcomer and the service manager unrated', async () => {
    const repositories = createRepositories(hub.database.db);
    for (const key of [...DEMO_NEWCOMERS, 'morgan.hale']) expect(await repositories.assessments.listCurrentRatings(await personId(key), 'dart-ed-2022'), key).toEqual([]);
  });

  it('adds nothing when the demo is loaded again', async () => {
    const before = await rowCounts();
    expect(before.ratings).toBeGreaterThan(500);
    expect(await hub.services.demo.loadDemoData()).toEqual({ loaded: false, reason: 'already-present' });
    expect(await rowCounts()).toEqual(before);
  });
});
