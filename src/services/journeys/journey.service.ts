import type { Database } from '../../db/client.ts';
import type { AssessmentRepository } from '../../db/assessment.repository.ts';
import type { JourneyItemRow, JourneyRepository, JourneyRow, NewJourneyItem } from '../../db/journey.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import type { ApplicabilityProfile } from '../../domain/applicability/applicability.ts';
import { summariseAssessment } from '../../domain/assessment/assessment-summary.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import { levelRank, topicGaps } from '../../domain/assessment/topic-gaps.ts';
import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import { alternativesFor, capTargetsAtReach, PlanInputError, planJourney, scheduleJourney } from '../../domain/journey/index.ts';
import type { LoweredTarget, Plan, PlanRequest } from '../../domain/journey/index.ts';
import { AppError } from '../../errors.ts';
import type { AccessPolicy, AuditLog } from '../assessment/ports.ts';
import type { ProfileService } from '../assessment/profile.service.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { JourneyTemplateService } from './journey-templates.service.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import { levelIdOfRank } from './open-gaps.ts';
import { plannerReport } from './planner-report.ts';
import type { OpenGapWhy } from './open-gaps.ts';
import { buildPlanRequest, NO_PREFERENCES } from './plan-input.ts';
import { currentPlanScope } from './plan-scope.ts';
import type { LearnerPreferences, PlanInput, PlannableResource } from './plan-input.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { Awards } from '../credentials/awards.ts';

/** How a journey was asked for; stored with it so re-planning keeps the learner's choices. */
export interface JourneySettings {
  /** Minutes of learning the plan may take; null closes every gap that can be closed. */
  budgetMinutes: number | null;
  hoursPerWeek: number;
  preferences: LearnerPreferences;
  templateId: string | null;
  /** 'plan': optimise (starting from the template, if any); 'follow': the template's resources exactly. */
  mode: 'plan' | 'follow';
  /** Resources the learner swapped out; later plans leave them out too. */
  excluded: string[];
}

export const DEFAULT_SETTINGS: JourneySettings = { budgetMinutes: null, hoursPerWeek: 2, preferences: NO_PREFERENCES, templateId: null, mode: 'plan', excluded: [] };

/** Why an item is in the plan, per topic: what it brings it to and where the learner stands. */
export interface ClosedTopic {
  topicId: string;
  /** The level the plan needs (the gap's target, or the highest the catalogue teaches when `requested` is set). */
  target: string;
  /** Set when the plan reaches only `target`: the level the learner's statements ask for. */
  requested?: string;
  /** The learner's standing when planned: a level id, 'not-yet', or null when never rated. */
  current: string | null;
  /** Where `current` came from. */
  source: 'self-rated' | 'claimed' | 'not-rated';
}

/** A gap left open, and why. */
export interface OpenGap {
  topicId: string;
  tier: TopicGap['tier'];
  target: string;
  current: string | null;
  /** Where `current` came from; absent on journeys planned before it was recorded. */
  source?: ClosedTopic['source'];
  /** Why it is open: what the catalogue teaches, and what the learner's settings left out. Absent on journeys planned before it was recorded. */
  reason?: OpenGapWhy;
}

/** A gap the plan takes only part of the way: to `reached`, below its `target`. */
export interface PartlyClosedGap extends OpenGap {
  reached: string;
}

/** What the optimiser reported, stored with the journey. */
export interface PlannerReport {
  solver: Plan['solver'];
  optimal: boolean;
  solveMs: number;
  gapCount: number;
  closedCount: number;
  unclosable: OpenGap[];
  outOfBudget: OpenGap[];
  /** Counted in neither `closedCount` nor `unclosable`. Absent on journeys planned before it was recorded. */
  partlyClosed?: PartlyClosedGap[];
}

/** An AI MDT's request that put an item in the journey (issue 13 §3), as the item shows it. */
export interface TeamRequest {
  assignmentId: string;
  journeyItemId: string | null;
  resourceId: string;
  /** So the journey can link to the team that asked. */
  teamId: string;
  teamName: string;
  reason: string;
}

export interface JourneyItemView {
  item: JourneyItemRow;
  /** Set when a team asked for this item and the learner has not declined it. */
  teamRequest?: TeamRequest;
  resource: PlannableResource | undefined;
  closes: ClosedTopic[];
  /** Titles of later items this one is a prerequisite for, when it closes nothing itself. */
  neededFor: string[];
  startWeek: number | null;
  endWeek: number | null;
}

