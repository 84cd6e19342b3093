import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClinicalLayer } from '../src/domain/applicability/applicability.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { TRI_X as TRI_X_FACTS } from './support/product-fixtures.ts';

const TRI_X = { ...TRI_X_FACTS, deviceClass: '', marking: '' };
const ROTA = { name: 'RotaBot', manufacturer: 'Shiftly', intendedUse: 'Drafts staff rotas. <script>alert("facts")</script>', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop' };

type Form = Record<string, string | string[]>;

interface DraftSection {
  requirementId: string;
  statement: string;
  prefill: string;
  needsOwnWords: boolean;
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[name] ?? '');
const attribute = (attributes: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return match ? decode(match[1] ?? '') : undefined;
};

/** The fields the module form would post as it stands: what a browser sends, before anyone types. */
function formOf(html: string): Form {
  const form = /<form method="post"[^>]*id="module-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Form = {};
  const add = (name: string, value: string) => {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  };
  for (const [, attributes = ''] of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = attribute(attributes, 'name');
    const type = attribute(attributes, 'type') ?? 'text';
    if (!name || name === '_csrf' || ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(attributes))) continue;
    add(name, attribute(attributes, 'value') ?? '');
  }
  for (const [, attributes = '', content = ''] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attribute(attributes, 'name') ?? '', decode(content));
  return fields;
}

