import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, databaseTargets, loadFrameworkWithoutTopics } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const [pglite] = databaseTargets();
const base = '/frameworks/dart-ed-2022';

describe('framework pages', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(pglite!);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ method: 'GET', url, headers });

  it.each([
    ['/', 'Build your confidence in AI'],
    ['/frameworks', 'Developing healthcare workers’ confidence in AI'],
    [base, 'Requirements by tier'],
    [`${base}/archetypes`, 'Workforce archetypes'],
    [`${base}/archetypes/embedder`, 'Embedder'],
    [`${base}/factors`, 'I am aware of this concept and its relevance to my healthcare practice'],
    [`${base}/requirements`, '242 of 242 requirements'],
    [`${base}/requirements/a4-20`, 'Table A4, item 20'],
    [`${base}/advanced-matrix`, 'Figure A1'],
    [`${base}/question-sets`, 'Table A3'],
    [`${base}/question-sets/a6`, '25 questions'],
    [`${base}/personas`, 'Shaper Persona 1'],
    [`${base}/case-study`, 'tri-X'],
    [`${base}/mdt`, 'AI MDT responsibilities'],
  ])('GET %s shows %s', async (url, text) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain(text);
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('filters the explorer by tier, archetype, factor, kind, level and text', async () => {
    const count = async (query: string) => {
      const body = (await get(`${base}/requirements?${query}`)).body;
      return Number(/(\d+) of 242 requirements/.exec(body)?.[1]);
    };
    expect(await count('tier=foundational')).toBe(30);
    expect(await count('tier=product-specific')).toBe(20);
    expect(await count('archetype=creator')).toBe(52);
    expect(await count('archetype=user&kind=skill')).toBe(7);
    expect(await count('factor=clinical-use&tier=product-specific')).toBe(13);
    expect(await count('level=proficiency&archetype=shaper')).toBe(2);
    expect(await count('q=DCB+0160')).toBeGreaterThan(0);
    expect(await count('q=no-such-words-anywhere')).toBe(0);
  });

  it('shows an NHS error summary for a filter value it does not know, and still lists requirements', async () => {
    const response = await get(`${base}/requirements?tier=bogus&archetype=wizard`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('Select a tier from the list');
    expect(response.body).toContain('Select an archetype from the list');
    expect(response.body).toContain('242 of 242 requirements');
  });

  it('serves the explorer with an ETag and answers a revalidation with 304', async () => {
    const first = await get(`${base}/requirements?tier=advanced`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    expect((await get(`${base}/requirements?tier=advanced`, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('serves the explorer compressed to browsers that accept it, with the same HTML inside', async () => {
    const plain = await get(`${base}/requirements`);
    for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const response = await get(`${base}/requirements`, { 'accept-encoding': `${encoding}` });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toContain('accept-encoding');
      expect(decode(response.rawPayload).toString('utf8')).toBe(plain.body);
    }
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('shows a requirement with its level, provenance, notes, topic and the other statements on that topic', async () => {
    const body = (await get(`${base}/requirements/a1-06`)).body;
    expect(body).toContain('Understanding of the limitations of CE/UKCA marking, particularly relating to performance and evaluation');
    expect(body).toContain('Table A1, item 6');
    expect(body).toContain('Limitations of CE/UKCA marking for AI products');
    expect(body).toContain('Other statements on this topic');
    const linked = [...body.matchAll(/href="\/frameworks\/dart-ed-2022\/requirements\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(linked).toEqual(['a2-03', 'a4-16', 'a5-12', 'a7-01']);
    const withNotes = (await get(`${base}/requirements/a4-20`)).body;
    expect(withNotes).toContain('Probably DCB 0160');
    // A skill topic names the knowledge it builds on (R1).
    expect(withNotes).toMatch(/Builds on knowledge of[\s\S]*NHS digital information standards for AI \(DCB 0129, DCB 0160\)/);
  });

  it('says when no other statement shares a topic', async () => {
    const body = (await get(`${base}/requirements/t1-02`)).body;
    expect(body).toContain('Healthcare problems best suited to AI');
    expect(body).toContain('No other statement in the framework is on this topic.');
  });

  it('falls back to statements with similar wording for a framework version without topics', async () => {
    await loadFrameworkWithoutTopics(hub, '0.0.2-no-topics');
    const body = (await get(`${base}/requirements/a1-06?version=0.0.2-no-topics`)).body;
    expect(body).toContain('Related statements in other tables');
    expect(body).not.toContain('Other statements on this topic');
    expect(body).toMatch(/href="\/frameworks\/dart-ed-2022\/requirements\/a7-01\?version=0.0.2-no-topics"/);
  });

  it('escapes text that came from a framework document', async () => {
    const doc = JSON.parse(readFileSync(new URL('../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
    doc.version = '0.0.1-xss';
    doc.requirements[0].statement = 'Awareness of <script>alert(1)</script>';
    await hub.services.frameworks.loadFrameworkDocument({ document: doc });
    const body = (await get(`${base}/requirements/t1-01?version=0.0.1-xss`)).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    [`${base}/requirements/nope`, 404],
    ['/frameworks/no-such-framework', 404],
    [`${base}/archetypes/wizard`, 404],
    [`${base}/requirements?version=99`, 404],
    ['/no/such/page', 404],
  ])('GET %s is a %i NHS page', async (url, status) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.body).toContain('nhsuk-header');
  });

  it('serves a page whether or not its address ends in a slash', async () => {
    const response = await get('/frameworks/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Frameworks');
  });

  it('downloads the exports with file names', async () => {
    for (const [format, type] of [['json', 'application/json'], ['csv', 'text/csv'], ['case', 'application/json']] as const) {
      const response = await get(`${base}/download/${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain(type);
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="dart-ed-2022-1\.1\.0/);
    }
    const csv = (await get(`${base}/download/csv`)).body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(243);
    expect(csv[0]).toBe('framework,version,id,tier,archetype,factor,factor_label,parent_factor,kind,level,statement,source_table,source_item,notes');
  });

  it('shows an imported CASE framework as a tree of its items', async () => {
    const content = readFileSync(new URL('./fixtures/third-party-case-package.json', import.meta.url), 'utf8');
    const { id } = await hub.services.frameworks.importFramework({ content, format: 'case' });
    const body = (await get(`/frameworks/${id}`)).body;
    expect(body).toContain('Example Digital Skills Framework');
    expect(body).toContain('Judge the reliability of digital sources');
    expect((await get(`/frameworks/${id}/requirements`)).statusCode).toBe(404);
  });
});
