/**
 * Whether a person's product training is current (R8): everyone linked to a deployment that is
 * piloting or live must have passed the module for the version in use. A version released with
 * impact 'refresher-required' makes earlier passes stale; 'minor' only adds release notes to read.
 * Withdrawing a deployment ends what is due; passes are records and are never discarded.
 */

export type TrainingImpact = 'none' | 'minor' | 'refresher-required';

export interface ProductVersion {
  id: string;
  label: string;
  /** ISO date. */
  releasedOn: string;
  trainingImpact: TrainingImpact;
  releaseNotes: string;
  affectedTopics: string[];
}

export type DeploymentStatus = 'evaluating' | 'piloting' | 'live' | 'withdrawn';

export interface DeploymentState {
  status: DeploymentStatus;
  /** The version in use (the one piloted, while piloting); null before one is chosen. */
  liveVersionId: string | null;
}

export interface TrainingPass {
  productVersionId: string;
  passedAt: Date;
}

export interface TrainingCurrencyInput {
  /** The product's versions in release order. */
  versions: readonly ProductVersion[];
  deployment: DeploymentState;
  passes: readonly TrainingPass[];
  /** When the current requirement falls due: set by the service when the person was linked or a refresher went live. */
  dueBy: Date | null;
  now: Date;
}

export const CURRENCY_STATUSES = ['current', 'due', 'overdue', 'not-started', 'not-required'] as const;
export type CurrencyStatus = (typeof CURRENCY_STATUSES)[number];

export interface VersionChange {
  versionId: string;
  label: string;
  trainingImpact: TrainingImpact;
  releaseNotes: string;
  affectedTopics: string[];
}

export interface TrainingCurrency {
  status: CurrencyStatus;
  /** The earliest version whose pass still counts; a pass on it or any later version satisfies. Null when not required. */
  requiredVersionId: string | null;
  /** The latest version in release order the person has passed, whether or not it is still required. */
  lastPassedVersionId: string | null;
  /** The input's due date while something is owed; null when current or not required. */
  dueBy: Date | null;
  /** Minor and refresher-required versions after the last one passed, up to the version in use. */
  whatChanged: VersionChange[];
}

const DEPLOYMENTS_NEEDING_TRAINING: ReadonlySet<DeploymentStatus> = new Set(['piloting', 'live']);

/**
 * A person's training currency for one deployment. Unknown version ids (the version in use or a
 * pass's) are programming errors and throw: versions are never deleted, so the service always
 * has them.
 */
export function trainingCurrency(input: TrainingCurrencyInput): TrainingCurrency {
  const position = positionsOf(input.versions);
  const lastPassed = lastPassedPosition(input.passes, position);
  const lastPassedVersionId = lastPassed === null ? null : (input.versions[lastPassed]?.id ?? null);
  const { deployment } = input;
  if (!DEPLOYMENTS_NEEDING_TRAINING.has(deployment.status) || deployment.liveVersionId === null) {
    return { status: 'not-required', requiredVersionId: null, lastPassedVersionId, dueBy: null, whatChanged: [] };
  }
  const live = requirePosition(position, deployment.liveVersionId, 'the deployment');
  const required = requiredPosition(input.versions, live);
  const whatChanged = lastPassed === null ? [] : changesBetween(input.versions, lastPassed, live);
  const base = { requiredVersionId: input.versions[required]?.id ?? null, lastPassedVersionId, whatChanged };
  if (lastPassed !== null && lastPassed >= required) return { ...base, status: 'current', dueBy: null };
  const isOverdue = input.dueBy !== null && input.now.getTime() > input.dueBy.getTime();
  const owed: CurrencyStatus = lastPassed === null ? 'not-started' : 'due';
  return { ...base, status: isOverdue ? 'overdue' : owed, dueBy: input.dueBy };
}

/**
 * The last refresher-required version at or before the one in use, or the first version when
 * none was: no version after it up to the one in use asks for a refresher, so a pass on it or
 * later still counts.
 */
function requiredPosition(versions: readonly ProductVersion[], live: number): number {
  for (let i = live; i > 0; i -= 1) {
    if (versions[i]?.trainingImpact === 'refresher-required') return i;
  }
  return 0;
}

function changesBetween(versions: readonly ProductVersion[], lastPassed: number, live: number): VersionChange[] {
  return versions
    .slice(lastPassed + 1, live + 1)
    .filter((v) => v.trainingImpact !== 'none')
    .map((v) => ({
      versionId: v.id,
      label: v.label,
      trainingImpact: v.trainingImpact,
      releaseNotes: v.releaseNotes,
      affectedTopics: [...v.affectedTopics],
    }));
}

