import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { CoverageMonth } from '../../domain/teams/coverage-history.ts';
import { countStates } from '../../domain/teams/team-coverage.ts';
import type { CoverageBasis } from '../../domain/teams/team-coverage.ts';
import type { NamedRequirementCoverage, TeamCoverageHistory, TeamCoverageView } from '../../services/teams/team-coverage.service.ts';
import { formatDate } from '../dates.ts';
import { STATE_TAGS, coverageTable, renderCoverageChart } from './coverage-chart.ts';

export const BASIS_LABELS: Record<CoverageBasis, string> = { self: 'Self-rated levels', verified: 'Verified levels' };

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const archetypeLabel = (index: FrameworkIndex, id: string) => index.archetypeById.get(id)?.label ?? id;
const factorLabel = (index: FrameworkIndex, id: string) => index.factorById.get(id)?.label ?? id;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function holdersText(r: NamedRequirementCoverage, k: number): string {
  if (r.holderNames.length === 0) return 'Nobody in the team meets it';
  const names = r.holderNames.join(', ');
  return r.shortfall > 0 ? `${names} (needs ${plural(r.shortfall, 'more holder', 'more holders')} to reach ${k})` : names;
}

function requirementRow(index: FrameworkIndex, r: NamedRequirementCoverage, k: number) {
  const requirement = index.requirementById.get(r.requirementId);
  return {
    id: r.requirementId,
    // R11: the statement as the report prints it; errata stay beside it as notes.
    statement: requirement?.statement ?? r.requirementId,
    notes: requirement?.notes ?? [],
    level: requirement ? (index.levelById.get(requirement.level)?.label ?? requirement.level) : '',
    tag: STATE_TAGS[r.state],
    holders: holdersText(r, k),
  };
}

/** Requirements grouped by archetype, then factor, each group with its chart and equal table. */
function archetypeGroups(index: FrameworkIndex, view: TeamCoverageView) {
  const { coverage } = view;
  return coverage.archetypes.map((archetype) => {
    const pairs = coverage.byArchetypeFactor.filter((p) => p.archetype === archetype);
    const rows = pairs.map((p) => ({ label: factorLabel(index, p.factor), counts: p.counts }));
    const label = archetypeLabel(index, archetype);
    return {
      id: archetype,
      label,
      chart: renderCoverageChart(`coverage-${archetype}`, `${label}: coverage by factor`, rows),
      table: coverageTable('Factor', rows, { label: `All ${label} requirements`, counts: countStates(coverage.requirements.filter((r) => r.archetype === archetype)) }),
      factors: pairs.map((p) => ({
        label: factorLabel(index, p.factor),
        requirements: coverage.requirements.filter((r) => r.archetype === archetype && r.factor === p.factor).map((r) => requirementRow(index, r, coverage.k)),
      })),
    };
  });
}

function singlePoints(index: FrameworkIndex, view: TeamCoverageView) {
  return view.coverage.singlePointsOfFailure.map((s) => ({
    name: s.name,
    sentence: `If ${s.name} leaves, ${plural(s.requirementIds.length, 'requirement loses its', 'requirements lose their')} only holder`,
    requirements: s.requirementIds.map((id) => ({ id, statement: index.requirementById.get(id)?.statement ?? id })),
  }));
}

export function coveragePageView(index: FrameworkIndex, view: TeamCoverageView, basis: CoverageBasis) {
  const { coverage, settings } = view;
  const archetypeRows = coverage.archetypes.map((a) => ({ label: archetypeLabel(index, a), counts: countStates(coverage.requirements.filter((r) => r.archetype === a)) }));
  return {
    basis,
    basisItems: (Object.keys(BASIS_LABELS) as CoverageBasis[]).map((b) => ({ value: b, text: BASIS_LABELS[b], checked: b === basis })),
    overall: coverage.overall,
    k: coverage.k,
    archetypeNames: coverage.archetypes.map((a) => archetypeLabel(index, a)),
    archetypesAreDefault: settings.coveredArchetypes === null,
    clinicalDecisionMaking: settings.clinicalDecisionMaking,
    memberCount: view.members.length,
    summaryChart: renderCoverageChart('coverage-by-archetype', 'Coverage by archetype', archetypeRows),
    summaryTable: coverageTable('Archetype', archetypeRows, { label: 'All advanced requirements', counts: coverage.overall }),
    groups: archetypeGroups(index, view),
    singlePoints: singlePoints(index, view),
    frameworkBase: `/frameworks/${view.framework.id}`,
  };
}

function monthRowLabel(month: CoverageMonth): string {
  return month.kind === 'now' ? `Now (${formatDate(month.at)})` : `End of ${monthLabel.format(month.at)}`;
}

export function historyView(history: TeamCoverageHistory) {
  const rows = history.months.map((m) => ({ label: monthRowLabel(m), counts: m.counts, memberCount: m.memberCount }));
  return {
    chart: renderCoverageChart('coverage-by-month', 'Coverage by month', rows),
    head: [
      { text: 'Month' },
      { text: 'Members', format: 'numeric' },
      { text: 'Covered', format: 'numeric' },
      { text: 'Resting on one person', format: 'numeric' },
      { text: 'Uncovered', format: 'numeric' },
      { text: 'Requirements', format: 'numeric' },
    ],
    rows: rows.map((r) => [r.label, r.memberCount, r.counts.covered, r.counts.singleHolder, r.counts.uncovered, r.counts.total].map((v, i) => (i === 0 ? { text: String(v) } : { text: String(v), format: 'numeric' }))),
  };
}
