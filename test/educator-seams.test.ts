import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyItems, journeys, learningResourceRevisions, learningResources, notifications } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/**
 * Issue 11, educators: the curation-gap report agrees with itself and downloads as CSV; the import
 * page documents its columns, offers a template and reads topic labels; retiring needs a reason and
 * tells the learners it affects; a list of resources due for review.
 */
type ResourceJson = { id: string; title: string; version: number; status: string; outcomes: Array<{ topicId: string; level: string }> };

const base = { provider: 'Seams provider', url: 'https://example.org/seams', description: 'A resource for the seams tests.', format: 'reading', durationMinutes: 20, vendorNeutral: true };
const DAY = 24 * 60 * 60 * 1000;
const isoInDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const squash = (html: string) => html.replace(/\s+/g, ' ');
const errorTexts = (html: string) => {
  const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ' ').trim().replace(/&#8220;|&ldquo;/g, '“').replace(/&#8221;|&rdquo;/g, '”'));
};
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe.each(databaseTargets())('educator journeys on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let educator: TestSession;
  let otherEducator: TestSession;
  let learner: TestSession;
  const people: Record<string, { id: string; organisationId: string }> = {};

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const made = {
      educator: await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'educator'], name: 'Anika Educator' }),
      otherEducator: await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['learner', 'educator'], name: 'Otto Other' }),
      planned: await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Pat Planned' }),
      started: await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Sam Started' }),
      completed: await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Cai Completed' }),
      archived: await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Ari Archived' }),
      bystander: await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Bea Bystander' }),
    };
    for (const [key, person] of Object.entries(made)) people[key] = { id: person.id, organisationId: person.organisationId };
    educator = await signIn(hub.app, made.educator.email);
    otherEducator = await signIn(hub.app, made.otherEducator.email);
    learner = await signIn(hub.app, made.planned.email);
  });
  afterAll(() => hub.close());

  const create = async (input: object, session = educator): Promise<ResourceJson> => {
    const response = await session.api('POST', '/api/v1/resources', { ...base, ...input });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const publish = async (id: string): Promise<void> => {
    expect((await educator.api('POST', `/api/v1/resources/${id}/publish`)).statusCode).toBe(200);
  };
  const pasteImport = (content: string) => educator.post('/catalogue/import', { source: 'paste', format: 'csv', content });
  const stored = async (title: string) => {
    const [row] = await hub.database.db.select().from(learningResources).where(eq(learningResources.title, title));
    return row;
  };

  describe('the curation-gap report', () => {
    beforeAll(async () => {
      // A topic everyone needs whose only resource is a draft: still nothing published.
      await create({ title: 'Draft-only definitions', outcomes: [{ topicId: 'ai-definitions', level: 'familiarity' }] });
      await publish((await create({ title: 'Published how AI learns', outcomes: [{ topicId: 'how-ai-learns', level: 'understanding' }] })).id);
    });

    it('counts a needed topic with only a draft resource as untaught, and its headline agrees with its tables and its CSV', async () => {
      const page = await educator.get('/catalogue/curation-gaps');
      expect(page.statusCode).toBe(200);
      const html = decode(squash(page.body));
      expect(html).not.toContain('Every topic of the framework is taught');
      expect(html).toContain('href="/catalogue/curation-gaps.csv"');

      const csv = await educator.get('/catalogue/curation-gaps.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="curation-gaps.csv"');
      const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0] ?? {})).toEqual(['topic_id', 'topic', 'kind', 'level', 'tier', 'archetypes', 'people_needing', 'best_available_now']);
      const definitions = rows.filter((r) => r.topic_id === 'ai-definitions');
      expect(definitions.length).toBeGreaterThan(0);
      expect(definitions.every((r) => r.best_available_now === 'Nothing published' && Number(r.people_needing) > 0)).toBe(true);
      expect(rows.filter((r) => r.topic_id === 'how-ai-learns' && r.tier === 'foundational')).toEqual([]);

      // The headline's numbers are the CSV's: topics with nothing published, needed and not.
      const untaught = new Map<string, number>();
      for (const r of rows.filter((row) => row.best_available_now === 'Nothing published')) untaught.set(r.topic_id!, Math.max(untaught.get(r.topic_id!) ?? 0, Number(r.people_needing)));
      const needed = [...untaught.values()].filter((n) => n > 0).length;
      expect(untaught.has('how-ai-learns')).toBe(false);
      expect(html).toContain(`${untaught.size} topics have nothing published that teaches them: ${needed} needed by people here now`);
      expect(html).toContain(`and ${untaught.size - needed} nobody here needs yet.`);
      // Every untaught topic is in the page's table of them, once.
      const table = /<caption[^>]*>\s*Topics nothing published teaches[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
      expect(table.match(/<tr class="nhsuk-table__row">/g)?.length).toBe(untaught.size + 1);
      expect(table).toContain('What algorithms, AI, machine learning and deep learning are');
    });

    it('is for educators only, as a page and as a download', async () => {
      for (const path of ['/catalogue/curation-gaps', '/catalogue/curation-gaps.csv']) {
        expect((await learner.get(path)).statusCode).toBe(403);
        expect((await hub.app.inject({ method: 'GET', url: path })).statusCode).not.toBe(200);
      }
    });
  });

  describe('importing resources', () => {
    it('documents every column on the page and links the template and the topics list', async () => {
      const page = await educator.get('/catalogue/import');
      expect(page.statusCode).toBe(200);
      const html = squash(page.body);
      expect(html).toMatch(/<caption class="nhsuk-table__caption[^"]*">\s*Columns of a resources CSV file/);
      for (const column of ['title', 'provider', 'url', 'format', 'duration_minutes', 'vendor_neutral', 'outcomes', 'prerequisites', 'review_date']) expect(html).toContain(`<code>${column}</code>`);
      expect(html).toContain('href="/catalogue/import/template.csv"');
      expect(html).toContain('href="/catalogue/import/topics.csv"');
      expect(html).toContain('<code>ai-definitions</code>');
    });

    it('offers a topics list with every topic’s id and label, and a template that imports as it stands', async () => {
      const topics = await educator.get('/catalogue/import/topics.csv');
      expect(topics.statusCode).toBe(200);
      const topicRows = parse(topics.body, { columns: true }) as Array<Record<string, string>>;
      expect(topicRows).toHaveLength(hub.services.assessmentFramework().index.topicById.size);
      expect(topicRows).toContainEqual(expect.objectContaining({ topic_id: 'ai-definitions', topic_label: 'What algorithms, AI, machine learning and deep learning are', kind: 'knowledge' }));

      const template = await educator.get('/catalogue/import/template.csv');
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-disposition']).toBe('attachment; filename="learning-resources-template.csv"');
      const done = await pasteImport(template.body);
      expect(done.statusCode, done.body).toBe(303);
      expect(done.headers.location).toBe('/catalogue/import/done?created=1&updated=0&unchanged=0');
      const example = await stored('Example resource: change this row or delete it');
      expect(example?.status).toBe('draft');
    });

    it('reads topics by label, whatever the case and spacing, and stores their ids', async () => {
      const csv = ['title,provider,url,description,format,duration_minutes,vendor_neutral,outcomes', 'Labelled topics,Provider,https://example.org/l,By label.,reading,15,true,"  what ALGORITHMS, AI, machine learning and deep learning are :familiarity;How AI learns from data: learning methodologies:Awareness"'].join('\n');
      const done = await pasteImport(csv);
      expect(done.statusCode, done.body).toBe(303);
      const [row] = await hub.database.db.select().from(learningResources).where(eq(learningResources.title, 'Labelled topics'));
      const details = await hub.services.catalogue.getResource({ viewer: null, id: row!.id }).catch(() => null);
      expect(details).toBeNull(); // a draft: only its curators see it
      const json = (await educator.api('GET', `/api/v1/resources/${row!.id}`)).json() as ResourceJson;
      expect(json.outcomes).toEqual([
        { topicId: 'ai-definitions', level: 'familiarity' },
        { topicId: 'how-ai-learns', level: 'awareness' },
      ]);
    });

    it('suggests the nearest topic for a mistyped one, importing nothing, then imports the corrected file', async () => {
      const row = (topic: string) => `Mistyped topic,Provider,https://example.org/m,Typo.,reading,15,true,${topic}:awareness`;
      const header = 'title,provider,url,description,format,duration_minutes,vendor_neutral,outcomes';
      const refused = await pasteImport([header, row('Healthcare problems suited to AI')].join('\n'));
      expect(refused.statusCode).toBe(400);
      expect(errorTexts(refused.body)).toEqual(['Row 2 – outcomes: “Healthcare problems suited to AI” is not a topic of the framework. Did you mean “Healthcare problems best suited to AI” (problems-suited-to-ai)?']);
      expect(await stored('Mistyped topic')).toBeUndefined();
      const nonsense = await pasteImport([header, row('Quantum entanglement')].join('\n'));
      expect(errorTexts(nonsense.body)).toEqual(['Row 2 – outcomes: “Quantum entanglement” is not a topic of the framework. Name it by its id or its label, as in the list of topics']);
      expect((await pasteImport([header, row('Healthcare problems best suited to AI')].join('\n'))).statusCode).toBe(303);
      expect(await stored('Mistyped topic')).toBeDefined();
    });

    it('keeps the template and the topics list to educators', async () => {
      for (const path of ['/catalogue/import/template.csv', '/catalogue/import/topics.csv']) expect((await learner.get(path)).statusCode).toBe(403);
    });
  });

  describe('editing a resource', () => {
    it('keeps the factor expanders closed, counting and listing what is chosen, as the new-resource form does', async () => {
      const resource = await create({ title: 'Broad resource', outcomes: [{ topicId: 'ai-definitions', level: 'awareness' }, { topicId: 'ce-ukca-marking', level: 'familiarity' }, { topicId: 'how-ai-learns', level: 'awareness' }] });
      const page = await educator.get(`/catalogue/resources/${resource.id}/edit`);
      expect(page.statusCode).toBe(200);
      const html = squash(page.body);
      expect(html).not.toMatch(/<details[^>]*id="outcomes-[^"]*"[^>]*open/);
      expect(html).toMatch(/AI literacy \(2 chosen\)/);
      expect(html).toMatch(/Governance \(1 chosen\)/);
      const chosen = /<ul class="nhsuk-list nhsuk-list--bullet" id="chosen-outcomes">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      expect([...chosen.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual([
        'How AI learns from data: learning methodologies: Awareness',
        'What algorithms, AI, machine learning and deep learning are: Awareness',
        'Medical device regulation of AI: CE/UKCA marking and certification: Familiarity',
      ]);
    });
  });

  describe('retiring a resource', () => {
    let resource: ResourceJson;

    beforeAll(async () => {
      resource = await create({ title: 'Soon retired course', outcomes: [{ topicId: 'model-bias', level: 'familiarity' }] });
      await publish(resource.id);
      const version = hub.services.assessmentFramework().version;
      const plan = async (person: { id: string; organisationId: string }, itemStatus: 'planned' | 'started' | 'completed', journeyStatus: 'active' | 'archived' = 'active') => {
        const [journey] = await hub.database.db
          .insert(journeys)
          .values({ organisationId: person.organisationId, personId: person.id, frameworkId: 'dart-ed-2022', frameworkVersion: version, status: journeyStatus, settings: {}, planner: {}, archivedAt: journeyStatus === 'archived' ? new Date() : null })
          .returning();
        await hub.database.db.insert(journeyItems).values({ organisationId: person.organisationId, journeyId: journey!.id, resourceId: resource.id, position: 1, closes: [], status: itemStatus, addedBecause: 'plan' });
      };
      await plan(people.planned!, 'planned');
      await plan(people.started!, 'started');
      await plan(people.completed!, 'completed');
      await plan(people.archived!, 'planned', 'archived');
    });

    const noticesOf = (personId: string) => hub.database.db.select().from(notifications).where(eq(notifications.personId, personId));

    it('asks why, says who will be told, and changes nothing without a reason', async () => {
      const page = await educator.get(`/catalogue/resources/${resource.id}/retire`);
      expect(page.statusCode).toBe(200);
      expect(squash(page.body)).toContain('2 learners have it ahead in their learning journey.');
      const refused = await educator.post(`/catalogue/resources/${resource.id}/retire`, { reason: '   ', version: String(resource.version + 1) });
      expect(refused.statusCode).toBe(400);
      expect(errorTexts(refused.body)).toEqual(['Enter why the resource is being retired']);
      expect((await stored('Soon retired course'))?.status).toBe('published');
      expect(await noticesOf(people.planned!.id)).toEqual([]);
    });

    it('lets only the resource’s curators retire it', async () => {
      expect((await learner.get(`/catalogue/resources/${resource.id}/retire`)).statusCode).toBe(403);
      expect((await learner.post(`/catalogue/resources/${resource.id}/retire`, { reason: 'Mine now' })).statusCode).toBe(403);
      expect((await otherEducator.get(`/catalogue/resources/${resource.id}/retire`)).statusCode).toBe(403);
      expect((await otherEducator.post(`/catalogue/resources/${resource.id}/retire`, { reason: 'Mine now' })).statusCode).toBe(403);
      expect((await stored('Soon retired course'))?.status).toBe('published');
    });

    it('keeps the reason with its history and tells only the learners with it still ahead in an active journey', async () => {
      const done = await educator.post(`/catalogue/resources/${resource.id}/retire`, { reason: 'The course has closed for good.', version: String(resource.version + 1) });
      expect(done.statusCode, done.body).toBe(303);
      expect(done.headers.location).toBe(`/catalogue/resources/${resource.id}?done=retired`);
      const page = squash((await educator.get(`/catalogue/resources/${resource.id}`)).body);
      expect(page).toContain('Reason: The course has closed for good.');
      expect(page).toContain('<td class="nhsuk-table__cell"> The course has closed for good. </td>');
      const revisions = await hub.database.db.select().from(learningResourceRevisions).where(eq(learningResourceRevisions.resourceId, resource.id));
      expect(revisions.find((r) => r.action === 'retired')?.reason).toBe('The course has closed for good.');

      for (const key of ['planned', 'started']) {
        const notices = await noticesOf(people[key]!.id);
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({ organisationId: people[key]!.organisationId, link: '/journey' });
        expect(notices[0]?.message).toBe('“Soon retired course” has been retired from the learning catalogue, so it is no longer offered. Reason: “The course has closed for good”. Choose an alternative or plan your learning journey again.');
      }
      for (const key of ['completed', 'archived', 'bystander']) expect(await noticesOf(people[key]!.id)).toEqual([]);
      const notices = squash((await learner.get('/notifications')).body);
      expect(notices).toContain('Soon retired course');
      expect(notices).toContain('href="/journey"');
    });

    it('needs a reason through the API too', async () => {
      const other = await create({ title: 'API retired', outcomes: [{ topicId: 'model-bias', level: 'awareness' }] });
      const refused = await educator.api('POST', `/api/v1/resources/${other.id}/retire`, {});
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([{ field: 'reason', message: 'Enter why the resource is being retired' }]);
      const retired = await educator.api('POST', `/api/v1/resources/${other.id}/retire`, { reason: 'Duplicate.' });
      expect(retired.json()).toMatchObject({ status: 'retired' });
      const revisions = (await educator.api('GET', `/api/v1/resources/${other.id}/revisions`)).json().revisions as Array<{ action: string; reason: string | null }>;
      expect(revisions[0]).toMatchObject({ action: 'retired', reason: 'Duplicate.' });
    });
  });

  describe('resources due for review', () => {
    beforeAll(async () => {
      await create({ title: 'Review overdue', reviewDate: isoInDays(-3) });
      await create({ title: 'Review soon', reviewDate: isoInDays(10) });
      await create({ title: 'Review later', reviewDate: isoInDays(100) });
      await create({ title: 'Review never' });
      const retired = await create({ title: 'Review retired', reviewDate: isoInDays(-30), outcomes: [{ topicId: 'model-bias', level: 'awareness' }] });
      await educator.api('POST', `/api/v1/resources/${retired.id}/retire`, { reason: 'Gone.' });
      await create({ title: 'Review elsewhere', reviewDate: isoInDays(-5) }, otherEducator);
    });

    const listed = (html: string) => [...html.matchAll(/<th scope="row" class="nhsuk-table__header"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);

    it('lists what the educator curates whose review date is past or near, soonest first, linking to edit', async () => {
      const page = await educator.get('/catalogue/review-due');
      expect(page.statusCode).toBe(200);
      expect(listed(page.body)).toEqual(['Review overdue', 'Review soon']);
      expect(page.body).toContain('Overdue');
      const overdue = await stored('Review overdue');
      expect(page.body).toContain(`href="/catalogue/resources/${overdue!.id}/edit"`);
      expect(listed((await educator.get('/catalogue/review-due?within=0')).body)).toEqual(['Review overdue']);
      expect(listed((await educator.get('/catalogue/review-due?within=365')).body)).toEqual(['Review overdue', 'Review soon', 'Review later']);
      expect(listed((await otherEducator.get('/catalogue/review-due')).body)).toEqual(['Review elsewhere']);
      const csv = await educator.get('/catalogue/review-due.csv?within=365');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="resources-due-for-review.csv"');
      const csvRows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
      expect(csvRows.map((r) => [r.title, r.overdue])).toEqual([['Review overdue', 'true'], ['Review soon', 'false'], ['Review later', 'false']]);
      expect(csvRows[0]?.review_date).toBe(isoInDays(-3));
      expect((await learner.get('/catalogue/review-due.csv')).statusCode).toBe(403);
      const bad = await educator.get('/catalogue/review-due?within=lots');
      expect(bad.statusCode).toBe(400);
      expect(errorTexts(bad.body)).toEqual(['Choose how far ahead to look from the list']);
    });

    it('is linked from the catalogue for educators, and for educators only', async () => {
      expect((await educator.get('/catalogue')).body).toContain('href="/catalogue/review-due"');
      expect((await learner.get('/catalogue')).body).not.toContain('href="/catalogue/review-due"');
      expect((await learner.get('/catalogue/review-due')).statusCode).toBe(403);
      expect((await hub.app.inject({ method: 'GET', url: '/catalogue/review-due' })).statusCode).not.toBe(200);
    });
  });
});
