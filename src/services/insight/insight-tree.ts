import type { InsightRepository } from '../../db/insight.repository.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import { discloseTable } from '../../domain/insight/disclosure.ts';
import type { DisclosedCount } from '../../domain/insight/disclosure.ts';
import type { InsightContext, OrganisationRef } from './insight-context.ts';
import { refOf } from './insight-context.ts';
import { discloseHeadline, emptyHeadline, headlinesBy, readHeadlineRows } from './insight-headline.ts';
import type { DisclosedHeadline, ExactHeadline } from './insight-headline.ts';

export interface OrganisationFigures {
  organisation: OrganisationRef;
  people: DisclosedCount;
  headline: DisclosedHeadline;
}

/** A set of sibling organisations with their parent's total, controlled together. */
export interface SiblingFigures {
  rows: OrganisationFigures[];
  /** People in the parent's subtree outside the rows shown (held at the parent itself, or in other kinds). */
  others: DisclosedCount;
  total: DisclosedCount;
}

/**
 * Figures for some of a parent's children. The children are disclosed as one table with a row for
 * everyone else under the parent and the parent's total beneath, so secondary suppression stops a
 * suppressed child being worked out as the parent less its siblings (docs/disclosure-control.md).
 * Children always sit below national level.
 */
export async function siblingFigures(
  repo: InsightRepository,
  children: readonly OrganisationRow[],
  parentPeople: number,
  context: Pick<InsightContext, 'includeSynthetic' | 'framework' | 'today'>,
): Promise<SiblingFigures> {
  const ids = children.map((c) => c.id);
  const rows = await readHeadlineRows(repo, { organisationIds: ids, dimension: 'all', includeSynthetic: context.includeSynthetic }, context.framework);
  return siblingFiguresOf(children, headlinesBy(rows, (r) => r.organisationId, context.today), parentPeople);
}

/** The same, from exact headlines already read (keyed by organisation id). */
export function siblingFiguresOf(children: readonly OrganisationRow[], exact: ReadonlyMap<string, ExactHeadline>, parentPeople: number): SiblingFigures {
  const ids = children.map((c) => c.id);
  const people = ids.map((id) => exact.get(id)?.people ?? 0);
  const shown = people.reduce((a, b) => a + b, 0);
  // A total below its parts means the rollups disagree for a moment; the parts are then the total.
  const others = Math.max(0, parentPeople - shown);
  const table = discloseTable({ rows: [...ids, 'others'], columns: ['people'], cells: [...people.map((n) => [n]), [others]], columnTotals: [shown + others] }, 'sub-national');
  return {
    rows: children.map((c, i) => ({
      organisation: refOf(c),
      people: table.cells[i]?.[0] as DisclosedCount,
      headline: discloseHeadline(exact.get(c.id) ?? emptyHeadline(), 'sub-national'),
    })),
    others: table.cells[ids.length]?.[0] as DisclosedCount,
    total: table.columnTotals?.[0] as DisclosedCount,
  };
}
