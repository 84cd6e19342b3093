import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/people/organisation-kinds.ts';
import type { INSIGHT_VIEWS } from '../../web/insight/insight.paths.ts';

/**
 * Workforce insight JSON (issue 14 §1): the service's views as they are, every figure a disclosed
 * value (docs/disclosure-control.md), never a raw count below national level.
 */
const disclosed = (kind: 'count' | 'percent' | 'measure') =>
  z
    .object({
      kind: z.literal(kind),
      suppressed: z.boolean(),
      value: z.number().nullable().describe('Null when suppressed or not applicable'),
      reason: z.string().optional().describe('Why there is no value: small-count, secondary, denominator-suppressed, numerator-suppressed, complement-suppressed, small-group or not-applicable'),
    })
    .describe(`A disclosure-controlled ${kind}`);
const count = disclosed('count');
const percent = disclosed('percent');
const measure = disclosed('measure');


const organisationRef = z.object({ id: z.guid(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) });
const context = {
  organisation: organisationRef,
  breadcrumb: z.array(organisationRef).describe('From the highest organisation the viewer may see down to this one'),
  scope: z.enum(['national', 'sub-national']).describe('National figures are exact; all others are controlled'),
  includeSynthetic: z.boolean(),
  countsSynthetic: z.boolean().describe('Generated (synthetic) people are counted in these figures'),
  asOf: z.string().describe('When the figures were read (ISO 8601)'),
  pendingSince: z.string().nullable().describe('When the oldest change not yet in these figures was made (ISO 8601); null when every change is in'),
  today: z.string().describe('The UK date training currency is judged on'),
  framework: z.object({ id: z.string(), version: z.string() }),
  refreshing: z
    .object({ version: z.string(), percentDone: z.number().int() })
    .nullable()
    .describe('Set while the figures for this framework version are still being worked out by the bulk refresh'),
};
const headline = z.object({ requirementsSelf: percent, requirementsVerified: percent, trainingCurrent: percent, trainingOverdue: percent, journeysStarted: percent, minutesDone: measure });
const breakdown = z.object({ dimension: z.string(), rows: z.array(z.object({ value: z.string(), label: z.string(), people: count, share: percent })), total: count });
const siblings = z.object({ rows: z.array(z.object({ organisation: organisationRef, people: count, headline })), others: count, total: count });
const journeys = z.object({
  peopleWithJourney: count, journeysStarted: count, startedShare: percent, itemsPlanned: measure, itemsCompleted: measure,
  itemsCompletedShare: percent, minutesPlanned: measure, minutesDone: measure,
});
const table = z.object({
  scope: z.string(), rows: z.array(z.string()), columns: z.array(z.string()), cells: z.array(z.array(count)),
  rowTotals: z.array(count).nullable(), columnTotals: z.array(count).nullable(), grandTotal: count.nullable(), shares: z.array(z.array(percent)).nullable(),
});
const shareRow = z.object({ key: z.string(), label: z.string(), people: count, self: percent, verified: percent });

export const insightViewSchemas = {
  overview: z.object({ ...context, people: count, headline, breakdowns: z.array(breakdown), training: z.object({ scope: z.string(), parts: z.array(z.object({ label: z.string(), count, share: percent })), total: count }), journeys, children: siblings }),
  requirements: z.object({ ...context, shares: z.object({ byTier: z.array(shareRow), byArchetype: z.array(shareRow), byFactor: z.array(shareRow), cells: z.array(shareRow.extend({ tier: z.string(), archetype: z.string(), factor: z.string() })) }) }),
  topics: z.object({ ...context, basis: z.enum(['self', 'verified']), distributions: z.array(z.object({ kind: z.enum(['knowledge', 'skill']), levels: z.array(z.object({ id: z.string(), label: z.string() })), topics: z.array(z.object({ id: z.string(), label: z.string() })), table })) }),
  training: z.object({ ...context, currency: z.object({ deployments: z.array(z.object({ id: z.guid(), productId: z.string(), label: z.string() })), products: z.array(z.object({ id: z.string(), label: z.string() })), statuses: z.array(z.string()), table, productTable: table }) }),
  journeys: z.object({ ...context, journeys }),
  trends: z.object({
    ...context,
    months: z.array(z.object({ month: z.string(), isSoFar: z.boolean(), people: count, requirementsSelf: percent, requirementsVerified: percent, training: z.record(z.string(), count), trainingCurrent: percent, journeysStarted: count, minutesDone: measure, journeys, topicLevels: z.array(z.object({ kind: z.enum(['knowledge', 'skill']), levels: z.object({ scope: z.string(), parts: z.array(z.object({ label: z.string(), count, share: percent })), total: count }) })) })),
  }),
  equity: z.object({ ...context, breakdown: z.string(), people: breakdown, everyone: headline, rows: z.array(z.object({ value: z.string(), label: z.string(), headline })) }),
  peers: z.object({ ...context, parent: organisationRef.nullable(), peers: siblings.nullable(), isTop: z.boolean().describe('At the top of the tree: no parent, so no peers') }),
} satisfies Record<(typeof INSIGHT_VIEWS)[number], z.ZodType>;

export const insightRootsSchema = z.object({ organisations: z.array(organisationRef.extend({ href: z.string() })) });
