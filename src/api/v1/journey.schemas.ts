import { z } from 'zod';
import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import type { JourneyTemplateRecord } from '../../db/journey.repository.ts';
import { TIERS } from '../../domain/framework/framework-document.ts';
import type { JourneyItemView, JourneySettings, JourneyView } from '../../services/journeys/journey.service.ts';
import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import { PLAN_FILTERS } from '../../services/journeys/plan-input.ts';

/** Schemas of the journey API: they validate requests, shape responses and feed OpenAPI. */

export const itemIdParams = z.object({ itemId: z.guid() });
export const templateIdParams = z.object({ templateId: z.guid() });

export const settingsRequest = z.object({
  budgetMinutes: z.number().int().min(15).max(120_000).nullable().default(null).describe('Total learning time the plan may take; null closes every gap the catalogue can.'),
  hoursPerWeek: z.number().min(0.5).max(40).default(2).describe('Spreads the plan over weeks.'),
  preferences: z
    .object({
      formats: z.array(z.enum(RESOURCE_FORMATS)).max(20).default([]).describe('Formats to use; empty means any.'),
      freeOnly: z.boolean().default(false),
      vendorNeutralOnly: z.boolean().default(false),
      accreditedOnly: z.boolean().default(false),
    })
    .default({ formats: [], freeOnly: false, vendorNeutralOnly: false, accreditedOnly: false }),
  templateId: z.guid().nullable().default(null).describe('A published journey template to start from.'),
  mode: z.enum(['plan', 'follow']).default('plan').describe('plan: optimise, starting from the template if any; follow: the template’s resources exactly.'),
});

export const swapRequest = z.object({ alternativeId: z.guid().describe('One of the alternatives listed for the item.') });

export const templateRequest = z.object({
  title: z.string().max(10_000),
  description: z.string().max(10_000),
  audienceArchetypes: z.array(z.string().max(60)).max(10).default([]),
  resourceIds: z.array(z.guid()).max(500).describe('Published resources.'),
});
export const templateStatusRequest = z.object({ status: z.enum(['published', 'retired', 'draft']) });

const closedTopicSchema = z.object({
  topicId: z.string(),
  target: z.string().describe('The level the gap needs (a level id).'),
  current: z.string().nullable().describe('Where the learner stood when planned: a level id, not-yet, or null if never rated.'),
  source: z.enum(['self-rated', 'claimed', 'not-rated']),
  requested: z.string().optional().describe('Set when the plan takes the gap only part of the way: the level asked for; `target` is the highest the catalogue lets the plan reach.'),
});
const openGapReasonSchema = z.object({
  taughtUpTo: z.string().nullable().describe('The highest level any published resource teaches, whatever the settings; null when none does.'),
  leftOut: z
    .object({
      level: z.string().describe('The level the left-out resources would have brought the gap to.'),
      resources: z.number().int(),
      byFilter: z.array(z.object({ filter: z.enum(PLAN_FILTERS), resources: z.number().int() })),
    })
    .optional()
    .describe('Resources the learner’s settings left out that would have taken the gap further, counted per setting.'),
});
const openGapSchema = z.object({
  topicId: z.string(),
  tier: z.enum(TIERS),
  target: z.string(),
  current: z.string().nullable(),
  source: z.enum(['self-rated', 'claimed', 'not-rated']).optional().describe('Where `current` came from; absent on journeys planned before it was recorded.'),
  reason: openGapReasonSchema.optional().describe('Why the gap is open; absent on journeys planned before reasons were recorded.'),
});

export const journeyItemSchema = z.object({
  id: z.guid(),
  resourceId: z.guid(),
  title: z.string(),
  minutes: z.number().int(),
  status: z.enum(['planned', 'started', 'completed', 'removed', 'swapped']),
  addedBecause: z.enum(['plan', 'swap', 'template', 'team']),
  position: z.number().int(),
  startWeek: z.number().int().nullable(),
  endWeek: z.number().int().nullable(),
  closes: z.array(closedTopicSchema).describe('The gaps this item closes, and why it is in the plan.'),
  neededFor: z.array(z.string()).describe('For an item that closes nothing itself: the items it is a prerequisite of.'),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  teamRequest: z
    .object({ assignmentId: z.guid(), teamName: z.string(), reason: z.string() })
    .nullable()
    .describe('The AI MDT that asked for this item, until you decline it (POST /api/v1/team-assignments/{assignmentId}/decline).'),
});

