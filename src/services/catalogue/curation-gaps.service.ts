import type { CatalogueRepository, LearnerProfileFacts } from '../../db/catalogue.repository.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import type { ApplicabilityProfile } from '../../domain/applicability/applicability.ts';
import { summariseAssessment } from '../../domain/assessment/assessment-summary.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import { topicGaps } from '../../domain/assessment/topic-gaps.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { CatalogueAccess } from './catalogue-access.ts';
import type { CurationGap, CurationGapReport } from './catalogue.types.ts';
import { rankCurationGaps, summariseCurationGaps } from './curation-gaps.ts';

type Focus = Array<{ archetype: string; factors: string[] | null }>;

/**
 * A person's applicability profile as the self-assessment builds it (profile.service.ts), made
 * from batch-read rows. Ids the framework no longer knows are dropped rather than failing the
 * whole report.
 */
function applicabilityOf(index: FrameworkIndex, person: LearnerProfileFacts, focus: Focus): ApplicabilityProfile {
  const archetypes = person.archetypes.filter((a) => index.archetypeById.has(a));
  const narrowed = focus
    .filter((f) => archetypes.includes(f.archetype) && f.factors !== null)
    .map((f) => ({ archetype: f.archetype, factors: (f.factors ?? []).filter((id) => index.factorById.has(id)) }))
    .filter((f) => f.factors.length > 0);
  return { archetypes, clinicalDecisionMaking: person.clinicalDecisionMaking, focus: narrowed, products: [] };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

export function createCurationGapReport(deps: {
  catalogueRepository: Pick<CatalogueRepository, 'listLearnerProfiles' | 'listCurrentFocusIn' | 'listCurrentRatingsIn' | 'listPublishedOutcomes'>;
  organisationRepository: Pick<OrganisationRepository, 'listSubtreeIds'>;
  framework: () => HubEntry;
  access: CatalogueAccess;
  /** Per AI MDT owned in these organisations, the requirement ids its latest plan found no resource for. */
  teamNeeds?: (organisationIds: readonly string[], frameworkId: string) => Promise<string[][]>;
}) {
  const { catalogueRepository: repository } = deps;

  /**
   * For educators: topics and levels people in their organisation (and beneath it) need that
   * no published resource reaches, most needed first; then topics no resource teaches at all.
   * Needs come from each person's applicable requirements and current self-ratings, as their
   * self-assessment works them out.
   */
  async function rankedGaps(viewer: Viewer): Promise<CurationGap[]> {
    deps.access.requireCurator(viewer);
    const { id: frameworkId, index } = deps.framework();
    const organisationIds = await deps.organisationRepository.listSubtreeIds(await deps.access.planningRootOf(viewer));
    const [people, focus, ratings, outcomes, teams] = await Promise.all([
      repository.listLearnerProfiles(organisationIds),
      repository.listCurrentFocusIn(organisationIds),
      repository.listCurrentRatingsIn(organisationIds, frameworkId),
      repository.listPublishedOutcomes(frameworkId),
      deps.teamNeeds ? deps.teamNeeds(organisationIds, frameworkId) : Promise.resolve([]),
    ]);
    const topicOf = topicInfoLookup(index);
    const focusOf = groupBy(focus, (f) => f.personId);
    const ratingsOf = groupBy(ratings, (r) => r.personId);
    // A rating on a level the topic's scale no longer has is treated as no rating.
    const isOnScale = (topicId: string, level: string) => {
      const topic = index.topicById.get(topicId);
      return topic !== undefined && (level === NOT_YET || index.doc.taxonomy[topic.kind].some((l) => l.id === level));
    };
    const needs = people.map((person) => {
      const applicable = listApplicableRequirements(index, applicabilityOf(index, person, focusOf.get(person.personId) ?? []));
      const current = new Map((ratingsOf.get(person.personId) ?? []).filter((r) => isOnScale(r.topicId, r.level)).map((r) => [r.topicId, r.level]));
      const summary = summariseAssessment(index, applicable, (r) => current.get(topicOf(r.id).id));
      return topicGaps(index, summary, topicOf);
    });
    return rankCurationGaps(index, needs, outcomes, teams);
  }

  return {
    curationGaps: ({ viewer }: { viewer: Viewer }): Promise<CurationGap[]> => rankedGaps(viewer),

    /** The same gaps with what the page and its download show: needed, not yet needed, untaught topics. */
    async curationGapReport({ viewer }: { viewer: Viewer }): Promise<CurationGapReport> {
      return summariseCurationGaps(await rankedGaps(viewer));
    },
  };
}
