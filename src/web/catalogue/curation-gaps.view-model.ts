import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { CurationGap } from '../../services/catalogue/catalogue.types.ts';
import { levelLabelOf } from './catalogue.view-model.ts';

const TIERS = [
  { tier: 'foundational', label: 'Foundational', description: 'What every member of staff needs.' },
  { tier: 'advanced', label: 'Advanced', description: 'What each archetype needs, by archetype. A topic several archetypes need appears under each of them.' },
  { tier: 'product-specific', label: 'Product-specific', description: 'What people need for the AI products they use.' },
] as const;

const HEAD = [{ text: 'Topic' }, { text: 'Level needed' }, { text: 'Best available now' }];
const PEOPLE_HEAD = { text: 'People needing it', format: 'numeric' };

function gapRows(index: FrameworkIndex, gaps: readonly CurationGap[], showPeople: boolean) {
  return [...gaps]
    .sort((a, b) => b.peopleNeeding - a.peopleNeeding || a.topicLabel.localeCompare(b.topicLabel))
    .map((g) => [
      { text: g.topicLabel },
      { text: `${levelLabelOf(index, g.level)} (${g.kind})` },
      { text: g.bestAvailableLevel ? levelLabelOf(index, g.bestAvailableLevel) : 'Nothing published' },
      ...(showPeople ? [{ text: g.peopleNeeding.toLocaleString('en-GB'), format: 'numeric' }] : []),
    ]);
}

/** Advanced gaps no known archetype claims, so none drops out of the report. */
function unattributed(index: FrameworkIndex, gaps: readonly CurationGap[], showPeople: boolean) {
  const rest = gaps.filter((g) => !g.archetypes.some((a) => index.archetypeById.has(a)));
  return rest.length > 0 ? [{ heading: 'Other advanced topics', caption: `Other advanced gaps${showPeople ? ', most needed first' : ''}`, rows: gapRows(index, rest, showPeople) }] : [];
}

/**
 * The report as the page shows it: by tier, advanced gaps by archetype, each table ranked by
 * how many people need the level.
 */
function curationGapTiers(index: FrameworkIndex, gaps: readonly CurationGap[], idPrefix: string, showPeople: boolean) {
  return TIERS.map(({ tier, label, description }) => {
    const inTier = gaps.filter((g) => g.tier === tier);
    const sections =
      tier === 'advanced'
        ? index.doc.archetypes
            .map((a) => ({ archetype: a, gaps: inTier.filter((g) => g.archetypes.includes(a.id)) }))
            .filter((s) => s.gaps.length > 0)
            .map((s) => ({ heading: s.archetype.label, caption: `Advanced gaps for ${s.archetype.label}s${showPeople ? ', most needed first' : ''}`, rows: gapRows(index, s.gaps, showPeople) }))
            .concat(unattributed(index, inTier, showPeople))
        : inTier.length > 0
          ? [{ heading: undefined, caption: `${label} gaps${showPeople ? ', most needed first' : ''}`, rows: gapRows(index, inTier, showPeople) }]
          : [];
    return { id: `${idPrefix}-${tier}`, label, description, head: showPeople ? [...HEAD, PEOPLE_HEAD] : HEAD, sections };
  }).filter((t) => t.sections.length > 0);
}

/**
 * Gaps people have now, and apart from them the topics nobody needs yet that no published
 * resource teaches at all (the service lists those last, with nobody needing them).
 */
export function curationGapReport(index: FrameworkIndex, gaps: readonly CurationGap[]) {
  const needed = gaps.filter((g) => g.peopleNeeding > 0);
  const untaught = gaps.filter((g) => g.peopleNeeding === 0);
  return {
    needed: curationGapTiers(index, needed, 'needed', true),
    neededCount: needed.length,
    untaught: curationGapTiers(index, untaught, 'untaught', false),
    untaughtTopicCount: new Set(untaught.map((g) => g.topicId)).size,
  };
}
