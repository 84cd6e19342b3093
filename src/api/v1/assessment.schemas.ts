import { z } from 'zod';
import { PROFESSIONAL_GROUP_IDS, SETTING_IDS } from '../../domain/people/profile-options.ts';

/** Schemas of the self-assessment API: they validate requests, shape responses and describe both in OpenAPI. */
export const personParams = z.object({ id: z.guid() });

export const profileSchema = z.object({
  archetypes: z.array(z.string()).describe('Archetype ids held, e.g. ["driver", "user"]. Archetypes never grant permissions.'),
  clinicalDecisionMaking: z.boolean().describe('Whether AI the person uses, builds, buys or deploys is used in clinical reasoning and decision making.'),
  professionalGroup: z.enum(PROFESSIONAL_GROUP_IDS).nullable(),
  setting: z.enum(SETTING_IDS).nullable(),
  updatedAt: z.string(),
});

export const profileUpdate = z.object({
  archetypes: z.array(z.string().max(60)).max(10),
  clinicalDecisionMaking: z.boolean(),
  professionalGroup: z.enum(PROFESSIONAL_GROUP_IDS),
  setting: z.enum(SETTING_IDS),
});

export const ratingsUpdate = z.object({
  ratings: z
    .record(z.string().max(120), z.string().max(40))
    .describe('Topic id → level id (awareness, familiarity, understanding, capability, proficiency) or "not-yet". Topics left out keep their rating.'),
});

const statusCounts = z.object({ met: z.number().int(), notMet: z.number().int(), notRated: z.number().int(), total: z.number().int() });

const topicQuestion = z.object({
  topicId: z.string(),
  label: z.string(),
  kind: z.enum(['knowledge', 'skill']),
  factor: z.string(),
  scale: z.array(z.object({ value: z.string(), label: z.string(), statement: z.string() })),
  requirements: z.array(z.object({ id: z.string(), level: z.string(), statement: z.string() })).describe('The applicable statements this one rating answers.'),
  selfRated: z.object({ level: z.string(), ratedAt: z.string() }).nullable(),
  verifiedLevel: z.string().nullable(),
});

export const assessmentSchema = z.object({
  framework: z.object({ id: z.string(), version: z.string() }),
  progress: z.object({ rated: z.number().int(), total: z.number().int() }),
  applicableRequirements: z.number().int(),
  pages: z.array(z.object({ factor: z.string(), label: z.string(), topics: z.array(topicQuestion) })),
});

export const gapsQuery = z.object({ basis: z.enum(['self-rated', 'verified']).default('self-rated').describe('Report against self-rated or verified levels.') });

export const gapsSchema = z.object({
  basis: z.enum(['self-rated', 'verified']),
  overall: statusCounts,
  byTier: z.array(z.object({ tier: z.string(), counts: statusCounts })),
  byArchetype: z.array(z.object({ archetype: z.string(), counts: statusCounts })),
  byFactor: z.array(z.object({ factor: z.string(), counts: statusCounts })),
  gaps: z.array(
    z.object({
      requirementId: z.string(),
      productId: z.string().nullable().describe('For a product-specific (Table 2) statement, the AI product it applies for; met by being current on that product’s training.'),
      target: z.string(),
      rating: z.string().nullable(),
    }),
  ),
});

export const ratingHistorySchema = z.object({
  ratings: z.array(z.object({ id: z.guid(), topicId: z.string(), level: z.string(), frameworkVersion: z.string(), ratedAt: z.string() })),
});

export const focusRequest = z.object({
  archetype: z.string().max(60),
  factors: z.array(z.string().max(80)).max(20).nullable().describe('Factor ids to focus on; null clears the focus.'),
  reason: z.string().max(2000),
});
