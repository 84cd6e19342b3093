import { z } from 'zod';
import type { CredentialSummary } from '../../services/credentials/learner-credentials.ts';

export const credentialIdParams = z.object({ id: z.string().max(60) });
export const organisationIdParams = z.object({ id: z.string().max(60) });
export const revokeRequest = z.object({ reason: z.string().max(500).describe('Why it is revoked; kept in the audit trail, not published.') });
export const rotateKeyRequest = z.object({ compromised: z.boolean().default(false).describe('True withdraws the old key: what it signed stops verifying.') });

export const credentialSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(['product-module', 'topic-level', 'journey-template']),
  issuedAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
  download: z.string().describe('The signed credential, exactly as issued (an attachment).'),
});

export const verificationReportSchema = z.object({
  verified: z.boolean().describe('The signature holds, the issuer is this hub’s, it is in date and not revoked.'),
  name: z.string().nullable(),
  signature: z.enum(['valid', 'invalid', 'not-checked']),
  issuer: z.object({ id: z.string().nullable(), name: z.string().nullable(), known: z.boolean() }),
  status: z.enum(['active', 'revoked', 'not-checked']),
  problems: z.array(z.string()),
});

export const withdrawKeyRequest = z.object({ verificationMethodId: z.string().max(300).describe('A retired key of the organisation (as credentials’ proofs name it).') });

export const rotatedKeySchema = z.object({ verificationMethodId: z.string(), createdAt: z.string().datetime() });

export function toCredentialSummaryJson(summary: CredentialSummary): z.infer<typeof credentialSummarySchema> {
  return {
    id: summary.id,
    name: summary.name,
    kind: summary.kind,
    issuedAt: summary.issuedAt.toISOString(),
    revokedAt: summary.revokedAt ? summary.revokedAt.toISOString() : null,
    download: `/api/v1/me/credentials/${summary.id}`,
  };
}
