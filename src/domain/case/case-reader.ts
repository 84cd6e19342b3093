import type { z } from 'zod';
import { caseAssociationSchema, caseDocumentSchema, caseItemSchema, caseItemTypeSchema, casePackageSchema } from './case-package.ts';
import type { CasePackage } from './case-package.ts';
import { dropNulls, isJson, tidyPart } from './case-reader-fields.ts';
import type { CasePart, Json, PartContext } from './case-reader-fields.ts';
import { CaseWarnings } from './case-warnings.ts';
import type { CaseImportWarning } from './case-warnings.ts';

/**
 * The tolerant reader for CASE packages published by others (issue 16 §3). Real packages are not
 * always schema-perfect (OpenSALT 2017 exports carry sequence numbers as text, null descriptions,
 * dates without a zone, extra fields). The reader imports what can be understood, coerces what is
 * unambiguous, keeps what is ambiguous as published, skips parts that cannot be used, and reports
 * each deviation as a warning. It refuses (throws CaseRefusal) only what cannot be read, saying why.
 * What it returns always satisfies the strict `casePackageSchema`, which stays the contract for
 * what the hub stores and serves.
 */
export class CaseRefusal extends Error {}

export interface CaseReading {
  package: CasePackage;
  warnings: CaseImportWarning[];
}

/** Deeper than any real package; stops a hostile file from exhausting the stack. */
const MAX_DEPTH = 64;
const TOP_LEVEL = new Set(['CFDocument', 'CFItems', 'CFAssociations', 'CFDefinitions', 'CFRubrics', 'extensions']);

const partSchemas = { item: caseItemSchema, association: caseAssociationSchema, itemType: caseItemTypeSchema } as const;

export function readCasePackage(raw: unknown): CaseReading {
  if (!isJson(raw)) throw new CaseRefusal('Not a CASE package: expected a JSON object with a CFDocument');
  const notes = new CaseWarnings();
  const pkg = unwrap(plainCopy(raw, 0) as Json, notes);
  const document = readDocument(pkg.CFDocument, notes);
  const context: PartContext = { notes, documentDate: document.lastChangeDateTime };
  const out: Json = { ...pkg, CFDocument: document };
  for (const key of ['CFItems', 'CFAssociations'] as const) {
    const list = listOf(pkg, key, notes);
    if (list) out[key] = readParts(key === 'CFItems' ? 'item' : 'association', list, key, context);
  }
  if (pkg.CFDefinitions !== undefined) readDefinitions(out, context);
  for (const key of Object.keys(pkg)) {
    if (!TOP_LEVEL.has(key)) notes.add('not-case-field', key, pkg[key], 'kept as published');
  }
  const result = casePackageSchema.safeParse(out);
  // Each part was checked on its own, so this only fails on a bug; say so rather than store it.
  if (!result.success) throw new CaseRefusal(`Not a valid CASE package: ${describeIssues(result.error.issues)}`);
  return { package: result.data, warnings: notes.list };
}

/** A copy with plain objects only and no `__proto__` keys, so a hostile file cannot reach prototypes. */
function plainCopy(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new CaseRefusal('Not a CASE package: the data is nested too deeply');
  if (Array.isArray(value)) return value.map((v) => plainCopy(v, depth + 1));
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== '__proto__') out[key] = plainCopy(v, depth + 1);
  }
  return out;
}

function unwrap(pkg: Json, notes: CaseWarnings): Json {
  if (pkg.CFDocument === undefined && isJson(pkg.CFPackage) && pkg.CFPackage.CFDocument !== undefined) {
    notes.add('package-wrapped', 'CFPackage', '{"CFPackage":{…}}', 'read the package inside it');
    return pkg.CFPackage;
  }
  return pkg;
}