/** The error summary's links as "#href text", whitespace collapsed. */
const errorLinks = (html: string) => {
  const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${(m[2] ?? '').replace(/\s+/g, ' ').trim()}`);
};
const buttons = (html: string) => [...html.matchAll(/<button class="nhsuk-button[^"]*"[^>]*>([\s\S]*?)<\/button>/g)].map((m) => (m[1] ?? '').trim());
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);

describe.each(databaseTargets())('module editor pages on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let learner: TestSession;
  let outsider: TestSession;
  let productId: string;
  let versionId: string;
  let rotaId: string;
  let rotaVersionId: string;
  let sections: DraftSection[];

  const page = () => `/products/${productId}/versions/${versionId}/module`;
  const api = () => `/api/v1/products/${productId}/versions/${versionId}/module`;
  const draft = async () => (await lead.api('GET', api())).json();
  const openForm = async (url = page()) => {
    const response = await lead.get(url);
    expect(response.statusCode).toBe(200);
    return formOf(response.body);
  };
  /** The question fields for the blank "add a question" slot, by its number on the form. */
  const question = (n: number, form: Form, q: { prompt: string; kind: 'single' | 'multiple'; options: string[]; correct: number[] }): Form => {
    const at = `question-${n}`;
    const fields: Form = { [`${at}-prompt`]: q.prompt, [`${at}-kind`]: q.kind };
    q.options.forEach((text, slot) => (fields[`${at}-option-${slot + 1}-text`] = text));
    fields[`${at}-correct`] = q.correct.map((slot) => String(form[`${at}-option-${slot}-id`]));
    return fields;
  };
  const contentForEmptySections = () => Object.fromEntries(sections.filter((s) => s.prefill === '' || s.needsOwnWords).map((s) => [`section-${s.requirementId}`, `Our local guidance on: ${s.statement}`]));

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    const people = await Promise.all([
      createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Rae Radiographer' }),
      createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Olu Outsider' }),
    ]);
    [lead, learner, outsider] = (await Promise.all(people.map((p) => signIn(hub.app, p.email)))) as [TestSession, TestSession, TestSession];
    productId = (await lead.api('POST', '/api/v1/products', TRI_X)).json().id;
    rotaId = (await lead.api('POST', '/api/v1/products', ROTA)).json().id;
    const addVersion = async (product: string) => (await lead.api('POST', `/api/v1/products/${product}/versions`, { label: '1.0', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' })).json().id as string;
    versionId = await addVersion(productId);
    rotaVersionId = await addVersion(rotaId);
    sections = (await draft()).sections;
  });
  afterAll(() => hub.close());

  it('shows each section with its pre-fill from the product’s facts, and what stops publishing', async () => {
    const response = await lead.get(page());
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Training module</h1>');
    expect(html).toContain('<span class="nhsuk-caption-l">tri-X, version 1.0</span>');
    expect(html).toMatch(/nhsuk-tag--grey">\s*Not started/);
    expect(html).toContain(`href="/products/${productId}"`);
    expect(html).toContain('<strong>Intended use:</strong> Prioritises chest X-rays for review by radiologists.');
    expect(html).toContain('<strong>Who to contact:</strong> AI MDT clinical scientist');
    expect(html).toContain('From the product’s record');
    expect(html).toContain('You can use Markdown for bold text, lists and links. HTML is not allowed.');
    for (const s of sections) expect(html).toContain(`name="section-${s.requirementId}"`);
    // Every link in "what stops publishing" goes to a field on the page.
    const blockers = /id="publish-blockers"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    const hrefs = [...blockers.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const empty = sections.filter((s) => s.prefill === '' || s.needsOwnWords);
    expect(hrefs).toEqual([...empty.map((s) => `section-${s.requirementId}`), 'question-1-prompt']);
    for (const href of hrefs) expect(ids(html)).toContain(href);
    expect(buttons(html)).toEqual(['Save draft', 'Save and publish']);
    expect(formOf(html)).toMatchObject({ passMarkPercent: '80', 'question-1-id': 'q1', 'question-1-kind': 'single' });
  });

  it('leaves the clinical-use sections out for a product not used in clinical decision making', async () => {
    const html = (await lead.get(`/products/${rotaId}/versions/${rotaVersionId}/module`)).body;
    const index = hub.services.assessmentFramework().index;
    const clinical = sections.filter((s) => isClinicalLayer(index, index.requirementById.get(s.requirementId)!));
    expect(clinical.length).toBeGreaterThan(0);
    for (const s of clinical) expect(html).not.toContain(`name="section-${s.requirementId}"`);
    expect(html).toContain(`name="section-${sections.find((s) => !clinical.includes(s))?.requirementId}"`);
  });

  it('refuses a bad pass mark with an error summary, saving nothing', async () => {
    const form = await openForm();
    const response = await lead.post(page(), { ...form, passMarkPercent: 'eighty', [`section-${sections[0]!.requirementId}`]: 'Kept as typed.', action: 'save' });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response.body)).toEqual(['#passMarkPercent Enter a pass mark as a whole number from 1 to 100']);
    expect(response.body).toContain('<title>Error: ');
    expect(response.body).toContain('Kept as typed.');
    expect(response.body).toContain('value="eighty"');
    expect((await draft()).status).toBeNull();
  });

  it('adds a question, keeping ids stable, then removes one', async () => {
    let form = await openForm();
    const first = await lead.post(page(), { ...form, ...question(1, form, { prompt: 'Who reviews each flagged film?', kind: 'single', options: ['A radiologist', 'Nobody'], correct: [1] }), action: 'save' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${page()}?done=saved`);
    expect((await draft()).knowledgeCheck.questions).toEqual([{ id: 'q1', prompt: 'Who reviews each flagged film?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] }]);

    const saved = await lead.get(`${page()}?done=saved`);
    expect(saved.body).toContain('Your changes have been saved.');
    expect(saved.body).toMatch(/nhsuk-tag--yellow">\s*Draft/);
    expect(saved.body).toContain('Add a question (optional)');
    form = formOf(saved.body);
    expect(form).toMatchObject({ version: '1', 'question-1-id': 'q1', 'question-2-id': 'q2' });
    expect(await lead.post(page(), { ...form, ...question(2, form, { prompt: 'Which films is it not for?', kind: 'multiple', options: ['Under-16s', 'Portable films', 'Adult PA films'], correct: [1, 2] }), action: 'save' })).toMatchObject({ statusCode: 303 });
    expect((await draft()).knowledgeCheck.questions.map((q: { id: string }) => q.id)).toEqual(['q1', 'q2']);

    form = await openForm();
    expect(await lead.post(page(), { ...form, 'question-1-remove': 'yes', action: 'save' })).toMatchObject({ statusCode: 303 });
    const after = await draft();
    expect(after.knowledgeCheck.questions).toEqual([{ id: 'q2', prompt: 'Which films is it not for?', kind: 'multiple', options: [{ id: 'a', text: 'Under-16s' }, { id: 'b', text: 'Portable films' }, { id: 'c', text: 'Adult PA films' }], correct: ['a', 'b'] }]);
    expect(after.version).toBe(3);
  });

  it('refuses to publish while sections are empty, listing them, but keeps the draft', async () => {
    const form = await openForm();
    const response = await lead.post(page(), { ...form, passMarkPercent: '50', action: 'publish' });
    expect(response.statusCode).toBe(400);
    const empty = sections.filter((s) => s.prefill === '' || s.needsOwnWords);
    // A section pulling in facts that are not enough on their own asks for the lead's own words.
    const ownWords = (s: DraftSection) => (s.needsOwnWords && s.prefill !== '' ? ' in your own words: what the product’s record says is not enough on its own' : '');
    expect(errorLinks(response.body)).toEqual(empty.map((s) => `#section-${s.requirementId} Write the section “${s.statement}”${ownWords(s)}`));
    expect(response.body).toContain('Your changes have been saved as a draft, but the module cannot be published');
    expect(response.body).toContain('nhsuk-textarea--error');
    expect(await draft()).toMatchObject({ status: 'draft', knowledgeCheck: { passMarkPercent: 50 } });
    // The form shown carries the version just saved, so the next save is not a conflict.
    expect(formOf(response.body).version).toBe('4');
  });

  it('publishes a complete module, which a learner can then read; edits to a published module wait to be published as a new revision', async () => {
    const form = await openForm();
    const response = await lead.post(page(), { ...form, ...contentForEmptySections(), action: 'publish' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${page()}?done=published`);
    const published = await draft();
    expect(published.status).toBe('published');
    expect((await learner.api('GET', `/api/v1/modules/${published.moduleId}`)).statusCode).toBe(200);

    const html = (await lead.get(`${page()}?done=published`)).body;
    expect(html).toContain('The module has been published as a new revision.');
    expect(html).toMatch(/nhsuk-tag--green">\s*Published/);
    expect(html).toContain('Learners read revision 1');
    expect(html).not.toContain('id="publish-blockers"');
    expect(buttons(html)).toEqual(['Save changes', 'Save and publish changes']);

    // Published text never changes (issue 11): emptying a section saves a working copy that learners
    // do not see, and that cannot be published.
    const emptied = sections.find((s) => s.prefill === '' && s.needsOwnWords)!;
    const saved = await lead.post(page(), { ...formOf(html), [`section-${emptied.requirementId}`]: '', action: 'save' });
    expect(saved.statusCode).toBe(303);
    const learnerView = (await learner.api('GET', `/api/v1/modules/${published.moduleId}`)).json() as { sections: Array<{ requirementId: string; markdown: string }> };
    expect(learnerView.sections.find((s) => s.requirementId === emptied.requirementId)?.markdown).not.toBe('');
    const refused = await lead.post(page(), { ...formOf((await lead.get(page())).body), action: 'publish' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused.body)).toEqual([`#section-${emptied.requirementId} Write the section “${emptied.statement}”`]);
    expect(await lead.post(page(), { ...formOf(refused.body), [`section-${emptied.requirementId}`]: 'Restored.', action: 'save' })).toMatchObject({ statusCode: 303 });
  });

  it('warns with a 409 when someone else saved first, and shows what was typed', async () => {
    const stale = await openForm();
    const current = await draft();
    const colleague = await lead.api('PUT', api(), { version: current.version, sections: Object.fromEntries(current.sections.map((s: { requirementId: string; content: string }) => [s.requirementId, s.content])), knowledgeCheck: { ...current.knowledgeCheck, passMarkPercent: 60 } });
    expect(colleague.statusCode).toBe(200);
    const response = await lead.post(page(), { ...stale, passMarkPercent: '70', action: 'save' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('id="conflict"');
    expect(response.body).toContain('Your changes have not been saved');
    expect(errorLinks(response.body)).toEqual(['#module-form Someone else changed this module while you were editing it. Check their changes, then make yours again.']);
    const shown = formOf(response.body);
    expect(shown).toMatchObject({ passMarkPercent: '70', version: String(colleague.json().version) });
    expect((await draft()).knowledgeCheck.passMarkPercent).toBe(60);
    // Saving again is a deliberate choice to replace the colleague's change.
    expect(await lead.post(page(), { ...shown, action: 'save' })).toMatchObject({ statusCode: 303 });
    expect((await draft()).knowledgeCheck.passMarkPercent).toBe(70);
  });

  it('is only for people who may manage the product', async () => {
    expect((await learner.get(page())).statusCode).toBe(403);
    expect((await learner.post(page(), { passMarkPercent: '80', action: 'save' })).statusCode).toBe(403);
    expect((await outsider.get(page())).statusCode).toBe(404);
    expect((await lead.get(`/products/${productId}/versions/not-a-version/module`)).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: page() })).statusCode).toBe(303);
  });

  it('never renders a script in the pre-fill or the content as a script', async () => {
    const url = `/products/${rotaId}/versions/${rotaVersionId}/module`;
    const form = await openForm(url);
    const first = Object.keys(form).find((k) => k.startsWith('section-'))!;
    expect(await lead.post(url, { ...form, [first]: 'Read <script>alert("content")</script> and [this](javascript:alert(1)).', action: 'save' })).toMatchObject({ statusCode: 303 });
    const html = (await lead.get(url)).body;
    expect(html).not.toContain('<script>alert(');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;facts&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;content&quot;)&lt;/script&gt;');
  });
});
