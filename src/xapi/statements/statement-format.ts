import { ifiOf, isObject } from './statement-terms.ts';
import type { Json } from './statement-terms.ts';

/** `format=ids` (9274.1.1 §4.1.6.1): agents by IFI only, activities and verbs by id only. */
export function idsFormat(statement: Json): Json {
  return transform(statement, idsNode) as Json;
}

function idsNode(node: Json, key: string): Json | undefined {
  if (key === 'verb' && typeof node.id === 'string') return { id: node.id };
  if (ifiOf(node) !== null || node.objectType === 'Agent' || node.objectType === 'Group' || Array.isArray(node.member)) return idsAgent(node);
  if ((key === 'object' || ['parent', 'grouping', 'category', 'other'].includes(key)) && (node.objectType === undefined || node.objectType === 'Activity') && typeof node.id === 'string') {
    return { id: node.id };
  }
  return undefined;
}

function idsAgent(agent: Json): Json {
  const result: Json = {};
  if (agent.objectType) result.objectType = agent.objectType;
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[ifi] !== undefined) result[ifi] = agent[ifi];
  // An anonymous group is known only by its members.
  if (ifiOf(agent) === null && Array.isArray(agent.member)) result.member = agent.member.map((m) => (isObject(m) ? idsAgent(m) : m));
  return result;
}

const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

/**
 * `format=canonical`: activities carry the LRS's canonical definition and each language map keeps
 * the one language the client prefers most (Accept-Language), else the first it has.
 */
export function canonicalFormat(statement: Json, definitions: Map<string, Json>, languages: string[]): Json {
  const withDefinitions = transform(statement, (node, key) => {
    if ((key === 'object' || ['parent', 'grouping', 'category', 'other'].includes(key)) && (node.objectType === undefined || node.objectType === 'Activity') && typeof node.id === 'string') {
      const definition = definitions.get(node.id) ?? node.definition;
      const result: Json = { ...node };
      if (isObject(definition)) result.definition = definition;
      return result;
    }
    return undefined;
  }) as Json;
  return reduceLanguages(withDefinitions, languages);
}

function reduceLanguages(node: Json, languages: string[]): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (LANGUAGE_MAPS.has(key) && isObject(value) && Object.values(value).every((v) => typeof v === 'string')) result[key] = pickLanguage(value, languages);
    else if (Array.isArray(value)) result[key] = value.map((v) => (isObject(v) ? reduceLanguages(v, languages) : v));
    else if (isObject(value) && key !== 'extensions') result[key] = reduceLanguages(value, languages);
    else result[key] = value;
  }
  return result;
}

function pickLanguage(map: Json, languages: string[]): Json {
  const tags = Object.keys(map);
  for (const wanted of languages) {
    const exact = tags.find((tag) => tag.toLowerCase() === wanted.toLowerCase());
    if (exact) return { [exact]: map[exact] };
    const prefix = tags.find((tag) => tag.toLowerCase().split('-')[0] === wanted.toLowerCase().split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  const first = tags[0];
  return first === undefined ? {} : { [first]: map[first] };
}

/** The languages of an Accept-Language header, most preferred first (`*` is dropped: any will do). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** Walks objects top-down; `visit` may replace a node (and stop the walk below it). */
function transform(value: unknown, visit: (node: Json, key: string) => Json | undefined, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => transform(item, visit, key));
  if (!isObject(value) || key === 'extensions') return value;
  const replaced = visit(value, key);
  if (replaced) return replaced;
  const result: Json = {};
  for (const [childKey, child] of Object.entries(value)) result[childKey] = transform(child, visit, childKey);
  return result;
}

/** Merges a newly seen activity definition into the canonical one: language maps and extensions per key, the rest newest wins. */
export function mergeDefinition(current: Json | undefined, incoming: Json): Json {
  const merged: Json = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(incoming)) {
    const existing = merged[key];
    merged[key] = isObject(value) && isObject(existing) && (LANGUAGE_MAPS.has(key) || key === 'extensions') ? { ...existing, ...value } : value;
  }
  return merged;
}
