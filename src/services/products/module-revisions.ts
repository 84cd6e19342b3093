import { createHash } from 'node:crypto';
import { learnerSections } from '../../domain/products/index.ts';
import type { KnowledgeCheck, LearnerSection, ModuleSection, ProductFacts } from '../../domain/products/index.ts';

/**
 * A published module revision is a snapshot of exactly what learners read and answer (issue 11):
 * the section text with the product's facts as they were at publishing, and the knowledge check.
 * Its hash tells an unchanged module from an edited one.
 */

export interface RevisionSnapshot {
  sections: LearnerSection[];
  content: Record<string, string>;
  knowledgeCheck: KnowledgeCheck;
  contentHash: string;
}

export function snapshotOf(plan: readonly ModuleSection[], content: Readonly<Record<string, string>>, facts: Partial<ProductFacts>, knowledgeCheck: KnowledgeCheck): RevisionSnapshot {
  const sections = learnerSections(plan, content, facts);
  return { sections, content: { ...content }, knowledgeCheck, contentHash: hashOf({ sections, knowledgeCheck }) };
}

/** SHA-256 of canonical JSON: stored jsonb comes back with its keys reordered, so order must not count. */
function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