export const journeySchema = z.object({
  id: z.guid(),
  personId: z.guid(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  createdAt: z.string(),
  replannedAt: z.string().nullable(),
  settings: settingsRequest,
  planner: z.object({
    solver: z.enum(['exact', 'greedy']),
    optimal: z.boolean().describe('True when HiGHS proved no shorter set of resources closes the same gaps.'),
    solveMs: z.number(),
    gapCount: z.number().int(),
    closedCount: z.number().int(),
    unclosable: z.array(openGapSchema).describe('Gaps no resource in the catalogue closes.'),
    outOfBudget: z.array(openGapSchema).describe('Gaps left open by the time limit.'),
    partlyClosed: z
      .array(openGapSchema.extend({ reached: z.string().describe('The level the plan brings the gap to, below its target.') }))
      .optional()
      .describe('Gaps the plan takes only part of the way, because no resource it can use teaches the target level.'),
  }),
  weeks: z.number().int(),
  remainingMinutes: z.number().int(),
  upcoming: z.array(journeyItemSchema),
  completed: z.array(journeyItemSchema),
});
export const journeyResponseSchema = z.object({ journey: journeySchema.nullable() });

export const alternativesSchema = z.object({
  item: journeyItemSchema,
  alternatives: z.array(z.object({ resourceId: z.guid(), title: z.string(), minutes: z.number().int(), closes: z.array(z.string()) })),
});
export const completionSchema = z.object({ journey: journeySchema, claimed: z.array(z.object({ topicId: z.string(), level: z.string() })) });

export const learningGapSchema = z.object({
  topicId: z.string(),
  kind: z.enum(['knowledge', 'skill']),
  tier: z.enum(TIERS),
  archetypes: z.array(z.string()),
  current: z.string().nullable(),
  target: z.string(),
  requirementIds: z.array(z.string()),
});

export const templateSchema = z.object({
  id: z.guid(),
  frameworkId: z.string(),
  title: z.string(),
  description: z.string(),
  audienceArchetypes: z.array(z.string()),
  status: z.enum(['draft', 'published', 'retired']),
  sample: z.boolean(),
  resourceIds: z.array(z.guid()),
  organisation: z.object({ id: z.guid(), name: z.string() }).describe('The organisation whose educators curate it.'),
  updatedAt: z.string(),
});

export function toItemJson(view: JourneyItemView): z.infer<typeof journeyItemSchema> {
  const { item } = view;
  return {
    id: item.id,
    resourceId: item.resourceId,
    title: view.resource?.title ?? '',
    minutes: view.resource?.durationMinutes ?? 0,
    status: item.status,
    addedBecause: item.addedBecause,
    position: item.position,
    startWeek: view.startWeek,
    endWeek: view.endWeek,
    closes: view.closes,
    neededFor: view.neededFor,
    startedAt: item.startedAt?.toISOString() ?? null,
    completedAt: item.completedAt?.toISOString() ?? null,
    teamRequest: view.teamRequest ? { assignmentId: view.teamRequest.assignmentId, teamName: view.teamRequest.teamName, reason: view.teamRequest.reason } : null,
  };
}

export function toJourneyJson(view: JourneyView): z.infer<typeof journeySchema> {
  const { journey } = view;
  const settings: JourneySettings = view.settings;
  return {
    id: journey.id,
    personId: journey.personId,
    frameworkId: journey.frameworkId,
    frameworkVersion: journey.frameworkVersion,
    createdAt: journey.createdAt.toISOString(),
    replannedAt: journey.replannedAt?.toISOString() ?? null,
    settings: { budgetMinutes: settings.budgetMinutes, hoursPerWeek: settings.hoursPerWeek, preferences: settings.preferences, templateId: settings.templateId, mode: settings.mode },
    planner: view.planner,
    weeks: view.weeks,
    remainingMinutes: view.remainingMinutes,
    upcoming: view.upcoming.map(toItemJson),
    completed: view.completed.map(toItemJson),
  };
}

export function toGapJson(gap: TopicGap): z.infer<typeof learningGapSchema> {
  return { topicId: gap.topic.id, kind: gap.topic.kind, tier: gap.tier, archetypes: gap.archetypes, current: gap.current ?? null, target: gap.target, requirementIds: gap.requirementIds };
}

export function toTemplateJson(t: JourneyTemplateRecord): z.infer<typeof templateSchema> {
  return {
    id: t.id,
    frameworkId: t.frameworkId,
    title: t.title,
    description: t.description,
    audienceArchetypes: t.audienceArchetypes,
    status: t.status,
    sample: t.sample,
    resourceIds: t.resourceIds,
    organisation: { id: t.organisationId, name: t.organisationName },
    updatedAt: t.updatedAt.toISOString(),
  };
}
