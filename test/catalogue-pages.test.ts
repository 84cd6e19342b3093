import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learningResourceRevisions, learningResources } from '../src/db/schema.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { postMultipart } from './support/verification-fixtures.ts';

const HEADER = 'title,provider,url,description,format,duration_minutes,cost_pence,cpd_accredited,cpd_detail,vendor_neutral,audience_archetypes,status,sample,outcomes';
/** Three resources: two published (one of them sample data), one draft. */
const SEED_CSV = [
  HEADER,
  'Understanding AI in health,NHS Learning Hub,https://learning.example.nhs.uk/ai,An introduction to AI in health and care.,e-learning,45,0,yes,RCN CPD: 1 hour,yes,,published,true,ai-applications-in-health:awareness;how-ai-learns:familiarity',
  'Vendor product training,Acme AI Ltd,https://acme.example.com/training,How to use the Acme triage product safely.,video,90,1250,no,,no,user,published,false,explaining-ai-to-patients:capability',
  'Draft workshop on bias,Test Trust,https://trust.example.nhs.uk/bias,A workshop on cognitive biases.,workshop,240,0,no,,yes,,draft,false,how-ai-learns:understanding',
].join('\n');

const NEW_RESOURCE = {
  title: 'Evaluating AI products',
  provider: 'Test Trust academy',
  url: 'https://academy.example.nhs.uk/evaluating-ai',
  description: 'How to read the evidence for an AI product.',
  format: 'course',
  durationHours: '1',
  durationMinutes: '30',
  cost: '12.50',
  vendorNeutral: 'yes',
  cpdAccredited: 'no',
  cpdDetail: '',
  audienceArchetypes: ['driver', 'embedder'],
  audienceNote: '',
  reviewDay: '31',
  reviewMonth: '3',
  reviewYear: '2027',
  'outcome-how-ai-learns': 'familiarity',
};

