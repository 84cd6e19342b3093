import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, csrfTokenIn, formBody, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { knowledgeTopics } from './support/verification-fixtures.ts';
import { extract } from './support/visitor.ts';

const FACTOR_PAGE = '/self-assessment/factors/ai-literacy';
const PUT_BACK = 'We have put back what you entered';
const anyAddress = () => `10.${randomBytes(3).join('.')}`;
const cookieValue = (response: { cookies: Array<{ name: string; value: string }> }, name: string) => response.cookies.find((c) => c.name === name)?.value;

describe.each(databaseTargets())('sessions, CSRF and parked forms on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let nia: Awaited<ReturnType<typeof createTestPerson>>;
  let omar: Awaited<ReturnType<typeof createTestPerson>>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    nia = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Nia Nurse' });
    omar = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Omar Other' });
  });
  afterAll(() => hub.close());

  /** Ends every session of a person as the idle timeout would, leaving the rows (and cookies) behind. */
  const expireSessionsOf = (personId: string) => hub.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.personId, personId));

  /** Opens a factor page, lets the session lapse, then sends the form: what a person does after a long break. */
  async function submitAfterTimeout(session: TestSession, personId: string, extra: Record<string, string> = {}, csrf = session.csrfToken) {
    const page = await session.get(FACTOR_PAGE);
    const field = extract(page.body, /name="(rating-[^"]+)"/);
    await expireSessionsOf(personId);
    const response = await hub.app.inject({
      method: 'POST',
      url: FACTOR_PAGE,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ [field]: 'familiarity', _csrf: csrf, ...extra }),
    });
    return { response, field, parked: cookieValue(response, 'hub_resume') };
  }

  const openWithParked = (session: TestSession, parked: string) => session.get(FACTOR_PAGE, { cookie: `${session.cookie}; hub_resume=${parked}` });

  describe('the parked form', () => {
    it('goes back only to the person whose session ended, never to the next person on the same browser', async () => {
      const { response, field, parked } = await submitAfterTimeout(await signIn(hub.app, nia.email), nia.id);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(FACTOR_PAGE)}`);
      expect(parked).toBeDefined();

      const someoneElse = await openWithParked(await signIn(hub.app, omar.email), parked!);
      expect(someoneElse.body).not.toContain(PUT_BACK);
      expect(someoneElse.body).not.toMatch(new RegExp(`name="${field}" type="radio" value="familiarity" checked`));

      const samePerson = await openWithParked(await signIn(hub.app, nia.email), parked!);
      expect(samePerson.body).toContain(PUT_BACK);
      expect(samePerson.body).toMatch(new RegExp(`name="${field}" type="radio" value="familiarity" checked`));
    });

    it('is kept for a form sent from another tab after signing out everywhere, for that person alone', async () => {
      const tab = await signIn(hub.app, nia.email);
      const field = extract((await tab.get(FACTOR_PAGE)).body, /name="(rating-[^"]+)"/);
      await (await signIn(hub.app, nia.email)).post('/sign-out', { everywhere: 'yes' });
      const response = await hub.app.inject({
        method: 'POST',
        url: FACTOR_PAGE,
        headers: { cookie: tab.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ [field]: 'familiarity', _csrf: tab.csrfToken }),
      });
      expect(response.statusCode).toBe(303);
      const parked = cookieValue(response, 'hub_resume');
      expect(parked).toBeDefined();
      expect((await openWithParked(await signIn(hub.app, omar.email), parked!)).body).not.toContain(PUT_BACK);
      expect((await openWithParked(await signIn(hub.app, nia.email), parked!)).body).toContain(PUT_BACK);
    });

    it('is not made from a post whose CSRF token is not the ended session’s, or with a cookie no session had', async () => {
      const forged = await submitAfterTimeout(await signIn(hub.app, nia.email), nia.id, {}, 'forged');
      expect(forged.response.statusCode).toBe(303);
      expect(forged.parked).toBeUndefined();

      const unknown = await hub.app.inject({
        method: 'POST',
        url: FACTOR_PAGE,
        headers: { cookie: 'hub_session=expired-or-unknown', 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ 'rating-x': 'familiarity', _csrf: 'stale' }),
      });
      expect(unknown.statusCode).toBe(303);
      expect(cookieValue(unknown, 'hub_resume')).toBeUndefined();
    });

    it('ignores a parked-form cookie written by hand', async () => {
      const session = await signIn(hub.app, nia.email);
      const field = extract((await session.get(FACTOR_PAGE)).body, /name="(rating-[^"]+)"/);
      const handMade = Buffer.from(JSON.stringify({ path: FACTOR_PAGE, fields: { [field]: 'understanding' } })).toString('base64url');
      const page = await openWithParked(session, handMade);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(PUT_BACK);
      expect(page.body).not.toMatch(new RegExp(`name="${field}" type="radio" value="understanding" checked`));
    });

    it('carries no secrets: no CSRF token and nothing that looks like a password or token', async () => {
      const { parked, field } = await submitAfterTimeout(await signIn(hub.app, nia.email), nia.id, { currentPassword: 'hunter2', apiToken: 'secret-token', clientSecret: 'shh' });
      expect(parked).toBeDefined();
      const text = Buffer.from(parked!, 'base64url').toString('utf8');
      expect(text).toContain(field);
      for (const secret of ['hunter2', 'secret-token', 'shh', '_csrf']) expect(text).not.toContain(secret);
    });

    it('comes back after signing in from a form whose address has no page of its own (asking for verification)', async () => {
      const topicPage = `/evidence/topics/${encodeURIComponent(knowledgeTopics(hub, 1)[0]!)}`;
      const session = await signIn(hub.app, nia.email);
      expect((await session.get(topicPage)).statusCode).toBe(200);
      await expireSessionsOf(nia.id);
      const response = await hub.app.inject({
        method: 'POST',
        url: `${topicPage}/verification`,
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ message: 'Please look at my certificate', _csrf: session.csrfToken }),
      });
      const parked = cookieValue(response, 'hub_resume');
      expect(parked).toBeDefined();
      const returnTo = decodeURIComponent(String(response.headers.location).split('returnTo=')[1] ?? '');
      expect(returnTo).toBe(`${topicPage}/verification`);
      const again = await signIn(hub.app, nia.email);
      const landing = await again.get(returnTo);
      expect([302, 303]).toContain(landing.statusCode);
      expect(landing.headers.location).toBe(topicPage);
      expect((await again.get(topicPage, { cookie: `${again.cookie}; hub_resume=${parked}` })).body).toContain(PUT_BACK);
    });

    it('never stands between a visitor with an old session cookie and accepting an invitation', async () => {
      const admin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'] });
      const viewer = { personId: admin.id, organisationId: admin.organisationId, displayName: admin.displayName, email: admin.email, roles: ['learner', 'organisation-admin'] as const };
      await hub.services.invitations.inviteStaff({ viewer, organisationId: orgs.trust.id, email: 'stale.cookie@example.nhs.uk', displayName: 'Stale Cookie', roles: [] });
      const { messages } = await hub.services.directory.listOutbox({ viewer, organisationId: orgs.trust.id });
      const token = extract(messages.find((m) => m.toAddress === 'stale.cookie@example.nhs.uk')?.bodyText ?? '', /\/invitations\/([\w-]+)/);

      const oldSession = await signIn(hub.app, omar.email);
      await expireSessionsOf(omar.id);
      const page = await hub.app.inject({ method: 'GET', url: `/invitations/${token}`, headers: { cookie: oldSession.cookie } });
      expect(page.statusCode).toBe(200);
      const visitorCookie = String(page.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/invitations/${token}`,
        headers: { cookie: `${oldSession.cookie}; ${visitorCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ password: 'tea kettle harbour lantern', _csrf: csrfTokenIn(page.body) }),
      });
      expect(accepted.statusCode).toBe(303);
      expect(accepted.headers.location).toBe('/account?welcome=1');
      expect(cookieValue(accepted, 'hub_resume')).toBeUndefined();
    });
  });

  describe('signing in', () => {
    async function signInFrom(cookie: string, form: Record<string, string>) {
      const page = await hub.app.inject({ method: 'GET', url: '/sign-in', headers: { cookie } });
      const visitor = String(page.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      return hub.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: anyAddress(),
        headers: { cookie: [cookie, visitor].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(page.body), ...form }),
      });
    }

    it('ends the session the browser already had, so no old token outlives a new sign-in', async () => {
      const before = await signIn(hub.app, nia.email);
      // The same browser, still holding Nia's cookie, signs in as Omar.
      const again = await hub.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: anyAddress(),
        headers: { cookie: before.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: before.csrfToken, email: omar.email, password: TEST_PASSWORD }),
      });
      expect(again.statusCode).toBe(303);
      expect(cookieValue(again, 'hub_session')).toBeDefined();
      expect(cookieValue(again, 'hub_session')).not.toBe(before.cookie.split('=')[1]);
      expect((await before.get('/sign-out')).statusCode).toBe(302);
    });

    it.each([
      ['/\t/evil.example/'],
      ['/\n/evil.example/'],
      ['/\r\n/evil.example/'],
      ['/ /evil.example/'],
      ['/\u000b/evil.example/'],
      ['/caf\u00e9'],
    ])('never sends anyone off the hub, or fails, for returnTo %j', async (returnTo) => {
      const response = await signInFrom('', { email: nia.email, password: TEST_PASSWORD, returnTo });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
      const session = `hub_session=${cookieValue(response, 'hub_session')}`;
      const signedIn = await hub.app.inject({ method: 'GET', url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`, headers: { cookie: session } });
      expect(signedIn.statusCode).toBe(302);
      expect(signedIn.headers.location).toBe('/');
    });
  });

  describe('the API session', () => {
    const multipart = (fields: Record<string, string>) => {
      const boundary = 'hubtestboundary';
      const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      return { contentType: `multipart/form-data; boundary=${boundary}`, payload: `${parts.join('')}--${boundary}--\r\n` };
    };

    it.each([
      ['a urlencoded form', () => ({ contentType: 'application/x-www-form-urlencoded', payload: formBody({ email: nia.email, password: TEST_PASSWORD }) })],
      ['a multipart form', () => multipart({ email: nia.email, password: TEST_PASSWORD })],
      ['a text/plain form', () => ({ contentType: 'text/plain', payload: JSON.stringify({ email: nia.email, password: TEST_PASSWORD }) })],
    ])('will not start from %s, which another site could post (login CSRF)', async (_, make) => {
      const { contentType, payload } = make();
      const response = await hub.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: anyAddress(), headers: { 'content-type': contentType }, payload });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(cookieValue(response, 'hub_session')).toBeUndefined();
    });

    it('answers too many wrong passwords for an address from one network address with a problem', async () => {
      const responses = [];
      for (let i = 0; i < 6; i++) responses.push(await hub.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '192.0.2.123', payload: { email: 'x@example.nhs.uk', password: 'x' } }));
      const last = responses.at(-1)!;
      expect(last.statusCode).toBe(429);
      expect(last.headers['content-type']).toContain('application/problem+json');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      expect(last.json()).toMatchObject({ status: 429 });
    });

    it('still starts from JSON', async () => {
      const response = await hub.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: anyAddress(), payload: { email: nia.email, password: TEST_PASSWORD } });
      expect(response.statusCode).toBe(200);
      expect(cookieValue(response, 'hub_session')).toBeDefined();
    });

    it('refuses a body far larger than any form or API call needs, as a problem', async () => {
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: anyAddress(),
        payload: { email: nia.email, password: 'x', padding: 'x'.repeat(2 * 1024 * 1024) },
      });
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });
});
