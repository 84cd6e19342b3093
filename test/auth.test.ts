import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, csrfTokenIn, formBody, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('sign-in and sessions on $name', (target) => {
  let hub: TestHub;
  let email: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    email = (await createTestPerson(hub, { organisationId: trust.id, name: 'Sam Signin' })).email;
  });
  afterAll(() => hub.close());

  async function attempt(password: string, emailAddress = email) {
    const page = await hub.app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    return hub.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ email: emailAddress, password, _csrf: csrfTokenIn(page.body), returnTo: '/frameworks' }),
    });
  }

  it('signs in, shows who is signed in, and returns to the page asked for', async () => {
    const response = await attempt(TEST_PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/frameworks');
    const cookie = response.cookies.find((c) => c.name === 'hub_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const page = await hub.app.inject({ method: 'GET', url: '/sign-out', headers: { cookie: `hub_session=${cookie?.value}` } });
    expect(page.body).toContain('Sam Signin');
  });

  it('refuses a wrong password with one message that does not say whether the account exists', async () => {
    const wrong = await attempt('not the password');
    const unknown = await attempt(TEST_PASSWORD, 'nobody@example.nhs.uk');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('nhsuk-error-summary');
      expect(response.body).toContain('Enter a correct email address and password');
    }
  });

  it('asks for both fields', async () => {
    const response = await attempt('', '');
    expect(response.body).toContain('Enter your email address');
    expect(response.body).toContain('Enter your password');
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ email, password: TEST_PASSWORD, _csrf: 'forged' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.find((c) => c.name === 'hub_session')).toBeUndefined();
  });

  it('does not redirect anywhere but this hub after signing in', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/sign-in?returnTo=//evil.example/' });
    expect(page.body).toContain('name="returnTo" value="/"');
  });

  it('sends a signed-out visitor to sign in and back', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/sign-out' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in');
  });

  it('signs out one session, or every session', async () => {
    const first = await signIn(hub.app, email);
    const second = await signIn(hub.app, email);
    expect((await first.post('/sign-out')).body).toContain('You have signed out');
    expect((await first.get('/sign-out')).statusCode).toBe(302);
    expect((await second.get('/sign-out')).statusCode).toBe(200);
    const third = await signIn(hub.app, email);
    expect((await third.post('/sign-out', { everywhere: 'yes' })).body).toContain('signed out on every device');
    expect((await second.get('/sign-out')).statusCode).toBe(302);
  });
});
