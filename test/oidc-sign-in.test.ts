import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, identityLinks, localCredentials, outbox, people, sessions } from '../src/db/schema.ts';
import type { DevCis2User } from '../src/dev/oidc-dev-provider.ts';
import { createOidcClient, OidcExchangeError } from '../src/services/identity/oidc-client.ts';
import { createTestOrganisations, createTestPerson, csrfTokenIn, formBody, signIn } from './support/people-fixtures.ts';
import { cookieHeader, createOidcTestHub, followProvider, signInWithCis2, startTestCis2 } from './support/test-oidc-provider.ts';
import type { TestCis2 } from './support/test-oidc-provider.ts';
import { databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const role = (roleId: string, orgCode: string, roleName = 'Nurse Access Role') => ({ roleId, orgCode, roleName, roleCode: 'S8000:G8000:R8001' });
const USERS: DevCis2User[] = [
  { uid: '555000000001', givenName: 'Ada', familyName: 'One', email: 'ada.one@nhs.net', roles: [role('r-1', 'rx1')] },
  { uid: '555000000002', givenName: 'Ben', familyName: 'Two', roles: [role('r-2a', 'RX1', 'Nurse Access Role'), role('r-2b', 'RY2', 'Registration Authority Agent')] },
  { uid: '555000000003', givenName: 'Cy', familyName: 'Three', roles: [role('r-3a', 'RX1'), role('r-3b', 'RY2', 'Clinical Director')], selectedRoleId: 'r-3b' },
  { uid: '555000000004', givenName: 'Di', familyName: 'Four', roles: [] },
  { uid: '555000000005', givenName: 'Ed', familyName: 'Five', roles: [role('r-5', 'ZZZ99')] },
  { uid: '555000000006', givenName: 'Fay', familyName: 'Six', email: 'fay.taken@example.nhs.uk', roles: [role('r-6', 'RZ3')] },
  { uid: '555000000007', givenName: 'Gil', familyName: 'Seven', roles: [role('r-7', 'RZ3')] },
  { uid: '555000000008', givenName: 'Hal', familyName: 'Eight', roles: [role('r-8', 'RZ3')] },
  { uid: '555000000009', givenName: 'Ivy', familyName: 'Nine', roles: [role('r-9', 'RZ3')] },
];
const STRONG = { acr: 'AAL3_ANY', amr: ['N3_SMARTCARD'] };

describe.each(databaseTargets())('signing in with NHS CIS2 on $name', (target) => {
  let cis2: TestCis2;
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  /** A staff record (ESR) pre-links Hal's CIS2 identity to this account. */
  let halPersonId = '';

  const db = () => hub.database.db;
  const setOrganisation = (id: string, odsCode: string, createAccounts: boolean) =>
    db().execute(sql`update organisations set ods_code = ${odsCode}, cis2_create_accounts = ${createAccounts} where id = ${id}`);
  const auditActions = async (action: string) => (await db().select().from(auditEvents).where(eq(auditEvents.action, action)));
  const personOfSession = async (cookies: Map<string, string>) => {
    const page = await hub.app.inject({ method: 'GET', url: '/account', headers: { cookie: cookieHeader(cookies) } });
    return page;
  };

  beforeAll(async () => {
    cis2 = await startTestCis2(USERS);
    hub = await createOidcTestHub(target, cis2, {
      staffRecords: { findPersonByCisUuid: async (organisationId, uid) => (uid === '555000000008' && organisationId === orgs.ics.id ? halPersonId : undefined) },
    });
    orgs = await createTestOrganisations(hub);
    // RX1 and RY2 create accounts on first sign-in; RZ3 (the ICS) does not.
    await setOrganisation(orgs.trust.id, 'RX1', true);
    await setOrganisation(orgs.otherTrust.id, 'RY2', true);
    await setOrganisation(orgs.ics.id, 'RZ3', false);
    halPersonId = (await createTestPerson(hub, { organisationId: orgs.ics.id, name: 'Hal Eight' })).id;
  });
  afterAll(async () => {
    await hub?.close();
    await cis2?.close();
  });

  it('signs someone with one role in to the account at that ODS code’s organisation, created at first sign-in', async () => {
    cis2.login({ uid: '555000000001', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2, { start: '/sign-in/nhs?returnTo=%2Faccount' });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/account');
    const account = await personOfSession(cookies);
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Ada One (Nurse Access Role, Test Trust)');
    expect(account.body).toContain('You are signed in as Nurse Access Role at Test Trust');
    const [link] = await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000001'));
    expect(link).toMatchObject({ organisationId: orgs.trust.id, linkedBy: 'created', issuer: 'https://cis2.test:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare' });
    const [person] = await db().select().from(people).where(eq(people.id, link?.personId ?? ''));
    expect(person).toMatchObject({ displayName: 'Ada One', email: 'ada.one@nhs.net', organisationId: orgs.trust.id, roles: ['learner'] });
    expect((await auditActions('identity.linked')).some((e) => e.subjectId === person?.id)).toBe(true);
    const [succeeded] = (await auditActions('sign-in.oidc.succeeded')).filter((e) => e.actorId === person?.id);
    expect(succeeded?.detail).toMatchObject({ roleId: 'r-1', orgCode: 'RX1', acr: 'AAL3_ANY' });

    // The next sign-in uses the same account through its link.
    cis2.login({ uid: '555000000001', ...STRONG });
    const again = await signInWithCis2(hub.app, cis2);
    expect(again.callback.statusCode).toBe(303);
    expect(await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000001'))).toHaveLength(1);
  });
  it('asks someone with several roles which to use, then switches locally to the other organisation’s account', async () => {
    cis2.login({ uid: '555000000002', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/sign-in/nhs/role');
    const chooser = await hub.app.inject({ method: 'GET', url: '/sign-in/nhs/role', headers: { cookie: cookieHeader(cookies) } });
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain('Which role do you want to use?');
    expect(chooser.body).toContain('Registration Authority Agent');
    expect(chooser.body).toContain('Other Trust');
    // The chooser's form carries a visitor CSRF token, whose secret is in the cookie the page set.
    for (const c of chooser.cookies) cookies.set(c.name, c.value);
    const post = (form: Record<string, string>) =>
      hub.app.inject({ method: 'POST', url: '/sign-in/nhs/role', headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ ...form, _csrf: csrfTokenIn(chooser.body) }) });
    const nothing = await post({});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Select the role you want to use');

    const chosen = await post({ roleId: 'r-2b' });
    expect(chosen.statusCode).toBe(303);
    for (const c of chosen.cookies) cookies.set(c.name, c.value);
    const account = await personOfSession(cookies);
    expect(account.body).toContain('Ben Two (Registration Authority Agent, Other Trust)');
    // CIS2 roles grant no hub permissions (Q6).
    const [otherAccount] = await db().select().from(people).where(eq(people.displayName, 'Ben Two'));
    expect(otherAccount).toMatchObject({ organisationId: orgs.otherTrust.id, roles: ['learner'] });
    // The choice is used once.
    expect((await post({ roleId: 'r-2a' })).statusCode).not.toBe(303);
    expect(await hub.services.oidcSignIn?.pendingRoles({ browserToken: cookies.get('hub_oidc') })).toBeUndefined();

    const oldCookie = cookieHeader(cookies);
    const switched = await hub.app.inject({ method: 'POST', url: '/account/role', headers: { cookie: oldCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ roleId: 'r-2a', _csrf: csrfTokenIn(account.body) }) });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/account');
    for (const c of switched.cookies) cookies.set(c.name, c.value);
    expect(cookieHeader(cookies)).not.toBe(oldCookie);
    const afterSwitch = await personOfSession(cookies);
    expect(afterSwitch.body).toContain('Ben Two (Nurse Access Role, Test Trust)');
    expect((await hub.app.inject({ method: 'GET', url: '/account', headers: { cookie: oldCookie } })).statusCode).not.toBe(200);
    const accounts = await db().select().from(people).where(eq(people.displayName, 'Ben Two'));
    expect(accounts.map((p) => p.organisationId).sort()).toEqual([orgs.trust.id, orgs.otherTrust.id].sort());
    const [switchEvent] = await auditActions('sign-in.role-switched');
    expect(switchEvent?.detail).toMatchObject({ fromRoleId: 'r-2b', toRoleId: 'r-2a', orgCode: 'RX1' });
  });

  it('signs straight in to the role CIS2’s own role selection chose', async () => {
    cis2.login({ uid: '555000000003', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/');
    expect((await personOfSession(cookies)).body).toContain('Cy Three (Clinical Director, Other Trust)');
  });

  it.each([
    ['no role at all', '555000000004', 'You have no role at an organisation on this hub', 'no-role'],
    ['roles only at organisations not on the hub', '555000000005', 'Your organisation is not on this hub', 'not-on-hub'],
  ])('refuses someone with %s on a clear page', async (_name, uid, heading, reason) => {
    cis2.login({ uid, ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(403);
    expect(callback.body).toContain(heading);
    expect(cookies.has('hub_session')).toBe(false);
    expect((await auditActions('sign-in.oidc.refused')).some((e) => (e.detail as { reason?: string; subject?: string }).reason === reason && (e.detail as { subject?: string }).subject === uid)).toBe(true);
  });

  it('refuses an authentication weaker than the accepted acr values', async () => {
    cis2.login({ uid: '555000000001', acr: 'AAL1_USERPASS', amr: ['pwd'] });
    const { callback } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(403);
    expect(callback.body).toContain('Sign in again with your smartcard or another stronger method');
  });

  it('never links by an e-mail claim: an account at that address stays unlinked, and creation is off here', async () => {
    const existing = await createTestPerson(hub, { organisationId: orgs.ics.id, name: 'Fay Taken' });
    await db().execute(sql`update people set email = 'fay.taken@example.nhs.uk' where id = ${existing.id}`);
    cis2.login({ uid: '555000000006', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(403);
    expect(callback.body).toContain('Your NHS CIS2 account is not linked to the hub yet at Test ICS');
    expect(cookies.has('hub_session')).toBe(false);
    expect(await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000006'))).toEqual([]);
    // Audited in the organisation, so its admins see the refusal among their sign-ins.
    const refusal = (await auditActions('sign-in.oidc.refused')).find((e) => (e.detail as { subject?: string }).subject === '555000000006');
    expect(refusal).toMatchObject({ organisationId: orgs.ics.id, detail: { reason: 'not-linked' } });

    // With creation on, a new account is made (the taken address becomes a placeholder), never the existing one.
    await setOrganisation(orgs.ics.id, 'RZ3', true);
    try {
      const created = await signInWithCis2(hub.app, cis2);
      expect(created.callback.statusCode).toBe(303);
      const [link] = await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000006'));
      expect(link?.personId).not.toBe(existing.id);
      const [person] = await db().select().from(people).where(eq(people.id, link?.personId ?? ''));
      expect(person?.email).toBe('cis2-555000000006@cis2.invalid');
      expect(await db().select().from(localCredentials).where(eq(localCredentials.personId, person?.id ?? ''))).toEqual([]);
    } finally {
      await setOrganisation(orgs.ics.id, 'RZ3', false);
    }
  });

  it('links through the staff record (ESR) whose CIS UUID is the user’s, and refuses a leaver', async () => {
    cis2.login({ uid: '555000000008', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(303);
    const [link] = await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000008'));
    expect(link).toMatchObject({ personId: halPersonId, linkedBy: 'staff-record' });
    expect((await personOfSession(cookies)).body).toContain('Hal Eight');

    await db().execute(sql`update people set status = 'disabled' where id = ${halPersonId}`);
    const leaver = await signInWithCis2(hub.app, cis2);
    expect(leaver.callback.statusCode).toBe(403);
    expect(leaver.callback.body).toContain('Your hub account at Test ICS has been closed');
    expect(leaver.cookies.has('hub_session')).toBe(false);
  });

  it('accepts an invitation with CIS2: the account is made in the invitation’s organisation and linked', async () => {
    const admin = await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['organisation-admin'], name: 'Ics Admin' });
    const viewer = { personId: admin.id, organisationId: admin.organisationId, displayName: admin.displayName, email: admin.email, roles: ['learner', 'organisation-admin'] as const };
    await hub.services.invitations.inviteStaff({ viewer: { ...viewer, roles: [...viewer.roles] }, organisationId: orgs.ics.id, email: 'ivy.nine@example.nhs.uk', displayName: 'Ivy Nine', roles: ['supervisor'] });
    const [mail] = await db().select().from(outbox).where(eq(outbox.toAddress, 'ivy.nine@example.nhs.uk'));
    const token = /invitations\/([\w-]+)/.exec(mail?.bodyText ?? '')?.[1] ?? '';
    const page = await hub.app.inject({ method: 'GET', url: `/invitations/${token}` });
    expect(page.body).toContain('Accept with NHS CIS2');

    cis2.login({ uid: '555000000009', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2, { start: `/sign-in/nhs?invitation=${token}` });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/account?welcome=1');
    const [link] = await db().select().from(identityLinks).where(eq(identityLinks.subject, '555000000009'));
    const [person] = await db().select().from(people).where(eq(people.id, link?.personId ?? ''));
    expect(link?.linkedBy).toBe('invitation');
    expect(person).toMatchObject({ organisationId: orgs.ics.id, email: 'ivy.nine@example.nhs.uk', displayName: 'Ivy Nine', roles: ['learner', 'supervisor'] });
    expect((await personOfSession(cookies)).body).toContain('Ivy Nine');
    expect((await hub.app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(410);
  });

  it('refuses a tampered state, a replayed callback and a callback without the browser’s binding cookie', async () => {
    cis2.login({ uid: '555000000001', ...STRONG });
    const tampered = await signInWithCis2(hub.app, cis2, { beforeCallback: (url) => url.replace(/state=[^&]+/, 'state=forged') });
    expect(tampered.callback.statusCode).toBe(400);
    expect(tampered.callback.body).toContain('Sign in again');
    expect(tampered.cookies.has('hub_session')).toBe(false);

    const first = await signInWithCis2(hub.app, cis2);
    expect(first.callback.statusCode).toBe(303);
    const replay = await hub.app.inject({ method: 'GET', url: first.callbackUrl.slice('http://hub.test'.length), headers: { cookie: `hub_oidc=${'x'.repeat(43)}` } });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Sign in again');

    const started = await hub.app.inject({ method: 'GET', url: '/sign-in/nhs' });
    const callbackUrl = await followProvider(cis2, String(started.headers.location));
    const unbound = await hub.app.inject({ method: 'GET', url: callbackUrl.slice('http://hub.test'.length) });
    expect(unbound.statusCode).toBe(400);
    const replayed = (await auditActions('sign-in.oidc.refused')).map((e) => (e.detail as { why?: string }).why);
    expect(replayed).toEqual(expect.arrayContaining(['unknown-or-used', 'no-browser-binding']));
  });

  it('lets the provider refuse a code used twice', async () => {
    const client = createOidcClient(cis2.config(), { fetch: cis2.fetch });
    const began = await client.begin();
    cis2.login({ uid: '555000000001', ...STRONG });
    const callbackUrl = new URL(await followProvider(cis2, began.url));
    const checks = { codeVerifier: began.codeVerifier, state: began.state, nonce: began.nonce };
    expect((await client.finish(callbackUrl, checks)).idTokenClaims.iss).toBe(cis2.provider.issuer);
    await expect(client.finish(callbackUrl, checks)).rejects.toThrow(OidcExchangeError);
  });

  it('signs a CIS2 session out at the provider too, with the ID token as a hint', async () => {
    cis2.login({ uid: '555000000001', ...STRONG });
    const { cookies } = await signInWithCis2(hub.app, cis2);
    const page = await hub.app.inject({ method: 'GET', url: '/sign-out', headers: { cookie: cookieHeader(cookies) } });
    const out = await hub.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body) }) });
    expect(out.statusCode).toBe(303);
    const location = new URL(String(out.headers.location));
    expect(location.href.startsWith('https://cis2.test/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/session/end')).toBe(true);
    expect(location.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe('http://hub.test/signed-out');
    expect(String(out.headers['content-security-policy'])).toContain("form-action 'self' https://cis2.test");
    expect((await hub.app.inject({ method: 'GET', url: '/signed-out' })).body).toContain('You have signed out of the AI Confidence Hub and of NHS CIS2');
  });

  it('offers the provider on the sign-in page and publishes the hub’s public key', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('Sign in with NHS CIS2');
    expect(page.body).toContain('name="password"');
    const jwks = await hub.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    const [key] = jwks.json<{ keys: Array<Record<string, string>> }>().keys;
    expect(key).toMatchObject({ kid: 'hub-1', alg: 'RS256', use: 'sig', kty: 'RSA' });
    expect(key?.d).toBeUndefined();
  });

  it('audits password sign-ins too, and their sessions are password sessions', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Pat Password' });
    const session = await signIn(hub.app, person.email);
    expect((await session.get('/account')).body).not.toContain('Your NHS CIS2 role');
    expect((await auditActions('sign-in.password.succeeded')).filter((e) => e.actorId === person.id)).toHaveLength(1);
  });

  it('writes the sessions it starts as OIDC sessions', async () => {
    const rows = await db().select({ authMethod: sessions.authMethod, roles: sessions.cis2Roles }).from(sessions).where(eq(sessions.authMethod, 'oidc'));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('a hub with passwords off, and a clock an hour behind the provider', () => {
  let cis2: TestCis2;
  let hub: TestHub;
  beforeAll(async () => {
    cis2 = await startTestCis2(USERS);
    const [target] = databaseTargets();
    if (!target) throw new Error('no database target');
    hub = await createOidcTestHub(target, cis2, { localPasswords: false, clockSkewSeconds: 3700 });
    const orgs = await createTestOrganisations(hub);
    await hub.database.db.execute(sql`update organisations set ods_code = 'RX1', cis2_create_accounts = true where id = ${orgs.trust.id}`);
  });
  afterAll(async () => {
    await hub?.close();
    await cis2?.close();
  });

  it('hides the password form, and password sign-in, reset and invitation passwords are not found', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('Sign in with NHS CIS2');
    expect(page.body).not.toContain('name="password"');
    expect((await hub.app.inject({ method: 'POST', url: '/sign-in', payload: {} })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/sign-in/forgot' })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/sign-in/reset/abc' })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'POST', url: '/invitations/abc', payload: {} })).statusCode).toBe(404);
  });

  it('refuses an ID token that has expired by the hub’s clock', async () => {
    cis2.login({ uid: '555000000001', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(400);
    expect(callback.body).toContain('Sign in again');
    expect(cookies.has('hub_session')).toBe(false);
  });
});
