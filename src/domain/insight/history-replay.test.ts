import { describe, expect, it } from 'vitest';
import type { ProductVersion } from '../products/currency.ts';
import { currencyAt, deploymentAt, deploymentStatusAt, itemStatusAt, journeyProgressAt, liveVersionAt } from './history-replay.ts';
import type { ItemHistory, JourneyHistory, LinkHistory } from './history-replay.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const version = (id: string, releasedOn: string, trainingImpact: ProductVersion['trainingImpact'] = 'none'): ProductVersion => ({ id, label: id, releasedOn, trainingImpact, releaseNotes: '', affectedTopics: [] });
const VERSIONS = [version('v1', '2025-01-10'), version('v2', '2025-06-10', 'refresher-required')];

const link: LinkHistory = {
  deploymentId: 'd', productId: 'p', linkedAt: at('2025-02-01'), unlinkedAt: null, dueBy: at('2025-08-15'),
  status: 'live', liveVersionId: 'v2', startedOn: '2025-01-01', liveSince: '2025-02-01', withdrawnAt: null,
};

describe('replaying a deployment', () => {
  it('without recorded changes, is as it is now from its start, and withdrawn from its withdrawal', () => {
    expect(deploymentStatusAt(link, at('2024-12-20'))).toBe('evaluating');
    expect(deploymentStatusAt(link, at('2025-01-20'))).toBe('live');
    expect(deploymentStatusAt({ ...link, status: 'piloting', liveSince: null }, at('2025-01-20'))).toBe('piloting');
    const withdrawn = { ...link, status: 'withdrawn' as const, withdrawnAt: at('2025-05-01') };
    expect(deploymentStatusAt(withdrawn, at('2025-04-30'))).toBe('live');
    expect(deploymentStatusAt(withdrawn, at('2025-05-02'))).toBe('withdrawn');
    expect(deploymentStatusAt({ ...withdrawn, liveSince: null }, at('2025-04-30'))).toBe('evaluating');
  });

  it('follows its recorded changes of status and version when there are any', () => {
    const changes = [
      { at: at('2025-03-01'), from: { status: 'evaluating' as const, liveVersionId: null }, to: { status: 'live' as const, liveVersionId: 'v1' } },
      { at: at('2025-07-01'), from: { status: 'live' as const, liveVersionId: 'v1' }, to: { status: 'live' as const, liveVersionId: 'v2' } },
    ];
    expect(deploymentAt(link, changes, VERSIONS, at('2025-02-01'))).toEqual({ status: 'evaluating', liveVersionId: null });
    expect(deploymentAt(link, changes, VERSIONS, at('2025-03-01'))).toEqual({ status: 'live', liveVersionId: 'v1' });
    // v2 was released in June but only went live here in July.
    expect(deploymentAt(link, changes, VERSIONS, at('2025-06-30'))).toEqual({ status: 'live', liveVersionId: 'v1' });
    expect(deploymentAt(link, changes, VERSIONS, at('2025-07-02'))).toEqual({ status: 'live', liveVersionId: 'v2' });
    expect(deploymentAt(link, [], VERSIONS, at('2025-06-30'))).toEqual({ status: 'live', liveVersionId: 'v2' });
  });

  it('has the latest version released by then live, up to the one live now', () => {
    expect(liveVersionAt(VERSIONS, 'v2', at('2025-03-01'))).toBe('v1');
    expect(liveVersionAt(VERSIONS, 'v2', at('2025-06-10'))).toBe('v2');
    expect(liveVersionAt(VERSIONS, 'v1', at('2025-07-01'))).toBe('v1');
    expect(liveVersionAt(VERSIONS, 'v2', at('2024-12-01'))).toBeNull();
  });
});

describe('replaying training currency', () => {
  const passV1 = { productVersionId: 'v1', passedAt: at('2025-03-05') };

  it('counts a pass from when it was made, and a refresher from when its version was released', () => {
    expect(currencyAt(link, [], VERSIONS, [passV1], at('2025-02-28'))).toEqual({ state: 'owed', started: false, dueOn: '2025-08-15' });
    expect(currencyAt(link, [], VERSIONS, [passV1], at('2025-03-31'))).toEqual({ state: 'current', started: true, dueOn: 'infinity' });
    expect(currencyAt(link, [], VERSIONS, [passV1], at('2025-06-30'))).toEqual({ state: 'owed', started: true, dueOn: '2025-08-15' });
  });

  it('counts nothing before the person was linked or after they were unlinked', () => {
    expect(currencyAt(link, [], VERSIONS, [], at('2025-01-31'))).toBeNull();
    expect(currencyAt({ ...link, unlinkedAt: at('2025-04-01') }, [], VERSIONS, [], at('2025-04-30'))).toBeNull();
  });
});

describe('replaying a journey', () => {
  const item = (over: Partial<ItemHistory>): ItemHistory => ({ journeyId: 'j1', status: 'planned', durationMinutes: 30, createdAt: at('2025-01-05'), startedAt: null, completedAt: null, removedAt: null, ...over });

  it('gives an item the status its timestamps say it had', () => {
    const done = item({ status: 'completed', startedAt: at('2025-02-05'), completedAt: at('2025-04-05') });
    expect(itemStatusAt(done, at('2025-01-01'))).toBeNull();
    expect(itemStatusAt(done, at('2025-01-31'))).toBe('planned');
    expect(itemStatusAt(done, at('2025-03-01'))).toBe('started');
    expect(itemStatusAt(done, at('2025-04-30'))).toBe('completed');
    expect(itemStatusAt(item({ status: 'removed', removedAt: at('2025-03-05') }), at('2025-02-01'))).toBe('planned');
    expect(itemStatusAt(item({ status: 'removed', removedAt: at('2025-03-05') }), at('2025-03-31'))).toBe('removed');
    // A completion without a time counts from when the item started.
    expect(itemStatusAt(item({ status: 'completed', startedAt: at('2025-02-05') }), at('2025-02-28'))).toBe('completed');
  });

  it('counts the journey active then, and what was completed by then in any journey', () => {
    const first: JourneyHistory = { id: 'j1', frameworkId: 'f', status: 'archived', createdAt: at('2025-01-05'), archivedAt: null };
    const second: JourneyHistory = { id: 'j2', frameworkId: 'f', status: 'active', createdAt: at('2025-05-05'), archivedAt: null };
    const items = [item({ status: 'completed', completedAt: at('2025-02-05'), startedAt: at('2025-02-05') }), item({}), item({ journeyId: 'j2', createdAt: at('2025-05-05') })];
    expect(journeyProgressAt([first, second], items, at('2025-01-01'))).toBeNull();
    expect(journeyProgressAt([first, second], items, at('2025-03-01'))).toEqual({ frameworkId: 'f', started: 1, itemsPlanned: 2, itemsCompleted: 1, minutesPlanned: 60, minutesDone: 30 });
    // Archived without a date: the next journey's start ends it, so its planned item no longer counts.
    expect(journeyProgressAt([first, second], items, at('2025-06-01'))).toEqual({ frameworkId: 'f', started: 1, itemsPlanned: 2, itemsCompleted: 1, minutesPlanned: 60, minutesDone: 30 });
    expect(journeyProgressAt([first], items.slice(0, 2), at('2025-06-01'))).toBeNull();
  });
});
