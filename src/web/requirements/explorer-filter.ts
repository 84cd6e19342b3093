import { z } from 'zod';
import type { FrameworkIndex, RequirementFilter } from '../../domain/framework/framework-index.ts';
import { factorTree, isKind, isTier } from '../../domain/framework/framework-index.ts';
import { KINDS, TIERS } from '../../domain/framework/framework-document.ts';

const rawQuery = z.object({
  tier: z.string().optional(),
  archetype: z.string().optional(),
  factor: z.string().optional(),
  kind: z.string().optional(),
  level: z.string().optional(),
  q: z.string().optional(),
});

export type ExplorerValues = Partial<Record<keyof z.infer<typeof rawQuery>, string>>;

const TIER_LABELS: Record<string, string> = { foundational: 'Foundational', advanced: 'Advanced', 'product-specific': 'Product-specific' };

/**
 * Reads the explorer's query string. Unknown values are reported (for the error summary) and
 * left out of the filter rather than failing the page.
 */
export function createExplorerFilter(index: FrameworkIndex, query: unknown) {
  const parsed = rawQuery.safeParse(query);
  const raw = parsed.success ? parsed.data : {};
  const values: ExplorerValues = {};
  const filter: RequirementFilter = {};
  const errors: Array<{ text: string; href: string }> = [];
  const pick = (key: keyof ExplorerValues, isValid: (v: string) => boolean, message: string) => {
    const value = raw[key]?.trim();
    if (!value) return undefined;
    values[key] = value;
    if (isValid(value)) return value;
    errors.push({ text: message, href: `#${key}` });
    return undefined;
  };
  const tier = pick('tier', isTier, 'Select a tier from the list');
  if (tier && isTier(tier)) filter.tier = tier;
  filter.archetype = pick('archetype', (v) => index.archetypeById.has(v), 'Select an archetype from the list');
  filter.factor = pick('factor', (v) => index.factorById.has(v), 'Select a factor from the list');
  const kind = pick('kind', isKind, 'Select knowledge or skill');
  if (kind && isKind(kind)) filter.kind = kind;
  filter.level = pick('level', (v) => index.levelById.has(v), 'Select a level from the list');
  filter.q = pick('q', (v) => v.length <= 200, 'Search text must be 200 characters or fewer');
  for (const key of Object.keys(filter) as Array<keyof RequirementFilter>) if (filter[key] === undefined) delete filter[key];
  return { filter, values, errors };
}

/** Select options for the explorer form, with the current values selected. */
export function explorerOptions(index: FrameworkIndex, values: ExplorerValues) {
  const option = (value: string, text: string, current?: string) => ({ value, text, selected: value === current });
  const any = (text: string) => ({ value: '', text });
  const doc = index.doc;
  return {
    tier: [any('All tiers'), ...TIERS.map((t) => option(t, TIER_LABELS[t] ?? t, values.tier))],
    archetype: [any('All archetypes'), ...doc.archetypes.map((a) => option(a.id, a.label, values.archetype))],
    factor: [
      any('All factors'),
      ...factorTree(index).flatMap(({ factor, children }) => [
        option(factor.id, factor.label, values.factor),
        ...children.map((c) => option(c.id, `${factor.label}: ${c.label}`, values.factor)),
      ]),
    ],
    kind: [any('Knowledge and skills'), ...KINDS.map((k) => option(k, k === 'knowledge' ? 'Knowledge' : 'Skill', values.kind))],
    level: [
      any('All levels'),
      ...[...index.levelById.values()].map((l) => option(l.id, `${l.label} (${l.kind})`, values.level)),
    ],
  };
}
