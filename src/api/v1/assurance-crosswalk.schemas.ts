import { z } from 'zod';
import { ITEM_COVERAGE_STATUSES } from '../../domain/assurance/crosswalk.ts';
import { ASSURANCE_EVIDENCE_KINDS, JUDGEMENTS } from '../../db/tables/assurance.ts';
import type { ReviewCrosswalk } from '../../services/assurance/review-crosswalk.ts';
import { reviewSummarySchema, toReviewSummaryJson } from './assurance.schemas.ts';

/** The crosswalk view of a review as JSON (issue 12, part 3): per checklist item, the questions and evidence supporting it. */

const supportSchema = z.object({
  questionId: z.string(),
  number: z.number().int(),
  text: z.string(),
  answered: z.boolean().describe('The supplier has responded or a reviewer has judged it.'),
  judgement: z.enum(JUDGEMENTS).nullable(),
  rationale: z.string().describe('Why answering the question supports the item.'),
  source: z.string().describe('The checklist section, standard or question the link rests on.'),
  evidence: z.array(z.object({ id: z.guid(), kind: z.enum(ASSURANCE_EVIDENCE_KINDS), title: z.string(), url: z.string().nullable() })),
});

export const checklistCoverageSchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  edition: z.string(),
  editionDate: z.string(),
  url: z.string(),
  statusCounts: z.record(z.enum(ITEM_COVERAGE_STATUSES), z.number().int()),
});

export const reviewCrosswalkSchema = z.object({
  review: reviewSummarySchema,
  crosswalk: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  checklists: z.array(
    checklistCoverageSchema.extend({
      items: z.array(z.object({ id: z.string(), label: z.string(), group: z.string().nullable(), status: z.enum(ITEM_COVERAGE_STATUSES), questions: z.array(supportSchema) })),
    }),
  ),
});

type ChecklistView = ReviewCrosswalk['checklists'][number];

export function toChecklistCoverageJson({ checklist, statusCounts }: Pick<ChecklistView, 'checklist' | 'statusCounts'>): z.infer<typeof checklistCoverageSchema> {
  const { id, title, publisher, edition, editionDate, url } = checklist;
  return { id, title, publisher, edition, editionDate, url, statusCounts };
}

export function toReviewCrosswalkJson(view: ReviewCrosswalk): z.infer<typeof reviewCrosswalkSchema> {
  return {
    review: toReviewSummaryJson(view.details.review),
    crosswalk: view.crosswalk,
    checklists: view.checklists.map((c) => ({
      ...toChecklistCoverageJson(c),
      items: c.items.map(({ item, status, supports }) => ({
        id: item.id,
        label: item.label,
        group: item.group ?? null,
        status,
        questions: supports.map((s) => ({
          questionId: s.question.id,
          number: s.question.number,
          text: s.question.text,
          answered: s.answered,
          judgement: s.judgement,
          rationale: s.rationale,
          source: s.source,
          evidence: s.evidence.map((e) => ({ id: e.id, kind: e.kind, title: e.title, url: e.url })),
        })),
      })),
    })),
  };
}
