import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import type { KnowledgeCheck } from '../src/domain/products/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { knowledgeTopics } from './support/verification-fixtures.ts';

/** The page's text without tags, with runs of white space as one space. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&ldquo;|&#8220;/g, '“').replace(/\s+/g, ' ');
const unreadInHeader = (html: string) => /Notifications \((\d+) unread\)/.exec(html)?.[1] ?? '0';
const openLinks = (html: string) => [...html.matchAll(/href="(\/notifications\/[0-9a-f-]{36}\/open)"/g)].map((m) => m[1]!);

describe.each(databaseTargets())('the personal start page on $name', (target) => {
  let hub: TestHub;
  let ben: TestSession;
  let hannah: TestSession;
  let benPerson: NonNullable<Awaited<ReturnType<TestHub['services']['accounts']['findPersonByEmail']>>>;
  let hannahPerson: typeof benPerson;
  let topicId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
    benPerson = (await hub.services.accounts.findPersonByEmail(demoEmail('ben.ashworth')))!;
    hannahPerson = (await hub.services.accounts.findPersonByEmail(demoEmail('hannah.lloyd')))!;
    const repositories = createRepositories(hub.database.db);
    await repositories.supervisions.insertSupervision({ organisationId: benPerson.organisationId, supervisorId: hannahPerson.id, learnerId: benPerson.id, assignedBy: hannahPerson.id });
    [ben, hannah] = await Promise.all([signIn(hub.app, benPerson.email, DEMO_PASSWORD), signIn(hub.app, hannahPerson.email, DEMO_PASSWORD)]);
    [topicId] = knowledgeTopics(hub, 1) as [string];
  });
  afterAll(() => hub.close());

  it('is the visitor’s introduction when nobody is signed in', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/' });
    expect(response.body).toContain('Build your confidence in AI');
    expect(response.body).not.toContain('Welcome,');
  });

  it('tells someone new where to start: their profile, then the self-assessment', async () => {
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Nell New' });
    const body = textOf((await (await signIn(hub.app, person.email)).get('/')).body);
    expect(body).toContain('Welcome, Nell New');
    expect(body).toContain('Tell us about your work with AI');
    expect(body).toContain('Nothing is due.');
    expect(body).toContain('You do not have a learning journey yet.');
    expect(body).toContain('You have no new notifications.');
    expect(body).not.toContain('Your tools');
  });

  it('shows a learner’s due refresher, returned verification, next journey item, progress and unread notifications', async () => {
    expect((await ben.api('PUT', '/api/v1/me/ratings', { ratings: { [topicId]: 'awareness' } })).statusCode).toBe(200);
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(benPerson), topicId, supervisorId: hannahPerson.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(hannahPerson), requestId: request.id, decision: { outcome: 'returned', comment: 'Add the certificate from your course' } });
    expect((await ben.api('POST', '/api/v1/me/journey', {})).statusCode).toBeLessThan(300);

    const html = (await ben.get('/')).body;
    const body = textOf(html);
    expect(body).toContain('Welcome, Ben Ashworth');
    expect(body).toMatch(/Due by \d+ \w+ \d{4} Take the refresher: tri-X/);
    expect(body).toMatch(/Returned Look again at “[^”]+” Hannah Lloyd returned your request for verification on \d+ \w+ \d{4}: “Add the certificate from your course”/);
    expect(html).toContain(`href="/evidence/topics/${encodeURIComponent(topicId)}"`);
    expect(body).toMatch(/(Next|You have started): “[^”]+”, [^.]+\. \d+ items? to go\./);
    expect(body).toMatch(/You have rated yourself on 1 of \d+ topics\./);
    expect(body).toContain('returned your self-rating of');
    expect(openLinks(html).length).toBeGreaterThan(0);
  });

  it('marks a notification read when it is opened, and the header count and the page follow', async () => {
    const before = (await ben.get('/')).body;
    const unread = Number(unreadInHeader(before));
    const [first] = openLinks(before);
    const opened = await ben.get(first!);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toMatch(/^\//);
    const after = (await ben.get('/')).body;
    expect(Number(unreadInHeader(after))).toBe(unread - 1);
    expect(openLinks(after)).not.toContain(first);
    // Opening it again changes nothing and still goes there.
    expect((await ben.get(first!)).statusCode).toBe(303);
    expect(Number(unreadInHeader((await ben.get('/')).body))).toBe(unread - 1);
  });

  it('lets nobody open or mark another person’s notification', async () => {
    const notification = await hub.services.notifications.notify({ organisationId: benPerson.organisationId, personId: benPerson.id, message: 'For Ben only.', link: '/journey' });
    expect((await hannah.get(`/notifications/${notification.id}/open`)).statusCode).toBe(404);
    expect((await hannah.post(`/notifications/${notification.id}/read`)).statusCode).toBe(404);
    expect((await hannah.get('/notifications/not-a-uuid/open')).statusCode).toBe(404);
    expect((await hub.services.notifications.listUnread(viewerOf(benPerson), 50)).map((n) => n.id)).toContain(notification.id);
    expect((await ben.get(`/notifications/${notification.id}/open`)).headers.location).toBe('/journey');
  });

  it('marks one read with its button, and all of them at once', async () => {
    const notice = await hub.services.notifications.notify({ organisationId: benPerson.organisationId, personId: benPerson.id, message: 'A notice with nowhere to go.' });
    const list = (await ben.get('/notifications')).body;
    expect(list).toContain(`action="/notifications/${notice.id}/read"`);
    expect((await ben.post(`/notifications/${notice.id}/read`)).headers.location).toBe('/notifications');
    expect((await hub.services.notifications.listUnread(viewerOf(benPerson), 50)).map((n) => n.id)).not.toContain(notice.id);
    await ben.post('/notifications/read');
    expect(unreadInHeader((await ben.get('/')).body)).toBe('0');
    expect(textOf((await ben.get('/')).body)).toContain('You have no new notifications.');
  });

  it('marks the learner’s notice read when they ask again, and the supervisor’s when she decides', async () => {
    await ben.api('PUT', '/api/v1/me/ratings', { ratings: { [topicId]: 'familiarity' } });
    const returnedNotice = await hub.services.notifications.notify({ organisationId: benPerson.organisationId, personId: benPerson.id, message: 'Returned again.', link: `/evidence/topics/${encodeURIComponent(topicId)}` });
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(benPerson), topicId, supervisorId: hannahPerson.id });
    expect((await hub.services.notifications.listUnread(viewerOf(benPerson), 50)).map((n) => n.id)).not.toContain(returnedNotice.id);
    expect(textOf((await ben.get('/')).body)).not.toContain('Look again at');

    const hannahPage = textOf((await hannah.get('/')).body);
    expect(hannahPage).toContain('1 verification request is waiting for you');
    expect(hannahPage).toContain('My staff');
    const hannahUnread = Number(unreadInHeader((await hannah.get('/')).body));
    await hub.services.verification.decideVerification({ viewer: viewerOf(hannahPerson), requestId: request.id, decision: { outcome: 'confirmed' } });
    const after = (await hannah.get('/')).body;
    expect(Number(unreadInHeader(after))).toBe(hannahUnread - 1);
    expect(textOf(after)).toContain('No verification requests are waiting for you');
  });

  it('marks the notices about owed training read once the learner has passed it, and the refresher leaves the page', async () => {
    const notice = await hub.services.notifications.notify({ organisationId: benPerson.organisationId, personId: benPerson.id, message: 'tri-X needs a refresher.', link: '/products/mine' });
    const [owed] = (await hub.services.productTraining.myProducts({ viewer: viewerOf(benPerson) })).filter((p) => p.status === 'due');
    const module = await createRepositories(hub.database.db).productTraining.findModule(owed!.module!.id);
    const check = module!.knowledgeCheck as KnowledgeCheck;
    const answers = Object.fromEntries(check.questions.map((q) => [q.id, q.correct]));
    const attempt = await ben.api('POST', `/api/v1/modules/${module!.id}/attempts`, { answers });
    expect(attempt.json<{ passed: boolean }>().passed).toBe(true);
    expect((await hub.services.notifications.listUnread(viewerOf(benPerson), 50)).map((n) => n.id)).not.toContain(notice.id);
    expect(textOf((await ben.get('/')).body)).not.toContain('Take the refresher');
  });
});
