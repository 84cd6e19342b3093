import type { Repositories } from '../../src/db/index.ts';
import type { TopicRatingRow } from '../../src/db/assessment.repository.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { NOT_YET, ratingScale } from '../../src/domain/assessment/requirement-status.ts';
import type { Services } from '../../src/services/index.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { LONG_HISTORY_ROUNDS, REQUESTS_PER_LEARNER } from './population.ts';
import type { SeededLearner } from './seed-people.ts';

/**
 * What the learners have done so far: their ratings (none, some, all, or twenty rounds of history),
 * evidence, and verification requests pending with their supervisors (a few already decided).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per insert statement: well under PostgreSQL's 65,535 parameters at seven columns a row. */
const INSERT_BATCH = 1000;

export interface QuestionTopic {
  topicId: string;
  factorId: string;
  scale: string[];
}

/** The learner's questions, in page order, as the hub plans them from their profile. */
export async function readQuestions(services: Services, viewer: Viewer): Promise<QuestionTopic[]> {
  const assessment = await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
  const { index } = assessment.framework;
  return assessment.pages.flatMap((page) =>
    page.questions.map((q) => ({ topicId: q.topic.id, factorId: page.factor.id, scale: ratingScale(index, q.topic.kind).map((o) => o.value) })),
  );
}

export type LearnerWithQuestions = SeededLearner & { questions: QuestionTopic[] };
type NewRating = Omit<TopicRatingRow, 'id'>;

/** Every rating row the learner's plan gives them, oldest first; the last row per topic is current. */
function ratingRowsOf(learner: LearnerWithQuestions, framework: { id: string; version: string }, now: number): NewRating[] {
  const { viewer, plan, questions } = learner;
  const rounds = plan.ratings === 'long-history' ? LONG_HISTORY_ROUNDS : plan.ratings === 'none' ? 0 : 1;
  const rated = plan.ratings === 'partial' ? questions.filter((_, i) => i % 2 === 0) : questions;
  const rows: NewRating[] = [];
  for (let round = 0; round < rounds; round++) {
    const ratedAt = new Date(now - (rounds - round + 2) * DAY_MS);
    rated.forEach((topic, i) => {
      const level = topic.scale[(plan.index + i * 7 + round) % topic.scale.length] ?? NOT_YET;
      rows.push({ organisationId: viewer.organisationId, personId: viewer.personId, frameworkId: framework.id, frameworkVersion: framework.version, topicId: topic.topicId, level, ratedAt });
    });
  }
  return rows;
}

/** Inserts every learner's ratings in one transaction; returns each learner's current level per topic. */
export async function insertRatings(
  repos: Repositories,
  framework: { id: string; version: string },
  learners: readonly LearnerWithQuestions[],
): Promise<{ rows: number; current: Map<string, Map<string, string>> }> {
  const now = Date.now();
  const current = new Map<string, Map<string, string>>();
  let total = 0;
  await inTransaction(repos.db, async (tx) => {
    for (const learner of learners) {
      const rows = ratingRowsOf(learner, framework, now);
      for (let start = 0; start < rows.length; start += INSERT_BATCH) await repos.assessments.insertRatings(rows.slice(start, start + INSERT_BATCH), tx);
      current.set(learner.viewer.personId, new Map(rows.map((r) => [r.topicId, r.level])));
      total += rows.length;
    }
  });
  return { rows: total, current };
}

/** `count` items spread across the list, so requests cover several factors. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]).filter((item): item is T => item !== undefined);
}

/**
 * Learners who ask add a note and a link to one topic and ask their supervisor to verify a few
 * rated topics; long-history learners have their first request confirmed already. Through the
 * services, so notifications and audit are as the pages would leave them.
 */
export async function askForVerification(
  services: Services,
  learners: readonly LearnerWithQuestions[],
  supervisors: readonly Viewer[],
  current: ReadonlyMap<string, ReadonlyMap<string, string>>,
): Promise<{ evidence: number; pending: number; decided: number }> {
  const counts = { evidence: 0, pending: 0, decided: 0 };
  for (const { viewer, plan, questions } of learners) {
    if (!plan.asksVerification) continue;
    const levels = current.get(viewer.personId);
    const rated = questions.filter((q) => (levels?.get(q.topicId) ?? NOT_YET) !== NOT_YET);
    const topics = spread(rated, REQUESTS_PER_LEARNER);
    const supervisor = supervisors[plan.supervisorIndex];
    if (!supervisor || topics.length === 0) continue;
    const first = topics[0]?.topicId ?? '';
    await services.evidence.addEvidence({ viewer, topicId: first, evidence: { kind: 'note', title: 'Ward teaching', note: 'Ran an AI literacy session for the ward team, with the trust’s guidance on AI tools.' } });
    await services.evidence.addEvidence({ viewer, topicId: first, evidence: { kind: 'link', url: `https://learning.example.nhs.uk/certificates/${plan.index}` } });
    counts.evidence += 2;
    for (const [i, topic] of topics.entries()) {
      const request = await services.verification.requestVerification({ viewer, topicId: topic.topicId, supervisorId: supervisor.personId, message: 'Please verify this rating.' });
      if (i === 0 && plan.ratings === 'long-history') {
        await services.verification.decideVerification({ viewer: supervisor, requestId: request.id, decision: { outcome: 'confirmed' } });
        counts.decided++;
      } else counts.pending++;
    }
  }
  return counts;
}
