import type { EvidenceRow } from '../../db/evidence.repository.ts';
import type { AdvancedFocusRow } from '../../db/assessment.repository.ts';
import type { PersonRow } from '../../db/people.repository.ts';
import type { StaffRepository, SuperviseeSummary } from '../../db/staff.repository.ts';
import type { VerificationRecord } from '../../db/verification.repository.ts';
import { topicGaps } from '../../domain/assessment/topic-gaps.ts';
import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import { filterStaff, overallTraining } from '../../domain/people/staff-list.ts';
import type { StaffFilter, TrainingState } from '../../domain/people/staff-list.ts';
import type { SelfAssessment, SelfAssessmentService } from '../assessment/self-assessment.service.ts';
import type { ProfileService } from '../assessment/profile.service.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { JourneyService, JourneyView } from '../journeys/journey.service.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import type { StaffAccess } from './staff-access.ts';
import { progressOfPeople } from './staff-progress.ts';
import { trainingOfPeople } from './staff-training.ts';
import type { StaffProductTraining } from './staff-training.ts';

export interface StaffListEntry extends SuperviseeSummary {
  /** Subjects rated of those their self-assessment asks about. */
  ratedSubjects: number;
  totalSubjects: number;
  training: TrainingState;
  products: StaffProductTraining[];
}

export interface StaffList {
  /** How many people the viewer supervises, before filtering. */
  total: number;
  entries: StaffListEntry[];
}

export interface StaffMember {
  person: PersonRow;
  /** The archetypes they hold, in the order they chose them. */
  archetypes: string[];
  assessment: SelfAssessment;
  /** Subjects below their target on the self-rated basis, most urgent tier first. */
  gaps: TopicGap[];
  evidence: EvidenceRow[];
  journey: JourneyView | null;
  products: StaffProductTraining[];
  /** Verification requests and outcomes, newest first. */
  history: VerificationRecord[];
  /** The latest focus per archetype (factors null: cleared). */
  focus: AdvancedFocusRow[];
  /** Whether the viewer supervises them now, and so may verify their ratings. */
  canVerify: boolean;
}

/** "My staff": the people a supervisor supervises, and one person's whole picture. */
export function createStaffService(deps: {
  staffRepository: StaffRepository;
  staffAccess: StaffAccess;
  selfAssessment: Pick<SelfAssessmentService, 'getSelfAssessment'>;
  journeys: Pick<JourneyService, 'getJourney'>;
  verification: Pick<VerificationService, 'listVerificationHistory'>;
  profiles: Pick<ProfileService, 'listFocusHistory' | 'getProfile'>;
  framework: () => HubEntry;
  now?: () => Date;
}) {
  const repo = deps.staffRepository;
  const now = deps.now ?? (() => new Date());

  return {
    /** The viewer's current supervisees with their progress; a few queries however many there are. */
    async listMyStaff({ viewer, filter = 'all', search = '' }: { viewer: Viewer; filter?: StaffFilter; search?: string }): Promise<StaffList> {
      const framework = deps.framework();
      const summaries = await repo.listSuperviseeSummaries(viewer.personId, framework.id);
      const training = await trainingOfPeople(repo, summaries.map((s) => s.personId), now());
      const progress = await progressOfPeople(repo, framework.index, framework.id, summaries, training);
      const entries = summaries.map((s): StaffListEntry => {
        const products = training.get(s.personId) ?? [];
        const { rated, total } = progress.get(s.personId) ?? { rated: 0, total: 0 };
        return { ...s, ratedSubjects: rated, totalSubjects: total, products, training: overallTraining(products.map((p) => p.status)) };
      });
      return { total: entries.length, entries: filterStaff(entries, filter, search) };
    },

    /** One supervisee's ratings, gaps, evidence, journey, training and focus. */
    async getStaffMember({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<StaffMember> {
      const person = await deps.staffAccess.staffMember(viewer, personId);
      const framework = deps.framework();
      const [assessment, evidence, journey, training, history, focusHistory, canVerify, profile] = await Promise.all([
        deps.selfAssessment.getSelfAssessment({ viewer, personId }),
        repo.listActiveEvidenceOfPerson(personId, framework.id),
        deps.journeys.getJourney({ viewer, personId }),
        trainingOfPeople(repo, [personId], now()),
        deps.verification.listVerificationHistory({ viewer, personId }),
        deps.profiles.listFocusHistory({ viewer, personId }),
        deps.staffAccess.maySupervise(viewer, personId),
        deps.profiles.getProfile({ viewer, personId }),
      ]);
      const focus = new Map<string, AdvancedFocusRow>();
      for (const row of focusHistory) if (!focus.has(row.archetype)) focus.set(row.archetype, row);
      const gaps = topicGaps(assessment.framework.index, assessment.summary.selfRated, topicInfoLookup(assessment.framework.index));
      return { person, archetypes: profile.archetypes, assessment, gaps, evidence, journey, products: training.get(personId) ?? [], history, focus: [...focus.values()], canVerify };
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
