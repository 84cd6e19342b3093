import { z } from 'zod';
import type { EvidenceRow } from '../../db/evidence.repository.ts';
import type { VerificationDecisionRow, VerificationRecord } from '../../db/verification.repository.ts';
import { CLOSING_OUTCOMES, DECISION_OUTCOMES } from '../../services/verification/decision-input.ts';
import { EVIDENCE_KINDS } from '../../services/verification/evidence-input.ts';
import { BULK_VERIFY_MAX } from '../../services/verification/supervisor-verification.service.ts';

/** Schemas of the evidence and verification API: they validate requests, shape responses and feed OpenAPI. */
const topicId = z.string().min(1).max(120).describe('A topic id of the assessment framework.');
const loose = z.string().max(100_000).optional();

export const evidenceIdParams = z.object({ evidenceId: z.string().min(1).max(60) });
export const requestIdParams = z.object({ requestId: z.string().min(1).max(60) });
export const evidenceListQuery = z.object({
  topicId,
  personId: z.string().max(60).optional().describe('Whose evidence: yourself when absent, or someone you supervise or administer.'),
});
export const historyQuery = z.object({
  topicId: topicId.optional(),
  personId: z.string().max(60).optional().describe('Whose requests: yourself when absent.'),
});

export const addEvidenceRequest = z.object({
  topicId,
  kind: z.enum(EVIDENCE_KINDS),
  title: loose.describe('Up to 200 characters; the file name or web address when absent.'),
  note: loose.describe('kind note: up to 5,000 characters.'),
  url: loose.describe('kind link: an http or https address.'),
});
export const requestVerificationRequest = z.object({
  topicId,
  supervisorId: z.string().max(60).describe('One of your current supervisors.'),
  message: z.string().max(1000).optional(),
});
export const decisionRequest = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  level: loose.describe('adjusted: the level you verify instead (a level id or not-yet).'),
  reason: loose.describe('adjusted: why (required).'),
  comment: loose.describe('returned: what the learner should do before asking again (required).'),
});

export const bulkConfirmRequest = z.object({
  requestIds: z.array(z.string().max(60)).min(1).max(BULK_VERIFY_MAX).describe('Requests sent to you; each is confirmed at its self-rated level.'),
});
export const unaskedVerificationRequest = z.object({
  topicId,
  outcome: z.enum(['confirmed', 'adjusted']),
  level: loose.describe('adjusted: the level you verify instead.'),
  reason: loose.describe('adjusted: why (required).'),
});

export const evidenceSchema = z.object({
  id: z.guid(),
  personId: z.guid(),
  topicId: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  note: z.string().nullable(),
  url: z.string().nullable(),
  file: z.object({ name: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), href: z.string() }).nullable(),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const decisionSchema = z.object({
  outcome: z.enum(CLOSING_OUTCOMES).describe('withdrawn: the learner took the request back (decidedBy is the learner).'),
  verifiedLevel: z.string().nullable().describe('The level verified; null when returned or withdrawn.'),
  comment: z.string().nullable().describe('The reason (adjusted) or comment (returned).'),
  decidedBy: z.guid(),
  decidedAt: z.string(),
});

export const verificationRequestSchema = z.object({
  id: z.guid(),
  learner: z.object({ id: z.guid(), displayName: z.string() }),
  supervisor: z.object({ id: z.guid(), displayName: z.string() }),
  frameworkId: z.string(),
  topicId: z.string(),
  ratingId: z.guid(),
  selfRatedLevel: z.string().describe('The self-rating the request pins; kept beside the verified level.'),
  message: z.string().nullable(),
  initiatedBy: z.enum(['learner', 'supervisor']).describe('supervisor: verified without being asked (the request records what was verified).'),
  requestedAt: z.string(),
  decision: decisionSchema.nullable(),
});

export const bulkConfirmResultSchema = z.object({
  verified: z.array(verificationRequestSchema).describe('The requests confirmed, as they were before the decision.'),
  skipped: z.array(
    z.object({ requestId: z.string(), learnerName: z.string().nullable(), topicLabel: z.string().nullable(), reason: z.enum(['no-longer-pending', 'not-found']) }),
  ).describe('Requests not verified: decided or withdrawn meanwhile, or not yours to decide.'),
});

export const queueItemSchema = verificationRequestSchema.extend({ activeEvidenceCount: z.number().int() });
export const requestDetailsSchema = verificationRequestSchema.extend({ evidence: z.array(evidenceSchema), canDecide: z.boolean() });

export function toEvidenceJson(row: EvidenceRow): z.infer<typeof evidenceSchema> {
  const file = row.kind === 'file' && row.fileName && row.mediaType ? { name: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes ?? 0, sha256: row.sha256 ?? '', href: `/api/v1/evidence/${row.id}/file` } : null;
  return { id: row.id, personId: row.personId, topicId: row.topicId, kind: row.kind, title: row.title, note: row.note, url: row.url, file, createdAt: row.createdAt.toISOString(), withdrawnAt: row.withdrawnAt?.toISOString() ?? null };
}

export function toDecisionJson(decision: VerificationDecisionRow): z.infer<typeof decisionSchema> {
  return { outcome: decision.outcome, verifiedLevel: decision.level, comment: decision.comment, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt.toISOString() };
}

export function toRequestJson({ request, decision, selfRatedLevel, learnerName, supervisorName }: VerificationRecord): z.infer<typeof verificationRequestSchema> {
  return {
    id: request.id,
    learner: { id: request.learnerId, displayName: learnerName },
    supervisor: { id: request.supervisorId, displayName: supervisorName },
    frameworkId: request.frameworkId,
    topicId: request.topicId,
    ratingId: request.ratingId,
    selfRatedLevel,
    message: request.message,
    initiatedBy: request.initiatedBy,
    requestedAt: request.requestedAt.toISOString(),
    decision: decision ? toDecisionJson(decision) : null,
  };
}
