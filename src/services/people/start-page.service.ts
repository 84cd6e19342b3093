import type { NotificationRow } from '../../db/notification.repository.ts';
import type { VerificationRecord } from '../../db/verification.repository.ts';
import type { SelfAssessmentService } from '../assessment/self-assessment.service.ts';
import type { ProfileService } from '../assessment/profile.service.ts';
import type { HubEntry } from '../framework-catalog.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { JourneyItemView, JourneyService } from '../journeys/journey.service.ts';
import type { MyProduct, ProductTrainingService } from '../products/product-training.service.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import { findVerifiableTopic } from '../verification/verifiable-topics.ts';
import type { AccessPolicy } from './access-policy.ts';
import type { NotificationService } from './notification.service.ts';

/** The start page lists at most this many unread notifications; the rest are a link away. */
export const START_PAGE_NOTIFICATIONS = 5;

/** A verification the supervisor returned, still the latest word on its topic: the learner has something to do. */
export interface ReturnedVerification {
  requestId: string;
  topicId: string;
  topicLabel: string;
  supervisorName: string;
  comment: string | null;
  decidedAt: Date;
}

export interface StartPage {
  /** Whether they have said what work they do (the self-assessment asks that first). */
  profileComplete: boolean;
  /** The archetypes on their profile: Drivers and Embedders get the assurance reviews tool. */
  archetypes: string[];
  /** Whether they review an assurance review: the tool is theirs too, whatever their archetypes. */
  reviewing: boolean;
  /** Conditions of decided assurance reviews they own and have not done, soonest due first. */
  conditionsOwed: Array<{ reviewId: string; productName: string; condition: string; dueOn: string }>;
  assessment: { rated: number; total: number };
  /** AI products whose training they owe now: overdue, due, or assigned and never taken. */
  productsOwed: MyProduct[];
  productCount: number;
  returned: ReturnedVerification[];
  /** Null when they have no journey yet. */
  journey: { next: JourneyItemView | null; remaining: number } | null;
  notifications: NotificationRow[];
  unreadCount: number;
  /** For supervisors: requests waiting for them, and whether they supervise anyone now. */
  supervision: { waiting: number; supervisesSomeone: boolean } | null;
  /** Whether to link "AI MDTs": they are in a team now, or may set one up. */
  showsTeams: boolean;
}

export interface StartPageDeps {
  assessmentFramework: () => HubEntry;
  selfAssessment: Pick<SelfAssessmentService, 'getSelfAssessment'>;
  profiles: Pick<ProfileService, 'getProfile'>;
  productTraining: Pick<ProductTrainingService, 'myProducts'>;
  verification: Pick<VerificationService, 'listReturnedToMe' | 'listVerificationQueue'>;
  journeys: Pick<JourneyService, 'getJourney'>;
  notifications: Pick<NotificationService, 'listUnread'>;
  access: Pick<AccessPolicy, 'listSupervisedPeople'>;
  /** Joining or leaving a team bumps the member's view stamp (migration 0025), so a cached start page follows. */
  teams: { isInAnyTeam(personId: string): Promise<boolean>; mayCreateTeams(viewer: Viewer): boolean };
  assurance: {
    isReviewer(personId: string): Promise<boolean>;
    openActionsOf(personId: string): Promise<StartPage['conditionsOwed']>;
  };
}

const OWED_ORDER = { overdue: 0, due: 1, 'not-started': 2 } as const;
const isOwed = (p: MyProduct): p is MyProduct & { status: keyof typeof OWED_ORDER } => p.status in OWED_ORDER;

/**
 * What a signed-in person sees first: what is due or overdue, what came back to them, where their
 * journey goes next, how far their self-assessment has got and what is new. Their own data only.
 */
export function createStartPageService(deps: StartPageDeps) {
  /** Returned requests still the newest on their topic (one the learner has since asked again about is done with). */
  function returnedOf(records: readonly VerificationRecord[]): ReturnedVerification[] {
    const { index } = deps.assessmentFramework();
    return records.flatMap(({ request, decision, supervisorName }) => {
      if (decision?.outcome !== 'returned') return [];
      const topicLabel = findVerifiableTopic(index, request.topicId)?.label ?? request.topicId;
      return [{ requestId: request.id, topicId: request.topicId, topicLabel, supervisorName, comment: decision.comment, decidedAt: decision.decidedAt }];
    });
  }

  async function supervisionOf(viewer: Viewer): Promise<StartPage['supervision']> {
    if (!hasRole(viewer, 'supervisor')) return null;
    const [queue, supervised] = await Promise.all([deps.verification.listVerificationQueue({ viewer }), deps.access.listSupervisedPeople(viewer)]);
    return { waiting: queue.length, supervisesSomeone: supervised.length > 0 };
  }

  return {
    /** `unreadCount`: the session lookup has already counted the viewer's unread notifications. */
    async getStartPage({ viewer, unreadCount }: { viewer: Viewer; unreadCount: number }): Promise<StartPage> {
      const personId = viewer.personId;
      const [assessment, profile, products, returned, journey, notifications, supervision, reviewing, conditionsOwed, inTeam] = await Promise.all([
        deps.selfAssessment.getSelfAssessment({ viewer, personId }),
        deps.profiles.getProfile({ viewer, personId }),
        deps.productTraining.myProducts({ viewer }),
        deps.verification.listReturnedToMe({ viewer }),
        deps.journeys.getJourney({ viewer, personId }),
        deps.notifications.listUnread(viewer, START_PAGE_NOTIFICATIONS),
        supervisionOf(viewer),
        deps.assurance.isReviewer(personId),
        deps.assurance.openActionsOf(personId),
        deps.teams.isInAnyTeam(personId),
      ]);
      // A started item is where they are; otherwise the first planned one.
      const next = journey ? (journey.upcoming.find((i) => i.item.status === 'started') ?? journey.upcoming[0] ?? null) : null;
      return {
        profileComplete: profile.professionalGroup !== null,
        archetypes: profile.archetypes,
        reviewing,
        conditionsOwed,
        assessment: assessment.progress,
        productsOwed: products.filter(isOwed).sort((a, b) => OWED_ORDER[a.status] - OWED_ORDER[b.status]),
        productCount: products.length,
        returned: returnedOf(returned),
        journey: journey ? { next, remaining: journey.upcoming.length } : null,
        notifications,
        unreadCount,
        supervision,
        showsTeams: inTeam || deps.teams.mayCreateTeams(viewer),
      };
    },
  };
}

export type StartPageService = ReturnType<typeof createStartPageService>;
