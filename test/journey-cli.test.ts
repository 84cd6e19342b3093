import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from './support/cli-runner.ts';

const gap = (id: string, extra: object = {}) => ({ id, tier: 'foundational', kind: 'knowledge', current: 0, target: 1, weight: 1, ...extra });

/** Greedy would take "big" then "d" (90 minutes); the optimum is a + b (85). */
const instance = {
  gaps: [gap('g1'), gap('g2'), gap('g3'), gap('g4', { tier: 'advanced' }), gap('nobody')],
  resources: [
    { id: 'big', minutes: 60, outcomes: [{ gap: 'g1', level: 1 }, { gap: 'g2', level: 1 }, { gap: 'g3', level: 1 }], prerequisites: [] },
    { id: 'a', minutes: 45, outcomes: [{ gap: 'g1', level: 2 }, { gap: 'g4', level: 1 }] },
    { id: 'b', minutes: 40, outcomes: [{ gap: 'g2', level: 1 }, { gap: 'g3', level: 3 }], prerequisites: [] },
    { id: 'd', minutes: 30, outcomes: [{ gap: 'g4', level: 1 }], prerequisites: [] },
  ],
};

describe('confidence-hub journey plan', () => {
  let workDir: string;
  const file = (name: string, content: unknown): string => {
    const target = path.join(workDir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-journey-cli-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('prints the optimal plan as one JSON object', async () => {
    const result = await run('journey', 'plan', '--instance', file('instance.json', instance));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const plan = JSON.parse(result.stdout);
    expect(plan).toEqual({
      selected: ['a', 'b'],
      order: ['b', 'a'],
      totalMinutes: 85,
      closed: ['g1', 'g2', 'g3', 'g4'],
      unclosable: ['nobody'],
      outOfBudget: [],
      closedWeight: 4,
      solver: 'exact',
      optimal: true,
      lowered: [],
    });
  });

  it('aims a gap no resource reaches at the highest level one does, as the hub does, unless told --exact-targets', async () => {
    const reachOnlyTwo = { gaps: [gap('g1', { target: 3 })], resources: [{ id: 'r', minutes: 20, outcomes: [{ gap: 'g1', level: 2 }] }] };
    const capped = JSON.parse((await run('journey', 'plan', '--instance', file('reach.json', reachOnlyTwo))).stdout);
    expect(capped).toMatchObject({ selected: ['r'], closed: ['g1'], unclosable: [], lowered: [{ gap: 'g1', requested: 3, planned: 2 }] });
    const exact = JSON.parse((await run('journey', 'plan', '--instance', file('reach.json', reachOnlyTwo), '--exact-targets')).stdout);
    expect(exact).toMatchObject({ selected: [], unclosable: ['g1'], lowered: [] });
  });

  it('plans within a budget and a time limit', async () => {
    const result = await run('journey', 'plan', '--instance', file('budget.json', instance), '--budget-minutes', '45', '--time-limit-ms', '500');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ selected: ['b'], totalMinutes: 40, closedWeight: 2, outOfBudget: ['g1', 'g4'], optimal: true });
  });

  it.each([
    ['negative minutes', { ...instance, resources: [{ id: 'r', minutes: -5, outcomes: [] }] }, /resources\[0\] "r"\.minutes/],
    ['an unknown tier', { ...instance, gaps: [gap('g1', { tier: 'basic' })] }, /gaps\[0\] "g1"\.tier/],
    ['a missing outcomes list', { ...instance, resources: [{ id: 'r', minutes: 5 }] }, /resources\[0\] "r"\.outcomes/],
    ['an outcome on an unknown gap', { ...instance, resources: [{ id: 'r', minutes: 5, outcomes: [{ gap: 'ghost', level: 1 }] }] }, /resource "r" has an outcome on unknown gap "ghost"/],
    ['a level beyond the scale', { ...instance, gaps: [gap('g1', { kind: 'skill', target: 3 })] }, /gap "g1" has target 3; a skill target is a rank from 1 to 2/],
  ])('rejects an instance with %s (exit 2)', async (_, content, message) => {
    const result = await run('journey', 'plan', '--instance', file('invalid.json', content));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it.each([
    ['a file that is not JSON', ['--instance', 'NOT_JSON'], /is not valid JSON/],
    ['a missing file', ['--instance', 'MISSING'], /Cannot read instance file .*ENOENT/],
    ['a negative budget', ['--instance', 'INSTANCE', '--budget-minutes', '-3'], /--budget-minutes must be a number >= 0, not "-3"/],
    ['a budget that is not a number', ['--instance', 'INSTANCE', '--budget-minutes', 'lots'], /--budget-minutes must be a number/],
  ])('rejects %s (exit 2)', async (_, args, message) => {
    const paths: Record<string, string> = {
      NOT_JSON: file('broken.json', '{ "gaps": ['),
      MISSING: path.join(workDir, 'nope.json'),
      INSTANCE: file('ok.json', instance),
    };
    const result = await run('journey', 'plan', ...args.map((a) => paths[a] ?? a));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('requires --instance', async () => {
    const result = await run('journey', 'plan');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("required option '--instance <file>' not specified");
  });
});
