import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, people, supervisions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { ROTA } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { extract, openAsVisitor } from './support/visitor.ts';

/** What an answer tells the asker, with the id asked about taken out. */
const answerTo = (response: LightMyRequestResponse, id: string) => ({ status: response.statusCode, body: response.body.replaceAll(id, '<id>').replace(/name="_csrf" value="[^"]+"/g, '') });

/** A real id the asker cannot see must be answered exactly as a random one (issue 10). */
describe.each(databaseTargets())('id oracles on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: TestSession;
  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    admin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'] })).email);
  });
  afterAll(() => hub.close());

  it('answers removing yourself from a deployment you cannot see as for one that does not exist', async () => {
    const otherLead = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['product-lead'] })).email);
    const productId = (await otherLead.api('POST', '/api/v1/products', ROTA)).json().id as string;
    const hidden = await otherLead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: orgs.otherTrust.id, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 });
    expect(hidden.statusCode, hidden.body).toBe(201);
    const hiddenId = hidden.json().id as string;
    const random = randomUUID();
    const learnerPerson = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const learner = await signIn(hub.app, learnerPerson.email);

    const viaApi = (id: string) => learner.api('DELETE', `/api/v1/deployments/${id}/users/${learnerPerson.id}`);
    const viaPage = (id: string) => learner.post(`/products/mine/${id}/remove`);
    expect(answerTo(await viaApi(hiddenId), hiddenId)).toEqual(answerTo(await viaApi(random), random));
    expect((await viaApi(hiddenId)).statusCode).toBe(404);
    expect(answerTo(await viaPage(hiddenId), hiddenId)).toEqual(answerTo(await viaPage(random), random));
    expect((await viaPage(hiddenId)).statusCode).toBe(404);

    // Where they work, removing themselves is allowed whether or not they use it (a double submit).
    const lead = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['product-lead'] })).email);
    const ownProduct = (await lead.api('POST', '/api/v1/products', ROTA)).json().id as string;
    const visibleId = (await lead.api('POST', `/api/v1/products/${ownProduct}/deployments`, { organisationId: orgs.trust.id, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 })).json().id as string;
    expect((await learner.api('POST', `/api/v1/deployments/${visibleId}/users`, { personId: learnerPerson.id })).statusCode).toBe(204);
    expect((await viaApi(visibleId)).statusCode).toBe(204);
    expect((await viaApi(visibleId)).statusCode).toBe(204);
  });

  it('answers ending a supervision you may not end as for one that does not exist', async () => {
    const [learner, mentor, outsiderAdmin] = await Promise.all([
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Sue Supervised' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Mo Mentor' }),
      createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] }),
    ]);
    expect((await admin.post(`/organisation/people/${learner.id}/supervisors`, { supervisor: mentor.email })).statusCode).toBe(303);
    const [supervision] = await hub.database.db.select().from(supervisions).where(eq(supervisions.learnerId, learner.id));
    const supervisionId = supervision?.id ?? '';
    const random = randomUUID();
    for (const email of [learner.email, mentor.email, outsiderAdmin.email]) {
      const session = await signIn(hub.app, email);
      const end = (id: string) => session.post(`/organisation/people/${learner.id}/supervisors/${id}/end`);
      const real = answerTo(await end(supervisionId), supervisionId);
      expect(real.status).toBe(404);
      expect(real).toEqual(answerTo(await end(random), random));
    }
    const ended = await admin.post(`/organisation/people/${learner.id}/supervisors/${supervisionId}/end`);
    expect(ended.statusCode).toBe(303);
  });

  it('invites an address with an account elsewhere exactly as a new one, and reports only accounts the admin can see', async () => {
    const elsewhere = await createTestPerson(hub, { organisationId: orgs.otherTrust.id });
    const colleague = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const fresh = `fresh.${randomUUID().slice(0, 8)}@example.nhs.uk`;
    const invite = (email: string) => admin.api('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email, displayName: 'Someone', roles: [] });
    const shape = (response: LightMyRequestResponse, email: string) => {
      const { id, expiresAt, ...rest } = response.json() as Record<string, unknown>;
      return { status: response.statusCode, rest: JSON.stringify(rest).replaceAll(email, '<email>'), hasId: typeof id === 'string', hasExpiry: typeof expiresAt === 'string' };
    };
    expect(shape(await invite(elsewhere.email), elsewhere.email)).toEqual(shape(await invite(fresh), fresh));
    expect((await invite(colleague.email)).statusCode).toBe(409);

    const viaForm = (email: string) => admin.post('/organisation/invite', { displayName: 'Someone', email, organisationId: orgs.trust.id });
    const [formElsewhere, formFresh] = [await viaForm(elsewhere.email), await viaForm(`form.${fresh}`)];
    expect({ status: formElsewhere.statusCode, location: formElsewhere.headers.location }).toEqual({ status: formFresh.statusCode, location: formFresh.headers.location });

    // The mail is the same invitation; only the holder, following its link, learns they have an account.
    const outbox = (await admin.get(`/organisation/outbox?organisationId=${orgs.trust.id}`)).body;
    const messageFor = async (email: string) => {
      const paths = [...outbox.matchAll(/href="(\/organisation\/outbox\/[0-9a-f-]+)"/g)].map((m) => m[1] ?? '');
      for (const path of paths) {
        const body = (await admin.get(path)).body;
        if (body.includes(email)) return body;
      }
      throw new Error(`no mail to ${email}`);
    };
    const mail = await messageFor(elsewhere.email);
    const token = extract(mail, /http:\/\/hub\.test\/invitations\/([\w-]+)/);
    const visitor = await openAsVisitor(hub.app, `/invitations/${token}`);
    expect(visitor.page.statusCode).toBe(200);
    const accepted = await visitor.post({ password: 'a brand new password for me' });
    expect(accepted.statusCode).toBe(409);
    expect(accepted.body).toContain('You already have an account');
    expect(accepted.cookies.find((c) => c.name === 'hub_session')).toBeUndefined();
    const [stillThere] = await hub.database.db.select().from(people).where(eq(people.email, elsewhere.email));
    expect(stillThere?.organisationId).toBe(orgs.otherTrust.id);
    // Their own password still signs them in: nothing about the account changed.
    expect((await signIn(hub.app, elsewhere.email)).cookie).toMatch(/^hub_session=/);
    const sent = await hub.database.db.select().from(invitations).where(eq(invitations.email, elsewhere.email));
    expect(sent.map((i) => i.acceptedAt)).toEqual([null, null]);
  });
});
