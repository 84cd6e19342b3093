import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';

/** A supervisor's focus in force for one archetype a person holds (R7), as the person is shown it. */
export interface AgreedFocus {
  archetype: string;
  factors: string[];
  reason: string;
  setAt: Date;
  setByName: string;
}

/**
 * What a person is told when their supervisor saves or clears a focus. A focus changes which
 * statements apply, so it can leave a planned journey out of date: the notice says so.
 */
export function focusNotice(index: FrameworkIndex, change: { supervisorName: string; archetype: string; factors: readonly string[] | null }): string {
  const archetype = index.archetypeById.get(change.archetype)?.label ?? change.archetype;
  if (change.factors === null) {
    return `${change.supervisorName} cleared the focus of your advanced ${archetype} requirements: every advanced ${archetype} requirement applies to you again. If you have a learning journey, re-plan it.`;
  }
  const factors = change.factors.map((f) => index.factorById.get(f)?.label ?? f).join(', ');
  return `${change.supervisorName} agreed a focus for your advanced ${archetype} requirements: ${factors}. Only those advanced ${archetype} requirements now apply to you. If you have a learning journey, re-plan it.`;
}
