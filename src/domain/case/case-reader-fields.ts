import type { CaseWarnings } from './case-warnings.ts';

/**
 * Field-level tidying of one CASE object (document, item, association or item type) read from a
 * package someone else published. Only unambiguous coercions happen; everything else is kept as
 * published with a warning. Fields and their types follow the 1EdTech CASE 1.1 CFPackage JSON Schema.
 */
export type CasePart = 'document' | 'item' | 'association' | 'itemType';

export type Json = Record<string, unknown>;

const TEXT_FIELDS: Record<CasePart, readonly string[]> = {
  document: ['identifier', 'uri', 'frameworkType', 'caseVersion', 'creator', 'title', 'lastChangeDateTime', 'officialSourceURL', 'publisher', 'description', 'language', 'version', 'adoptionStatus', 'statusStartDate', 'statusEndDate', 'notes'],
  item: ['identifier', 'fullStatement', 'alternativeLabel', 'CFItemType', 'uri', 'humanCodingScheme', 'listEnumeration', 'abbreviatedStatement', 'notes', 'language', 'statusStartDate', 'statusEndDate', 'lastChangeDateTime'],
  association: ['identifier', 'associationType', 'uri', 'lastChangeDateTime', 'notes'],
  itemType: ['identifier', 'uri', 'title', 'description', 'hierarchyCode', 'typeCode', 'lastChangeDateTime'],
};

/** Fields CASE defines beyond the text ones (links, lists, extensions). */
const OTHER_FIELDS: Record<CasePart, readonly string[]> = {
  document: ['subject', 'subjectURI', 'licenseURI', 'extensions'],
  item: ['conceptKeywords', 'conceptKeywordsURI', 'subject', 'subjectURI', 'educationLevel', 'CFItemTypeURI', 'licenseURI', 'extensions'],
  association: ['sequenceNumber', 'originNodeURI', 'destinationNodeURI', 'CFAssociationGroupingURI', 'extensions'],
  itemType: ['extensions'],
};

const KNOWN_FIELDS = Object.fromEntries(
  (Object.keys(TEXT_FIELDS) as CasePart[]).map((part) => [part, new Set([...TEXT_FIELDS[part], ...OTHER_FIELDS[part]])]),
) as Record<CasePart, Set<string>>;

/** An ISO date and time with no zone: which zone the publisher meant cannot be known. */
const DATE_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const WHOLE_NUMBER_TEXT = /^\s*-?\d+\s*$/;

export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Context a part may borrow from: the document's own lastChangeDateTime. */
export interface PartContext {
  notes: CaseWarnings;
  documentDate?: string | undefined;
}

/** Tidies `obj` in place. */
export function tidyPart(part: CasePart, obj: Json, path: string, context: PartContext): void {
  const { notes } = context;
  if (part === 'item') tidyItemLists(obj, path, notes);
  if (part === 'itemType') fillItemTypeDescription(obj, path, notes);
  dropNulls(obj, path, notes);
  for (const field of TEXT_FIELDS[part]) {
    const value = obj[field];
    if (typeof value === 'number' || typeof value === 'boolean') {
      obj[field] = String(value);
      notes.add('text-as-number', `${path}.${field}`, value, `read as "${String(value)}"`);
    }
  }
  if (part === 'document' && !hasText(obj.title) && hasText(obj.identifier)) {
    notes.add('title-missing', `${path}.title`, obj.title, 'used the identifier as its title');
    obj.title = obj.identifier;
  }
  if (part === 'association') tidySequenceNumber(obj, path, notes);
  if (part === 'itemType' && obj.hierarchyCode === undefined) notes.add('code-missing', `${path}.hierarchyCode`, undefined, 'kept the item type without one');
  if (part !== 'document') fillDate(obj, path, context);
  if (typeof obj.lastChangeDateTime === 'string' && DATE_WITHOUT_ZONE.test(obj.lastChangeDateTime)) {
    notes.add('date-without-zone', `${path}.lastChangeDateTime`, obj.lastChangeDateTime, 'kept as published');
  }
  for (const field of Object.keys(obj)) {
    if (!KNOWN_FIELDS[part].has(field)) notes.add('not-case-field', `${path}.${field}`, obj[field], 'kept as published');
  }
}

