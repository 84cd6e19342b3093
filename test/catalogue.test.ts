import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import type { Repositories } from '../src/db/index.ts';
import { learningResourceRevisions, learningResources } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type ResourceJson = { id: string; title: string; status: string; version: number; organisation: { id: string; name: string }; outcomes: Array<{ topicId: string; level: string }>; prerequisiteIds: string[]; publishedAt: string | null; retiredAt: string | null };
type Problem = { status: number; detail: string; errors: Array<{ field: string; message: string }> };

const base = {
  provider: 'Test provider',
  url: 'https://example.org/learning',
  description: 'A resource for the catalogue tests.',
  format: 'e-learning',
  durationMinutes: 30,
  vendorNeutral: true,
};
const outcome = (topicId: string, level: string) => ({ topicId, level });

describe.each(databaseTargets())('learning catalogue on $name', (target) => {
  let hub: TestHub;
  let repositories: Repositories;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let educator: TestSession;
  let icsEducator: TestSession;
  let otherEducator: TestSession;
  let learner: TestSession;

  beforeAll(async () => {
    hub = await createTestHub(target);
    repositories = createRepositories(hub.database.db);
    orgs = await createTestOrganisations(hub);
    const people = await Promise.all([
      createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['educator'], name: 'Eve Educator' }),
      createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['educator'], name: 'Ian Ics' }),
      createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['educator'], name: 'Oscar Other' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Lee Learner' }),
    ]);
    [educator, icsEducator, otherEducator, learner] = (await Promise.all(people.map((p) => signIn(hub.app, p.email)))) as [TestSession, TestSession, TestSession, TestSession];
  });
  afterAll(() => hub.close());

  const anonymous = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    hub.app.inject({ method, url, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }) });
  const create = async (input: object, session = educator): Promise<ResourceJson> => {
    const response = await session.api('POST', '/api/v1/resources', { ...base, ...input });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const publish = async (id: string, session = educator): Promise<ResourceJson> => {
    const response = await session.api('POST', `/api/v1/resources/${id}/publish`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const countResources = async () => {
    const [row] = await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(learningResources);
    return row?.n ?? 0;
  };
  const fieldsOf = (body: Problem) => [...new Set(body.errors.map((e) => e.field))];

  describe('who may see and change a resource', () => {
    let draft: ResourceJson;
    beforeAll(async () => {
      draft = await create({ title: 'Permissions draft', outcomes: [outcome('model-bias', 'awareness')] });
    });

    it('lets an educator add a draft owned by their organisation, and nobody else', async () => {
      expect(draft).toMatchObject({ status: 'draft', version: 1, organisation: { id: orgs.trust.id, name: 'Test Trust' }, publishedAt: null });
      expect((await anonymous('POST', '/api/v1/resources', { ...base, title: 'Anonymous' })).statusCode).toBe(401);
      expect((await learner.api('POST', '/api/v1/resources', { ...base, title: 'Learner' })).statusCode).toBe(403);
    });

    it('refuses a cookie-authenticated write without its CSRF token', async () => {
      const before = await countResources();
      const response = await hub.app.inject({ method: 'POST', url: '/api/v1/resources', headers: { cookie: educator.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ ...base, title: 'Forged' }) });
      expect(response.statusCode).toBe(403);
      expect(await countResources()).toBe(before);
    });

    it('hides a draft from everyone who cannot curate it, with the same answer as an unknown id', async () => {
      for (const response of [
        await anonymous('GET', `/api/v1/resources/${draft.id}`),
        await learner.api('GET', `/api/v1/resources/${draft.id}`),
        await otherEducator.api('GET', `/api/v1/resources/${draft.id}`),
        await anonymous('GET', '/api/v1/resources/00000000-0000-4000-8000-000000000000'),
        await anonymous('GET', '/api/v1/resources/not-an-id'),
      ]) {
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect((await otherEducator.api('PUT', `/api/v1/resources/${draft.id}`, { ...base, title: 'Taken over', version: 1 })).statusCode).toBe(404);
      expect((await otherEducator.api('POST', `/api/v1/resources/${draft.id}/publish`)).statusCode).toBe(404);
      expect((await learner.api('GET', `/api/v1/resources/${draft.id}/revisions`)).statusCode).toBe(404);
    });

    it('lets educators of the owning organisation and the organisations above it curate it', async () => {
      for (const session of [educator, icsEducator]) {
        const response = await session.api('GET', `/api/v1/resources/${draft.id}`);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ id: draft.id, canCurate: true });
      }
    });

    it('shows a published resource to everyone, but lets only its curators change it', async () => {
      await publish(draft.id, icsEducator);
      const seen = await anonymous('GET', `/api/v1/resources/${draft.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ status: 'published', canCurate: false });
      expect((await learner.api('GET', `/api/v1/resources/${draft.id}`)).json().canCurate).toBe(false);
      expect((await otherEducator.api('PUT', `/api/v1/resources/${draft.id}`, { ...base, title: 'Taken over', version: 2 })).statusCode).toBe(403);
      expect((await learner.api('POST', `/api/v1/resources/${draft.id}/retire`)).statusCode).toBe(403);
      expect((await anonymous('POST', `/api/v1/resources/${draft.id}/retire`)).statusCode).toBe(401);
    });
  });

  describe('validation', () => {
    it('names every field at fault, for an NHS error summary', async () => {
      const before = await countResources();
      const response = await educator.api('POST', '/api/v1/resources', {
        ...base,
        title: ' ',
        url: 'javascript:alert(1)',
        durationMinutes: 0,
        costPence: -1,
        audienceArchetypes: ['wizard'],
        reviewDate: '2026-02-30',
        outcomes: [outcome('no-such-topic', 'awareness'), outcome('ai-definitions', 'proficiency')],
      });
      expect(response.statusCode).toBe(400);
      const body: Problem = response.json();
      expect(fieldsOf(body)).toEqual(['title', 'url', 'durationMinutes', 'costPence', 'audienceArchetypes', 'reviewDate', 'outcomes']);
      expect(body.errors.find((e) => e.field === 'url')?.message).toBe('Enter a web address starting with https:// or http://');
      expect(await countResources()).toBe(before);
    });

    it('refuses a request of the wrong shape with a JSON problem', async () => {
      const response = await educator.api('POST', '/api/v1/resources', { ...base, title: 'Shape', durationMinutes: 'thirty' });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(['durationMinutes']);
    });

    it('needs an outcome to publish', async () => {
      const draft = await create({ title: 'Nothing to teach yet' });
      const response = await educator.api('POST', `/api/v1/resources/${draft.id}/publish`);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(['outcomes']);
    });

    it('checks prerequisites exist, are not the resource itself, make no circle and are published first', async () => {
      const first = await create({ title: 'Chain one', outcomes: [outcome('ongoing-monitoring', 'awareness')] });
      const second = await create({ title: 'Chain two', outcomes: [outcome('ongoing-monitoring', 'familiarity')], prerequisiteIds: [first.id] });
      const unknown = await educator.api('POST', '/api/v1/resources', { ...base, title: 'Unknown prerequisite', prerequisiteIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(unknown.json().errors[0].message).toBe('There is no learning resource with id 00000000-0000-4000-8000-000000000000');
      const self = await educator.api('PUT', `/api/v1/resources/${first.id}`, { ...base, title: 'Chain one', version: 1, prerequisiteIds: [first.id] });
      expect(self.json().errors[0].message).toBe('A resource cannot be its own prerequisite');
      const circle = await educator.api('PUT', `/api/v1/resources/${first.id}`, { ...base, title: 'Chain one', version: 1, prerequisiteIds: [second.id] });
      expect(circle.statusCode).toBe(400);
      expect(circle.json().errors[0].message).toBe('Prerequisites cannot go round in a circle: “Chain one” needs “Chain two” needs “Chain one”');
      const early = await educator.api('POST', `/api/v1/resources/${second.id}/publish`);
      expect(early.json().errors[0]).toEqual({ field: 'prerequisiteIds', message: 'Publish its prerequisites first: “Chain one”' });
      await publish(first.id);
      await publish(second.id);
      const details = (await anonymous('GET', `/api/v1/resources/${second.id}`)).json();
      expect(details.prerequisites).toEqual([{ id: first.id, title: 'Chain one', status: 'published' }]);
    });

    it('does not show another organisation’s draft as a prerequisite, nor let it be named as one', async () => {
      const hidden = await create({ title: 'Other trust draft' }, otherEducator);
      const response = await educator.api('POST', '/api/v1/resources', { ...base, title: 'Needs a hidden draft', prerequisiteIds: [hidden.id] });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('prerequisiteIds');
    });
  });

  describe('changes, versions and history', () => {
    let resource: ResourceJson;
    beforeAll(async () => {
      resource = await create({ title: 'Versioned resource', outcomes: [outcome('deskilling', 'awareness')] });
    });

    it('changes a resource from the version the educator saw, and refuses a stale version', async () => {
      const changed = await educator.api('PUT', `/api/v1/resources/${resource.id}`, { ...base, title: 'Versioned resource, edited', version: 1, outcomes: [outcome('deskilling', 'familiarity')] });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ version: 2, title: 'Versioned resource, edited', outcomes: [outcome('deskilling', 'familiarity')] });
      const stale = await icsEducator.api('PUT', `/api/v1/resources/${resource.id}`, { ...base, title: 'Someone else’s edit', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().errors).toEqual([{ field: 'version', message: 'This resource is now at version 2' }]);
      expect((await educator.api('GET', `/api/v1/resources/${resource.id}`)).json().title).toBe('Versioned resource, edited');
    });

    it('saves nothing when nothing changed', async () => {
      const same = await educator.api('PUT', `/api/v1/resources/${resource.id}`, { ...base, title: 'Versioned resource, edited', version: 2, outcomes: [outcome('deskilling', 'familiarity')] });
      expect(same.json().version).toBe(2);
    });

    it('publishes, retires and restores, each once, keeping the resource', async () => {
      expect(await publish(resource.id)).toMatchObject({ status: 'published', version: 3, publishedAt: expect.any(String) });
      expect((await educator.api('POST', `/api/v1/resources/${resource.id}/publish`)).statusCode).toBe(409);
      expect((await educator.api('POST', `/api/v1/resources/${resource.id}/retire`, { version: 2 })).statusCode).toBe(409);
      expect((await educator.api('POST', `/api/v1/resources/${resource.id}/retire`, { version: 3 })).json().errors).toEqual([{ field: 'reason', message: 'Enter why the resource is being retired' }]);
      const retired = await educator.api('POST', `/api/v1/resources/${resource.id}/retire`, { version: 3, reason: 'Superseded by newer guidance.' });
      expect(retired.json()).toMatchObject({ status: 'retired', version: 4, retiredAt: expect.any(String) });
      expect((await anonymous('GET', `/api/v1/resources/${resource.id}`)).statusCode).toBe(404);
      expect((await educator.api('PUT', `/api/v1/resources/${resource.id}`, { ...base, title: 'Edit while retired', version: 4 })).statusCode).toBe(409);
      expect((await educator.api('POST', `/api/v1/resources/${resource.id}/publish`)).statusCode).toBe(409);
      expect((await educator.api('POST', `/api/v1/resources/${resource.id}/retire`)).statusCode).toBe(409);
      const restored = await educator.api('POST', `/api/v1/resources/${resource.id}/restore`);
      expect(restored.json()).toMatchObject({ status: 'draft', version: 5, retiredAt: null });
      expect(await publish(resource.id)).toMatchObject({ status: 'published', version: 6 });
    });

    it('keeps every change as a revision with the whole resource, for curators only, and audits it', async () => {
      const response = await educator.api('GET', `/api/v1/resources/${resource.id}/revisions`);
      expect(response.statusCode).toBe(200);
      const { revisions } = response.json();
      expect(revisions.map((r: { version: number; action: string }) => `${r.version} ${r.action}`)).toEqual(['6 published', '5 edited', '4 retired', '3 published', '2 edited', '1 created']);
      expect(revisions[4]).toMatchObject({ changedBy: { displayName: 'Eve Educator' }, snapshot: { title: 'Versioned resource, edited', status: 'draft', version: 2, outcomes: [outcome('deskilling', 'familiarity')] } });
      expect(revisions[5].snapshot.title).toBe('Versioned resource');
      expect((await otherEducator.api('GET', `/api/v1/resources/${resource.id}/revisions`)).statusCode).toBe(404);
      const details = await hub.services.catalogue.getResource({ viewer: null, id: resource.id });
      expect(details.revisions).toEqual([]);
      const events = await repositories.audit.listAuditEventsAbout(resource.id);
      expect(events.map((e) => e.action).sort()).toEqual(['resource.created', 'resource.edited', 'resource.published', 'resource.published', 'resource.restored', 'resource.retired']);
    });

    it('refuses to change a revision: history is immutable', async () => {
      await expect(hub.database.db.update(learningResourceRevisions).set({ version: 99 })).rejects.toThrow();
    });
  });

  describe('finding resources', () => {
    const tag = 'Zebrafinch';
    beforeAll(async () => {
      const add = async (title: string, input: object, shouldPublish = true) => {
        const created = await create({ title: `${tag} ${title}`, ...input });
        if (shouldPublish) await publish(created.id);
      };
      await add('video on bias', { format: 'video', durationMinutes: 10, outcomes: [outcome('model-bias', 'awareness')] });
      await add('paid course', { format: 'course', durationMinutes: 600, costPence: 25000, cpdAccredited: true, outcomes: [outcome('local-validation', 'understanding')], audienceArchetypes: ['driver'] });
      await add('supplier webinar', { format: 'webinar', durationMinutes: 45, vendorNeutral: false, outcomes: [outcome('explainability', 'familiarity')], audienceArchetypes: ['user'] });
      await add('unpublished draft', { format: 'video', outcomes: [outcome('model-bias', 'awareness')] }, false);
    });
    const titles = async (query: string, session?: TestSession) => {
      const url = `/api/v1/resources?q=${tag}&${query}`;
      const response = session ? await session.api('GET', url) : await anonymous('GET', url);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as ResourceJson[]).map((r) => r.title.replace(`${tag} `, ''));
    };

    it.each([
      ['', ['paid course', 'supplier webinar', 'video on bias']],
      ['topic=model-bias', ['video on bias']],
      ['factor=local-validation', ['paid course']],
      // A top-level factor includes its sub-factors; a topic counts when any of its statements sits there.
      ['factor=implementation', ['paid course']],
      ['factor=governance', ['paid course', 'video on bias']],
      ['archetype=driver', ['paid course', 'video on bias']],
      ['format=video,webinar', ['supplier webinar', 'video on bias']],
      ['format=video&format=course', ['paid course', 'video on bias']],
      ['free=true', ['supplier webinar', 'video on bias']],
      ['vendorNeutral=true', ['paid course', 'video on bias']],
      ['accredited=true', ['paid course']],
      ['maxMinutes=45', ['supplier webinar', 'video on bias']],
    ])('filters %s', async (query, expected) => {
      expect(await titles(query)).toEqual(expected);
    });

    it('matches every word of free text in title, provider or description, case-insensitively', async () => {
      const search = async (q: string) => ((await anonymous('GET', `/api/v1/resources?q=${encodeURIComponent(q)}`)).json().items as ResourceJson[]).map((r) => r.title);
      expect(await search(`${tag.toUpperCase()} webinar`)).toEqual([`${tag} supplier webinar`]);
      expect(await search(`${tag} bias`)).toEqual([`${tag} video on bias`]);
      expect(await search(`${tag} nowhere`)).toEqual([]);
      // Wildcards typed by a person are literal.
      expect(await search('100%')).toEqual([]);
    });

    it('shows drafts only to curators who ask for them', async () => {
      expect(await titles('status=draft')).toEqual([]);
      expect(await titles('status=draft', learner)).toEqual([]);
      expect(await titles('status=draft', otherEducator)).toEqual([]);
      expect(await titles('status=draft', educator)).toEqual(['unpublished draft']);
      expect(await titles('status=draft,published', icsEducator)).toEqual(['paid course', 'supplier webinar', 'unpublished draft', 'video on bias']);
    });

    it('pages through the results', async () => {
      const page = (await anonymous('GET', `/api/v1/resources?q=${tag}&pageSize=2&page=2`)).json();
      expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(1);
    });

    it.each(['topic=no-such-topic', 'factor=nope', 'archetype=wizard', 'format=book', 'pageSize=500', 'maxMinutes=soon'])('refuses %s', async (query) => {
      const response = await anonymous('GET', `/api/v1/resources?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('import and export', () => {
    const exportAs = async (format: 'csv' | 'json', session: TestSession) => {
      const response = await session.get(`/api/v1/resources/export?format=${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="learning-resources-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));
      return response.body;
    };
    const importFile = (format: 'csv' | 'json', content: string, session = educator) => session.api('POST', '/api/v1/resources/import', { format, content });
    const csvOf = (rows: Array<Record<string, string>>) => stringify(rows, { header: true });

    it('creates resources from CSV, naming prerequisites by title, including rows of the same file', async () => {
      const response = await importFile(
        'csv',
        csvOf([
          { title: 'Imported basics', provider: 'CSV provider', url: 'https://example.org/basics', description: 'Basics.', format: 'reading', duration_minutes: '20', vendor_neutral: 'true', outcomes: 'patient-choice:awareness', status: 'published', prerequisites: '' },
          { title: 'Imported follow-on', provider: 'CSV provider', url: 'https://example.org/next', description: 'Next.', format: 'video', duration_minutes: '15', vendor_neutral: 'yes', outcomes: 'patient-choice:awareness;fairness-and-accountability:awareness', status: 'published', prerequisites: 'imported BASICS' },
        ]),
      );
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json();
      expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
      const [basics, followOn] = result.resourceIds;
      const details = (await anonymous('GET', `/api/v1/resources/${followOn}`)).json();
      expect(details).toMatchObject({ status: 'published', organisation: { id: orgs.trust.id }, prerequisiteIds: [basics] });
      const revisions = (await educator.api('GET', `/api/v1/resources/${followOn}/revisions`)).json().revisions;
      expect(revisions.map((r: { action: string }) => r.action)).toEqual(['imported']);
    });

    it('changes nothing when any row fails, and says which rows and fields', async () => {
      const before = await countResources();
      const response = await importFile(
        'csv',
        csvOf([
          { title: 'Fine row', provider: 'P', url: 'https://example.org/fine', description: 'D', format: 'video', duration_minutes: '5', vendor_neutral: 'true' },
          { title: 'Second fine row', provider: 'P', url: 'https://example.org/fine2', description: 'D', format: 'video', duration_minutes: '5', vendor_neutral: 'true' },
          { title: 'Bad row', provider: 'P', url: 'ftp://example.org/bad', description: 'D', format: 'video', duration_minutes: 'five', vendor_neutral: 'true' },
        ]),
      );
      expect(response.statusCode).toBe(400);
      const body: Problem = response.json();
      expect(body.detail).toBe('Nothing was imported: the file has 2 problems.');
      expect(body.errors).toEqual([
        { field: 'rows.4.url', message: 'Row 4 – url: Enter a web address starting with https:// or http://' },
        { field: 'rows.4.duration_minutes', message: 'Row 4 – duration_minutes: Enter how long the resource takes, in whole minutes from 1 to 100,000' },
      ]);
      expect(await countResources()).toBe(before);
    });

    it('round-trips CSV: an unchanged export changes nothing, an edited one updates in place', async () => {
      const csv = await exportAs('csv', educator);
      const records = parse(csv, { columns: true }) as Array<Record<string, string>>;
      expect(records.length).toBeGreaterThan(5);
      expect(records.some((r) => r.status === 'draft')).toBe(true);
      const again = await importFile('csv', csv);
      expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: records.length });
      const edited = records.map((r) => (r.title === 'Imported basics' ? { ...r, title: 'Imported basics, second edition' } : r));
      const before = await countResources();
      const result = (await importFile('csv', csvOf(edited))).json();
      expect(result).toMatchObject({ created: 0, updated: 1 });
      expect(await countResources()).toBe(before);
      const id = records.find((r) => r.title === 'Imported basics')?.id ?? '';
      expect((await anonymous('GET', `/api/v1/resources/${id}`)).json()).toMatchObject({ title: 'Imported basics, second edition', version: 2 });
      // The file was exported at version 1: importing it again would overwrite the edit.
      const stale = await importFile('csv', csv);
      expect(stale.statusCode).toBe(400);
      expect(stale.json().errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/^Row \d+ – version: This resource has changed since the file was exported \(it is now at version 2\)/)]);
    });

    it('round-trips JSON: unchanged, nothing is written', async () => {
      const json = await exportAs('json', educator);
      const count = JSON.parse(json).resources.length;
      expect((await importFile('json', json)).json()).toMatchObject({ created: 0, updated: 0, unchanged: count });
    });

    it('imports another organisation’s export: unchanged published rows are left alone, changed ones and unseen drafts become copies', async () => {
      const exported = JSON.parse(await exportAs('json', educator)).resources as ResourceJson[];
      const basics = exported.find((r) => r.title === 'Imported basics, second edition');
      const edited = exported.map((r) => (r.title === 'Imported follow-on' ? { ...r, title: 'Imported follow-on, our version' } : r));
      const unpublished = exported.filter((r) => r.status !== 'published').length;
      const before = await countResources();
      const response = await importFile('json', JSON.stringify({ resources: edited }), otherEducator);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ created: unpublished + 1, updated: 0, unchanged: exported.length - unpublished - 1 });
      expect(await countResources()).toBe(before + unpublished + 1);
      const copy = (await anonymous('GET', '/api/v1/resources?q=our%20version')).json().items[0] as ResourceJson;
      expect(copy).toMatchObject({ organisation: { id: orgs.otherTrust.id }, status: 'published', prerequisiteIds: [basics?.id] });
    });

    it('imports a file from another hub, linking prerequisites between its own rows', async () => {
      const exported = JSON.parse(await exportAs('json', educator)).resources as ResourceJson[];
      const pair = exported.filter((r) => r.title.startsWith('Imported ') && !r.title.includes('our version'));
      const newIds = new Map(pair.map((r) => [r.id, crypto.randomUUID()]));
      const foreign = pair.map((r) => ({ ...r, id: newIds.get(r.id), title: `${r.title} (other hub)`, prerequisiteIds: r.prerequisiteIds.map((id) => newIds.get(id) ?? id) }));
      const result = (await importFile('json', JSON.stringify(foreign))).json();
      expect(result).toMatchObject({ created: 2, updated: 0 });
      const [basicsCopy, followOnCopy] = result.resourceIds;
      expect(result.resourceIds).not.toContain(newIds.get(pair[0]!.id));
      expect((await educator.api('GET', `/api/v1/resources/${followOnCopy}`)).json().prerequisiteIds).toEqual([basicsCopy]);
    });

    it('exports only published resources to people who curate nothing', async () => {
      const records = parse(await exportAs('csv', learner), { columns: true }) as Array<Record<string, string>>;
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((r) => r.status === 'published')).toBe(true);
      expect((await anonymous('GET', '/api/v1/resources/export')).headers['content-type']).toContain('application/json');
    });

    it('lets only educators import', async () => {
      expect((await importFile('csv', 'title\nA\n', learner)).statusCode).toBe(403);
      expect((await anonymous('POST', '/api/v1/resources/import', { format: 'csv', content: 'title\nA\n' })).statusCode).toBe(401);
    });
  });

  describe('curation gaps', () => {
    let trustEducator: TestSession;
    let gapOrgs: Awaited<ReturnType<typeof createTestOrganisations>>;
    type Gap = { topicId: string; level: string; tier: string; archetypes: string[]; peopleNeeding: number; bestAvailableLevel: string | null };
    const gapsFor = async (session: TestSession): Promise<Gap[]> => {
      const response = await session.api('GET', '/api/v1/curation-gaps');
      expect(response.statusCode, response.body).toBe(200);
      return response.json().gaps;
    };

    beforeAll(async () => {
      // A tree of its own, so only these people count.
      gapOrgs = await createTestOrganisations(hub);
      const educatorPerson = await createTestPerson(hub, { organisationId: gapOrgs.trust.id, roles: ['educator'] });
      const driver = await createTestPerson(hub, { organisationId: gapOrgs.trust.id });
      const creator = await createTestPerson(hub, { organisationId: gapOrgs.trust.id });
      await createTestPerson(hub, { organisationId: gapOrgs.otherTrust.id });
      await repositories.people.saveProfile({ personId: driver.id, organisationId: gapOrgs.trust.id, archetypes: ['driver'] });
      await repositories.people.saveProfile({ personId: creator.id, organisationId: gapOrgs.trust.id, archetypes: ['creator'] });
      const version = hub.services.assessmentFramework().version;
      await repositories.assessments.insertRatings([{ organisationId: gapOrgs.trust.id, personId: driver.id, frameworkId: 'dart-ed-2022', frameworkVersion: version, topicId: 'problems-suited-to-ai', level: 'familiarity' }]);
      await publish((await create({ title: 'How AI learns, in brief', outcomes: [outcome('how-ai-learns', 'awareness')] })).id);
      trustEducator = await signIn(hub.app, educatorPerson.email);
    });

    it('ranks what people in the educator’s organisation need and nothing teaches, most needed first', async () => {
      const gaps = await gapsFor(trustEducator);
      const gap = (topicId: string, tier?: string) => gaps.filter((g) => g.topicId === topicId && (tier === undefined || g.tier === tier));
      // Three people in the trust; the driver has rated themselves past the foundational level.
      expect(gap('ai-applications-in-health')).toMatchObject([{ level: 'awareness', tier: 'foundational', peopleNeeding: 3, bestAvailableLevel: null }]);
      expect(gap('problems-suited-to-ai')).toMatchObject([{ level: 'awareness', tier: 'foundational', peopleNeeding: 2 }]);
      expect(gap('research-or-service-evaluation')).toEqual([expect.objectContaining({ level: 'understanding', tier: 'advanced', archetypes: ['driver'], peopleNeeding: 1 })]);
      // A published resource brings everyone to the foundational level; the Creator needs more.
      expect(gap('how-ai-learns', 'foundational')).toEqual([]);
      expect(gap('how-ai-learns', 'advanced')).toEqual([expect.objectContaining({ level: 'understanding', archetypes: ['creator'], peopleNeeding: 1, bestAvailableLevel: 'awareness' })]);
      const needed = gaps.filter((g) => g.peopleNeeding > 0).map((g) => g.peopleNeeding);
      expect(needed).toEqual([...needed].sort((a, b) => b - a));
      expect(gaps.slice(needed.length).every((g) => g.peopleNeeding === 0)).toBe(true);
      expect(gap('international-regulatory-alignment')).toEqual([expect.objectContaining({ tier: 'advanced', archetypes: ['shaper'], peopleNeeding: 0 })]);
    });

    it('is for educators only', async () => {
      expect((await learner.api('GET', '/api/v1/curation-gaps')).statusCode).toBe(403);
      expect((await anonymous('GET', '/api/v1/curation-gaps')).statusCode).toBe(401);
    });

    it('serves the planner every published resource with its outcomes and prerequisites', async () => {
      const planning = await repositories.catalogue.listPublishedForPlanning('dart-ed-2022');
      const published = (await anonymous('GET', '/api/v1/resources?pageSize=100')).json();
      expect(planning).toHaveLength(published.total);
      const chain = planning.find((r) => r.title === 'Chain two');
      expect(chain).toMatchObject({ outcomes: [outcome('ongoing-monitoring', 'familiarity')], prerequisiteIds: [expect.any(String)], durationMinutes: 30 });
      expect(planning.every((r) => Array.isArray(r.outcomes) && Array.isArray(r.prerequisiteIds))).toBe(true);
    });

    it('gives the planner the catalogue as it is after every change', async () => {
      const planned = async () => new Map((await repositories.catalogue.listPublishedForPlanning('dart-ed-2022')).map((r) => [r.id, r]));
      const before = await planned();
      const added = await create({ title: 'Planner freshness', outcomes: [outcome('seeking-guidance', 'awareness')] });
      expect((await planned()).has(added.id)).toBe(false);
      await publish(added.id);
      expect((await planned()).get(added.id)?.outcomes).toEqual([outcome('seeking-guidance', 'awareness')]);
      await educator.api('PUT', `/api/v1/resources/${added.id}`, { ...base, title: 'Planner freshness', version: 2, outcomes: [outcome('seeking-guidance', 'awareness'), outcome('deskilling', 'awareness')] });
      expect((await planned()).get(added.id)?.outcomes).toHaveLength(2);
      await educator.api('POST', `/api/v1/resources/${added.id}/retire`, { reason: 'No longer offered.' });
      expect((await planned()).size).toBe(before.size);
    });
  });
});
