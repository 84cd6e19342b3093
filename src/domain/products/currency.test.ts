import { describe, expect, it } from 'vitest';
import { productStatementStanding, refresherDueDate, requiredVersionIdFor, summariseCurrency, trainingAvailableSince, trainingClockStart, trainingCurrency } from './currency.ts';
import type { CurrencyStatus, DeploymentState, ProductVersion, TrainingCurrencyInput, TrainingImpact } from './currency.ts';

function version(id: string, trainingImpact: TrainingImpact): ProductVersion {
  return { id, label: `tri-X ${id}`, releasedOn: '2024-01-01', trainingImpact, releaseNotes: `Notes for ${id}`, affectedTopics: [`topic-${id}`] };
}

/** tri-X's history: v2 a bug fix, v3 a new heatmap (refresher), v4 new wording (minor), v5 a new model (refresher). */
const versions = [
  version('v1', 'none'),
  version('v2', 'none'),
  version('v3', 'refresher-required'),
  version('v4', 'minor'),
  version('v5', 'refresher-required'),
];

const dueBy = new Date('2024-06-30T23:59:59Z');
const before = new Date('2024-06-01T09:00:00Z');
const after = new Date('2024-07-01T09:00:00Z');

function input(live: string | null, passed: string[], changes: Partial<TrainingCurrencyInput> = {}): TrainingCurrencyInput {
  return {
    versions,
    deployment: { status: 'live', liveVersionId: live },
    passes: passed.map((productVersionId, i) => ({ productVersionId, passedAt: new Date(Date.UTC(2024, 0, i + 1)) })),
    dueBy,
    now: before,
    ...changes,
  };
}

