import { formatDate } from '../dates.ts';
import type { AssessmentSummary } from '../../domain/assessment/assessment-summary.ts';
import { ratingScale } from '../../domain/assessment/requirement-status.ts';
import type { FactorPage, TopicQuestion } from '../../domain/assessment/topic-questions.ts';
import { sourceLabel } from '../../domain/framework/framework-index.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { SelfAssessment } from '../../services/assessment/self-assessment.service.ts';
import type { AgreedFocus } from '../../services/assessment/focus-notice.ts';
import { renderStatusChart } from './status-chart.ts';

export const FIELD_PREFIX = 'rating-';

/** The radios for one topic: its scale with the taxonomy's learner statements as hints. */
function questionView(
  index: FrameworkIndex,
  question: TopicQuestion,
  chosen: string | undefined,
  current: { level: string; ratedAt: Date } | undefined,
  verified: string | undefined,
  error?: string,
) {
  const topicId = question.topic.id;
  const levelLabel = (id: string) => (id === 'not-yet' ? 'Not yet' : (index.levelById.get(id)?.label ?? id));
  const lastRated = current ? `You last rated this ${levelLabel(current.level).toLowerCase()} on ${formatDate(current.ratedAt)}.` : '';
  const verifiedNote = verified ? ` Your supervisor verified ${levelLabel(verified).toLowerCase()}.` : '';
  return {
    topicId,
    fieldName: `${FIELD_PREFIX}${topicId}`,
    headingId: `topic-${topicId}`,
    questionId: QUESTION_ID(topicId),
    label: question.topic.label,
    kindLabel: question.topic.kind === 'knowledge' ? 'Knowledge' : 'Skill',
    hint: `${lastRated}${verifiedNote}`.trim() || undefined,
    error,
    statements: question.statements.map((s) => ({
      statement: s.requirement.statement,
      levelLabel: levelLabel(s.requirement.level),
      source: sourceLabel(s.requirement),
      archetype: s.requirement.archetype ? index.archetypeById.get(s.requirement.archetype)?.label : undefined,
    })),
    options: ratingScale(index, question.topic.kind).map((option) => ({
      value: option.value,
      text: option.label,
      hint: { text: option.statement },
      checked: option.value === chosen,
    })),
  };
}

export function factorPageView(
  assessment: SelfAssessment,
  page: FactorPage,
  chosen: Record<string, string | undefined>,
  errors: Record<string, string> = {},
) {
  const { index } = assessment.framework;
  const pages = assessment.pages;
  const position = pages.indexOf(page);
  const link = (p: FactorPage | undefined) => (p ? { href: `/self-assessment/factors/${p.factor.id}`, labelText: p.factor.label } : undefined);
  return {
    pageTitle: `${page.factor.label}: your self-assessment`,
    currentSection: 'assessment',
    factor: page.factor,
    parentFactor: page.factor.parent ? index.factorById.get(page.factor.parent) : undefined,
    position: position + 1,
    pageCount: pages.length,
    formPath: `/self-assessment/factors/${page.factor.id}`,
    questions: page.questions.map((q) => {
      const current = assessment.current.get(q.topic.id);
      return questionView(index, q, chosen[q.topic.id] ?? current?.level, current, assessment.verified.get(q.topic.id), errors[q.topic.id]);
    }),
    previousPage: link(pages[position - 1]),
    nextPage: link(pages[position + 1]),
  };
}

export function overviewView(assessment: SelfAssessment) {
  return assessment.pages.map((page) => {
    const rated = page.questions.filter((q) => assessment.current.has(q.topic.id)).length;
    const status =
      rated === page.questions.length
        ? { text: 'Completed' }
        : { tag: { text: rated === 0 ? 'Not started' : `${rated} of ${page.questions.length} rated`, classes: rated === 0 ? 'nhsuk-tag--white' : 'nhsuk-tag--blue' } };
    return { title: { text: page.factor.label }, hint: { text: `${page.questions.length} subject${page.questions.length === 1 ? '' : 's'}` }, href: `/self-assessment/factors/${page.factor.id}`, status };
  });
}

/** The summary's groups as chart rows and table rows, on one basis (self-rated or verified). */
export function summaryView(summary: AssessmentSummary, basisLabel: string, notRatedLabel = 'Not yet rated') {
  const tierLabels: Record<string, string> = { foundational: 'Foundational', advanced: 'Advanced', 'product-specific': 'Product-specific' };
  const groups = [
    { id: 'tier', title: 'By tier', rows: summary.byTier.map((g) => ({ label: tierLabels[g.tier] ?? g.tier, counts: g.counts })) },
    { id: 'archetype', title: 'Advanced requirements by archetype', rows: summary.byArchetype.map((g) => ({ label: g.archetype.label, counts: g.counts })) },
    { id: 'factor', title: 'By factor', rows: summary.byFactor.map((g) => ({ label: g.factor.label, counts: g.counts })) },
  ].filter((g) => g.rows.length > 0);
  return groups.map((g) => ({ ...g, chart: renderStatusChart(`chart-${g.id}`, `${g.title}: requirements met, ${basisLabel}`, g.rows, notRatedLabel) }));
}

/** The focus in force for each archetype, in words, for the learner's own pages. */
export function agreedFocusView(index: FrameworkIndex, focus: readonly AgreedFocus[]) {
  return focus.map((f) => ({
    archetype: index.archetypeById.get(f.archetype)?.label ?? f.archetype,
    factors: f.factors.map((id) => index.factorById.get(id)?.label ?? id).join(', '),
    reason: f.reason,
    by: f.setByName,
    at: formatDate(f.setAt),
  }));
}

/** Where a learner rates one subject: its factor page, scrolled to that subject's question. */
export const RATING_PATH = (topic: { id: string; factor: string }) => `/self-assessment/factors/${topic.factor}#${QUESTION_ID(topic.id)}`;

/** The id of a subject's question (its fieldset) on a factor page, for links to land on. */
export const QUESTION_ID = (topicId: string) => `question-${topicId}`;
