import type { OrganisationRow } from '../../db/organisation.repository.ts';

type Organisation = Pick<OrganisationRow, 'id' | 'name' | 'parentId' | 'kind'>;

export interface ShareChoice {
  id: string;
  name: string;
  depth: number;
}

/**
 * Where sharing a product is offered: the owner's integrated care system, the neighbours that
 * might deploy it (the top of its tree when it sits in none). Organisations that already see it are
 * left out: the owner's own subtree, and those it is shared with. So are the owner's ancestors,
 * since sharing with one would reach every organisation beneath it at once.
 */
export function shareScopeRootId(ancestry: readonly Organisation[]): string | undefined {
  const above = ancestry.slice(1);
  return (above.find((o) => o.kind === 'integrated-care-system') ?? above.at(-1))?.id;
}

/**
 * The organisations under `rootId`, depth first with siblings by name. Those in `seeIt` are left
 * out with everything beneath them (staff there see the product already); `skipped` only themselves.
 */
export function shareChoices(all: readonly Organisation[], rootId: string, { seeIt, skipped }: { seeIt: ReadonlySet<string>; skipped: ReadonlySet<string> }): ShareChoice[] {
  const childrenOf = new Map<string | null, Organisation[]>();
  for (const o of all) childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o]);
  const choices: ShareChoice[] = [];
  const visit = (parentId: string, depth: number) => {
    const children = [...(childrenOf.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) {
      if (seeIt.has(child.id)) continue;
      if (!skipped.has(child.id)) choices.push({ id: child.id, name: child.name, depth });
      visit(child.id, depth + 1);
    }
  };
  visit(rootId, 0);
  return choices;
}

/** Select options indented by depth (a select cannot nest), with a prompt first. */
export function indentedOptions(choices: ReadonlyArray<{ id: string; name: string; depth: number }>, chosen: string, prompt?: string) {
  const indent = (depth: number) => '\u00a0\u00a0\u00a0'.repeat(depth);
  const options = choices.map((c) => ({ value: c.id, text: `${indent(c.depth)}${c.name}`, selected: c.id === chosen }));
  return prompt === undefined ? options : [{ value: '', text: prompt }, ...options];
}