describe('trainingCurrency', () => {
  it.each<[string, string, string[], Date, CurrencyStatus, string, string | null]>([
    ['a pass on the live version', 'v1', ['v1'], before, 'current', 'v1', 'v1'],
    ['a pass before versions with no training impact', 'v2', ['v1'], before, 'current', 'v1', 'v1'],
    ['a pass on the refresher version', 'v3', ['v3'], after, 'current', 'v3', 'v3'],
    ['a pass before a minor version', 'v4', ['v3'], after, 'current', 'v3', 'v3'],
    ['a pass between the refresher and the live version', 'v4', ['v4'], after, 'current', 'v3', 'v4'],
    ['a pass on a version after the live one (trained while piloting it)', 'v4', ['v5'], after, 'current', 'v3', 'v5'],
    ['a stale pass before the due date', 'v3', ['v2'], before, 'due', 'v3', 'v2'],
    ['a stale pass after the due date', 'v3', ['v2'], after, 'overdue', 'v3', 'v2'],
    ['a pass stale behind two refreshers', 'v5', ['v3'], before, 'due', 'v5', 'v3'],
    ['no pass before the due date', 'v4', [], before, 'not-started', 'v3', null],
    ['no pass after the due date', 'v4', [], after, 'overdue', 'v3', null],
    ['the highest version passed, not the latest pass', 'v4', ['v4', 'v1'], after, 'current', 'v3', 'v4'],
  ])('judges %s', (_name, live, passed, now, status, required, lastPassed) => {
    const currency = trainingCurrency(input(live, passed, { now }));
    expect(currency).toMatchObject({ status, requiredVersionId: required, lastPassedVersionId: lastPassed });
  });

  it('is due at the due instant and overdue just after', () => {
    expect(trainingCurrency(input('v3', ['v1'], { now: dueBy })).status).toBe('due');
    expect(trainingCurrency(input('v3', ['v1'], { now: new Date(dueBy.getTime() + 1) })).status).toBe('overdue');
  });

  it('is never overdue without a due date', () => {
    expect(trainingCurrency(input('v3', [], { dueBy: null, now: after }))).toMatchObject({ status: 'not-started', dueBy: null });
    expect(trainingCurrency(input('v3', ['v1'], { dueBy: null, now: after }))).toMatchObject({ status: 'due', dueBy: null });
  });

  it('reports the due date while something is owed and none once current', () => {
    expect(trainingCurrency(input('v3', ['v1'])).dueBy).toEqual(dueBy);
    expect(trainingCurrency(input('v3', [])).dueBy).toEqual(dueBy);
    expect(trainingCurrency(input('v3', ['v3'])).dueBy).toBeNull();
  });

  it('shows what changed since the last pass: refreshers and minor notes, not silent fixes', () => {
    const stale = trainingCurrency(input('v5', ['v1']));
    expect(stale.whatChanged.map((c) => [c.versionId, c.trainingImpact])).toEqual([
      ['v3', 'refresher-required'],
      ['v4', 'minor'],
      ['v5', 'refresher-required'],
    ]);
    expect(stale.whatChanged[0]).toEqual({
      versionId: 'v3',
      label: 'tri-X v3',
      trainingImpact: 'refresher-required',
      releaseNotes: 'Notes for v3',
      affectedTopics: ['topic-v3'],
    });
  });

  it('shows minor release notes to someone still current, without a new requirement', () => {
    const currency = trainingCurrency(input('v4', ['v3']));
    expect(currency.status).toBe('current');
    expect(currency.whatChanged.map((c) => c.versionId)).toEqual(['v4']);
  });

  it.each<[string, string, string[]]>([
    ['nothing passed', 'v4', []],
    ['the live version passed', 'v4', ['v4']],
    ['a later version passed', 'v3', ['v5']],
    ['only no-impact versions since', 'v2', ['v1']],
  ])('shows no changes with %s', (_name, live, passed) => {
    expect(trainingCurrency(input(live, passed)).whatChanged).toEqual([]);
  });

  it.each<[string, DeploymentState]>([
    ['evaluating', { status: 'evaluating', liveVersionId: 'v5' }],
    ['withdrawn', { status: 'withdrawn', liveVersionId: 'v5' }],
    ['live without a version', { status: 'live', liveVersionId: null }],
    ['piloting without a version', { status: 'piloting', liveVersionId: null }],
  ])('requires nothing when %s, but keeps the record of passes', (_name, deployment) => {
    expect(trainingCurrency({ ...input(null, ['v1'], { now: after }), deployment })).toEqual({
      status: 'not-required',
      requiredVersionId: null,
      lastPassedVersionId: 'v1',
      dueBy: null,
      whatChanged: [],
    });
  });

  it('requires training while piloting', () => {
    const piloting = trainingCurrency({ ...input(null, ['v3']), deployment: { status: 'piloting', liveVersionId: 'v5' } });
    expect(piloting).toMatchObject({ status: 'due', requiredVersionId: 'v5' });
  });

  it('counts a pass on any version when only the first asked for training', () => {
    const quiet = [version('a', 'refresher-required'), version('b', 'minor'), version('c', 'none')];
    expect(trainingCurrency({ ...input('c', ['a']), versions: quiet })).toMatchObject({ status: 'current', requiredVersionId: 'a' });
  });

  it.each<[string, TrainingCurrencyInput, RegExp]>([
    ['an unknown live version', input('v9', []), /Unknown product version "v9" in the deployment/],
    ['a pass on an unknown version', input('v1', ['v0']), /Unknown product version "v0" in a training pass/],
    ['a repeated version', { ...input('v1', []), versions: [...versions, version('v2', 'minor')] }, /"v2" appears more than once/],
  ])('refuses %s', (_name, bad, message) => {
    expect(() => trainingCurrency(bad)).toThrow(message);
  });
});

describe('summariseCurrency', () => {
  it('counts each status, everyone, and everyone who needs training', () => {
    expect(summariseCurrency(['current', 'due', 'current', 'overdue', 'not-required', 'not-started', 'current'])).toEqual({
      current: 3,
      due: 1,
      overdue: 1,
      'not-started': 1,
      'not-required': 1,
      total: 7,
      required: 6,
    });
  });

  it('counts nothing as zeros', () => {
    expect(summariseCurrency([])).toEqual({ current: 0, due: 0, overdue: 0, 'not-started': 0, 'not-required': 0, total: 0, required: 0 });
  });
});

