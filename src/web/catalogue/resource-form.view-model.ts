import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { factorTree } from '../../domain/framework/framework-index.ts';
import type { LearningResource } from '../../services/catalogue/catalogue.types.ts';
import { FORMAT_LABELS } from './catalogue.view-model.ts';
import { OUTCOME_PREFIX } from './resource-form.ts';
import type { ResourceFormValues } from './resource-form.ts';

const NOT_TAUGHT = 'Not taught';

/**
 * The outcome questions, without JavaScript: one expander per top-level factor, holding a fieldset
 * per factor or sub-factor with a level select for each of its topics, its summary counting the
 * levels chosen in it. Expanders open by themselves only to show a problem: opening every one
 * holding a chosen level made the edit form of a broad resource about 10,000 pixels tall. What is
 * chosen is listed above them instead (`chosenOutcomes`), so nothing chosen is hidden.
 */
export function outcomeGroups(index: FrameworkIndex, values: ResourceFormValues, fieldErrors: Record<string, string>) {
  const topics = [...index.topicById.values()];
  const hasFormError = Boolean(fieldErrors.outcomes);
  return factorTree(index).map(({ factor, children }, position) => {
    const fieldsets = [factor, ...children]
      .map((f) => ({
        legend: f.id === factor.id && children.length > 0 ? `${f.label}: general` : f.label,
        topics: topics
          .filter((t) => t.factor === f.id)
          .map((t) => {
            const chosen = values.outcomes[t.id] ?? '';
            const levels = index.doc.taxonomy[t.kind];
            return {
              id: `${OUTCOME_PREFIX}${t.id}`,
              label: t.label,
              hint: t.kind === 'knowledge' ? 'Knowledge' : 'Skill',
              chosen,
              error: fieldErrors[`outcomes.${t.id}`],
              items: [{ value: '', text: NOT_TAUGHT }, ...levels.map((l) => ({ value: l.id, text: l.label, selected: l.id === chosen }))],
            };
          }),
      }))
      .filter((f) => f.topics.length > 0);
    const all = fieldsets.flatMap((f) => f.topics);
    const chosenCount = all.filter((t) => t.chosen !== '').length;
    return {
      id: `outcomes-${factor.id}`,
      summary: `${factor.label} (${chosenCount === 0 ? 'none chosen' : `${chosenCount} chosen`})`,
      isOpen: all.some((t) => t.error) || (hasFormError && position === 0),
      fieldsets,
    };
  });
}

/** The levels chosen so far, in the form's order, as "Topic: Level". */
export function chosenOutcomes(index: FrameworkIndex, values: ResourceFormValues): string[] {
  return outcomeGroups(index, values, {})
    .flatMap((g) => g.fieldsets.flatMap((f) => f.topics))
    .filter((t) => t.chosen !== '')
    .map((t) => `${t.label}: ${index.levelById.get(t.chosen)?.label ?? t.chosen}`);
}

export function formatItems(chosen: string) {
  return [{ value: '', text: 'Choose a format' }, ...RESOURCE_FORMATS.map((f) => ({ value: f, text: FORMAT_LABELS[f], selected: f === chosen }))];
}

export function yesNoItems(chosen: string, yes: { text: string; hint?: string }, no: { text: string; hint?: string }) {
  return [
    { value: 'yes', text: yes.text, hint: yes.hint ? { text: yes.hint } : undefined, checked: chosen === 'yes' },
    { value: 'no', text: no.text, hint: no.hint ? { text: no.hint } : undefined, checked: chosen === 'no' },
  ];
}

export function archetypeItems(index: FrameworkIndex, chosen: readonly string[]) {
  return index.doc.archetypes.map((a) => ({ value: a.id, text: a.label, checked: chosen.includes(a.id) }));
}

/** Other resources the educator can name as prerequisites (never the resource itself). */
export function prerequisiteItems(candidates: readonly LearningResource[], chosen: readonly string[], selfId?: string) {
  return candidates
    .filter((r) => r.id !== selfId)
    .map((r) => ({ value: r.id, text: r.title, hint: { text: `${r.provider}${r.status === 'published' ? '' : ` (${r.status})`}` }, checked: chosen.includes(r.id) }));
}
