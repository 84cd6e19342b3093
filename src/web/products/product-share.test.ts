import { describe, expect, it } from 'vitest';
import { indentedOptions, shareChoices, shareScopeRootId } from './product-share.ts';

const org = (id: string, parentId: string | null, kind: 'national' | 'region' | 'integrated-care-system' | 'trust' | 'team') => ({ id, name: id, parentId, kind });
const TREE = [
  org('England', null, 'national'),
  org('North', 'England', 'region'),
  org('ICS A', 'North', 'integrated-care-system'),
  org('ICS B', 'North', 'integrated-care-system'),
  org('Trust 1', 'ICS A', 'trust'),
  org('Trust 2', 'ICS A', 'trust'),
  org('Trust 3', 'ICS A', 'trust'),
  org('Radiology', 'Trust 1', 'team'),
  org('Cardiology', 'Trust 2', 'team'),
  org('Trust 9', 'ICS B', 'trust'),
];
const ancestryOf = (id: string) => {
  const chain = [];
  for (let at = TREE.find((o) => o.id === id); at; at = TREE.find((o) => o.id === at?.parentId)) chain.push(at);
  return chain;
};

describe('sharing a product', () => {
  it('is scoped to the owner’s integrated care system, or the top of its tree', () => {
    expect(shareScopeRootId(ancestryOf('Radiology'))).toBe('ICS A');
    expect(shareScopeRootId(ancestryOf('North'))).toBe('England');
    expect(shareScopeRootId(ancestryOf('England'))).toBeUndefined();
  });

  it('offers neighbours, leaving out those that see it already and the owner’s ancestors', () => {
    const ancestry = ancestryOf('Radiology');
    const choices = shareChoices(TREE, 'ICS A', { seeIt: new Set(['Radiology', 'Trust 3']), skipped: new Set(ancestry.map((o) => o.id)) });
    expect(choices).toEqual([
      { id: 'Trust 2', name: 'Trust 2', depth: 0 },
      { id: 'Cardiology', name: 'Cardiology', depth: 1 },
    ]);
  });

  it('indents options by depth after a prompt', () => {
    expect(indentedOptions([{ id: 'a', name: 'A', depth: 0 }, { id: 'b', name: 'B', depth: 1 }], 'b', 'Choose')).toEqual([
      { value: '', text: 'Choose' },
      { value: 'a', text: 'A', selected: false },
      { value: 'b', text: '\u00a0\u00a0\u00a0B', selected: true },
    ]);
  });
});
