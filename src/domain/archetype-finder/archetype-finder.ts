import type { Archetype } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';

/**
 * "Find your archetypes": people who do not know the vocabulary tick what they do, drawn from the
 * archetypes' example responsibilities (ch. 2), and get the archetypes those point to.
 */

export interface ResponsibilityStatement {
  /** `<archetype>-r<n>`, n counting from 1 in document order; stable while the framework version is. */
  id: string;
  archetype: string;
  text: string;
}

export interface ArchetypeSuggestion {
  archetype: Archetype;
  /** The archetype's purpose, as the report prints it. */
  description: string;
  /** The ticked statements that point to this archetype, in document order. */
  ticked: ResponsibilityStatement[];
  /** How many statements the archetype has, so a page can say "2 of 3". */
  total: number;
}

/** Every tickable statement, archetype by archetype in document order. */
export function listResponsibilityStatements(index: FrameworkIndex): ResponsibilityStatement[] {
  return index.doc.archetypes.flatMap((a) =>
    a.responsibilities.map((text, i) => ({ id: responsibilityId(a.id, i + 1), archetype: a.id, text })),
  );
}

export function responsibilityId(archetype: string, n: number): string {
  return `${archetype}-r${n}`;
}

/**
 * Every archetype with at least one tick, since archetypes are not mutually exclusive (ch. 2):
 * most ticks first, ties in document order. Unknown ids throw; repeated ids count once.
 */
export function suggestArchetypes(index: FrameworkIndex, tickedIds: readonly string[]): ArchetypeSuggestion[] {
  const statements = listResponsibilityStatements(index);
  const known = new Set(statements.map((s) => s.id));
  for (const id of tickedIds) {
    if (!known.has(id)) throw new Error(`Unknown responsibility statement "${id}" (framework ${index.doc.id} ${index.doc.version})`);
  }
  const ticked = new Set(tickedIds);
  const suggestions = index.doc.archetypes.map((archetype) => {
    const own = statements.filter((s) => s.archetype === archetype.id);
    return { archetype, description: archetype.purpose, ticked: own.filter((s) => ticked.has(s.id)), total: own.length };
  });
  // Array.prototype.sort is stable, so equal counts keep document order.
  return suggestions.filter((s) => s.ticked.length > 0).sort((a, b) => b.ticked.length - a.ticked.length);
}
