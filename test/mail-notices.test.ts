import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import type { OutboxRow } from '../src/db/outbox.repository.ts';
import { demoEmail } from '../src/services/demo/demo-dataset.ts';
import { createNotices } from '../src/services/mail/notices.ts';
import { createTrainingReminders } from '../src/services/products/training-reminders.service.ts';
import { createTestPerson } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets, TEST_BASE_URL } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, knowledgeTopics } from './support/verification-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(databaseTargets())('every notice by mail on $name', (target) => {
  let hub: TestHub;
  const repositories = () => createRepositories(hub.database.db);

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
  });
  afterAll(() => hub.close());

  async function mailTo(address: string): Promise<OutboxRow[]> {
    const rows = await repositories().outbox.listRecentMessages(await everyOrganisation(), 1000);
    return rows.filter((m) => m.toAddress === address);
  }
  async function everyOrganisation(): Promise<string[]> {
    return (await repositories().organisations.listOrganisations()).map((o) => o.id);
  }
  /** Reminders as the hourly timer sends them, on the day `days` from now. */
  const remindOn = (days: number) =>
    createTrainingReminders({
      db: hub.database.db,
      repository: repositories().trainingReminders,
      notices: createNotices({ notifications: hub.services.notifications, outboxRepository: repositories().outbox, baseUrl: TEST_BASE_URL }),
      now: () => new Date(Date.now() + days * DAY),
    }).notifyDueAndOverdue();

  it('reminds of product training due within a fortnight, then overdue, each once per due date', async () => {
    const ben = demoEmail('ben.ashworth');
    // The demo's refreshers fall due three weeks from now: nothing is due yet.
    expect(await remindOn(0)).toBe(0);
    expect(await remindOn(10)).toBe(2);
    expect(await remindOn(10)).toBe(0);
    expect(await remindOn(12)).toBe(0);
    expect((await mailTo(ben)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Training for tri-X is due by \d+ \w+ \d{4}$/)]);
    expect(await remindOn(25)).toBe(2);
    expect(await remindOn(26)).toBe(0);
    const subjects = (await mailTo(ben)).map((m) => m.subject);
    expect(subjects.filter((s) => s === 'Training for tri-X is overdue')).toHaveLength(1);
    expect(subjects).toHaveLength(2);
    const benId = (await repositories().people.findPersonByEmail(ben))?.id ?? '';
    expect((await repositories().trainingReminders.listRemindersOf(benId)).map((r) => r.kind)).toEqual(['due', 'overdue']);
    const notices = await hub.services.notifications.listNotifications(viewerOf({ ...(await repositories().people.getPerson(benId))!, roles: ['learner'] }));
    expect(notices.map((n) => n.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Your training for tri-X was due by .* and is overdue\./)]));
  });

  it('sends every kind of notice as text and HTML with absolute links', async () => {
    const cast = await createVerificationCast(hub);
    const [topicId] = knowledgeTopics(hub, 1);
    await cast.rate(cast.people.learner.id, topicId ?? '', 'awareness');
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(cast.people.learner), topicId: topicId ?? '', supervisorId: cast.people.supervisor.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(cast.people.supervisor), requestId: request.id, decision: { outcome: 'confirmed' } });
    const admin = await createTestPerson(hub, { organisationId: cast.trust.id, roles: ['organisation-admin'], name: 'Ida Inviter' });
    await hub.services.invitations.inviteStaff({ viewer: viewerOf(admin), organisationId: cast.trust.id, email: 'new.starter@example.nhs.uk', displayName: 'New Starter', roles: [] });
    await hub.services.passwordResets.requestPasswordReset({ email: cast.people.otherLearner.email, ip: '192.0.2.10' });
    await hub.services.staffAdmin.assignSupervisor({ viewer: viewerOf(admin), learnerId: cast.people.otherLearner.id, supervisor: { personId: cast.people.supervisor.id } });

    expect((await mailTo(cast.people.supervisor.email)).map((m) => m.subject).sort()).toEqual(['Lee Learner asked you to verify a self-rating', 'You now supervise Olu Other']);
    expect((await mailTo(cast.people.learner.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Your self-rating of “.+” has been verified$/)]);
    expect((await mailTo('new.starter@example.nhs.uk')).map((m) => m.subject)).toEqual(['Your invitation to the AI Confidence Hub']);
    expect((await mailTo(cast.people.otherLearner.email)).map((m) => m.subject).sort()).toEqual(['Reset your AI Confidence Hub password', 'Sue Supervisor is now your supervisor']);
    const all = await repositories().outbox.listRecentMessages(await everyOrganisation(), 1000);
    const kinds = new Set(all.map((m) => m.subject.replace(/ (for|of|by) .*$/, '')));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    for (const message of all) {
      expect(message.bodyText, message.subject).toContain(`${TEST_BASE_URL}/`);
      expect(message.bodyHtml, message.subject).toMatch(new RegExp(`<a href="${TEST_BASE_URL}/`));
      expect(message.bodyHtml, message.subject).not.toMatch(/href="\//);
      expect(message.bodyHtml, message.subject).toContain('#005eb8');
    }
  });

  it('still never queues mail to a .invalid address, though the notice is written', async () => {
    const cast = await createVerificationCast(hub);
    const person = await createTestPerson(hub, { organisationId: cast.trust.id, name: 'Syn Thetic' });
    const notices = createNotices({ notifications: hub.services.notifications, outboxRepository: repositories().outbox, baseUrl: TEST_BASE_URL });
    await hub.database.db.transaction((tx) =>
      notices.tell({ tx, to: { organisationId: cast.trust.id, personId: person.id, email: 'syn.thetic@synthetic.invalid', displayName: 'Syn Thetic' }, subject: 'Hello', message: 'Hello there.', link: '/products/mine' }),
    );
    expect(await mailTo('syn.thetic@synthetic.invalid')).toEqual([]);
    const mine = await hub.services.notifications.listNotifications(viewerOf(person));
    expect(mine.map((n) => n.message)).toContain('Hello there.');
  });
});
