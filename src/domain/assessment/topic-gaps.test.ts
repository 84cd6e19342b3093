import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { listApplicableRequirements } from '../applicability/applicability.ts';
import { summariseAssessment } from './assessment-summary.ts';
import { NOT_YET } from './requirement-status.ts';
import { levelRank, topicGaps } from './topic-gaps.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const topicOf = (requirementId: string) => index.topicByRequirementId.get(requirementId)!;

describe('topicGaps on the report framework', () => {
  const clinicianUser = listApplicableRequirements(index, { archetypes: ['user'], clinicalDecisionMaking: true });

  it('gives one gap per topic a person has not rated, from nothing', () => {
    const gaps = topicGaps(index, summariseAssessment(index, clinicianUser, () => undefined), topicOf);
    expect(gaps).toHaveLength(45); // the clinician User's 45 ratings (pinned in assessment-api tests)
    expect(gaps.every((g) => g.current === undefined && g.currentRank === 0)).toBe(true);
  });

  it('aims each gap at the highest unmet target and takes the most urgent tier', () => {
    const shaperUser = listApplicableRequirements(index, { archetypes: ['shaper', 'user'], clinicalDecisionMaking: true });
    const gaps = topicGaps(index, summariseAssessment(index, shaperUser, () => NOT_YET), topicOf);
    for (const gap of gaps) {
      const statements = gap.requirementIds.map((id) => index.requirementById.get(id)!);
      expect(gap.targetRank).toBe(Math.max(...statements.map((r) => levelRank(index, gap.topic.kind, r.level))));
      if (statements.some((r) => r.tier === 'foundational')) expect(gap.tier).toBe('foundational');
      else expect(gap.tier).toBe('advanced');
      if (gap.tier === 'advanced') expect(gap.archetypes.length).toBeGreaterThan(0);
    }
  });

  it('leaves out topics whose every statement is met and keeps the unmet ones of a partly met topic', () => {
    const summary = summariseAssessment(index, clinicianUser, (r) => (r.kind === 'knowledge' ? 'understanding' : 'proficiency'));
    expect(topicGaps(index, summary, topicOf)).toEqual([]);
    const familiar = summariseAssessment(index, clinicianUser, (r) => (r.kind === 'knowledge' ? 'familiarity' : 'proficiency'));
    const gaps = topicGaps(index, familiar, topicOf);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      expect(gap.target).toBe('understanding');
      expect(gap.currentRank).toBe(2);
      expect(gap.requirementIds.every((id) => index.requirementById.get(id)!.level === 'understanding')).toBe(true);
    }
  });
});
