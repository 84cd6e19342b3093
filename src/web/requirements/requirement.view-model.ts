import type { Requirement } from '../../domain/framework/framework-document.ts';
import { relatedRequirements, sourceLabel } from '../../domain/framework/framework-index.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { sameTopicRequirements } from '../../domain/framework/topics.ts';

/** Another statement shown beside the requirement, with what a reader needs to tell them apart. */
export interface RelatedStatement {
  requirement: Requirement;
  levelLabel: string;
  /** Who it is for: an archetype, everyone (foundational) or product users. */
  audience: string;
  provenance: string;
}

export interface RequirementTopicView {
  id: string;
  label: string;
  kind: string;
  statementCount: number;
  /** For a skill topic, the knowledge topic it rests on (R1). */
  restsOnLabel: string | undefined;
}

export interface RequirementRelations {
  /** Undefined when the framework has no topics (each statement then stands alone). */
  topic: RequirementTopicView | undefined;
  /** 'topic': the other statements of the same topic; 'similarity': word-similar statements in other tables. */
  relatedBasis: 'topic' | 'similarity';
  related: RelatedStatement[];
}

/**
 * The requirement's topic and the statements on the same subject. A framework with topics says
 * exactly which statements share a subject; one without falls back to ranking by shared words.
 */
export function describeRequirementRelations(index: FrameworkIndex, requirement: Requirement): RequirementRelations {
  const topic = index.topicByRequirementId.get(requirement.id);
  if (!topic || topic.isImplicit) {
    const related = relatedRequirements(index, requirement.id).map((r) => describeStatement(index, r.requirement));
    return { topic: undefined, relatedBasis: 'similarity', related };
  }
  return {
    topic: {
      id: topic.id,
      label: topic.label,
      kind: topic.kind,
      statementCount: topic.requirements.length,
      restsOnLabel: topic.restsOn ? index.topicById.get(topic.restsOn)?.label : undefined,
    },
    relatedBasis: 'topic',
    related: sameTopicRequirements(index, requirement.id).map((r) => describeStatement(index, r)),
  };
}

function describeStatement(index: FrameworkIndex, requirement: Requirement): RelatedStatement {
  return {
    requirement,
    levelLabel: index.levelById.get(requirement.level)?.label ?? requirement.level,
    audience: audienceOf(index, requirement),
    provenance: sourceLabel(requirement),
  };
}

function audienceOf(index: FrameworkIndex, requirement: Requirement): string {
  if (requirement.archetype) return index.archetypeById.get(requirement.archetype)?.label ?? requirement.archetype;
  return requirement.tier === 'foundational' ? 'Foundational' : 'Product-specific';
}