describe.each(databaseTargets())('catalogue pages on $name', (target) => {
  let hub: TestHub;
  let educator: TestSession;
  let learner: TestSession;
  let otherEducator: TestSession;
  const anonymous = (url: string) => hub.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust, otherTrust } = await createTestOrganisations(hub);
    const people = {
      educator: await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Eda Educator' }),
      learner: await createTestPerson(hub, { organisationId: trust.id, name: 'Lee Learner' }),
      otherEducator: await createTestPerson(hub, { organisationId: otherTrust.id, roles: ['learner', 'educator'], name: 'Oti Other' }),
    };
    [educator, learner, otherEducator] = await Promise.all([people.educator, people.learner, people.otherEducator].map((p) => signIn(hub.app, p.email))) as [TestSession, TestSession, TestSession];
  });
  afterAll(() => hub.close());

  const resourceCount = async () => (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(learningResources))[0]?.n ?? 0;
  const resourceNamed = async (title: string) => {
    const [row] = await hub.database.db.select().from(learningResources).where(eq(learningResources.title, title));
    if (!row) throw new Error(`no resource called ${title}`);
    return row;
  };
  /** The error summary's links as "#href text", whitespace collapsed. */
  const errorLinks = (html: string) => {
    const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    return [...summary.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${(m[2] ?? '').replace(/\s+/g, ' ').trim()}`);
  };
  const buttons = (html: string) => [...html.matchAll(/<button class="nhsuk-button[^"]*"[^>]*>([\s\S]*?)<\/button>/g)].map((m) => (m[1] ?? '').trim());
  const resultCount = (html: string) => /<h2 class="hub-result-count" id="results">([^<]+)<\/h2>/.exec(html)?.[1];
  const pasteImport = (session: TestSession, format: string, content: string) => session.post('/catalogue/import', { source: 'paste', format, content });

  it('shows an empty catalogue to anyone, with the download links and the navigation item', async () => {
    const response = await anonymous('/catalogue');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Learning catalogue</h1>');
    expect(resultCount(response.body)).toBe('0 resources');
    expect(response.body).toContain('There are no published resources in the catalogue yet.');
    expect(response.body).toContain('href="/catalogue/export/csv"');
    expect(response.body).toContain('href="/catalogue/export/json"');
    expect(response.body).not.toContain('Add a resource');
    expect(response.body).toContain('<a class="nhsuk-header__navigation-link" href="/catalogue" aria-current="true"><strong class="nhsuk-header__navigation-item-current-fallback">Learning catalogue</strong></a>');
    expect((await anonymous('/')).body).toContain('<a class="nhsuk-header__navigation-link" href="/catalogue">Learning catalogue</a>');
    expect((await learner.get('/catalogue')).body).not.toContain('Add a resource');
    expect((await educator.get('/catalogue')).body).toContain('Add a resource');
  });

  it('keeps the import page and the curation gaps to educators', async () => {
    for (const path of ['/catalogue/import', '/catalogue/curation-gaps', '/catalogue/resources/new']) {
      const signedOut = await anonymous(path);
      expect(signedOut.statusCode, path).toBe(303);
      expect(signedOut.headers.location, path).toBe(`/sign-in?returnTo=${encodeURIComponent(path)}`);
      expect((await learner.get(path)).statusCode, path).toBe(403);
    }
    expect((await pasteImport(learner, 'csv', SEED_CSV)).statusCode).toBe(403);
    expect(await resourceCount()).toBe(0);
  });

  it('imports pasted CSV and says how many resources it created', async () => {
    const page = await educator.get('/catalogue/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const response = await pasteImport(educator, 'csv', SEED_CSV);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/catalogue/import/done?created=3&updated=0&unchanged=0');
    const done = await educator.get(response.headers.location as string);
    expect(done.body).toContain('Import complete');
    expect(done.body).toContain('3 resources created, 0 resources updated.');
    expect(await resourceCount()).toBe(3);
  });

  it('lists published resources for anonymous visitors with their tags, duration and cost', async () => {
    const body = (await anonymous('/catalogue')).body;
    expect(resultCount(body)).toBe('2 resources');
    expect(body).toContain('Understanding AI in health');
    expect(body).toContain('Vendor product training');
    expect(body).not.toContain('Draft workshop on bias');
    for (const tag of ['Vendor-neutral', 'Supplier material', 'CPD accredited', 'Sample data']) expect(body).toContain(`>${tag}</strong>`);
    expect(body).toContain('Acme AI Ltd · Video · 1 hour 30 minutes · £12.50');
    expect(body).toContain('NHS Learning Hub · E-learning · 45 minutes · Free');
    // Only the sample resource carries the sample tag.
    expect(body.match(/>Sample data<\/strong>/g)).toHaveLength(1);
  });

  it('filters by text, factor, topic, archetype, format, cost, neutrality, accreditation and length', async () => {
    const count = async (query: string) => resultCount((await anonymous(`/catalogue?${query}`)).body);
    expect(await count('q=acme')).toBe('1 resource');
    expect(await count('q=nothing+like+this')).toBe('0 resources');
    expect(await count('factor=clinical-use')).toBe('1 resource');
    expect(await count('factor=ai-literacy')).toBe('1 resource');
    expect(await count('topic=how-ai-learns')).toBe('1 resource');
    expect(await count('archetype=driver')).toBe('1 resource');
    expect(await count('archetype=user')).toBe('2 resources');
    expect(await count('format=video&format=reading')).toBe('1 resource');
    expect(await count('only=free')).toBe('1 resource');
    expect(await count('only=vendor-neutral')).toBe('1 resource');
    expect(await count('only=cpd')).toBe('1 resource');
    expect(await count('maxMinutes=60')).toBe('1 resource');
    expect(await count('maxMinutes=120&only=free')).toBe('1 resource');
    const filtered = (await anonymous('/catalogue?only=free&format=e-learning')).body;
    expect(filtered).toMatch(/<input class="nhsuk-checkboxes__input" id="only" name="only" type="checkbox" value="free" checked/);
    expect((await anonymous('/catalogue?q=no-such-words')).body).toContain('No resources match these filters');
  });

  it('shows an NHS error summary for a filter value it does not know, and still lists resources', async () => {
    const response = await anonymous('/catalogue?factor=nonsense&maxMinutes=7');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(errorLinks(response.body)).toEqual(['#factor Select a factor from the list', '#maxMinutes Select a length from the list']);
    expect(resultCount(response.body)).toBe('2 resources');
  });

  it('hides drafts from learners and anonymous visitors, but shows them to their educators', async () => {
    const draft = await resourceNamed('Draft workshop on bias');
    expect((await anonymous(`/catalogue/resources/${draft.id}`)).statusCode).toBe(404);
    expect((await learner.get(`/catalogue/resources/${draft.id}`)).statusCode).toBe(404);
    expect((await otherEducator.get(`/catalogue/resources/${draft.id}`)).statusCode).toBe(404);
    expect(resultCount((await learner.get('/catalogue?status=draft')).body)).toBe('2 resources');
    expect((await anonymous('/catalogue/resources/not-an-id')).statusCode).toBe(404);
    const page = await educator.get(`/catalogue/resources/${draft.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>Draft</strong>');
    expect(buttons(page.body)).toEqual(expect.arrayContaining(['Publish', 'Retire']));
    const drafts = (await educator.get('/catalogue?status=draft')).body;
    expect(resultCount(drafts)).toBe('1 resource');
    expect(drafts).toContain('Draft workshop on bias');
  });

  it('shows a published resource in full, with outcomes linked to the framework and no curation to learners', async () => {
    const resource = await resourceNamed('Understanding AI in health');
    const body = (await anonymous(`/catalogue/resources/${resource.id}`)).body;
    expect(body).toContain('<h1>Understanding AI in health</h1>');
    expect(body).toContain('This is sample data');
    expect(body).toContain('Accredited: RCN CPD: 1 hour');
    expect(body).toContain('Vendor-neutral material');
    expect(body).toMatch(/Brings <a href="\/frameworks\/dart-ed-2022\/requirements\/a5-05">How AI learns from data: learning methodologies<\/a> to <strong>Familiarity<\/strong>/);
    expect(body).toContain('href="https://learning.example.nhs.uk/ai"');
    expect(body).not.toContain('Revision history');
    expect(body).not.toContain('/retire"');
    expect(buttons(body)).toEqual([]);
    const asEducator = (await educator.get(`/catalogue/resources/${resource.id}`)).body;
    expect(asEducator).toContain('Revision history');
    expect(asEducator).toContain('Imported');
    expect(asEducator).toContain('Eda Educator');
    expect(asEducator).toContain(`href="/catalogue/resources/${resource.id}/edit"`);
    expect(buttons(asEducator)).toEqual(['Retire']);
  });

  it('shows every problem of a new resource with what was typed, then saves it as a draft', async () => {
    const form = await educator.get('/catalogue/resources/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="outcome-how-ai-learns"');
    expect(form.body).toContain('Vendor product training'); // offered as a prerequisite
    const bad = await educator.post('/catalogue/resources/new', { ...NEW_RESOURCE, title: '', url: 'not a web address', cost: 'twelve', reviewDay: '31', reviewMonth: '2', durationHours: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: Add a resource');
    expect(errorLinks(bad.body)).toEqual([
      '#title Enter a title',
      '#url Enter a web address starting with https:// or http://',
      expect.stringMatching(/^#durationHours Enter hours as a whole number/),
      '#cost Enter the cost in pounds and pence, like 12.50, or 0 if it is free',
      '#reviewDate-day Review date must be a real date, like 31 3 2027, or leave it empty',
    ]);
    expect(bad.body).toContain('id="title-error"');
    expect(bad.body).toContain('value="Test Trust academy"');
    expect(bad.body).toContain('value="twelve"');
    expect(bad.body).toMatch(/<option value="familiarity" selected>Familiarity<\/option>/);
    expect(await resourceCount()).toBe(3);

    const good = await educator.post('/catalogue/resources/new', NEW_RESOURCE);
    expect(good.statusCode).toBe(303);
    const created = await resourceNamed('Evaluating AI products');
    expect(good.headers.location).toBe(`/catalogue/resources/${created.id}?done=created`);
    expect(created).toMatchObject({ status: 'draft', durationMinutes: 90, costPence: 1250, vendorNeutral: true, audienceArchetypes: ['driver', 'embedder'], reviewDate: '2027-03-31' });
    const page = (await educator.get(good.headers.location as string)).body;
    expect(page).toContain('The resource has been saved as a draft.');
    expect(page).toContain('1 hour 30 minutes');
    expect(page).toContain('31 March 2027');
    expect((await learner.post('/catalogue/resources/new', NEW_RESOURCE)).statusCode).toBe(403);
  });

  it('saves an edit, and refuses one made from a stale version with a clear message and what was typed', async () => {
    const resource = await resourceNamed('Evaluating AI products');
    const form = await educator.get(`/catalogue/resources/${resource.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="version" value="${resource.version}"`);
    expect(form.body).toContain('value="Evaluating AI products"');
    const saved = await educator.post(`/catalogue/resources/${resource.id}/edit`, { ...NEW_RESOURCE, version: String(resource.version), description: 'A newer description.' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/catalogue/resources/${resource.id}?done=saved`);

    const stale = await educator.post(`/catalogue/resources/${resource.id}/edit`, { ...NEW_RESOURCE, version: String(resource.version), description: 'My stale description.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Your changes have not been saved');
    expect(stale.body).toContain('Someone else changed this resource while you were editing it.');
    expect(stale.body).toContain('My stale description.');
    expect(stale.body).toContain(`name="version" value="${resource.version + 1}"`);
    expect((await resourceNamed('Evaluating AI products')).description).toBe('A newer description.');

    expect((await otherEducator.get(`/catalogue/resources/${resource.id}/edit`)).statusCode).toBe(404);
    expect((await learner.post(`/catalogue/resources/${resource.id}/edit`, { ...NEW_RESOURCE, version: String(resource.version + 1) })).statusCode).toBe(404);
  });

  it('publishes a draft, refusing one without topics, and retires and restores it', async () => {
    const resource = await resourceNamed('Evaluating AI products');
    const path = `/catalogue/resources/${resource.id}`;
    const noTopics = await educator.post(`${path}/edit`, { ...NEW_RESOURCE, 'outcome-how-ai-learns': '', version: String(resource.version) });
    expect(noTopics.statusCode).toBe(303);
    const refused = await educator.post(`${path}/publish`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused.body)).toEqual(['#curate Add at least one topic the resource teaches before publishing it']);
    const current = await resourceNamed('Evaluating AI products');
    expect((await educator.post(`${path}/edit`, { ...NEW_RESOURCE, version: String(current.version) })).statusCode).toBe(303);

    expect((await learner.post(`${path}/publish`, {})).statusCode).toBe(403);
    const csrfless = await hub.app.inject({ method: 'POST', url: `${path}/publish`, headers: { cookie: educator.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(csrfless.statusCode).toBe(403);
    const published = await educator.post(`${path}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${path}?done=published`);
    expect((await anonymous(path)).statusCode).toBe(200);
    expect(resultCount((await anonymous('/catalogue')).body)).toBe('3 resources');
    expect((await otherEducator.post(`${path}/retire`, {})).statusCode).toBe(403);

    const staleRetire = await educator.post(`${path}/retire`, { version: '1' });
    expect(staleRetire.statusCode).toBe(409);
    expect(staleRetire.body).toContain('nhsuk-error-summary');
    const retired = await educator.post(`${path}/retire`, { reason: 'The course has closed.' });
    expect(retired.headers.location).toBe(`${path}?done=retired`);
    expect((await anonymous(path)).statusCode).toBe(404);
    expect(resultCount((await anonymous('/catalogue')).body)).toBe('2 resources');
    const history = (await educator.get(path)).body;
    const squashed = history.replace(/\s+/g, ' ');
    for (const action of ['Created', 'Edited', 'Published', 'Retired']) expect(squashed).toContain(`<td class="nhsuk-table__cell"> ${action} </td>`);
    expect(buttons(history)).toEqual(['Restore as a draft']);
    expect((await educator.post(`${path}/restore`, {})).headers.location).toBe(`${path}?done=restored`);
    const revisions = await hub.database.db.select().from(learningResourceRevisions).where(eq(learningResourceRevisions.resourceId, resource.id));
    expect(revisions.map((r) => r.action)).toEqual(expect.arrayContaining(['created', 'edited', 'published', 'retired']));
  });

  it('refuses an import with a bad row, listing the problem by row and changing nothing', async () => {
    const before = await resourceCount();
    const csv = [HEADER, 'Good row,Provider,https://example.nhs.uk/a,Fine.,reading,10,0,no,,yes,,draft,false,', 'Bad row,Provider,https://example.nhs.uk/b,Broken.,hologram,10,0,no,,yes,,draft,false,'].join('\n');
    const response = await pasteImport(educator, 'csv', csv);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Import resources');
    expect(response.body).toContain('Nothing was imported: the file has a problem.');
    expect(errorLinks(response.body)).toEqual([expect.stringMatching(/^#content Row 3 – format: /)]);
    expect(response.body).toContain('Bad row,Provider'); // what was pasted is kept
    expect(await resourceCount()).toBe(before);

    const noFormat = await educator.post('/catalogue/import', { source: 'paste', content: csv });
    expect(errorLinks(noFormat.body)).toEqual(['#format Select whether you are pasting CSV or JSON']);
  });

  it('imports an uploaded JSON file, and says what is wrong with an upload it cannot read', async () => {
    const json = JSON.stringify({ resources: [{ title: 'Uploaded reading', provider: 'Library', url: 'https://library.example.nhs.uk/r', description: 'A reading list.', format: 'reading', durationMinutes: 30, costPence: 0, vendorNeutral: true }] });
    const upload = (fileName: string, content: string) => postMultipart(hub, educator, '/catalogue/import', [{ name: 'source', value: 'file' }, { name: 'file', file: { fileName, contentType: 'application/json', content: Buffer.from(content) } }]);
    const done = await upload('catalogue.json', json);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/catalogue/import/done?created=1&updated=0&unchanged=0');
    const wrongType = await upload('catalogue.txt', json);
    expect(wrongType.statusCode).toBe(400);
    expect(errorLinks(wrongType.body)).toEqual(['#file The file must be a CSV or JSON file, with a name ending .csv or .json']);
    const broken = await upload('broken.json', '{ not json');
    expect(broken.statusCode).toBe(400);
    expect(errorLinks(broken.body)).toEqual([expect.stringMatching(/^#file /)]);
  });

  it('downloads the published catalogue as CSV and JSON for anyone', async () => {
    const csv = await anonymous('/catalogue/export/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="learning-resources-.+\.csv"$/);
    expect(csv.body).toContain('Vendor product training');
    expect(csv.body).not.toContain('Draft workshop on bias');
    const json = await anonymous('/catalogue/export/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.stringify(json.json())).toContain('Understanding AI in health');
    expect((await anonymous('/catalogue/export/xml')).statusCode).toBe(400);
  });

  it('pages the results 20 at a time with numbered NHS pagination that keeps the filters', async () => {
    const rows = Array.from({ length: 22 }, (_, i) => `Paged reading ${String(i + 1).padStart(2, '0')},Library,https://library.example.nhs.uk/${i},A reading.,reading,15,0,no,,yes,,published,false,how-ai-learns:awareness`);
    expect((await pasteImport(educator, 'csv', [HEADER, ...rows].join('\n'))).statusCode).toBe(303);
    const first = (await anonymous('/catalogue?q=paged')).body;
    expect(resultCount(first)).toBe('1 to 20 of 22 resources');
    expect(first).toContain('href="/catalogue?q=paged&amp;page=2#results"');
    expect(first).toContain('aria-current="page"');
    const second = (await anonymous('/catalogue?q=paged&page=2')).body;
    expect(resultCount(second)).toBe('21 to 22 of 22 resources');
    expect(second).toContain('Paged reading 22');
    expect(second).not.toContain('Paged reading 01');
    expect(second).toContain('href="/catalogue?q=paged#results"');
  });

  it('shows educators the curation gaps by tier and archetype, in captioned tables', async () => {
    const response = await educator.get('/catalogue/curation-gaps');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Curation gaps</h1>');
    expect(response.body).toContain('no published resource reaches the level people need');
    expect(response.body).toContain('<h2 id="needed">Needed now</h2>');
    expect(response.body).toMatch(/<caption class="nhsuk-table__caption[^"]*">\s*Foundational gaps, most needed first/);
    expect(response.body).toContain('People needing it');
    expect(response.body).toContain('Not taught at all');
  });
});
