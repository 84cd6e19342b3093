import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationRepository } from '../src/db/notification.repository.ts';
import { createOutboxRepository } from '../src/db/outbox.repository.ts';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import { createSignInLimitRepository } from '../src/db/sign-in-limit.repository.ts';
import { createNotificationService } from '../src/services/people/notification.service.ts';
import { createNotices } from '../src/services/mail/notices.ts';
import { createSignInLimits } from '../src/services/identity/sign-in-limits.service.ts';
import type { AttemptStart } from '../src/services/identity/sign-in-limits.service.ts';
import { createLocalIdentityProvider } from '../src/services/identity/sign-in.service.ts';
import { createTestOrganisations, createTestPerson, TEST_PASSWORD } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const MINUTE = 60_000;

/** The limits over time, on the real database with a clock the test moves. */
describe.each(databaseTargets())('sign-in limits over time on $name', (target) => {
  let hub: TestHub;
  let trustId: string;
  let clock: Date;
  let limits: ReturnType<typeof createSignInLimits>;
  let nextAddress = 0;
  const freshAddress = () => `198.51.100.${++nextAddress}`;
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  beforeAll(async () => {
    hub = await createTestHub(target);
    trustId = (await createTestOrganisations(hub)).trust.id;
    const db = hub.database.db;
    clock = new Date();
    limits = createSignInLimits({
      db,
      repository: createSignInLimitRepository(db),
      notifications: createNotificationService({ notificationRepository: createNotificationRepository(db) }),
      mail: createNotices({ notifications: createNotificationService({ notificationRepository: createNotificationRepository(db) }), outboxRepository: createOutboxRepository(db), baseUrl: 'http://hub.test' }),
      now: () => clock,
    });
  });
  afterAll(() => hub.close());

  /** A wrong password as the identity provider records it, without the slow password check. */
  async function fail(email: string, ip: string): Promise<AttemptStart> {
    const start = await limits.beginAttempt({ email, ip });
    if (start.outcome === 'counted') await limits.recordFailure(start.attempt, undefined);
    return start;
  }

  it('doubles the wait with each failure past the fifth, up to 15 minutes, and never locks', async () => {
    const person = await createTestPerson(hub, { organisationId: trustId });
    const provider = createLocalIdentityProvider({ peopleRepository: createPeopleRepository(hub.database.db), limits });
    const address = { ip: freshAddress() };
    for (let i = 0; i < 5; i++) expect((await provider.authenticate({ email: person.email, password: 'wrong' }, address)).outcome).toBe('invalid');
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const held = await provider.authenticate({ email: person.email, password: TEST_PASSWORD }, address);
      if (held.outcome !== 'held') throw new Error(`expected a held attempt, got ${held.outcome}`);
      waits.push(held.retryAfterSeconds);
      later(held.retryAfterSeconds * 1000);
      expect((await provider.authenticate({ email: person.email, password: 'wrong again' }, address)).outcome).toBe('invalid');
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    later(15 * MINUTE);
    expect(await provider.authenticate({ email: person.email, password: TEST_PASSWORD }, address)).toEqual({ outcome: 'signed-in', personId: person.id });
    // The right password wiped that address's count for the account.
    expect((await provider.authenticate({ email: person.email, password: 'wrong' }, address)).outcome).toBe('invalid');
    expect((await provider.authenticate({ email: person.email, password: TEST_PASSWORD }, address)).outcome).toBe('signed-in');
  });

  it('holds an account guessed at from many addresses, but not at an address its holder signs in from', async () => {
    const email = `spread.${Date.now()}@example.nhs.uk`;
    const home = freshAddress();
    const start = await limits.beginAttempt({ email, ip: home });
    if (start.outcome !== 'counted') throw new Error('the first attempt was held');
    await limits.recordSuccess(start.attempt);
    for (let i = 0; i < 50; i++) expect((await fail(email, `192.0.2.${i}`)).outcome).toBe('counted');
    expect(await limits.beginAttempt({ email, ip: freshAddress() })).toEqual({ outcome: 'held', retryAfterSeconds: 30 });
    expect((await limits.beginAttempt({ email, ip: home })).outcome).toBe('counted');
    later(61 * MINUTE);
    expect((await limits.beginAttempt({ email, ip: freshAddress() })).outcome).toBe('counted');
  });

  it('holds an address only after 100 failures across accounts, and never for sign-ins that succeed', async () => {
    const nat = freshAddress();
    for (let i = 0; i < 300; i++) {
      const start = await limits.beginAttempt({ email: `nurse.${i}@example.nhs.uk`, ip: nat });
      if (start.outcome !== 'counted') throw new Error(`sign-in ${i} was held`);
      await limits.recordSuccess(start.attempt);
    }
    const spray = freshAddress();
    for (let i = 0; i < 100; i++) expect((await fail(`victim.${i}@example.nhs.uk`, spray)).outcome).toBe('counted');
    expect(await limits.beginAttempt({ email: 'someone.new@example.nhs.uk', ip: spray })).toEqual({ outcome: 'held', retryAfterSeconds: 5 });
    expect((await limits.beginAttempt({ email: 'someone.new@example.nhs.uk', ip: nat })).outcome).toBe('counted');
  });

  it('tells the holder once per window', async () => {
    const person = await createTestPerson(hub, { organisationId: trustId });
    const failAsProvider = async () => {
      const start = await limits.beginAttempt({ email: person.email, ip: freshAddress() });
      if (start.outcome === 'counted') await limits.recordFailure(start.attempt, person);
    };
    const notices = async () => (await createNotificationRepository(hub.database.db).listRecentNotifications(person.id, 50)).length;
    for (let i = 0; i < 4; i++) await failAsProvider();
    expect(await notices()).toBe(0);
    for (let i = 0; i < 20; i++) await failAsProvider();
    expect(await notices()).toBe(1);
    later(61 * MINUTE);
    for (let i = 0; i < 5; i++) await failAsProvider();
    expect(await notices()).toBe(2);
  });
});