function readDocument(raw: unknown, notes: CaseWarnings): z.infer<typeof caseDocumentSchema> {
  if (raw === undefined) throw new CaseRefusal('Not a CASE package: CFDocument is missing');
  if (!isJson(raw)) throw new CaseRefusal('Not a CASE package: CFDocument is not an object');
  tidyPart('document', raw, 'CFDocument', { notes });
  const parsed = caseDocumentSchema.safeParse(raw, { error: missing });
  // Everything hangs on the document (its identifier names the framework): it cannot be skipped.
  if (!parsed.success) throw new CaseRefusal(`Not a valid CASE package: ${describeIssues(parsed.error.issues, 'CFDocument')}`);
  return parsed.data;
}

function listOf(pkg: Json, key: string, notes: CaseWarnings): unknown[] | undefined {
  const value = pkg[key];
  if (value === undefined) return undefined;
  if (value === null) {
    notes.add('null-value', key, null, 'treated as an empty list');
    return undefined;
  }
  if (!Array.isArray(value)) throw new CaseRefusal(`Not a CASE package: ${key} is not a list`);
  return value;
}

/** Each part is tidied and checked on its own; one that still cannot be used is skipped. */
function readParts(part: Exclude<CasePart, 'document'>, list: unknown[], path: string, context: PartContext): unknown[] {
  const kept: unknown[] = [];
  list.forEach((raw, index) => {
    const where = `${path}[${index}]`;
    if (!isJson(raw)) {
      context.notes.add('part-skipped', where, raw, 'skipped it: it is not an object');
      return;
    }
    tidyPart(part, raw, where, context);
    const reason = unusable(part, raw);
    const parsed = reason ? undefined : partSchemas[part].safeParse(raw, { error: missing });
    if (parsed?.success) kept.push(parsed.data);
    else context.notes.add('part-skipped', where, raw, `skipped it: ${reason ?? describeIssues(parsed?.error.issues ?? [])}`);
  });
  return kept;
}

/** What makes a part useless, in words an admin can pass to the publisher. */
function unusable(part: Exclude<CasePart, 'document'>, raw: Json): string | undefined {
  if (typeof raw.identifier !== 'string' || raw.identifier.trim() === '') return 'it has no identifier';
  if (part === 'item' && (typeof raw.fullStatement !== 'string' || raw.fullStatement.trim() === '')) return 'it has no statement';
  if (part === 'association') {
    const end = (link: unknown) => isJson(link) && typeof link.identifier === 'string' && link.identifier !== '';
    if (!end(raw.originNodeURI) || !end(raw.destinationNodeURI)) return 'it does not name both of its ends';
    if (typeof raw.associationType !== 'string') return 'it has no association type';
  }
  return undefined;
}

function readDefinitions(out: Json, context: PartContext): void {
  const definitions = out.CFDefinitions;
  if (!isJson(definitions)) {
    context.notes.add('not-a-list', 'CFDefinitions', definitions, 'left it out: it is not an object');
    delete out.CFDefinitions;
    return;
  }
  const types = definitions.CFItemTypes;
  const others: Json = { ...definitions };
  delete others.CFItemTypes;
  // Concepts, subjects, licences and groupings are passed through; only their nulls are dropped.
  dropNulls(others, 'CFDefinitions', context.notes);
  const tidied: Json = { ...others };
  if (Array.isArray(types)) tidied.CFItemTypes = readParts('itemType', types, 'CFDefinitions.CFItemTypes', context);
  else if (types !== undefined) context.notes.add('not-a-list', 'CFDefinitions.CFItemTypes', types, 'left it out: it is not a list');
  out.CFDefinitions = tidied;
}

const missing = (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : undefined);

function describeIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = [prefix, formatPath(issue.path)].filter((p) => p !== '').join('.') || 'the package';
    return issue.message === 'is missing' ? `${path} is missing` : `${path}: ${issue.message}`;
  });
  const rest = issues.length - shown.length;
  const more = rest > 0 ? ` (and ${rest} more ${rest === 1 ? 'problem' : 'problems'})` : '';
  return `${shown.join('; ')}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
