import { z } from 'zod';
import { RESOURCE_FORMATS, RESOURCE_STATUSES } from '../../db/tables/catalogue.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { factorTree } from '../../domain/framework/framework-index.ts';
import type { ResourceFilter, ResourceFormat, ResourceStatus } from '../../services/catalogue/catalogue.types.ts';
import { FORMAT_LABELS, STATUS_LABELS } from './catalogue.view-model.ts';
import { pagerView } from '../pagination.ts';

export const PAGE_SIZE = 20;
export const MAX_TEXT = 200;

/** The longest a resource may take, as offered on the browse page. */
const DURATION_CHOICES = [
  { minutes: 15, text: '15 minutes or less' },
  { minutes: 30, text: '30 minutes or less' },
  { minutes: 60, text: '1 hour or less' },
  { minutes: 120, text: '2 hours or less' },
  { minutes: 240, text: 'Half a day or less' },
  { minutes: 480, text: 'A day or less' },
] as const;

const one = z.string().max(1000).optional();
const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)).max(20));
const rawQuery = z.object({ q: one, factor: one, topic: one, archetype: one, format: many, only: many, maxMinutes: one, status: one, page: one });

/** What the form shows back: the values as typed or chosen, whether or not they were valid. */
export interface CatalogueValues {
  q?: string;
  factor?: string;
  topic?: string;
  archetype?: string;
  formats: string[];
  only: string[];
  maxMinutes?: string;
  status?: string;
}

const isFormat = (v: string): v is ResourceFormat => (RESOURCE_FORMATS as readonly string[]).includes(v);
const isStatus = (v: string): v is ResourceStatus => (RESOURCE_STATUSES as readonly string[]).includes(v);
const ONLY = ['free', 'vendor-neutral', 'cpd'] as const;

/**
 * Reads the browse page's query string. Like the requirement explorer, an unknown value is
 * reported in the error summary and left out of the filter rather than failing the page.
 * `canCurate` lets an educator ask for drafts or retired resources.
 */
export function createCatalogueFilter(index: FrameworkIndex, query: unknown, canCurate: boolean) {
  const parsed = rawQuery.safeParse(query);
  const raw = parsed.success ? parsed.data : { format: [], only: [] };
  const values: CatalogueValues = { formats: [], only: [] };
  const filter: ResourceFilter = { pageSize: PAGE_SIZE };
  const errors: Array<{ text: string; href: string }> = [];
  const pick = <K extends 'q' | 'factor' | 'topic' | 'archetype' | 'maxMinutes' | 'status'>(key: K, isValid: (v: string) => boolean, message: string) => {
    const value = raw[key]?.trim();
    if (!value) return undefined;
    values[key] = value;
    if (isValid(value)) return value;
    errors.push({ text: message, href: `#${key}` });
    return undefined;
  };
  const text = pick('q', (v) => v.length <= MAX_TEXT, `Search text must be ${MAX_TEXT} characters or fewer`);
  if (text) filter.text = text;
  const factor = pick('factor', (v) => index.factorById.has(v), 'Select a factor from the list');
  if (factor) filter.factorId = factor;
  const topic = pick('topic', (v) => index.topicById.has(v), 'Select a topic from the list');
  if (topic) filter.topicId = topic;
  const archetype = pick('archetype', (v) => index.archetypeById.has(v), 'Select an archetype from the list');
  if (archetype) filter.archetype = archetype;
  const maxMinutes = pick('maxMinutes', (v) => DURATION_CHOICES.some((c) => String(c.minutes) === v), 'Select a length from the list');
  if (maxMinutes) filter.maxMinutes = Number(maxMinutes);
  const status = canCurate ? pick('status', isStatus, 'Select which resources to show') : undefined;
  if (status && isStatus(status)) filter.statuses = [status];

  values.formats = raw.format.filter(isFormat);
  if (values.formats.length !== raw.format.length) errors.push({ text: 'Select formats from the list', href: '#format' });
  if (values.formats.length > 0) filter.formats = values.formats as ResourceFormat[];
  values.only = raw.only.filter((v) => (ONLY as readonly string[]).includes(v));
  if (values.only.includes('free')) filter.freeOnly = true;
  if (values.only.includes('vendor-neutral')) filter.vendorNeutralOnly = true;
  if (values.only.includes('cpd')) filter.accreditedOnly = true;

  const page = Number(raw.page ?? '1');
  filter.page = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
  return { filter, values, errors };
}

/** Choices for the browse form, with the current values chosen. */
export function catalogueOptions(index: FrameworkIndex, values: CatalogueValues) {
  const option = (value: string, text: string, current?: string) => ({ value, text, selected: value === current });
  const any = (text: string) => ({ value: '', text });
  const factorLabel = (id: string) => {
    const factor = index.factorById.get(id);
    const parent = factor?.parent ? index.factorById.get(factor.parent) : undefined;
    return parent ? `${parent.label}: ${factor?.label ?? id}` : (factor?.label ?? id);
  };
  return {
    factor: [
      any('All factors'),
      ...factorTree(index).flatMap(({ factor, children }) => [option(factor.id, factor.label, values.factor), ...children.map((c) => option(c.id, factorLabel(c.id), values.factor))]),
    ],
    topic: [any('All topics'), ...[...index.topicById.values()].map((t) => option(t.id, t.label, values.topic))],
    archetype: [any('All archetypes'), ...index.doc.archetypes.map((a) => option(a.id, a.label, values.archetype))],
    format: RESOURCE_FORMATS.map((f) => ({ value: f, text: FORMAT_LABELS[f], checked: values.formats.includes(f) })),
    only: [
      { value: 'free', text: 'Free only', checked: values.only.includes('free') },
      { value: 'vendor-neutral', text: 'Vendor-neutral only', checked: values.only.includes('vendor-neutral') },
      { value: 'cpd', text: 'CPD-accredited only', checked: values.only.includes('cpd') },
    ],
    maxMinutes: [any('Any length'), ...DURATION_CHOICES.map((c) => option(String(c.minutes), c.text, values.maxMinutes))],
    status: [
      option('', 'Published', values.status ?? ''),
      option('draft', `${STATUS_LABELS.draft}s`, values.status),
      option('retired', STATUS_LABELS.retired, values.status),
    ],
  };
}

/** The browse page's query for another page of the same results. */
export function pageQuery(values: CatalogueValues, page: number): string {
  const search = new URLSearchParams();
  for (const key of ['q', 'factor', 'topic', 'archetype', 'maxMinutes', 'status'] as const) {
    const value = values[key];
    if (value) search.set(key, value);
  }
  for (const f of values.formats) search.append('format', f);
  for (const o of values.only) search.append('only', o);
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Numbered NHS pagination for a page of results; nothing when they fit on one page. */
export function paginationView(values: CatalogueValues, page: number, total: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return pagerView({ page, pageCount }, (n) => `/catalogue${pageQuery(values, n)}#results`);
}