/**
 * Many publishers write `null` for "absent", which CASE forbids but which means nothing: drop it.
 * Inside `extensions` nulls are data (a hub node's parent) and are kept.
 */
export function dropNulls(value: Json | unknown[], path: string, notes: CaseWarnings): void {
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i -= 1) {
      if (value[i] === null) {
        value.splice(i, 1);
        notes.add('null-value', `${path}[${i}]`, null, 'left it out');
      }
    }
    value.forEach((v, i) => (isJson(v) || Array.isArray(v) ? dropNulls(v, `${path}[${i}]`, notes) : undefined));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === null) {
      delete value[key];
      notes.add('null-value', `${path}.${key}`, null, 'treated as absent');
    } else if (key !== 'extensions' && (isJson(v) || Array.isArray(v))) {
      dropNulls(v, `${path}.${key}`, notes);
    }
  }
}

function tidyItemLists(item: Json, path: string, notes: CaseWarnings): void {
  const type = item.CFItemType;
  if (isJson(type)) {
    if (hasText(type.title)) {
      item.CFItemType = type.title;
      notes.add('item-type-object', `${path}.CFItemType`, type, `read its title "${type.title}"`);
    } else {
      delete item.CFItemType;
      notes.add('item-type-object', `${path}.CFItemType`, type, 'left it out: it has no title');
    }
  }
  if (typeof item.conceptKeywords === 'string') {
    // Not split on commas: a keyword may contain one.
    notes.add('text-as-list', `${path}.conceptKeywords`, item.conceptKeywords, 'read as a list of one keyword');
    item.conceptKeywords = [item.conceptKeywords];
  }
  if (typeof item.educationLevel === 'string') {
    // Comma-separated levels ("09,10") are how OpenSALT itself reads a single string.
    const levels = item.educationLevel.split(',').map((l) => l.trim()).filter((l) => l !== '');
    notes.add('text-as-list', `${path}.educationLevel`, item.educationLevel, `read as the list ${JSON.stringify(levels)}`);
    item.educationLevel = levels;
  }
  if (!hasText(item.fullStatement) && hasText(item.abbreviatedStatement)) {
    notes.add('statement-missing', `${path}.fullStatement`, item.fullStatement, 'used the abbreviated statement');
    item.fullStatement = item.abbreviatedStatement;
  }
}

function fillItemTypeDescription(type: Json, path: string, notes: CaseWarnings): void {
  if (typeof type.description === 'string' || !hasText(type.title)) return;
  // OpenSALT's own exporter now fills a missing description with the title.
  notes.add('description-missing', `${path}.description`, type.description, 'used the title as its description');
  type.description = type.title;
}

function tidySequenceNumber(association: Json, path: string, notes: CaseWarnings): void {
  const value = association.sequenceNumber;
  if (value === undefined || (typeof value === 'number' && Number.isSafeInteger(value))) return;
  const where = `${path}.sequenceNumber`;
  if (typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value) && Number.isSafeInteger(Number(value))) {
    association.sequenceNumber = Number(value);
    notes.add('number-as-text', where, value, `read as ${Number(value)}`);
    return;
  }
  delete association.sequenceNumber;
  notes.add('unusable-sequence', where, value, 'ignored it: ordered by coding scheme instead');
}

function fillDate(obj: Json, path: string, { notes, documentDate }: PartContext): void {
  if (obj.lastChangeDateTime !== undefined || documentDate === undefined) return;
  notes.add('date-missing', `${path}.lastChangeDateTime`, undefined, 'used the document’s lastChangeDateTime');
  obj.lastChangeDateTime = documentDate;
}
