import { writeCsv } from '../../domain/csv/csv-writer.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { TeamCoverageView } from '../../services/teams/team-coverage.service.ts';
import { STATE_TAGS } from './coverage-chart.ts';

export const COVERAGE_CSV_HEADER = ['Archetype', 'Factor', 'Requirement', 'Statement', 'Level needed', 'State', 'Holders', 'Holder count', 'Holders still needed'] as const;

/** The requirement table of a team's coverage, a row per requirement, for a spreadsheet. */
export function coverageCsv(index: FrameworkIndex, view: TeamCoverageView): string {
  const rows = view.coverage.requirements.map((r) => {
    const requirement = index.requirementById.get(r.requirementId);
    return [
      index.archetypeById.get(r.archetype)?.label ?? r.archetype,
      index.factorById.get(r.factor)?.label ?? r.factor,
      r.requirementId,
      requirement?.statement ?? '',
      requirement ? (index.levelById.get(requirement.level)?.label ?? requirement.level) : '',
      STATE_TAGS[r.state].text,
      r.holderNames.join('; '),
      String(r.holderCount),
      String(r.shortfall),
    ];
  });
  return writeCsv(COVERAGE_CSV_HEADER, rows, { forExcel: true });
}