function positionsOf(versions: readonly ProductVersion[]): ReadonlyMap<string, number> {
  const position = new Map<string, number>();
  versions.forEach((v, i) => {
    if (position.has(v.id)) throw new Error(`Product version "${v.id}" appears more than once`);
    position.set(v.id, i);
  });
  return position;
}

/** The highest release position passed, not the most recent pass: a re-take of an old version does not undo a later pass. */
function lastPassedPosition(passes: readonly TrainingPass[], position: ReadonlyMap<string, number>): number | null {
  let last: number | null = null;
  for (const pass of passes) {
    const at = requirePosition(position, pass.productVersionId, 'a training pass');
    if (last === null || at > last) last = at;
  }
  return last;
}

function requirePosition(position: ReadonlyMap<string, number>, versionId: string, where: string): number {
  const at = position.get(versionId);
  if (at === undefined) throw new Error(`Unknown product version "${versionId}" in ${where}`);
  return at;
}

export type CurrencyCounts = Record<CurrencyStatus, number> & {
  /** Everyone counted. */
  total: number;
  /** Everyone who needs training now: total less 'not-required'. */
  required: number;
};

/** Counts per status, for the per-deployment and per-organisation currency views. */
export function summariseCurrency(statuses: Iterable<CurrencyStatus>): CurrencyCounts {
  const counts: CurrencyCounts = { current: 0, due: 0, overdue: 0, 'not-started': 0, 'not-required': 0, total: 0, required: 0 };
  for (const status of statuses) {
    counts[status] += 1;
    counts.total += 1;
    if (status !== 'not-required') counts.required += 1;
  }
  return counts;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The date a refresher falls due: `days` whole days (of 24 hours) after the version went live. */
export function refresherDueDate(goneLiveAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`A refresher period must be a whole number of days, 0 or more (got ${days})`);
  return new Date(goneLiveAt.getTime() + days * MS_PER_DAY);
}

/**
 * What a person's training for one product (over every deployment of it they use) says about its
 * Table 2 statements (R8). 'met' when current everywhere. A refresher that is merely due keeps
 * them met, with the date it is due by: the person passed an earlier version and is still within
 * the time allowed, so what they knew is not lost. Overdue or never started is 'not-met'.
 */
export type ProductStatementStanding = { standing: 'met' } | { standing: 'refresher-due'; dueBy: Date | null } | { standing: 'not-met' };

export function productStatementStanding(deployments: ReadonlyArray<{ status: CurrencyStatus; dueBy: Date | null }>): ProductStatementStanding {
  const owed = deployments.filter((d) => d.status !== 'current' && d.status !== 'not-required');
  if (owed.length === 0) return { standing: 'met' };
  if (owed.some((d) => d.status !== 'due')) return { standing: 'not-met' };
  const dates = owed.flatMap((d) => (d.dueBy ? [d.dueBy.getTime()] : []));
  return { standing: 'refresher-due', dueBy: dates.length > 0 ? new Date(Math.min(...dates)) : null };
}

/** A training module as far as the clock is concerned: the version it teaches and when it was first published (null while a draft). */
export interface PublishedTraining {
  productVersionId: string;
  publishedAt: Date | null;
}

/**
 * The version whose training a deployment's live version asks for: the last refresher-required
 * version at or before it, else the first. Null for an unknown version.
 */
export function requiredVersionIdFor(versions: readonly ProductVersion[], liveVersionId: string): string | null {
  const live = versions.findIndex((v) => v.id === liveVersionId);
  if (live < 0) return null;
  return versions[requiredPosition(versions, live)]?.id ?? null;
}

/**
 * When training for a live version became available to take: the earliest first publication of a
 * module from the required version up to the live one (a pass on any of them makes a user current).
 * Null while there is none, so nobody can be made due for training that does not exist.
 */
export function trainingAvailableSince(versions: readonly ProductVersion[], liveVersionId: string, modules: readonly PublishedTraining[]): Date | null {
  const position = new Map(versions.map((v, i) => [v.id, i]));
  const live = position.get(liveVersionId);
  if (live === undefined) return null;
  const required = requiredPosition(versions, live);
  let since: Date | null = null;
  for (const m of modules) {
    const at = position.get(m.productVersionId);
    if (m.publishedAt === null || at === undefined || at < required || at > live) continue;
    if (since === null || m.publishedAt.getTime() < since.getTime()) since = m.publishedAt;
  }
  return since;
}

/**
 * When a user's clock for training starts: when it became owed (linked, or the version went
 * live), but never before the training was published. Null while there is no training to take.
 */
export function trainingClockStart(owedSince: Date, availableSince: Date | null): Date | null {
  if (availableSince === null) return null;
  return owedSince.getTime() >= availableSince.getTime() ? owedSince : availableSince;
}
