import type { StaffRepository } from '../../db/staff.repository.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import { planTopicQuestions } from '../../domain/assessment/topic-questions.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { applicabilityOf } from '../assessment/profile.service.ts';
import type { ProductTrainingUse } from '../assessment/profile.service.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { StaffProductTraining } from './staff-training.ts';

export interface SelfAssessmentProgress {
  /** Subjects asked about that they have rated (any level, "not yet" included). */
  rated: number;
  /** Subjects their self-assessment asks about. */
  total: number;
}

interface Person {
  personId: string;
  archetypes: string[];
  clinicalDecisionMaking: boolean;
}

/** The products whose training is needed now, as the applicability rules take them (R2, R8). */
function productUses(training: readonly StaffProductTraining[]): ProductTrainingUse[] {
  const uses = new Map<string, ProductTrainingUse>();
  for (const t of training) {
    if (t.status === 'not-required' || uses.has(t.productId)) continue;
    uses.set(t.productId, { productId: t.productId, productName: t.productName, clinicalDecisionMaking: t.productIsClinical, current: t.status === 'current', refresherDue: null });
  }
  return [...uses.values()];
}

/**
 * Each person's self-assessment progress counted as their own self-assessment counts it (one
 * question per topic, product statements left to product training), from two batched reads and
 * the pure applicability rules, never a query per person.
 */
export async function progressOfPeople(
  repository: Pick<StaffRepository, 'listRatedTopicsOfPeople' | 'listCurrentFocusOfPeople'>,
  index: FrameworkIndex,
  frameworkId: string,
  people: readonly Person[],
  training: ReadonlyMap<string, readonly StaffProductTraining[]>,
): Promise<Map<string, SelfAssessmentProgress>> {
  const ids = people.map((p) => p.personId);
  const [ratedRows, focusRows] = await Promise.all([repository.listRatedTopicsOfPeople(ids, frameworkId), repository.listCurrentFocusOfPeople(ids)]);
  const rated = new Map<string, Set<string>>();
  for (const row of ratedRows) rated.set(row.personId, (rated.get(row.personId) ?? new Set()).add(row.topicId));
  const focusOf = new Map<string, typeof focusRows>();
  for (const row of focusRows) focusOf.set(row.personId, [...(focusOf.get(row.personId) ?? []), row]);
  const topicOf = topicInfoLookup(index);
  const result = new Map<string, SelfAssessmentProgress>();
  for (const person of people) {
    const applicable = listApplicableRequirements(index, applicabilityOf(person, focusOf.get(person.personId) ?? [], productUses(training.get(person.personId) ?? [])));
    const questions = planTopicQuestions(index, applicable.filter((a) => a.productId === null), topicOf).flatMap((page) => page.questions);
    const theirs = rated.get(person.personId) ?? new Set<string>();
    result.set(person.personId, { rated: questions.filter((q) => theirs.has(q.topic.id)).length, total: questions.length });
  }
  return result;
}
