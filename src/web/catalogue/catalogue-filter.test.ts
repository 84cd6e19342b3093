import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { indexFramework } from '../../domain/framework/framework-index.ts';
import { createCatalogueFilter, pageQuery, paginationView } from './catalogue-filter.ts';

const index = indexFramework(frameworkDocumentSchema.parse(JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'))));

describe('createCatalogueFilter', () => {
  it('reads every filter of the browse form', () => {
    const { filter, errors } = createCatalogueFilter(index, { q: ' bias ', factor: 'governance', topic: 'how-ai-learns', archetype: 'user', format: ['video', 'reading'], only: ['free', 'vendor-neutral', 'cpd'], maxMinutes: '60', page: '2' }, false);
    expect(errors).toEqual([]);
    expect(filter).toEqual({ text: 'bias', factorId: 'governance', topicId: 'how-ai-learns', archetype: 'user', formats: ['video', 'reading'], freeOnly: true, vendorNeutralOnly: true, accreditedOnly: true, maxMinutes: 60, page: 2, pageSize: 20 });
  });

  it.each([
    [{ factor: 'nope' }, '#factor'],
    [{ topic: 'nope' }, '#topic'],
    [{ archetype: 'wizard' }, '#archetype'],
    [{ format: 'hologram' }, '#format'],
    [{ maxMinutes: '7' }, '#maxMinutes'],
    [{ q: 'x'.repeat(201) }, '#q'],
  ])('reports %o and leaves it out of the filter', (query, href) => {
    const { filter, errors } = createCatalogueFilter(index, query, false);
    expect(errors.map((e) => e.href)).toEqual([href]);
    expect(filter).toEqual({ page: 1, pageSize: 20 });
  });

  it('lets only curators ask for drafts or retired resources', () => {
    expect(createCatalogueFilter(index, { status: 'draft' }, true).filter.statuses).toEqual(['draft']);
    expect(createCatalogueFilter(index, { status: 'draft' }, false).filter.statuses).toBeUndefined();
  });

  it('treats a page it cannot read as the first', () => {
    for (const page of ['0', '-1', 'two', '1.5']) expect(createCatalogueFilter(index, { page }, false).filter.page).toBe(1);
  });
});

describe('pagination', () => {
  const values = { q: 'ai', formats: ['video'], only: ['free'] };

  it('keeps the filters in every page link', () => {
    expect(pageQuery(values, 1)).toBe('?q=ai&format=video&only=free');
    expect(pageQuery(values, 3)).toBe('?q=ai&format=video&only=free&page=3');
  });

  it('numbers the first, last and neighbouring pages, with ellipses between', () => {
    const view = paginationView(values, 5, 200, 20);
    expect(view?.items.map((i) => (i.ellipsis ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(view?.items.find((i) => i.current)?.number).toBe(5);
    expect(view?.previous?.href).toBe('/catalogue?q=ai&format=video&only=free&page=4#results');
    expect(paginationView(values, 1, 20, 20)).toBeUndefined();
  });
});