export interface JourneyView {
  journey: JourneyRow;
  settings: JourneySettings;
  planner: PlannerReport;
  /** Planned and started items in order, scheduled over weeks. */
  upcoming: JourneyItemView[];
  completed: JourneyItemView[];
  weeks: number;
  remainingMinutes: number;
  templateTitle: string | null;
}

export interface AlternativesView {
  item: JourneyItemView;
  /** Resources that close every gap only this item closes, least minutes first; `closes` lists the gap topics each closes. */
  alternatives: Array<{ resource: PlannableResource; closes: string[] }>;
}

export interface CompletionResult {
  view: JourneyView;
  /** Topics the learner now claims, for prompting them to rate or ask for verification. */
  claimed: Array<{ topicId: string; level: string }>;
}

/** A learning platform's report that a person completed or passed resources (issue 16 §1). */
export interface PlatformCompletion {
  personId: string;
  /** The person's own organisation (where their claims and audit belong). */
  organisationId: string;
  resourceIds: readonly string[];
  platform: string;
  /** The xAPI statement that said so: a statement is applied once. */
  statementId: string;
}

export interface PlatformCompletionResult {
  completedItems: number;
  claimed: Array<{ topicId: string; level: string }>;
}

export interface JourneyServiceDeps {
  db: Database;
  journeyRepository: JourneyRepository;
  assessmentRepository: Pick<AssessmentRepository, 'listCurrentRatings'>;
  profiles: Pick<ProfileService, 'applicabilityProfileOf'>;
  access: AccessPolicy;
  audit: AuditLog;
  framework: () => HubEntry;
  /** Every published resource with outcomes and prerequisites. */
  plannableResources: (frameworkId: string) => Promise<PlannableResource[]>;
  /** Resources by id whatever their status (journeys outlive a resource's retirement). */
  resourcesByIds: (ids: readonly string[]) => Promise<PlannableResource[]>;
  templates: Pick<JourneyTemplateService, 'findPublishedTemplate' | 'findTemplate'>;
  /** AI MDT requests (issue 13): shown on their items; completing an item meets the request. */
  teamRequests?: {
    openRequestsOf: (personId: string) => Promise<TeamRequest[]>;
    completed: (personId: string, resourceId: string, at: Date, tx: Database) => Promise<void>;
  };
  timeLimitMs?: number;
  /** Keeps workforce insight's journey progress current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshJourneyProgress'> | undefined;
  /** Issues the Open Badges credential when a template's journey is complete (issue 16 §2). */
  awards?: Pick<Awards, 'templateProgressed'> | undefined;
}

/**
 * What planning reads outside its transaction: on the embedded database a query outside an open
 * transaction would wait for it to end, so these are read first.
 */
interface PlanningInputs {
  applicability: ApplicabilityProfile;
  resources: PlannableResource[];
}

/** The levels completing a resource brings, on topics of the framework (a "not yet" outcome brings none). */
function levelsBroughtBy(index: FrameworkIndex, resource: PlannableResource | undefined): Array<{ topicId: string; level: string }> {
  return (resource?.outcomes ?? []).filter((o) => index.topicById.has(o.topicId) && o.level !== NOT_YET).map((o) => ({ topicId: o.topicId, level: o.level }));
}

const journeyNotFound = () => new AppError('not_found', 'There is no such journey item, or it is not yours.');