describe('refresherDueDate', () => {
  it.each<[string, number, string]>([
    ['2024-03-01T10:00:00.000Z', 28, '2024-03-29T10:00:00.000Z'],
    ['2024-02-28T00:00:00.000Z', 2, '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T10:00:00.000Z', 0, '2024-03-01T10:00:00.000Z'],
  ])('from %s plus %i days is %s', (goneLive, days, expected) => {
    expect(refresherDueDate(new Date(goneLive), days).toISOString()).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => refresherDueDate(new Date('2024-03-01'), days)).toThrow(RangeError);
  });
});

describe('what training currency says about a product’s Table 2 statements', () => {
  const june = new Date('2024-06-30T23:59:59Z');
  const may = new Date('2024-05-31T23:59:59Z');
  it.each<[string, Array<{ status: CurrencyStatus; dueBy: Date | null }>, ReturnType<typeof productStatementStanding>]>([
    ['current everywhere: met', [{ status: 'current', dueBy: null }], { standing: 'met' }],
    ['a refresher merely due: still met, due by its date', [{ status: 'due', dueBy: june }], { standing: 'refresher-due', dueBy: june }],
    ['due on two deployments: the earlier date', [{ status: 'due', dueBy: june }, { status: 'due', dueBy: may }, { status: 'current', dueBy: null }], { standing: 'refresher-due', dueBy: may }],
    ['overdue: not met', [{ status: 'overdue', dueBy: may }], { standing: 'not-met' }],
    ['never started: not met', [{ status: 'not-started', dueBy: june }], { standing: 'not-met' }],
    ['due on one deployment, overdue on another: not met', [{ status: 'due', dueBy: june }, { status: 'overdue', dueBy: may }], { standing: 'not-met' }],
  ])('%s', (_name, deployments, expected) => {
    expect(productStatementStanding(deployments)).toEqual(expected);
  });
});

describe('when training is available and when a user\'s clock starts', () => {
  const jan = new Date('2024-01-10T00:00:00Z');
  const feb = new Date('2024-02-10T00:00:00Z');
  const mar = new Date('2024-03-10T00:00:00Z');

  it.each([
    ['v1', 'v1'],
    ['v2', 'v1'],
    ['v3', 'v3'],
    ['v4', 'v3'],
    ['v5', 'v5'],
    ['nope', null],
  ])('a deployment live at %s asks for the training of %s', (live, required) => {
    expect(requiredVersionIdFor(versions, live)).toBe(required);
  });

  it.each<[string, string, Array<[string, Date | null]>, Date | null]>([
    ['no module at all', 'v3', [], null],
    ['only a draft for the live version', 'v3', [['v3', null]], null],
    ['a module from before the refresher does not count', 'v3', [['v1', jan]], null],
    ['the live version’s own module', 'v3', [['v3', feb]], feb],
    ['a module between the required and live versions', 'v4', [['v3', mar], ['v4', feb]], feb],
    ['a later version’s module is not yet in use', 'v3', [['v5', jan]], null],
  ])('%s', (_, live, modules, expected) => {
    expect(trainingAvailableSince(versions, live, modules.map(([productVersionId, publishedAt]) => ({ productVersionId, publishedAt })))).toEqual(expected);
  });

  it.each<[string, Date, Date | null, Date | null]>([
    ['waits while there is no training', jan, null, null],
    ['starts when owed if the training was already there', feb, jan, feb],
    ['starts when the training is published if that is later', jan, mar, mar],
  ])('%s', (_, owedSince, availableSince, expected) => {
    expect(trainingClockStart(owedSince, availableSince)).toEqual(expected);
  });
});
