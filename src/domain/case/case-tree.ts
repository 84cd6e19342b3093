import type { CaseAssociation, CaseDocument, CaseItem, CasePackage } from './case-package.ts';

export interface CaseTreeNode {
  item: CaseItem;
  /** From the isChildOf association that placed the item; absent when the publisher gave none. */
  sequenceNumber?: number;
  children: CaseTreeNode[];
}

export interface CaseTree {
  document: CaseDocument;
  roots: CaseTreeNode[];
  /** Readable notes about data the tree had to work around (shown to admins, not fatal). */
  warnings: string[];
}

interface Entry {
  node: CaseTreeNode;
  index: number;
  parent: string | null;
}

/**
 * A CASE package as a tree for display, from its isChildOf associations. Roots are items whose
 * parent is the document or that have none. Third-party data is not trusted: identifiers are
 * matched case-insensitively, an item placed under several parents appears once (under the first),
 * associations to unknown nodes are ignored, and a cycle is cut so every item appears exactly once.
 * Built without recursion so a very deep framework cannot overflow the stack.
 */
export function buildCaseTree(pkg: CasePackage): CaseTree {
  const warnings = new Map<string, number>();
  const warn = (message: string): void => void warnings.set(message, (warnings.get(message) ?? 0) + 1);
  const entries = indexItems(pkg.CFItems ?? [], warn);
  assignParents(entries, pkg.CFAssociations ?? [], pkg.CFDocument.identifier.toLowerCase(), warn);

  const children = new Map<string, Entry[]>();
  for (const entry of entries.values()) {
    if (entry.parent === null) continue;
    const siblings = children.get(entry.parent) ?? [];
    siblings.push(entry);
    children.set(entry.parent, siblings);
  }
  const roots = [...entries.values()].filter((e) => e.parent === null);
  cutCycles(entries, roots, children, warn);

  for (const [parentKey, list] of children) {
    entries.get(parentKey)?.node.children.push(...list.sort(compareEntries).map((e) => e.node));
  }
  return {
    document: pkg.CFDocument,
    roots: roots.sort(compareEntries).map((e) => e.node),
    warnings: [...warnings].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message)),
  };
}

function key(identifier: string): string {
  return identifier.toLowerCase();
}

function indexItems(items: readonly CaseItem[], warn: (m: string) => void): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  items.forEach((item, index) => {
    const k = key(item.identifier);
    if (entries.has(k)) return warn('An item identifier appears more than once; only the first is shown');
    entries.set(k, { node: { item, children: [] }, index, parent: null });
  });
  return entries;
}

function assignParents(
  entries: Map<string, Entry>,
  associations: readonly CaseAssociation[],
  documentKey: string,
  warn: (m: string) => void,
): void {
  const placed = new Set<string>();
  for (const a of associations) {
    if (a.associationType !== 'isChildOf') continue;
    const child = entries.get(key(a.originNodeURI.identifier));
    const parentKey = key(a.destinationNodeURI.identifier);
    if (!child) {
      warn('An isChildOf association starts from an item that is not in the package; ignored');
      continue;
    }
    const childKey = key(child.node.item.identifier);
    const isDocument = parentKey === documentKey;
    if (!isDocument && (!entries.has(parentKey) || parentKey === childKey)) {
      warn('An isChildOf association points at an item that is not in the package; ignored');
      continue;
    }
    if (placed.has(childKey)) {
      warn('An item has more than one parent; it is shown under the first');
      continue;
    }
    placed.add(childKey);
    child.parent = isDocument ? null : parentKey;
    if (a.sequenceNumber !== undefined) child.node.sequenceNumber = a.sequenceNumber;
  }
}

/**
 * Items unreachable from a root sit on (or under) a parent cycle. The first such item in package
 * order becomes a root, which breaks its cycle; repeat until every item is reachable.
 */
function cutCycles(
  entries: Map<string, Entry>,
  roots: Entry[],
  children: Map<string, Entry[]>,
  warn: (m: string) => void,
): void {
  const reached = new Set<string>();
  const visit = (start: Entry): void => {
    const stack = [start];
    while (stack.length > 0) {
      const entry = stack.pop() as Entry;
      const k = key(entry.node.item.identifier);
      if (reached.has(k)) continue;
      reached.add(k);
      stack.push(...(children.get(k) ?? []));
    }
  };
  roots.forEach(visit);
  for (const [k, entry] of entries) {
    if (reached.has(k) || entry.parent === null) continue;
    warn('Items form a parent cycle; the cycle is cut and shown from its first item');
    const siblings = children.get(entry.parent) ?? [];
    children.set(entry.parent, siblings.filter((s) => s !== entry));
    entry.parent = null;
    roots.push(entry);
    visit(entry);
  }
}

const codeCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** sequenceNumber first (unnumbered last), then humanCodingScheme as people read it, then package order. */
function compareEntries(a: Entry, b: Entry): number {
  const seqA = a.node.sequenceNumber ?? Number.POSITIVE_INFINITY;
  const seqB = b.node.sequenceNumber ?? Number.POSITIVE_INFINITY;
  if (seqA !== seqB) return seqA < seqB ? -1 : 1;
  const codeA = a.node.item.humanCodingScheme;
  const codeB = b.node.item.humanCodingScheme;
  if (codeA !== codeB) {
    if (codeA === undefined) return 1;
    if (codeB === undefined) return -1;
    const byCode = codeCollator.compare(codeA, codeB);
    if (byCode !== 0) return byCode;
  }
  return a.index - b.index;
}