export function createJourneyService(deps: JourneyServiceDeps) {
  const repo = deps.journeyRepository;

  /** The learner's gaps on the hub's framework: self-rated, or better where they have claimed a level by completing learning. */
  async function learningGaps(personId: string, inputs: PlanningInputs, tx: Database) {
    const framework = deps.framework();
    const { index } = framework;
    const topicOf = topicInfoLookup(index);
    // Product-specific statements are closed by each product's own training module (R8), which
    // the journey page lists before the plan; catalogue resources cannot teach "for this product".
    const applicable = listApplicableRequirements(index, inputs.applicability).filter((a) => a.productId === null);
    const rated = new Map((await deps.assessmentRepository.listCurrentRatings(personId, framework.id, tx)).map((r) => [r.topicId, r.level]));
    const claimed = new Map<string, string>();
    for (const claim of await repo.listClaims(personId, framework.id, tx)) {
      const topic = index.topicById.get(claim.topicId);
      if (!topic) continue;
      const best = claimed.get(claim.topicId);
      if (!best || levelRank(index, topic.kind, claim.level) > levelRank(index, topic.kind, best)) claimed.set(claim.topicId, claim.level);
    }
    const held = (topicId: string): { level: string | undefined; source: ClosedTopic['source'] } => {
      const topic = index.topicById.get(topicId);
      const self = rated.get(topicId);
      const claim = claimed.get(topicId);
      if (topic && claim && (!self || levelRank(index, topic.kind, claim) > levelRank(index, topic.kind, self))) return { level: claim, source: 'claimed' };
      return self ? { level: self, source: 'self-rated' } : { level: undefined, source: 'not-rated' };
    };
    const summary = summariseAssessment(index, applicable, (r) => held(topicOf(r.id).id).level);
    return { framework, gaps: topicGaps(index, summary, topicOf), held };
  }

  async function planningInputs(personId: string): Promise<PlanningInputs> {
    return { applicability: await deps.profiles.applicabilityProfileOf(personId), resources: await deps.plannableResources(deps.framework().id) };
  }

  /**
   * Plans with each gap aimed at the highest level the usable resources reach, so a topic whose
   * target the catalogue (or the learner's filters) cannot meet is still taken as far as it can.
   */
  async function planReachable(request: PlanRequest): Promise<{ plan: Plan; lowered: LoweredTarget[] }> {
    try {
      const { request: reachable, lowered } = capTargetsAtReach(request);
      const plan = await planJourney({ ...reachable, ...(deps.timeLimitMs ? { timeLimitMs: deps.timeLimitMs } : {}) });
      return { plan, lowered };
    } catch (error) {
      // The request is built to be valid; if the catalogue still defeats it, say so and change nothing.
      if (error instanceof PlanInputError) throw new AppError('conflict', 'Your journey could not be planned from the catalogue as it is now. Try again, or plan a new journey.');
      throw error;
    }
  }

  /**
   * Plans from the learner's current gaps and writes the result into `journey` (new or existing):
   * items kept where the plan keeps their resource, added where new, marked removed where dropped.
   * Completed items are never touched; started items are always kept.
   */
  async function planInto(
    journey: JourneyRow,
    settings: JourneySettings,
    existing: readonly JourneyItemRow[],
    swappedIn: string | null,
    inputs: PlanningInputs,
    tx: Database,
  ): Promise<void> {
    const { framework, gaps, held } = await learningGaps(journey.personId, inputs, tx);
    const active = existing.filter((i) => i.status === 'planned' || i.status === 'started');
    const started = active.filter((i) => i.status === 'started').map((i) => i.resourceId);
    // What a team asked for stays whatever the learner's own gaps say, until they decline it.
    const askedByTeam = active.filter((i) => i.addedBecause === 'team').map((i) => i.resourceId);
    // Completed in this journey or an earlier one: never planned again, and met as a prerequisite.
    // Read in the transaction, so an item completed a moment ago in it is included.
    const completed = new Set((await repo.listCompletedItems(journey.personId, tx)).map((i) => i.resourceId));
    let onlyResources: string[] | undefined;
    let required = [...new Set([...started, ...askedByTeam])];
    if (settings.templateId) {
      // Whatever its status now: retiring a template must not pull it from under its followers.
      const template = await deps.templates.findTemplate(settings.templateId, tx);
      const templateResources = (template?.resourceIds ?? []).filter((id) => !completed.has(id));
      required = [...new Set([...required, ...templateResources])];
      if (settings.mode === 'follow') onlyResources = templateResources;
    }
    if (swappedIn) required.push(swappedIn);
    const planInput: PlanInput = {
      gaps,
      resources: inputs.resources,
      preferences: settings.preferences,
      budgetMinutes: settings.mode === 'follow' ? null : settings.budgetMinutes,
      required,
      excluded: settings.excluded,
      completed,
      ...(onlyResources ? { onlyResources } : {}),
    };
    const { plan, lowered } = await planReachable(buildPlanRequest(framework.index, planInput));

    const gapById = new Map(gaps.map((g) => [g.topic.id, g]));
    const loweredById = new Map(lowered.map((l) => [l.gap, l]));
    const closesOf = (resourceId: string): ClosedTopic[] =>
      (plan.closes[resourceId] ?? []).flatMap((topicId) => {
        const gap = gapById.get(topicId);
        if (!gap) return [];
        const standing = held(topicId);
        const aimed = loweredById.get(topicId);
        const target = aimed ? { target: levelIdOfRank(framework.index, gap, aimed.planned), requested: gap.target } : { target: gap.target };
        return [{ topicId, ...target, current: gap.current ?? null, source: standing.source }];
      });
    const byResource = new Map(active.map((i) => [i.resourceId, i]));
    const inPlan = new Set(plan.order);
    const now = new Date();
    const additions: NewJourneyItem[] = [];
    for (const [position, resourceId] of plan.order.entries()) {
      const current = byResource.get(resourceId);
      if (current) await repo.updateItem(current.id, { position, closes: closesOf(resourceId) }, tx);
      else {
        const addedBecause = resourceId === swappedIn ? 'swap' : settings.templateId && required.includes(resourceId) ? 'template' : 'plan';
        additions.push({ resourceId, position, closes: closesOf(resourceId), addedBecause });
      }
    }
    for (const item of active) {
      if (!inPlan.has(item.resourceId) && item.addedBecause !== 'team') await repo.updateItem(item.id, { status: 'removed', removedAt: now }, tx);
    }
    await repo.insertItems(journey, additions, tx);
    const report = plannerReport({ index: framework.index, input: planInput, plan, lowered, sourceOf: (topicId) => held(topicId).source });
    // What the plan was made for, so a later change to what applies shows it is out of date.
    const scope = currentPlanScope(framework, inputs.applicability);
    await repo.updateJourneyPlan(journey.id, { settings, planner: report, scope, replannedAt: Object.keys(journey.planner as object).length > 0 ? now : null }, tx);
  }

  async function view(journey: JourneyRow): Promise<JourneyView> {
    const settings = journey.settings as JourneySettings;
    const items = await repo.listItems(journey.id);
    const upcomingItems = items.filter((i) => i.status === 'planned' || i.status === 'started').sort((a, b) => a.position - b.position);
    // What they have completed in any journey: a new plan archives the old one, not the learning.
    const completedItems = await repo.listCompletedItems(journey.personId);
    const resources = new Map((await deps.resourcesByIds([...new Set([...upcomingItems, ...completedItems].map((i) => i.resourceId))])).map((r) => [r.id, r]));
    const requests = (await deps.teamRequests?.openRequestsOf(journey.personId)) ?? [];
    // By item, or by resource for a team item carried into a newer journey.
    const requestOf = (item: JourneyItemRow) => requests.find((r) => r.journeyItemId === item.id) ?? (item.addedBecause === 'team' ? requests.find((r) => r.resourceId === item.resourceId) : undefined);
    const minutesById = new Map(upcomingItems.map((i) => [i.resourceId, resources.get(i.resourceId)?.durationMinutes ?? 0]));
    const schedule = scheduleJourney(
      upcomingItems.map((i) => i.resourceId),
      minutesById,
      settings.hoursPerWeek,
    );
    const weekOf = new Map(schedule.items.map((s) => [s.id, s]));
    const titleOf = (id: string) => resources.get(id)?.title ?? 'a removed resource';
    const toView = (item: JourneyItemRow, scheduled: boolean): JourneyItemView => {
      const closes = item.closes as ClosedTopic[];
      const resource = resources.get(item.resourceId);
      const neededFor =
        closes.length === 0 ? upcomingItems.filter((other) => resources.get(other.resourceId)?.prerequisiteIds.includes(item.resourceId)).map((other) => titleOf(other.resourceId)) : [];
      const slot = scheduled ? weekOf.get(item.resourceId) : undefined;
      const teamRequest = scheduled ? requestOf(item) : undefined;
      return { item, resource, closes, neededFor, startWeek: slot?.startWeek ?? null, endWeek: slot?.endWeek ?? null, ...(teamRequest ? { teamRequest } : {}) };
    };
    // Named even after retirement: the journey still follows it.
    const template = settings.templateId ? await deps.templates.findTemplate(settings.templateId) : undefined;
    return {
      journey,
      settings,
      planner: journey.planner as PlannerReport,
      upcoming: upcomingItems.map((i) => toView(i, true)),
      completed: completedItems.map((i) => toView(i, false)),
      weeks: schedule.weeks,
      remainingMinutes: [...minutesById.values()].reduce((a, b) => a + b, 0),
      templateTitle: template?.title ?? null,
    };
  }

  /** The viewer's own item in their active journey, locked for change. */
  async function ownItem(viewer: Viewer, itemId: string, tx: Database): Promise<{ journey: JourneyRow; item: JourneyItemRow; items: JourneyItemRow[] }> {
    await repo.lockPersonJourney(viewer.personId, tx);
    const journey = await repo.findActiveJourney(viewer.personId, tx);
    if (!journey) throw journeyNotFound();
    const items = await repo.listItems(journey.id, tx);
    const item = items.find((i) => i.id === itemId);
    if (!item) throw journeyNotFound();
    return { journey, item, items };
  }

  async function activeView(personId: string): Promise<JourneyView> {
    const journey = await repo.findActiveJourney(personId);
    if (!journey) throw new Error('the journey just written is missing');
    return view(journey);
  }

  async function listAlternatives({ viewer, itemId }: { viewer: Viewer; itemId: string }): Promise<AlternativesView> {
    const journey = await repo.findActiveJourney(viewer.personId);
    if (!journey) throw journeyNotFound();
    const current = await view(journey);
    const item = current.upcoming.find((i) => i.item.id === itemId);
    if (!item) throw journeyNotFound();
    const inputs = await planningInputs(viewer.personId);
    const { framework, gaps } = await learningGaps(viewer.personId, inputs, deps.db);
    const { index } = framework;
    // Aimed as the plan was, so an item that takes a gap part of the way has alternatives that do too.
    const { request } = capTargetsAtReach(buildPlanRequest(index, { gaps, resources: inputs.resources, preferences: current.settings.preferences, budgetMinutes: null, required: [], excluded: current.settings.excluded }));
    const selected = current.upcoming.map((i) => i.item.resourceId);
    const closes = Object.fromEntries(current.upcoming.map((i) => [i.item.resourceId, i.closes.map((c) => c.topicId)]));
    const ids = alternativesFor(request, { selected, closes }, item.item.resourceId);
    const byId = new Map(inputs.resources.map((r) => [r.id, r]));
    const targetOf = new Map(request.gaps.map((g) => [g.id, g.target]));
    const closesGap = (o: { topicId: string; level: string }) => {
      const topic = index.topicById.get(o.topicId);
      const target = targetOf.get(o.topicId);
      return topic !== undefined && target !== undefined && levelRank(index, topic.kind, o.level) >= target;
    };
    return {
      item,
      alternatives: ids.flatMap((id) => {
        const resource = byId.get(id);
        return resource ? [{ resource, closes: resource.outcomes.filter(closesGap).map((o) => o.topicId) }] : [];
      }),
    };
  }

  return {
    /** A person's active journey, or null. Visible to them, their supervisors and admins. */
    async getJourney({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<JourneyView | null> {
      await deps.access.assertCanSeePerson(viewer, personId);
      const journey = await repo.findActiveJourney(personId);
      return journey ? view(journey) : null;
    },

    /**
     * Plans a new journey for the viewer from their current gaps and archives the one they had.
     * Items they had started carry over; completed ones stay in the archived journey's history.
     */
    async generateJourney({ viewer, settings }: { viewer: Viewer; settings: JourneySettings }): Promise<JourneyView> {
      if (settings.mode === 'follow' && !settings.templateId) {
        throw new AppError('invalid', 'Choose a journey template to follow.', [{ field: 'templateId', message: 'Choose a journey template to follow' }]);
      }
      if (settings.templateId && !(await deps.templates.findPublishedTemplate(settings.templateId))) {
        throw new AppError('invalid', 'That journey template is not available.', [{ field: 'templateId', message: 'Choose a published journey template' }]);
      }
      const framework = deps.framework();
      const inputs = await planningInputs(viewer.personId);
      await inTransaction(deps.db, async (tx) => {
        await repo.lockPersonJourney(viewer.personId, tx);
        const previous = await repo.findActiveJourney(viewer.personId, tx);
        // Started items, and planned ones a team asked for, carry over.
        const carried = previous ? (await repo.listItems(previous.id, tx)).filter((i) => i.status === 'started' || (i.status === 'planned' && i.addedBecause === 'team')) : [];
        if (previous) await repo.archiveJourney(previous.id, new Date(), tx);
        const journey = await repo.insertJourney(
          { organisationId: viewer.organisationId, personId: viewer.personId, frameworkId: framework.id, frameworkVersion: framework.version, templateId: settings.templateId, settings, planner: {} },
          tx,
        );
        const carriedItems = await repo.insertItems(
          journey,
          carried.map((i) => ({ resourceId: i.resourceId, position: i.position, closes: i.closes, status: i.status, startedAt: i.startedAt, addedBecause: i.addedBecause })),
          tx,
        );
        await planInto(journey, settings, carriedItems, null, inputs, tx);
        await deps.audit.record({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'journey.planned', detail: { journeyId: journey.id, settings } }, tx);
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
      });
      return activeView(viewer.personId);
    },

    listAlternatives,

    /**
     * Re-plans the viewer's active journey with its saved settings for what applies to them now
     * (after a focus or profile change). Completed items and their history are kept as they are.
     */
    async replanJourney({ viewer }: { viewer: Viewer }): Promise<JourneyView> {
      const inputs = await planningInputs(viewer.personId);
      await inTransaction(deps.db, async (tx) => {
        await repo.lockPersonJourney(viewer.personId, tx);
        const journey = await repo.findActiveJourney(viewer.personId, tx);
        if (!journey) throw new AppError('not_found', 'You have no learning journey to re-plan.');
        await planInto(journey, journey.settings as JourneySettings, await repo.listItems(journey.id, tx), null, inputs, tx);
        await deps.audit.record({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'journey.replanned', detail: { journeyId: journey.id } }, tx);
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
      });
      return activeView(viewer.personId);
    },

    /** Swaps an upcoming item for an alternative, then re-plans the rest around the learner's choice. */
    async swapItem({ viewer, itemId, alternativeId }: { viewer: Viewer; itemId: string; alternativeId: string }): Promise<JourneyView> {
      const { alternatives } = await listAlternatives({ viewer, itemId });
      if (!alternatives.some((a) => a.resource.id === alternativeId)) {
        throw new AppError('invalid', 'That resource cannot replace this item.', [{ field: 'alternativeId', message: 'Choose one of the alternatives listed' }]);
      }
      const inputs = await planningInputs(viewer.personId);
      await inTransaction(deps.db, async (tx) => {
        const { journey, item, items } = await ownItem(viewer, itemId, tx);
        if (item.status !== 'planned') throw new AppError('conflict', 'Only an item you have not started can be swapped.');
        const settings = journey.settings as JourneySettings;
        const next: JourneySettings = { ...settings, excluded: [...new Set([...settings.excluded, item.resourceId])].filter((id) => id !== alternativeId) };
        await repo.updateItem(item.id, { status: 'swapped', removedAt: new Date() }, tx);
        const remaining = items.map((i) => (i.id === item.id ? { ...i, status: 'swapped' as const } : i));
        await planInto(journey, next, remaining, alternativeId, inputs, tx);
        await deps.audit.record(
          { organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'journey.item-swapped', detail: { journeyId: journey.id, from: item.resourceId, to: alternativeId } },
          tx,
        );
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
      });
      return activeView(viewer.personId);
    },

    async startItem({ viewer, itemId }: { viewer: Viewer; itemId: string }): Promise<JourneyView> {
      await inTransaction(deps.db, async (tx) => {
        const { item } = await ownItem(viewer, itemId, tx);
        if (item.status === 'started') return;
        if (item.status !== 'planned') throw new AppError('conflict', 'This item is not in your plan any more.');
        await repo.updateItem(item.id, { status: 'started', startedAt: new Date() }, tx);
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
      });
      return activeView(viewer.personId);
    },

    /**
     * Marks an item completed, records the levels its resource brings as claims (history), and
     * re-plans the rest: what the item taught no longer needs another resource.
     */
    async completeItem({ viewer, itemId }: { viewer: Viewer; itemId: string }): Promise<CompletionResult> {
      const peek = await repo.findItem(itemId);
      const [resource] = peek ? await deps.resourcesByIds([peek.resourceId]) : [];
      const inputs = await planningInputs(viewer.personId);
      const { index } = deps.framework();
      const claimed = levelsBroughtBy(index, resource);
      await inTransaction(deps.db, async (tx) => {
        const { journey, item, items } = await ownItem(viewer, itemId, tx);
        if (item.status !== 'planned' && item.status !== 'started') throw new AppError('conflict', 'This item is already completed or no longer in your plan.');
        const now = new Date();
        await repo.updateItem(item.id, { status: 'completed', completedAt: now, startedAt: item.startedAt ?? now }, tx);
        await deps.teamRequests?.completed(viewer.personId, item.resourceId, now, tx);
        await repo.insertClaims(
          claimed.map((o) => ({ organisationId: viewer.organisationId, personId: viewer.personId, frameworkId: journey.frameworkId, ...o, resourceId: item.resourceId, journeyItemId: item.id, claimedAt: now })),
          tx,
        );
        const remaining = items.map((i) => (i.id === item.id ? { ...i, status: 'completed' as const } : i));
        await planInto(journey, journey.settings as JourneySettings, remaining, null, inputs, tx);
        await deps.audit.record(
          { organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'journey.item-completed', detail: { journeyId: journey.id, resourceId: item.resourceId, claimed } },
          tx,
        );
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
        if (journey.templateId) await deps.awards?.templateProgressed(tx, { organisationId: viewer.organisationId, personId: viewer.personId, templateId: journey.templateId, at: now });
      });
      return { view: await activeView(viewer.personId), claimed };
    },

    /**
     * A learning platform reported (in an xAPI statement) that the person completed or passed
     * resources: their open journey items for them complete, marked as that platform's word, the
     * levels the resources bring are recorded as the platform's claims, and the rest is re-planned.
     * Idempotent per statement; a resource they already hold a claim from is not claimed again.
     */
    async completeFromPlatform({ personId, organisationId, resourceIds, platform, statementId }: PlatformCompletion): Promise<PlatformCompletionResult> {
      const inputs = await planningInputs(personId);
      const resources = await deps.resourcesByIds(resourceIds);
      const { index } = deps.framework();
      return inTransaction(deps.db, async (tx) => {
        await repo.lockPersonJourney(personId, tx);
        const frameworkId = deps.framework().id;
        const claims = await repo.listClaims(personId, frameworkId, tx);
        if (claims.some((c) => c.statementId === statementId)) return { completedItems: 0, claimed: [] };
        const journey = await repo.findActiveJourney(personId, tx);
        const items = journey ? await repo.listItems(journey.id, tx) : [];
        const open = items.filter((i) => resourceIds.includes(i.resourceId) && (i.status === 'planned' || i.status === 'started'));
        const now = new Date();
        for (const item of open) {
          await repo.updateItem(item.id, { status: 'completed', completedAt: now, startedAt: item.startedAt ?? now, completedOnPlatform: platform }, tx);
          await deps.teamRequests?.completed(personId, item.resourceId, now, tx);
        }
        const alreadyClaimed = new Set(claims.map((c) => c.resourceId));
        const claimed = resources.filter((r) => !alreadyClaimed.has(r.id)).flatMap((r) => levelsBroughtBy(index, r).map((level) => ({ resourceId: r.id, ...level })));
        await repo.insertClaims(
          claimed.map((c) => ({ organisationId, personId, frameworkId, ...c, journeyItemId: open.find((i) => i.resourceId === c.resourceId)?.id ?? null, platform, statementId, claimedAt: now })),
          tx,
        );
        // Completing a template's last resource on a platform earns its credential as by hand.
        if (journey?.templateId && open.length > 0) await deps.awards?.templateProgressed(tx, { organisationId, personId, templateId: journey.templateId, at: now });
        if (journey && open.length > 0) {
          const completedIds = new Set(open.map((i) => i.id));
          const remaining = items.map((i) => (completedIds.has(i.id) ? { ...i, status: 'completed' as const } : i));
          await planInto(journey, journey.settings as JourneySettings, remaining, null, inputs, tx);
        }
        await deps.audit.record(
          { organisationId, actorId: null, subjectId: personId, action: 'journey.platform-completed', detail: { platform, statementId, resourceIds, items: open.length, claimed: claimed.length } },
          tx,
        );
        await deps.contributions?.refreshJourneyProgress(tx, personId);
        return { completedItems: open.length, claimed: claimed.map(({ topicId, level }) => ({ topicId, level })) };
      });
    },

    /** A person's gaps as the planner sees them (self-rated, or claimed where better). */
    async currentGaps({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<TopicGap[]> {
      await deps.access.assertCanSeePerson(viewer, personId);
      return (await learningGaps(personId, await planningInputs(personId), deps.db)).gaps;
    },
  };
}

export type JourneyService = ReturnType<typeof createJourneyService>;
