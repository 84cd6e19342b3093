import { z } from 'zod';
import { RESOURCE_FORMATS, RESOURCE_STATUSES } from '../../db/tables/catalogue.ts';
import type { CurationGap, LearningResource, ResourceDetails, ResourceFilter, ResourceRevisionWithSnapshot } from '../../services/catalogue/catalogue.types.ts';
import { TRANSFER_FORMATS } from '../../services/catalogue/catalogue.types.ts';

/** Schemas of the catalogue API: they validate requests, shape responses and feed OpenAPI. */

/** `?format=video&format=course` or `?format=video,course`. */
const listParam = <T extends string>(values: readonly [T, ...T[]], description: string) =>
  z
    .union([z.string().max(400), z.array(z.string().max(60)).max(20)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional()
    .describe(`${description} One or more of ${values.join(', ')}, repeated or comma-separated.`);
const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe(description);
const whole = (min: number, max: number) => z.string().regex(/^\d{1,6}$/, 'Enter a whole number').transform(Number).pipe(z.number().int().min(min).max(max));

export const resourceIdParams = z.object({ id: z.string().min(1).max(60) });

export const resourceListQuery = z.object({
  q: z.string().max(200).optional().describe('Words that must all appear in the title, provider or description.'),
  topic: z.string().max(120).optional().describe('A topic id: resources with an outcome on it.'),
  factor: z.string().max(80).optional().describe('A factor id: resources on any topic of the factor (a top-level factor includes its sub-factors).'),
  archetype: z.string().max(60).optional().describe('An archetype id: resources written for it, or for everyone.'),
  format: listParam(RESOURCE_FORMATS, 'Formats.'),
  free: flag('true: free resources only.'),
  vendorNeutral: flag('true: vendor-neutral resources only (R9).'),
  accredited: flag('true: CPD-accredited resources only.'),
  maxMinutes: whole(1, 100_000).optional().describe('Resources taking at most this many minutes.'),
  status: listParam(RESOURCE_STATUSES, 'Statuses; published when absent. Drafts and retired resources come only from organisations you curate.'),
  page: whole(1, 100_000).optional().describe('From 1.'),
  pageSize: whole(1, 100).optional().describe('1 to 100; 20 when absent.'),
});

export function toResourceFilter(query: z.infer<typeof resourceListQuery>): ResourceFilter {
  return {
    text: query.q,
    topicId: query.topic,
    factorId: query.factor,
    archetype: query.archetype,
    formats: query.format,
    freeOnly: query.free,
    vendorNeutralOnly: query.vendorNeutral,
    accreditedOnly: query.accredited,
    maxMinutes: query.maxMinutes,
    statuses: query.status,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export const exportQuery = z.object({ format: z.enum(TRANSFER_FORMATS).default('json').describe('csv or json; json when absent.') });

const outcome = z.object({ topicId: z.string().max(120).describe('A topic id of the assessment framework.'), level: z.string().max(40).describe('A level of the topic’s kind.') });

// Types and rough sizes only: the service checks meaning and limits, naming each field at fault.
export const resourceRequest = z.object({
  title: z.string().max(2000).describe('Up to 200 characters.'),
  provider: z.string().max(2000).describe('Up to 200 characters.'),
  url: z.string().max(10_000).describe('An http or https address.'),
  description: z.string().max(50_000).describe('Up to 5,000 characters.'),
  format: z.enum(RESOURCE_FORMATS),
  durationMinutes: z.number().int().describe('1 to 100,000.'),
  costPence: z.number().int().optional().describe('0 (free) or more; 0 when absent.'),
  cpdAccredited: z.boolean().optional(),
  cpdDetail: z.string().max(5000).nullable().optional().describe('Who accredits it and for how much.'),
  activityId: z.string().max(5000).nullable().optional().describe('The xAPI activity id (an IRI) the learning platform reports completions with; completed and passed statements about it complete it in learners’ journeys.'),
  vendorNeutral: z.boolean().describe('False for a supplier’s own material (R9).'),
  audienceArchetypes: z.array(z.string().max(60)).max(10).optional().describe('Archetype ids; empty or absent means everyone.'),
  audienceNote: z.string().max(10_000).nullable().optional(),
  reviewDate: z.string().max(40).nullable().optional().describe('yyyy-mm-dd.'),
  outcomes: z.array(outcome).max(100).optional().describe('What it teaches; at least one to publish.'),
  prerequisiteIds: z.array(z.string().max(60)).max(40).optional().describe('Ids of resources to take first.'),
});
export const resourceUpdateRequest = resourceRequest.extend({ version: z.number().int().min(1).describe('The version you started from; 409 when it has changed since.') });
export const statusChangeRequest = z.object({ version: z.number().int().min(1).optional().describe('When given, 409 unless it is still the current version.') });
export const retireRequest = statusChangeRequest.extend({
  reason: z.string().max(2000).optional().describe('Required: why it is retired (up to 500 characters once trimmed): kept with its history and sent to learners with it ahead in their journey.'),
});
export const importRequest = z.object({
  format: z.enum(TRANSFER_FORMATS),
  content: z.string().max(10 * 1024 * 1024).describe('The whole file: CSV with a header row naming the columns, or JSON.'),
});

export const resourceSchema = z.object({
  id: z.guid(),
  organisation: z.object({ id: z.guid(), name: z.string() }),
  frameworkId: z.string(),
  status: z.enum(RESOURCE_STATUSES),
  sample: z.boolean().describe('Demo content.'),
  version: z.number().int(),
  title: z.string(),
  provider: z.string(),
  url: z.string(),
  description: z.string(),
  format: z.enum(RESOURCE_FORMATS),
  durationMinutes: z.number().int(),
  costPence: z.number().int(),
  cpdAccredited: z.boolean(),
  cpdDetail: z.string().nullable(),
  activityId: z.string().nullable(),
  vendorNeutral: z.boolean(),
  audienceArchetypes: z.array(z.string()),
  audienceNote: z.string().nullable(),
  reviewDate: z.string().nullable(),
  outcomes: z.array(outcome),
  prerequisiteIds: z.array(z.guid()),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export const resourcePageSchema = z.object({ items: z.array(resourceSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const resourceDetailsSchema = resourceSchema.extend({
  prerequisites: z.array(z.object({ id: z.guid(), title: z.string(), status: z.enum(RESOURCE_STATUSES) })).describe('Those you may see.'),
  canCurate: z.boolean().describe('Whether you may edit, publish, retire or restore it.'),
});
export const revisionSchema = z.object({
  version: z.number().int(),
  action: z.enum(['created', 'edited', 'published', 'retired', 'imported']),
  changedBy: z.object({ id: z.guid(), displayName: z.string() }),
  changedAt: z.string(),
  reason: z.string().nullable().describe('Why, where the change needs a reason (retiring).'),
  snapshot: z.record(z.string(), z.unknown()).describe('The whole resource after the change.'),
});
export const importResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), resourceIds: z.array(z.guid()) });
export const curationGapSchema = z.object({
  topicId: z.string(),
  topicLabel: z.string(),
  kind: z.enum(['knowledge', 'skill']),
  level: z.string().describe('The level needed that no published resource reaches.'),
  tier: z.enum(['foundational', 'advanced', 'product-specific']),
  archetypes: z.array(z.string()),
  peopleNeeding: z.number().int().describe('People in your organisation and beneath it who need it; 0 for topics nobody needs yet and no resource teaches.'),
  bestAvailableLevel: z.string().nullable(),
});

export function toResourceJson(r: LearningResource): z.infer<typeof resourceSchema> {
  const { organisationId, organisationName, createdAt, updatedAt, publishedAt, retiredAt, ...rest } = r;
  return {
    ...rest,
    organisation: { id: organisationId, name: organisationName },
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    publishedAt: publishedAt?.toISOString() ?? null,
    retiredAt: retiredAt?.toISOString() ?? null,
  };
}

export function toResourceDetailsJson(details: ResourceDetails): z.infer<typeof resourceDetailsSchema> {
  return { ...toResourceJson(details.resource), prerequisites: details.prerequisites, canCurate: details.canCurate };
}

export function toRevisionJson(r: ResourceRevisionWithSnapshot): z.infer<typeof revisionSchema> {
  return { version: r.version, action: r.action, changedBy: r.changedBy, changedAt: r.changedAt.toISOString(), reason: r.reason, snapshot: { ...r.snapshot } };
}

export const toCurationGapJson = (g: CurationGap): z.infer<typeof curationGapSchema> => ({ ...g });
