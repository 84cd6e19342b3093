import { z } from 'zod';
import type { LrsKeyView } from '../../services/xapi/lrs-key.service.ts';

// `:id`, as the other /api/v1/organisations/:id routes name it (the router shares the segment).
export const lrsKeysParams = z.object({ id: z.guid() });
export const lrsKeyParams = z.object({ id: z.guid(), keyId: z.guid() });
export const issueLrsKeyBody = z.object({ platform: z.string().describe('The learning platform the key is for, as learners will see it, e.g. "NHS Learning Hub" (1–100 characters)') }).strict();

export const lrsKeySchema = z.object({
  id: z.guid(),
  key: z.string().describe('The HTTP Basic user name the platform sends'),
  platform: z.string(),
  issuedAt: z.string().describe('ISO 8601 date and time'),
  lastUsedAt: z.string().nullable().describe('To the minute; null if never used'),
  revokedAt: z.string().nullable(),
});
export const lrsKeyListSchema = z.object({
  organisation: z.object({ id: z.guid(), name: z.string() }),
  endpoint: z.string().describe('The xAPI endpoint platforms send statements to'),
  keys: z.array(lrsKeySchema),
});
export const issuedLrsKeySchema = z.object({
  key: lrsKeySchema,
  secret: z.string().describe('The HTTP Basic password. Shown only in this answer: the hub keeps only its hash.'),
  endpoint: z.string(),
});

export function toLrsKeyJson(key: LrsKeyView): z.infer<typeof lrsKeySchema> {
  return {
    id: key.id,
    key: key.keyName,
    platform: key.platform,
    issuedAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
