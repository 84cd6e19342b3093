import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, passwordResets } from '../src/db/schema.ts';
import { PASSWORD_RESET_LIMITS } from '../src/services/identity/password-reset.service.ts';
import { createTestOrganisations, createTestPerson, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { openAsVisitor } from './support/visitor.ts';

const NEW_PASSWORD = 'a brand new password for the hub';
const errorSummaryOf = (html: string) => [...html.matchAll(/<li>\s*<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]!.trim()}`);

describe.each(databaseTargets())('changing your account and resetting a password on $name', (target) => {
  let hub: TestHub;
  let organisationId: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    organisationId = (await createTestOrganisations(hub)).trust.id;
  });
  afterAll(() => hub.close());

  const newPerson = (name: string) => createTestPerson(hub, { organisationId, name });
  const mailTo = async (address: string) => hub.database.db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(desc(outbox.createdAt));
  const resetLinkIn = (body: string) => /http:\/\/hub\.test(\/sign-in\/reset\/[A-Za-z0-9_-]+)/.exec(body)?.[1];
  const forgot = async (email: string, ip = '192.0.2.10') => {
    const visitor = await openAsVisitor(hub.app, '/sign-in/forgot');
    return hub.app.inject({ method: 'POST', url: '/sign-in/forgot', remoteAddress: ip, headers: { cookie: String(visitor.page.headers['set-cookie']).split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(visitor.page.body)![1]!, email }).toString() });
  };

  it('changes the name and job title, and shows what is wrong without changing anything', async () => {
    const person = await newPerson('Cara Change');
    const session = await signIn(hub.app, person.email);
    const account = await session.get('/account');
    expect(account.body).toContain('href="/account/details"');
    expect(account.body).toContain('href="/account/password"');

    const bad = await session.post('/account/details', { displayName: '  ', jobTitle: 'x'.repeat(201) });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toEqual(['#displayName Enter your name', '#jobTitle Job title must be 200 characters or fewer']);
    expect((await hub.services.accounts.getPerson(person.id))?.displayName).toBe('Cara Change');

    const saved = await session.post('/account/details', { displayName: 'Cara Changed', jobTitle: 'Clinical scientist' });
    expect(saved.headers.location).toBe('/account?done=details');
    const after = await session.get('/account?done=details');
    expect(after.body).toContain('Your name and job title have been changed.');
    expect(after.body).toContain('Clinical scientist');
    expect(after.body).toContain('Cara Changed');
    // The header's name comes from the person, so every page shows the new one at once.
    expect((await session.get('/')).body).toContain('Welcome, Cara Changed');
  });

  it('refuses a wrong current password with an error summary, and changes nothing', async () => {
    const person = await newPerson('Wes Wrong');
    const session = await signIn(hub.app, person.email);
    const wrong = await session.post('/account/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummaryOf(wrong.body)).toEqual(['#currentPassword Your current password is not correct']);
    const short = await session.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(errorSummaryOf(short.body)).toEqual(['#newPassword Password must be 12 characters or more']);
    await expect(signIn(hub.app, person.email, TEST_PASSWORD)).resolves.toBeDefined();
    await expect(signIn(hub.app, person.email, NEW_PASSWORD)).rejects.toThrow(/sign-in failed/);
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const person = await newPerson('Pat Password');
    const [here, elsewhere] = [await signIn(hub.app, person.email), await signIn(hub.app, person.email)];
    const changed = await here.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.headers.location).toBe('/account?done=password');
    expect((await here.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    await expect(signIn(hub.app, person.email, TEST_PASSWORD)).rejects.toThrow(/sign-in failed/);
    await expect(signIn(hub.app, person.email, NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('answers alike for an unknown address and a known one, and mails only the account holder', async () => {
    const person = await newPerson('Fay Forgot');
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await forgot(email);
      return { response, ms: performance.now() - started };
    };
    const { response: known, ms: knownMs } = await timed(person.email.toUpperCase());
    const { response: unknown, ms: unknownMs } = await timed('nobody.at.all@example.nhs.uk');
    // Both wait out the same floor, so the time taken does not tell an account exists.
    expect(Math.min(knownMs, unknownMs)).toBeGreaterThanOrEqual(290);
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect((await hub.app.inject({ method: 'GET', url: known.headers.location as string })).body).toContain('Check your email');
    expect(await mailTo('nobody.at.all@example.nhs.uk')).toEqual([]);
    const [mail] = await mailTo(person.email);
    expect(mail?.subject).toBe('Reset your AI Confidence Hub password');
    expect(resetLinkIn(mail!.bodyText)).toBeDefined();
    const [row] = await hub.database.db.select().from(passwordResets).where(eq(passwordResets.personId, person.id));
    expect(mail!.bodyText).not.toContain(row!.tokenHash);
  });

  it('resets the password once from the link, and signs the person out everywhere', async () => {
    const person = await newPerson('Rex Reset');
    const session = await signIn(hub.app, person.email);
    await forgot(person.email);
    const link = resetLinkIn((await mailTo(person.email))[0]!.bodyText)!;
    const visitor = await openAsVisitor(hub.app, link);
    expect(visitor.page.body).toContain('Choose a new password');
    expect(visitor.page.headers['referrer-policy']).toBe('no-referrer');
    const tooShort = await visitor.post({ password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(errorSummaryOf(tooShort.body)).toEqual(['#password Password must be 12 characters or more']);
    const done = await visitor.post({ password: NEW_PASSWORD });
    expect(done.headers.location).toBe('/sign-in/reset-complete');
    expect((await session.get('/account')).statusCode).toBe(303);
    const signedIn = await signIn(hub.app, person.email, NEW_PASSWORD);
    // The export says when links were sent and used, never their tokens.
    const exported = await signedIn.get('/account/export');
    expect(exported.json<{ passwordResets: Array<{ usedAt: string | null }> }>().passwordResets).toEqual([expect.objectContaining({ usedAt: expect.any(String) })]);
    expect(exported.body).not.toContain('tokenHash');
    // Single use.
    const again = await visitor.post({ password: 'yet another new password' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('has already been used');
    expect((await hub.app.inject({ method: 'GET', url: link })).statusCode).toBe(410);
  });

  it('refuses an expired link and an unknown one, and a link made void by a password change', async () => {
    const person = await newPerson('Eve Expired');
    await forgot(person.email);
    const link = resetLinkIn((await mailTo(person.email))[0]!.bodyText)!;
    await hub.database.db.update(passwordResets).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(passwordResets.personId, person.id));
    const expired = await hub.app.inject({ method: 'GET', url: link });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('has expired');
    expect((await (await openAsVisitor(hub.app, '/sign-in/forgot')).post({ email: '' })).statusCode).toBe(400);
    const unknown = await hub.app.inject({ method: 'GET', url: '/sign-in/reset/not-a-real-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('is not valid');

    await forgot(person.email);
    const fresh = resetLinkIn((await mailTo(person.email))[0]!.bodyText)!;
    const session = await signIn(hub.app, person.email);
    await session.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect((await hub.app.inject({ method: 'GET', url: fresh })).statusCode).toBe(410);
  });

  it('sends no more links to one address than the limit allows, answering alike', async () => {
    const person = await newPerson('Lim Limit');
    const sends = PASSWORD_RESET_LIMITS.account.threshold + 2;
    for (let i = 0; i < sends; i += 1) expect((await forgot(person.email, `198.51.100.${i + 1}`)).statusCode).toBe(303);
    expect(await mailTo(person.email)).toHaveLength(PASSWORD_RESET_LIMITS.account.threshold);
  });

  it('changes your own name and job title through the API, and marks your own notifications read', async () => {
    const person = await newPerson('Api Ann');
    const other = await newPerson('Api Other');
    const session = await signIn(hub.app, person.email);
    const patched = await session.api('PATCH', '/api/v1/me', { jobTitle: 'Pharmacist' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<{ displayName: string; jobTitle: string }>()).toMatchObject({ displayName: 'Api Ann', jobTitle: 'Pharmacist' });
    expect((await session.api('PATCH', '/api/v1/me', { displayName: '' })).statusCode).toBe(400);
    expect((await session.api('PATCH', '/api/v1/me', { email: 'someone.else@example.nhs.uk' })).statusCode).toBe(400);
    expect((await hub.services.accounts.getPerson(person.id))?.displayName).toBe('Api Ann');

    const mine = await hub.services.notifications.notify({ organisationId, personId: person.id, message: 'Yours.' });
    const theirs = await hub.services.notifications.notify({ organisationId, personId: other.id, message: 'Not yours.' });
    expect((await session.api('POST', `/api/v1/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await session.api('POST', `/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(204);
    const list = (await session.api('GET', '/api/v1/notifications')).json<{ unread: number; notifications: Array<{ id: string; readAt: string | null }> }>();
    expect(list.unread).toBe(0);
    expect(list.notifications.find((n) => n.id === mine.id)?.readAt).not.toBeNull();
    expect((await signIn(hub.app, other.email).then((s) => s.api('GET', '/api/v1/notifications'))).json<{ unread: number }>().unread).toBe(1);
  });

  it('offers no reset to a disabled account', async () => {
    const person = await newPerson('Dee Disabled');
    await hub.database.db.execute(sql`update people set status = 'disabled' where id = ${person.id}`);
    await forgot(person.email);
    expect(await mailTo(person.email)).toEqual([]);
  });
});
