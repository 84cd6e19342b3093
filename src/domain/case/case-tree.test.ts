import { describe, expect, it } from 'vitest';
import { exportCasePackage } from './case-export.ts';
import { parseCasePackage } from './case-import.ts';
import type { CaseAssociation, CaseItem, CasePackage } from './case-package.ts';
import { buildCaseTree } from './case-tree.ts';
import type { CaseTreeNode } from './case-tree.ts';
import { fixtureDocument, thirdPartyPackage } from '../../../test/support/case-test-support.ts';

type Shape = Array<string | [string, Shape]>;

/** The tree as nested humanCodingScheme (or statement) labels; leaves are plain strings. */
function shape(nodes: CaseTreeNode[]): Shape {
  return nodes.map((n) => {
    const label = n.item.humanCodingScheme ?? n.item.fullStatement;
    return n.children.length > 0 ? [label, shape(n.children)] : label;
  });
}

const when = '2021-01-01T00:00:00Z';
const item = (id: string): CaseItem => ({ identifier: id, uri: id, fullStatement: `Item ${id}`, humanCodingScheme: id, lastChangeDateTime: when });
const childOf = (child: string, parent: string, sequenceNumber?: number): CaseAssociation => ({
  identifier: `${child}>${parent}`,
  associationType: 'isChildOf',
  uri: 'u',
  originNodeURI: { identifier: child, title: child, uri: child },
  destinationNodeURI: { identifier: parent, title: parent, uri: parent },
  lastChangeDateTime: when,
  ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
});

function minimalPackage(ids: string[], associations: CaseAssociation[]): CasePackage {
  return {
    CFDocument: { identifier: 'doc', uri: 'doc', creator: 'c', title: 'Doc', lastChangeDateTime: when },
    CFItems: ids.map(item),
    CFAssociations: associations,
  };
}

describe('buildCaseTree', () => {
  it('arranges a third-party package by isChildOf, ordered by sequenceNumber then code', () => {
    const tree = buildCaseTree(parseCasePackage(thirdPartyPackage()));
    expect(shape(tree.roots)).toEqual([
      ['3.OA', ['3.OA.A.1', '3.OA.A.2', '3.OA.A.10']],
      ['3.NF', ['3.NF.A.1']],
    ]);
    expect(tree.warnings).toEqual([]);
    expect(tree.document.title).toContain('Grade 3');
  });

  it('orders by humanCodingScheme as people read it when there are no sequence numbers', () => {
    const pkg = parseCasePackage(thirdPartyPackage());
    for (const a of pkg.CFAssociations ?? []) delete a.sequenceNumber;
    expect(shape(buildCaseTree(pkg).roots)).toEqual([
      ['3.NF', ['3.NF.A.1']],
      ['3.OA', ['3.OA.A.1', '3.OA.A.2', '3.OA.A.10']],
    ]);
  });

  it.each<[string, string[], CaseAssociation[], Shape, RegExp[]]>([
    ['items with no association are roots', ['a', 'b'], [], ['a', 'b'], []],
    [
      'a cycle is cut at its first item',
      ['a', 'b', 'c'],
      [childOf('a', 'b'), childOf('b', 'a'), childOf('c', 'a')],
      [['a', ['b', 'c']]],
      [/parent cycle/],
    ],
    ['a self-parent is ignored', ['a'], [childOf('a', 'a')], ['a'], [/not in the package/]],
    [
      'a dangling parent leaves the item a root',
      ['a', 'b'],
      [childOf('a', 'missing', 1), childOf('b', 'doc', 2)],
      // The ignored association's sequenceNumber goes with it, so the unnumbered root sorts last.
      ['b', 'a'],
      [/points at an item that is not in the package/],
    ],
    [
      'an unknown child is ignored',
      ['a'],
      [childOf('ghost', 'a')],
      ['a'],
      [/starts from an item that is not in the package/],
    ],
    [
      'a second parent is ignored',
      ['a', 'b', 'c'],
      [childOf('c', 'a'), childOf('c', 'b')],
      [['a', ['c']], 'b'],
      [/more than one parent/],
    ],
    ['identifiers match case-insensitively', ['a', 'B'], [childOf('b', 'A'), childOf('a', 'DOC')], [['a', ['B']]], []],
  ])('%s', (_name, ids, associations, expected, warnings) => {
    const tree = buildCaseTree(minimalPackage(ids, associations));
    expect(shape(tree.roots)).toEqual(expected);
    expect(tree.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(tree.warnings[i]).toMatch(w));
  });

  it('reports duplicate identifiers once with a count', () => {
    const tree = buildCaseTree(minimalPackage(['a', 'a', 'a'], []));
    expect(shape(tree.roots)).toEqual(['a']);
    expect(tree.warnings).toEqual(['An item identifier appears more than once; only the first is shown (2 times)']);
  });

  it('handles a very deep chain without overflowing the stack', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const associations = ids.slice(1).map((id, i) => childOf(id, `n${i}`));
    const tree = buildCaseTree(minimalPackage(ids, associations));
    let depth = 0;
    for (let node = tree.roots[0]; node; node = node.children[0]) depth += 1;
    expect(depth).toBe(ids.length);
  });

  it('renders a hub export as tiers, factors and requirements', () => {
    const pkg = exportCasePackage(fixtureDocument, { baseUrl: 'https://hub.example', lastChangeDateTime: when });
    expect(shape(buildCaseTree(pkg).roots)).toEqual([
      ['Foundational', [['AI literacy', ['1-1', '1-2']]]],
      ['Advanced — Driver', [['Governance', [['Liability', ['A2-1']], 'A2-2']]]],
      ['Product-specific', [['Governance', [['Liability', ['2-1']]]]]],
      ['A3', ['A3-1', 'A3-2']],
    ]);
  });
});
