import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { writeCsv } from '../../domain/csv/csv-writer.ts';
import type { CurationGap, CurationGapReport } from '../../services/catalogue/catalogue.types.ts';
import { levelLabelOf } from './catalogue.view-model.ts';

const TIERS = [
  { tier: 'foundational', label: 'Foundational', description: 'What every member of staff needs.' },
  { tier: 'advanced', label: 'Advanced', description: 'What each archetype needs, by archetype. A topic several archetypes need appears under each of them.' },
  { tier: 'product-specific', label: 'Product-specific', description: 'What people need for the AI products they use.' },
] as const;

const HEAD = [{ text: 'Topic' }, { text: 'Level needed' }, { text: 'Best available now' }];
const PEOPLE_HEAD = { text: 'People needing it', format: 'numeric' };

/** "3", or "3 and 1 AI MDT" when a team's plan found nothing that teaches it. */
function peopleText(g: CurationGap): string {
  const teams = g.teamsNeeding ?? 0;
  const people = g.peopleNeeding.toLocaleString('en-GB');
  return teams > 0 ? `${people} and ${teams} AI MDT${teams === 1 ? '' : 's'}` : people;
}

function gapRows(index: FrameworkIndex, gaps: readonly CurationGap[], showPeople: boolean) {
  return [...gaps]
    .sort((a, b) => b.peopleNeeding - a.peopleNeeding || a.topicLabel.localeCompare(b.topicLabel))
    .map((g) => [
      { text: g.topicLabel },
      { text: `${levelLabelOf(index, g.level)} (${g.kind})` },
      { text: g.bestAvailableLevel ? levelLabelOf(index, g.bestAvailableLevel) : 'Nothing published' },
      ...(showPeople ? [{ text: peopleText(g), format: 'numeric' }] : []),
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

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * The report as the page shows it. Every count is read off the service's one report, so the
 * headline and the tables say the same thing.
 */
export function curationGapReport(index: FrameworkIndex, report: CurationGapReport) {
  const untaughtNeeded = report.untaughtTopics.filter((t) => t.peopleNeeding > 0).length;
  const untaughtCount = report.untaughtTopics.length;
  return {
    needed: curationGapTiers(index, report.needed, 'needed', true),
    neededCount: report.needed.length,
    untaughtCount,
    untaughtHeadline:
      untaughtCount === 0
        ? 'Every topic of the framework is taught by at least one published resource.'
        : `${count(untaughtCount, 'topic has', 'topics have')} nothing published that teaches ${untaughtCount === 1 ? 'it' : 'them'}: ` +
          `${untaughtNeeded.toLocaleString('en-GB')} needed by people here now (shown as “Nothing published” under Needed now) and ${(untaughtCount - untaughtNeeded).toLocaleString('en-GB')} nobody here needs yet.`,
    untaughtRows: report.untaughtTopics.map((t) => [
      { text: t.topicLabel },
      { text: t.kind === 'knowledge' ? 'Knowledge' : 'Skill' },
      { text: t.peopleNeeding > 0 ? t.peopleNeeding.toLocaleString('en-GB') : 'Nobody yet', format: 'numeric' },
    ]),
    notYetNeeded: curationGapTiers(index, report.notYetNeeded, 'untaught', false),
  };
}

export const CURATION_GAP_CSV_COLUMNS = ['topic_id', 'topic', 'kind', 'level', 'tier', 'archetypes', 'people_needing', 'best_available_now'] as const;

/** Every gap of the report, most needed first, one per row (through the hub's one CSV writer). */
export function curationGapsToCsv(index: FrameworkIndex, report: CurationGapReport): string {
  const rows = report.gaps.map((g) => [
    g.topicId,
    g.topicLabel,
    g.kind,
    levelLabelOf(index, g.level),
    g.tier,
    g.archetypes.map((a) => index.archetypeById.get(a)?.label ?? a).join(';'),
    String(g.peopleNeeding),
    g.bestAvailableLevel ? levelLabelOf(index, g.bestAvailableLevel) : 'Nothing published',
  ]);
  return writeCsv(CURATION_GAP_CSV_COLUMNS, rows);
}
