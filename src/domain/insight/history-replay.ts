import { trainingCurrency } from '../products/currency.ts';
import type { DeploymentState, DeploymentStatus, ProductVersion, TrainingPass } from '../products/currency.ts';
import { currencyContribution, journeyProgress, ukDate } from './contributions.ts';
import type { CurrencyContribution, JourneyItemStatus, JourneyProgress } from './contributions.ts';

/**
 * A person's training and journey contributions as they stood at a past instant (docs/scale.md
 * §2.7), replayed from dated facts through the same domain rules as today's rows: a fact dated
 * after the instant does not count. Where the schema keeps no date for a change, the nearest
 * honest one is used and named here, never an invented one.
 */

const by = (at: Date | null, moment: Date) => at !== null && at.getTime() <= moment.getTime();

/** A deployment link with what is dated about its deployment. */
export interface LinkHistory {
  deploymentId: string;
  productId: string;
  linkedAt: Date;
  unlinkedAt: Date | null;
  /** Only the latest due date is kept, so it stands for every month (it is judged against each month's end when read). */
  dueBy: Date | null;
  status: DeploymentStatus;
  liveVersionId: string | null;
  startedOn: string;
  liveSince: string | null;
  withdrawnAt: Date | null;
}

/** A recorded change of the deployment's status or live version. */
export interface DeploymentChange {
  at: Date;
  from: DeploymentState;
  to: DeploymentState;
}

/**
 * Without recorded changes (rows loaded in bulk), the status at `at`: withdrawn from its
 * withdrawal, nothing asked before it started, and otherwise as now (a withdrawn deployment counts
 * as live before its withdrawal if it ever went live). Going live is dated, but a deployment
 * piloted before it went live owed training then too, so that date alone does not start the clock.
 */
export function deploymentStatusAt(link: Pick<LinkHistory, 'status' | 'startedOn' | 'liveSince' | 'withdrawnAt'>, at: Date): DeploymentStatus {
  if (by(link.withdrawnAt, at)) return 'withdrawn';
  if (link.startedOn > ukDate(at)) return 'evaluating';
  if (link.status !== 'withdrawn') return link.status;
  return link.liveSince !== null ? 'live' : 'evaluating';
}

/**
 * Without recorded changes, the version in use at `at`: the latest one released by then, up to
 * the one in use now (versions in release order). Null before any was.
 */
export function liveVersionAt(versions: readonly ProductVersion[], liveVersionId: string | null, at: Date): string | null {
  if (liveVersionId === null) return null;
  const day = ukDate(at);
  for (let i = versions.findIndex((v) => v.id === liveVersionId); i >= 0; i -= 1) {
    const version = versions[i];
    if (version && version.releasedOn <= day) return version.id;
  }
  return null;
}

/**
 * The deployment's status and live version at `at`: from its recorded changes (oldest first) when
 * there are any (the last one by then, or what the first one changed from), else estimated as above.
 */
export function deploymentAt(link: LinkHistory, changes: readonly DeploymentChange[], versions: readonly ProductVersion[], at: Date): DeploymentState {
  const first = changes[0];
  if (!first) return { status: deploymentStatusAt(link, at), liveVersionId: liveVersionAt(versions, link.liveVersionId, at) };
  return changes.filter((c) => by(c.at, at)).at(-1)?.to ?? first.from;
}

/** The link's training contribution at `at`, or null when the person was not linked then. */
export function currencyAt(link: LinkHistory, changes: readonly DeploymentChange[], versions: readonly ProductVersion[], passes: readonly TrainingPass[], at: Date): CurrencyContribution | null {
  if (!by(link.linkedAt, at) || by(link.unlinkedAt, at)) return null;
  const deployment = deploymentAt(link, changes, versions, at);
  const passed = passes.filter((p) => by(p.passedAt, at));
  return currencyContribution(trainingCurrency({ versions, deployment, passes: passed, dueBy: link.dueBy, now: at }));
}

export interface JourneyHistory {
  id: string;
  frameworkId: string;
  status: 'active' | 'archived';
  createdAt: Date;
  /** Null for an archived journey only if archived before the date was kept: then its successor's start ends it. */
  archivedAt: Date | null;
}

export interface ItemHistory {
  journeyId: string;
  status: JourneyItemStatus;
  durationMinutes: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  removedAt: Date | null;
}

/**
 * An item's status at `at` (null before it was added). Its timestamps say when it started, was
 * completed or was removed; a completed item without a completion time counts from when it
 * started, else from when it was added.
 */
export function itemStatusAt(item: ItemHistory, at: Date): JourneyItemStatus | null {
  if (!by(item.createdAt, at)) return null;
  if ((item.status === 'removed' || item.status === 'swapped') && (item.removedAt === null || by(item.removedAt, at))) return item.status;
  const completed = item.status === 'completed' ? (item.completedAt ?? item.startedAt ?? item.createdAt) : null;
  if (by(completed, at)) return 'completed';
  if (item.status !== 'planned' && by(item.startedAt, at)) return 'started';
  return 'planned';
}

/** When each journey stopped being active (null: it still is), by id; `journeys` are one person's. */
function endsOf(journeys: readonly JourneyHistory[]): Map<string, Date | null> {
  const sorted = [...journeys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return new Map(sorted.map((j, i) => [j.id, j.archivedAt ?? (j.status === 'active' ? null : (sorted[i + 1]?.createdAt ?? j.createdAt))]));
}

/**
 * One person's journey progress at `at`, as `journeyProgress` counts it today: the journey active
 * then, its planned and started items, and what was completed by then in any journey. Null when no
 * journey was active then (as today, a person with only archived journeys has no row).
 */
export function journeyProgressAt(journeys: readonly JourneyHistory[], items: readonly ItemHistory[], at: Date): ({ frameworkId: string } & JourneyProgress) | null {
  const ends = endsOf(journeys);
  const activeThen = (j: JourneyHistory) => by(j.createdAt, at) && !by(ends.get(j.id) ?? null, at);
  const active = journeys.filter(activeThen).at(-1);
  if (!active) return null;
  const then = items.flatMap((item) => {
    const status = itemStatusAt(item, at);
    return status === null ? [] : [{ active: item.journeyId === active.id, status, durationMinutes: item.durationMinutes }];
  });
  return { frameworkId: active.frameworkId, ...journeyProgress(then) };
}
