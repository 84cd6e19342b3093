import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('advanced focus agreed with a supervisor (R7) on $name', (target) => {
  let hub: TestHub;
  let learner: TestSession;
  let supervisor: TestSession;
  let stranger: TestSession;
  let learnerId: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    const learnerRow = await createTestPerson(hub, { organisationId: trust.id, name: 'Dee Driver' });
    const supervisorRow = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sue Supervisor' });
    const strangerRow = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Stan Stranger' });
    learnerId = learnerRow.id;
    await createRepositories(hub.database.db).supervisions.insertSupervision({
      organisationId: trust.id,
      supervisorId: supervisorRow.id,
      learnerId,
      assignedBy: supervisorRow.id,
    });
    learner = await signIn(hub.app, learnerRow.email);
    supervisor = await signIn(hub.app, supervisorRow.email);
    stranger = await signIn(hub.app, strangerRow.email);
    await learner.post('/self-assessment/profile', { archetypes: ['driver'], clinicalDecisionMaking: 'no', professionalGroup: 'management-and-administration', setting: 'acute' });
  });
  afterAll(() => hub.close());

  const applicableCount = async () => /covering (\d+) requirement statements/.exec((await learner.get('/self-assessment')).body)?.[1];

  it('lets the supervisor see the person and agree a focus with a reason, which narrows what applies', async () => {
    expect(await applicableCount()).toBe('65');
    const page = await supervisor.get(`/people/${learnerId}/assessment`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dee Driver');
    expect(page.body).toContain('No focus agreed');
    const set = await supervisor.post(`/people/${learnerId}/focus`, { archetype: 'driver', factors: ['strategy-and-culture'], reason: 'Leads the AI strategy; governance is covered by the MDT', action: 'set' });
    expect(set.statusCode).toBe(303);
    expect(Number(await applicableCount())).toBeLessThan(65);
    const after = (await supervisor.get(`/people/${learnerId}/assessment`)).body;
    expect(after).toContain('Focused on Strategy and culture');
    expect(after).toContain('Focus history');
  });

  it('asks for a reason and a factor, and changes nothing without them', async () => {
    const before = await applicableCount();
    const response = await supervisor.post(`/people/${learnerId}/focus`, { archetype: 'driver', reason: '', action: 'set' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(await applicableCount()).toBe(before);
  });

  it('clears a focus, keeping it in the history', async () => {
    await supervisor.post(`/people/${learnerId}/focus`, { archetype: 'driver', reason: 'Moved to a new role', action: 'clear' });
    expect(await applicableCount()).toBe('65');
    expect((await supervisor.get(`/people/${learnerId}/assessment`)).body).toContain('All factors (focus cleared)');
  });

  it('refuses people who do not supervise them, and the learner themselves', async () => {
    expect((await stranger.get(`/people/${learnerId}/assessment`)).statusCode).toBe(404);
    expect((await stranger.post(`/people/${learnerId}/focus`, { archetype: 'driver', factors: ['strategy-and-culture'], reason: 'x' })).statusCode).toBe(404);
    expect((await learner.post(`/people/${learnerId}/focus`, { archetype: 'driver', factors: ['strategy-and-culture'], reason: 'x' })).statusCode).toBe(403);
    expect((await supervisor.get('/people/00000000-0000-4000-8000-000000000000/assessment')).statusCode).toBe(404);
  });
});
